with source as (
    select * from {{ source('etl', 'documents') }}
),

renamed as (
    select
        -- ids
        document_id,
        content_sha256,
        load_id,

        -- where the text was read from
        source_uri,
        source_location,
        input_format,

        -- metadata the warehouse uses, and what the input itself declared
        title,
        language,
        published_date,
        publisher,
        declared_title,
        declared_published_date,
        declared_publisher,
        declared_language,

        -- text
        body,
        extractor_version,

        -- timestamps
        loaded_at as ingested_at
    from source
)

select * from renamed
