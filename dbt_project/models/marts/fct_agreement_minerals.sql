with extracted_minerals as (
    select * from {{ ref('stg_etl__extracted_agreement_minerals') }}
),

agreement_merges as (
    select * from {{ ref('int_agreement_merges') }}
),

minerals as (
    select * from {{ ref('minerals') }}
)

select distinct
    m.agreement_id::text as agreement_id,
    x.mineral_id::text as mineral_id
from extracted_minerals as x
inner join agreement_merges as m
    on x.document_id = m.document_id and x.agreement_index = m.agreement_index
inner join minerals as known on x.mineral_id = known.mineral_id
