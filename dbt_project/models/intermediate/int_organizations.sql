-- Organisations: the curated reference list, plus bodies the extractor found by pattern
-- ("Ministry of Mines of ...", "Long Name (ACRONYM)"), plus companies named only as a side
-- of a company deal ("le groupe turc Anadolu Maden"). An acronym and its long form share
-- one key because the extractor links each acronym to the long form it was defined with.
-- A company's country is the reference's, else its mentions', else the headquarters
-- country its deals' reports give.
with mentions as (
    select * from {{ ref('stg_etl__mentions') }}
),

organizations as (
    select * from {{ ref('organizations') }}
),

deal_participants as (
    select * from {{ ref('stg_etl__extracted_company_deal_participants') }}
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

deal_sides as (
    select
        participant_id as organization_id,
        mode() within group (order by participant_name) as name,
        mode() within group (order by organization_kind) as organization_kind,
        mode() within group (order by country_code) filter (where country_code is not null) as country_code
    from deal_participants
    where participant_kind = 'organization'
    group by participant_id
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
    c.organization_id,
    c.name,
    c.acronym,
    c.organization_kind,
    coalesce(c.country_code, s.country_code) as country_code,
    true as is_curated
from curated as c
left join deal_sides as s on c.organization_id = s.organization_id
union all
select
    f.organization_id,
    coalesce(f.name, f.acronym, f.organization_id) as name,
    f.acronym,
    coalesce(f.organization_kind, 'other') as organization_kind,
    coalesce(f.country_code, s.country_code) as country_code,
    false as is_curated
from found as f
left join deal_sides as s on f.organization_id = s.organization_id
where
    not exists (
        select from curated as c
        where c.organization_id = f.organization_id
    )
union all
select
    s.organization_id,
    s.name,
    null as acronym,
    coalesce(s.organization_kind, 'other') as organization_kind,
    s.country_code,
    false as is_curated
from deal_sides as s
where
    not exists (
        select from curated as c
        where c.organization_id = s.organization_id
    )
    and not exists (
        select from found as f
        where f.organization_id = s.organization_id
    )
