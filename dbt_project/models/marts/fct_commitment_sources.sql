-- One row per commitment and document that states it, with the evidence and why the
-- report was merged into the commitment.
with commitments as (
    select * from {{ ref('stg_etl__extracted_commitments') }}
),

commitment_merges as (
    select * from {{ ref('int_commitment_merges') }}
)

select distinct on (m.commitment_id, c.document_id)
    m.commitment_id::text as commitment_id,
    c.document_id::text as document_id,
    c.evidence_text::text as evidence_text,
    c.char_start::integer as char_start,
    c.char_end::integer as char_end,
    c.value_text::text as value_text,
    c.value_start::integer as value_start,
    c.value_end::integer as value_end,
    m.merge_reason::text as merge_reason
from commitments as c
inner join commitment_merges as m
    on c.document_id = m.document_id and c.commitment_index = m.commitment_index
order by m.commitment_id, c.document_id, c.commitment_index
