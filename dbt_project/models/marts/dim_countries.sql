with countries as (
    select * from {{ ref('countries') }}
)

select
    country_code::text as country_code,
    iso2::text as iso2,
    name::text as name,
    nullif(region, '')::text as region,
    nullif(subregion, '')::text as subregion
from countries
