-- Who signed (or witnessed) which agreement, with their title as of the latest report.
select
    a.agreement_id,
    a.agreement_kind,
    a.title,
    a.event_date,
    per.full_name,
    per.latest_title,
    p.role,
    p.country_code
from {{ ref('fct_agreements') }} as a
inner join {{ ref('fct_agreement_participants') }} as p
    on a.agreement_id = p.agreement_id and p.participant_kind = 'person'
inner join {{ ref('dim_persons') }} as per on p.participant_id = per.person_id
where p.role in ('signatory', 'witness')
order by a.event_date nulls last, a.agreement_id, p.role, per.full_name
