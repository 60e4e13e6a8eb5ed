-- Which minerals are in the news: one row per mineral mention and per country named in
-- the same sentence (country_code is null when the sentence names none).
-- Incremental: each build reads only documents whose extraction was loaded since the
-- last build, and replaces those documents' rows (re-extraction included).
{{
    config(
        materialized='incremental',
        unique_key='document_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
    )
}}

with mentions as (
    select * from {{ ref('stg_etl__mentions') }}
),

documents as (
    select * from {{ ref('stg_etl__documents') }}
),

minerals as (
    select * from {{ ref('minerals') }}
),

changed_documents as (
    select distinct document_id
    from mentions
    {% if is_incremental() %}
        where loaded_at > (select coalesce(max(built.loaded_at), '-infinity'::timestamptz) from {{ this }} as built)
    {% endif %}
),

mineral_mentions as (
    select
        m.document_id,
        m.mention_index,
        m.normalized_key as mineral_id,
        m.surface_text,
        m.sentence_start,
        m.confidence,
        m.loaded_at
    from mentions as m
    inner join changed_documents as c on m.document_id = c.document_id
    inner join minerals as known on m.normalized_key = known.mineral_id
    where m.mention_kind = 'mineral'
),

country_mentions as (
    select distinct
        m.document_id,
        m.sentence_start,
        m.normalized_key as country_code
    from mentions as m
    inner join changed_documents as c on m.document_id = c.document_id
    where m.mention_kind = 'country'
)

select
    (mi.document_id || ':' || mi.mention_index || ':' || coalesce(c.country_code, '-'))::text as mineral_mention_id,
    mi.document_id::text as document_id,
    mi.mention_index::integer as mention_index,
    mi.mineral_id::text as mineral_id,
    c.country_code::text as country_code,
    d.published_date::date as published_date,
    date_trunc('month', d.published_date)::date as published_month,
    d.language::text as language,
    mi.surface_text::text as surface_text,
    mi.confidence::real as confidence,
    mi.loaded_at::timestamptz as loaded_at
from mineral_mentions as mi
inner join documents as d on mi.document_id = d.document_id
left join country_mentions as c on mi.document_id = c.document_id and mi.sentence_start = c.sentence_start
