-- One row per agreement and document that reports it, with the evidence and the reason
-- the report was merged into the agreement.
with extractions as (
    select * from {{ ref('int_agreement_extractions') }}
),

agreement_merges as (
    select * from {{ ref('int_agreement_merges') }}
)

select distinct on (m.agreement_id, e.document_id)
    m.agreement_id::text as agreement_id,
    e.document_id::text as document_id,
    e.evidence_text::text as evidence_text,
    e.char_start::integer as char_start,
    e.char_end::integer as char_end,
    e.agreement_index::integer as agreement_index,
    e.agreement_kind::text as reported_kind,
    e.event_date::date as reported_event_date,
    e.is_background::boolean as is_background,
    e.confidence::real as confidence,
    m.merge_reason::text as merge_reason
from extractions as e
inner join agreement_merges as m on e.extraction_id = m.extraction_id
order by m.agreement_id, e.document_id, e.agreement_index
