with commitments as (
    select * from {{ ref('int_commitments') }}
),

minerals as (
    select * from {{ ref('minerals') }}
)

select
    c.commitment_id::text as commitment_id,
    c.commitment_kind::text as commitment_kind,
    c.value_text::text as value_text,
    c.amount::numeric as amount,
    c.unit::text as unit,
    c.amount_usd::numeric as amount_usd,
    c.qualifier::text as qualifier,
    c.target_year::integer as target_year,
    known.mineral_id::text as mineral_id,
    c.country_code::text as country_code,
    (case when c.owner_kind != 'country' then c.owner_key end)::text as organization_id,
    c.agreement_id::text as agreement_id,
    c.document_id::text as document_id,
    c.evidence_text::text as evidence_text,
    c.char_start::integer as char_start,
    c.char_end::integer as char_end,
    c.amount_high::numeric as amount_high,
    (case when c.owner_kind = 'country' then c.owner_key end)::text as committed_by_country_code,
    c.owner_name::text as committed_by_name,
    c.deal_id::text as deal_id,
    c.usd_rate::numeric as usd_rate,
    c.usd_rate_year::integer as usd_rate_year,
    c.usd_rate_source::text as usd_rate_source,
    c.usd_rate_date::date as usd_rate_date,
    c.source_document_count::integer as source_document_count,
    c.first_reported_date::date as first_reported_date,
    c.reported_year::integer as reported_year
from commitments as c
left join minerals as known on c.mineral_id = known.mineral_id
