-- Persons across documents. The extractor keys a person by the accent-folded full name,
-- so "Francisco Pérez Mackenna" and "Francisco Perez Mackenna" are one person, and a
-- surname alone ("Pérez Mackenna", "Minister Williams") already carries the full key.
with mentions as (
    select * from {{ ref('stg_etl__mentions') }}
),

documents as (
    select * from {{ ref('stg_etl__documents') }}
),

participants as (
    select * from {{ ref('stg_etl__extracted_agreement_participants') }}
),

person_mentions as (
    select
        m.normalized_key as person_id,
        m.full_name,
        m.title,
        m.country_code,
        d.published_date,
        d.ingested_at,
        m.document_id,
        m.mention_index
    from mentions as m
    inner join documents as d on m.document_id = d.document_id
    where m.mention_kind = 'person'
),

-- the country agreements give a person, for persons the mentions give none
participant_countries as (
    select
        participant_id as person_id,
        mode() within group (order by country_code) as country_code
    from participants
    where participant_kind = 'person' and country_code is not null
    group by participant_id
)

select
    m.person_id,
    -- the most completely written form: most letters, then most accents kept
    (array_agg(m.full_name order by length(m.full_name) desc, octet_length(m.full_name) desc, m.full_name))[1]
        as full_name,
    coalesce(
        mode() within group (order by m.country_code) filter (where m.country_code is not null),
        pc.country_code
    ) as country_code,
    -- the title as of the most recent document that gives one
    (array_agg(
        m.title order by m.published_date desc nulls last, m.ingested_at desc, m.document_id asc, m.mention_index asc
    ) filter (where m.title is not null))[1] as latest_title,
    count(distinct m.document_id) as document_count
from person_mentions as m
left join participant_countries as pc on m.person_id = pc.person_id
group by m.person_id, pc.country_code
