with deal_minerals as (
    select * from {{ ref('stg_etl__extracted_company_deal_minerals') }}
),

company_deal_merges as (
    select * from {{ ref('int_company_deal_merges') }}
),

minerals as (
    select * from {{ ref('minerals') }}
)

select distinct
    m.deal_id::text as deal_id,
    x.mineral_id::text as mineral_id
from deal_minerals as x
inner join company_deal_merges as m on x.document_id = m.document_id and x.deal_index = m.deal_index
inner join minerals as known on x.mineral_id = known.mineral_id
