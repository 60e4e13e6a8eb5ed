-- One row per company deal and document that reports it, with the evidence and the
-- reason the report was merged into the deal.
with deals as (
    select * from {{ ref('stg_etl__extracted_company_deals') }}
),

company_deal_merges as (
    select * from {{ ref('int_company_deal_merges') }}
)

select distinct on (m.deal_id, x.document_id)
    m.deal_id::text as deal_id,
    x.document_id::text as document_id,
    x.evidence_text::text as evidence_text,
    x.char_start::integer as char_start,
    x.char_end::integer as char_end,
    x.deal_index::integer as deal_index,
    x.deal_kind::text as reported_kind,
    x.event_date::date as reported_event_date,
    x.confidence::real as confidence,
    m.merge_reason::text as merge_reason
from deals as x
inner join company_deal_merges as m on x.document_id = m.document_id and x.deal_index = m.deal_index
order by m.deal_id, x.document_id, x.deal_index
