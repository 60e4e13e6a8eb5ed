-- One row per agreement as one document reports it, with the party set used to merge
-- reports of the same event across documents.
with extracted_agreements as (
    select * from {{ ref('stg_etl__extracted_agreements') }}
),

participants as (
    select * from {{ ref('stg_etl__extracted_agreement_participants') }}
),

documents as (
    select * from {{ ref('stg_etl__documents') }}
),

parties as (
    select
        document_id,
        agreement_index,
        string_agg(participant_id, '+' order by participant_id) as party_key,
        count(*) as party_count
    from participants
    where role = 'party'
    group by document_id, agreement_index
)

select
    a.document_id || ':' || a.agreement_index as extraction_id,
    a.document_id,
    a.agreement_index,
    a.agreement_kind,
    a.status,
    a.title,
    a.event_date,
    a.event_date_precision,
    a.location_city,
    a.location_country_code,
    a.is_legally_binding,
    a.is_critical_minerals_related,
    a.is_background,
    a.evidence_text,
    a.char_start,
    a.char_end,
    a.confidence,
    coalesce(p.party_key, '') as party_key,
    coalesce(p.party_count, 0) as party_count,
    d.published_date,
    d.ingested_at,
    d.load_id,
    -- Reports of the same event are ordered by when the warehouse first saw them, so
    -- the event keeps its id when a later article adds a source.
    row_number() over (
        order by d.ingested_at, d.published_date nulls last, a.document_id, a.agreement_index
    ) as report_order
from extracted_agreements as a
inner join documents as d on a.document_id = d.document_id
left join parties as p on a.document_id = p.document_id and a.agreement_index = p.agreement_index
