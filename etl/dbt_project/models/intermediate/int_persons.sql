-- Persons across documents. The extractor keys a person by the accent-folded full name,
-- so "Francisco Pérez Mackenna" and "Francisco Perez Mackenna" are one person, and a
-- surname alone ("Pérez Mackenna", "Minister Williams") already carries the full key.
with mentions as (
    select
        m.normalized_key as person_id,
        m.attributes ->> 'full_name' as full_name,
        m.attributes ->> 'title' as title,
        m.attributes ->> 'country_code' as country_code,
        d.published_date,
        d.ingested_at,
        m.document_id,
        m.mention_index
    from {{ source('staging', 'mentions') }} as m
    inner join {{ ref('int_documents') }} as d on m.document_id = d.document_id
    where m.mention_kind = 'person'
),

participants as (
    select participant_key as person_id, participant_name as full_name, title, country_code
    from {{ source('staging', 'extracted_agreement_participants') }}
    where participant_kind = 'person'
)

select
    person_id,
    -- the most completely written form: most letters, then most accents kept
    (array_agg(full_name order by length(full_name) desc, octet_length(full_name) desc, full_name))[1] as full_name,
    coalesce(
        mode() within group (order by country_code) filter (where country_code is not null),
        (select mode() within group (order by p.country_code) from participants as p
         where p.person_id = mentions.person_id and p.country_code is not null)
    ) as country_code,
    -- the title as of the most recent document that gives one
    (array_agg(title order by published_date desc nulls last, ingested_at desc, document_id, mention_index)
        filter (where title is not null))[1] as latest_title,
    count(distinct document_id) as document_count
from mentions
group by person_id
