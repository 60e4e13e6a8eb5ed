-- Organisations: the curated reference list, plus bodies the extractor found by pattern
-- ("Ministry of Mines of ...", "Long Name (ACRONYM)"). An acronym and its long form share
-- one key because the extractor links each acronym to the long form it was defined with.
with found as (
    select
        normalized_key as organization_id,
        mode() within group (order by surface_text) filter (where attributes ->> 'acronym' is null or surface_text <> attributes ->> 'acronym') as name,
        max(attributes ->> 'acronym') as acronym,
        mode() within group (order by attributes ->> 'organization_kind') as organization_kind,
        mode() within group (order by attributes ->> 'country_code') as country_code
    from {{ source('staging', 'mentions') }}
    where mention_kind = 'organization'
    group by normalized_key
),

reference as (
    select
        organization_key as organization_id,
        name,
        nullif(acronym, '') as acronym,
        organization_kind,
        nullif(country_code, '') as country_code
    from {{ ref('organizations') }}
)

select organization_id, name, acronym, organization_kind, country_code, true as is_curated
from reference
union all
select
    f.organization_id,
    coalesce(f.name, f.acronym, f.organization_id),
    f.acronym,
    coalesce(f.organization_kind, 'other'),
    f.country_code,
    false
from found as f
where not exists (select from reference as r where r.organization_id = f.organization_id)
