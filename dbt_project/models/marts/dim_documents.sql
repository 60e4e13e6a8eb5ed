with documents as (
    select * from {{ ref('stg_etl__documents') }}
)

select
    document_id::text as document_id,
    source_uri::text as source_uri,
    title::text as title,
    language::text as language,
    published_date::date as published_date,
    publisher::text as publisher,
    content_sha256::text as content_sha256,
    ingested_at::timestamptz as ingested_at,
    input_format::text as input_format,
    extractor_version::text as extractor_version
from documents
