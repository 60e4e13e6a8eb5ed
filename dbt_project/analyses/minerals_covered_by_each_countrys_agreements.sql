-- Which minerals each country's agreements cover, with the list flags an analyst filters on.
select
    p.participant_id as country_code,
    m.mineral_id,
    dm.name as mineral,
    dm.is_us_critical,
    dm.is_eu_critical,
    dm.is_eu_strategic,
    count(distinct a.agreement_id) as agreements
from {{ ref('fct_agreements') }} as a
inner join {{ ref('fct_agreement_participants') }} as p
    on a.agreement_id = p.agreement_id and p.role = 'party' and p.participant_kind = 'country'
inner join {{ ref('fct_agreement_minerals') }} as m on a.agreement_id = m.agreement_id
inner join {{ ref('dim_minerals') }} as dm on m.mineral_id = dm.mineral_id
group by p.participant_id, m.mineral_id, dm.name, dm.is_us_critical, dm.is_eu_critical, dm.is_eu_strategic
order by country_code asc, agreements desc, m.mineral_id asc
