-- Participants of each merged agreement, one role per participant: the strongest any
-- source gives (a signatory in one report and "mentioned" in another is a signatory).
with reported as (
    select
        m.agreement_id,
        p.participant_kind,
        p.participant_key,
        p.role,
        p.country_code,
        p.title,
        case p.role
            when 'party' then 1 when 'signatory' then 2 when 'witness' then 3
            when 'attendee' then 4 else 5
        end as role_rank
    from {{ source('staging', 'extracted_agreement_participants') }} as p
    inner join {{ ref('int_agreement_merges') }} as m
        on p.document_id = m.document_id and p.agreement_index = m.agreement_index
)

select
    agreement_id,
    participant_kind,
    participant_key as participant_id,
    (array_agg(role order by role_rank))[1] as role,
    mode() within group (order by country_code) filter (where country_code is not null) as country_code,
    -- the title the reports give at the time of this agreement (a minister may move on later)
    mode() within group (order by title) filter (where title is not null) as title
from reported
group by agreement_id, participant_kind, participant_key
