-- Participants of each merged agreement, one role per participant: the one of lowest
-- precedence any source gives (reference/participant_roles.csv), so a signatory in
-- one report and "mentioned" in another is a signatory.
with participants as (
    select * from {{ ref('stg_etl__extracted_agreement_participants') }}
),

agreement_merges as (
    select * from {{ ref('int_agreement_merges') }}
),

participant_roles as (
    select * from {{ ref('participant_roles') }}
),

reported as (
    select
        m.agreement_id,
        p.participant_kind,
        p.participant_id,
        p.role,
        p.country_code,
        p.title,
        r.precedence as role_precedence
    from participants as p
    inner join agreement_merges as m
        on p.document_id = m.document_id and p.agreement_index = m.agreement_index
    left join participant_roles as r on p.role = r.role
)

select
    agreement_id,
    participant_kind,
    participant_id,
    (array_agg(role order by role_precedence))[1] as role,
    mode() within group (order by country_code) filter (where country_code is not null) as country_code,
    -- the title the reports give at the time of this agreement (a minister may move on later)
    mode() within group (order by title) filter (where title is not null) as title
from reported
group by agreement_id, participant_kind, participant_id
