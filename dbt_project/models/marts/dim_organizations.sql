with organizations as (
    select * from {{ ref('int_organizations') }}
)

select
    organization_id::text as organization_id,
    name::text as name,
    acronym::text as acronym,
    organization_kind::text as organization_kind,
    country_code::text as country_code,
    is_curated::boolean as is_curated
from organizations
