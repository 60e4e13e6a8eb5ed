with source as (
    select * from {{ source('etl', 'rejected_inputs') }}
),

renamed as (
    select
        -- ids
        reject_id as rejected_input_id,
        load_id,
        duplicate_of_document_id,

        -- the input
        source_uri,
        source_location,
        content_sha256,

        -- why it was rejected
        reason_code,
        reason,

        -- timestamps
        loaded_at
    from source
)

select * from renamed
