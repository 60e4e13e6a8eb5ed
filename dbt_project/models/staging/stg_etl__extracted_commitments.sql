with source as (
    select * from {{ source('etl', 'extracted_commitments') }}
),

renamed as (
    select
        -- ids
        document_id,
        commitment_index,
        agreement_index,
        company_deal_index,
        load_id,

        -- what the document states
        commitment_kind,
        value_text,
        amount,
        amount_high,
        unit,
        qualifier,
        target_year,
        mineral_id,
        country_code,

        -- who commits
        owner_key,
        owner_name,
        owner_kind,

        -- evidence
        evidence_text,
        char_start,
        char_end,
        value_start,
        value_end,
        confidence,
        extractor_version,

        -- timestamps
        loaded_at
    from source
)

select * from renamed
