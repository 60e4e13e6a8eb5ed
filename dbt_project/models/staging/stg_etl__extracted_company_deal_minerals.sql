with source as (
    select * from {{ source('etl', 'extracted_company_deal_minerals') }}
),

renamed as (
    select
        -- ids
        document_id,
        deal_index,
        mineral_id,
        load_id,

        -- timestamps
        loaded_at
    from source
)

select * from renamed
