with source as (
    select * from {{ source('etl', 'extracted_agreement_minerals') }}
),

renamed as (
    select
        -- ids
        document_id,
        agreement_index,
        mineral_id,
        load_id,

        -- timestamps
        loaded_at
    from source
)

select * from renamed
