-- How many agreements each pair of countries concluded, by year of the event.
-- Start here for "who is Chile doing critical-minerals deals with?".
select
    p.participant_id as country_code,
    c.name as country,
    partner.participant_id as partner_code,
    pc.name as partner,
    extract(year from a.event_date)::integer as event_year,
    count(distinct a.agreement_id) as agreements
from {{ ref('fct_agreements') }} as a
inner join {{ ref('fct_agreement_participants') }} as p
    on a.agreement_id = p.agreement_id and p.role = 'party' and p.participant_kind = 'country'
inner join {{ ref('fct_agreement_participants') }} as partner
    on
        a.agreement_id = partner.agreement_id and partner.role = 'party'
        and partner.participant_kind = 'country' and p.participant_id != partner.participant_id
inner join {{ ref('dim_countries') }} as c on p.participant_id = c.country_code
inner join {{ ref('dim_countries') }} as pc on partner.participant_id = pc.country_code
where a.is_critical_minerals_related
group by p.participant_id, c.name, partner.participant_id, pc.name, event_year
order by agreements desc, country asc, partner asc, event_year asc
