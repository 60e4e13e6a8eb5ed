-- Documents with the metadata the extractor read (or the feed supplied).
select
    document_id,
    content_sha256,
    source_uri,
    input_format,
    title,
    language,
    published_date,
    publisher,
    extractor_version,
    loaded_at as ingested_at
from {{ source('staging', 'documents') }}
