-- Organisations: the curated reference list, plus bodies the extractor found by pattern
-- ("Ministry of Mines of ...", "Long Name (ACRONYM)"). An acronym and its long form share
-- one key because the extractor links each acronym to the long form it was defined with.
with mentions as (
    select * from {{ ref('stg_etl__mentions') }}
),

organizations as (
    select * from {{ ref('organizations') }}
),

found as (
    select
        normalized_key as organization_id,
        mode() within group (order by surface_text) filter (where acronym is null or surface_text != acronym) as name,
        max(acronym) as acronym,
        mode() within group (order by organization_kind) as organization_kind,
        mode() within group (order by country_code) as country_code
    from mentions
    where mention_kind = 'organization'
    group by normalized_key
),

curated as (
    select
        organization_key as organization_id,
        name,
        nullif(acronym, '') as acronym,
        organization_kind,
        nullif(country_code, '') as country_code
    from organizations
)

select
    organization_id,
    name,
    acronym,
    organization_kind,
    country_code,
    true as is_curated
from curated
union all
select
    f.organization_id,
    coalesce(f.name, f.acronym, f.organization_id) as name,
    f.acronym,
    coalesce(f.organization_kind, 'other') as organization_kind,
    f.country_code,
    false as is_curated
from found as f
where not exists (
    select from curated as c
    where c.organization_id = f.organization_id
)
