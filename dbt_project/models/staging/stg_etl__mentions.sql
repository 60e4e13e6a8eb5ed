with source as (
    select * from {{ source('etl', 'mentions') }}
),

renamed as (
    select
        -- ids
        document_id,
        mention_index,
        load_id,

        -- what was found
        mention_kind,
        surface_text,
        normalized_key,
        confidence,

        -- where: offsets into the document body
        char_start,
        char_end,
        sentence_start,
        sentence_end,

        -- attributes, by mention kind
        attributes ->> 'full_name' as full_name,
        attributes ->> 'title' as title,
        attributes ->> 'acronym' as acronym,
        attributes ->> 'organization_kind' as organization_kind,
        attributes ->> 'country_code' as country_code,
        attributes,

        extractor_version,

        -- timestamps
        loaded_at
    from source
)

select * from renamed
