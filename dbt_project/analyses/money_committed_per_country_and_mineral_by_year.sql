-- Money committed per country and mineral by year: investments, financing and grants in
-- US dollars (at the yearly rate of the year each was first reported), by the country
-- where the money goes, the mineral and the year it was first reported. Amounts in a
-- currency without a sourced rate are counted but not summed (unconverted_commitments).
select
    c.reported_year,
    c.country_code,
    country.name as country,
    c.mineral_id,
    mineral.name as mineral,
    count(*) as commitments,
    sum(c.amount_usd) as amount_usd,
    count(*) filter (where c.amount_usd is null) as unconverted_commitments
from {{ ref('fct_commitments') }} as c
left join {{ ref('dim_countries') }} as country on c.country_code = country.country_code
left join {{ ref('dim_minerals') }} as mineral on c.mineral_id = mineral.mineral_id
where c.commitment_kind in ('investment', 'financing', 'grant')
group by c.reported_year, c.country_code, country.name, c.mineral_id, mineral.name
order by c.reported_year desc nulls last, amount_usd desc nulls last, country asc, mineral asc
