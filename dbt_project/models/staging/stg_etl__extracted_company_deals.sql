with source as (
    select * from {{ source('etl', 'extracted_company_deals') }}
),

renamed as (
    select
        -- ids
        document_id,
        deal_index,
        load_id,

        -- what the document reports
        deal_kind,
        status,
        event_date,
        event_date_precision,
        location_city,
        location_country_code,

        -- flags
        is_critical_minerals_related,

        -- evidence
        evidence_text,
        char_start,
        char_end,
        confidence,
        extractor_version,

        -- timestamps
        loaded_at
    from source
)

select * from renamed
