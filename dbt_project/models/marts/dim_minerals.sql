-- Minerals with their flags on the current US and EU lists.
with minerals as (
    select * from {{ ref('minerals') }}
),

critical_mineral_lists as (
    select * from {{ ref('critical_mineral_lists') }}
),

mineral_list_memberships as (
    select * from {{ ref('mineral_list_memberships') }}
),

current_memberships as (
    select
        ms.mineral_id,
        l.list_id,
        l.jurisdiction,
        l.category
    from mineral_list_memberships as ms
    inner join critical_mineral_lists as l on ms.list_id = l.list_id
    where l.is_current
)

select
    m.mineral_id::text as mineral_id,
    m.name::text as name,
    nullif(m.symbol, '')::text as symbol,
    m.mineral_group::text as mineral_group,
    coalesce(bool_or(c.jurisdiction = 'USA' and c.category = 'critical'), false) as is_us_critical,
    coalesce(bool_or(c.jurisdiction = 'EUU' and c.category = 'critical'), false) as is_eu_critical,
    coalesce(bool_or(c.jurisdiction = 'EUU' and c.category = 'strategic'), false) as is_eu_strategic,
    coalesce(string_agg(c.list_id, ', ' order by c.list_id), '')::text as list_sources
from minerals as m
left join current_memberships as c on m.mineral_id = c.mineral_id
group by m.mineral_id, m.name, m.symbol, m.mineral_group
