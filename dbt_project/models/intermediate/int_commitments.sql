-- One row per commitment, its reports combined: the first report's figure and evidence,
-- and what it leaves unsaid (owner, place, mineral, year, agreement, deal) from the
-- earliest report that says it. Money is converted to US dollars at the yearly average
-- rate of the year the commitment was first reported (reference/usd_exchange_rates.csv),
-- or of the latest earlier year the file has; a currency the file lacks stays unconverted.
with commitments as (
    select * from {{ ref('stg_etl__extracted_commitments') }}
),

commitment_merges as (
    select * from {{ ref('int_commitment_merges') }}
),

documents as (
    select * from {{ ref('stg_etl__documents') }}
),

agreement_merges as (
    select * from {{ ref('int_agreement_merges') }}
),

company_deal_merges as (
    select * from {{ ref('int_company_deal_merges') }}
),

usd_exchange_rates as (
    select * from {{ ref('usd_exchange_rates') }}
),

reports as (
    select
        m.commitment_id,
        m.report_order,
        c.*,
        d.published_date,
        d.ingested_at,
        a.agreement_id,
        x.deal_id
    from commitments as c
    inner join commitment_merges as m
        on c.document_id = m.document_id and c.commitment_index = m.commitment_index
    inner join documents as d on c.document_id = d.document_id
    left join agreement_merges as a
        on c.document_id = a.document_id and c.agreement_index = a.agreement_index
    left join company_deal_merges as x
        on c.document_id = x.document_id and c.company_deal_index = x.deal_index
),

picked as (
    select
        commitment_id,
        (array_agg(commitment_kind order by report_order))[1] as commitment_kind,
        (array_agg(value_text order by report_order))[1] as value_text,
        (array_agg(amount order by report_order))[1] as amount,
        (array_agg(amount_high order by report_order))[1] as amount_high,
        (array_agg(unit order by report_order))[1] as unit,
        (array_agg(qualifier order by report_order))[1] as qualifier,
        (array_agg(target_year order by report_order) filter (where target_year is not null))[1] as target_year,
        (array_agg(mineral_id order by report_order) filter (where mineral_id is not null))[1] as mineral_id,
        (array_agg(country_code order by report_order) filter (where country_code is not null))[1] as country_code,
        (array_agg(owner_key order by report_order) filter (where owner_key is not null))[1] as owner_key,
        (array_agg(owner_name order by report_order) filter (where owner_key is not null))[1] as owner_name,
        (array_agg(owner_kind order by report_order) filter (where owner_key is not null))[1] as owner_kind,
        (array_agg(agreement_id order by report_order) filter (where agreement_id is not null))[1] as agreement_id,
        (array_agg(deal_id order by report_order) filter (where deal_id is not null))[1] as deal_id,
        (array_agg(document_id order by report_order))[1] as document_id,
        (array_agg(evidence_text order by report_order))[1] as evidence_text,
        (array_agg(char_start order by report_order))[1] as char_start,
        (array_agg(char_end order by report_order))[1] as char_end,
        min(published_date) as first_reported_date,
        min(ingested_at) as first_ingested_at,
        count(distinct document_id) as source_document_count
    from reports
    group by commitment_id
),

dated as (
    select
        *,
        -- an undated report is dated by when the warehouse first saw it
        extract(year from coalesce(first_reported_date, first_ingested_at))::integer as reported_year
    from picked
)

select
    c.*,
    r.year as usd_rate_year,
    r.usd_per_unit as usd_rate,
    r.source as usd_rate_source,
    r.source_date as usd_rate_date,
    round(c.amount * r.usd_per_unit, 2) as amount_usd
from dated as c
left join lateral (
    select
        rates.year,
        rates.usd_per_unit,
        rates.source,
        rates.source_date
    from usd_exchange_rates as rates
    where rates.currency = c.unit and rates.year <= c.reported_year
    order by rates.year desc
    limit 1
) as r on true
