-- Every edition of every list, and whether each mineral is on it: join on the edition in
-- force when an agreement was signed to ask "was it critical then?".
with minerals as (
    select * from {{ ref('minerals') }}
),

critical_mineral_lists as (
    select * from {{ ref('critical_mineral_lists') }}
),

mineral_list_memberships as (
    select * from {{ ref('mineral_list_memberships') }}
)

select
    m.mineral_id::text as mineral_id,
    l.list_id::text as list_id,
    l.jurisdiction::text as jurisdiction,
    l.list_name::text as list_name,
    l.category::text as category,
    l.edition_year::integer as edition_year,
    make_date(l.edition_year::integer, 1, 1) as in_force_from,
    (lead(make_date(l.edition_year::integer, 1, 1)) over (
        partition by m.mineral_id, l.jurisdiction, l.category order by l.edition_year
    ) - 1)::date as in_force_until,
    l.is_current::boolean as is_current_edition,
    (ms.mineral_id is not null) as is_listed,
    l.source_url::text as source_url
from minerals as m
cross join critical_mineral_lists as l
left join mineral_list_memberships as ms
    on m.mineral_id = ms.mineral_id and l.list_id = ms.list_id
