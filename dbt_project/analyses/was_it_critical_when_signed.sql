-- For each agreement's minerals: was the mineral on the US or EU list in force at the
-- event date? (Undated agreements are compared with the current editions.)
select
    a.agreement_id,
    a.event_date,
    m.mineral_id,
    k.jurisdiction,
    k.category,
    k.list_id,
    k.is_listed
from {{ ref('fct_agreements') }} as a
inner join {{ ref('fct_agreement_minerals') }} as m on a.agreement_id = m.agreement_id
inner join {{ ref('dim_mineral_criticality') }} as k
    on
        m.mineral_id = k.mineral_id
        and (
            (a.event_date is null and k.is_current_edition)
            or (a.event_date >= k.in_force_from and (k.in_force_until is null or a.event_date <= k.in_force_until))
        )
order by a.agreement_id, m.mineral_id, k.jurisdiction, k.category
