with source as (
    select * from {{ source('etl', 'extracted_company_deal_participants') }}
),

renamed as (
    select
        -- ids
        document_id,
        deal_index,
        participant_kind,
        participant_key as participant_id,
        load_id,

        -- who
        participant_name,
        organization_kind,
        country_code,

        -- timestamps
        loaded_at
    from source
)

select * from renamed
