with source as (
    select * from {{ source('etl', 'extracted_agreements') }}
),

renamed as (
    select
        -- ids
        document_id,
        agreement_index,
        load_id,

        -- what the document reports
        agreement_kind,
        status,
        title,
        event_date,
        event_date_precision,
        location_city,
        location_country_code,

        -- flags
        is_legally_binding,
        is_critical_minerals_related,
        is_background,

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
