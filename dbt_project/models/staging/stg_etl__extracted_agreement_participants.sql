with source as (
    select * from {{ source('etl', 'extracted_agreement_participants') }}
),

renamed as (
    select
        -- ids
        document_id,
        agreement_index,
        participant_kind,
        participant_key as participant_id,
        role,
        load_id,

        -- who
        participant_name,
        country_code,
        title,
        organization_key as organization_id,

        -- timestamps
        loaded_at
    from source
)

select * from renamed
