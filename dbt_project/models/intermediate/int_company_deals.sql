-- One row per company deal, its reports combined: the most specific kind
-- (reference/company_deal_kinds.csv), the most advanced status
-- (agreement_statuses.csv), the most precise date, the first place reported.
with deals as (
    select * from {{ ref('stg_etl__extracted_company_deals') }}
),

company_deal_merges as (
    select * from {{ ref('int_company_deal_merges') }}
),

documents as (
    select * from {{ ref('stg_etl__documents') }}
),

company_deal_kinds as (
    select * from {{ ref('company_deal_kinds') }}
),

agreement_statuses as (
    select * from {{ ref('agreement_statuses') }}
),

reports as (
    select
        m.deal_id,
        m.report_order,
        x.*,
        d.published_date,
        k.specificity_rank,
        s.precedence as status_precedence,
        case x.event_date_precision when 'day' then 1 when 'month' then 2 when 'year' then 3 else 4 end
            as precision_rank
    from deals as x
    inner join company_deal_merges as m on x.document_id = m.document_id and x.deal_index = m.deal_index
    inner join documents as d on x.document_id = d.document_id
    left join company_deal_kinds as k on x.deal_kind = k.deal_kind
    left join agreement_statuses as s on x.status = s.status
)

select
    deal_id,
    (array_agg(deal_kind order by specificity_rank, report_order))[1] as deal_kind,
    (array_agg(status order by status_precedence, report_order))[1] as status,
    (array_agg(event_date order by precision_rank, report_order))[1] as event_date,
    (array_agg(event_date_precision order by precision_rank, report_order))[1] as event_date_precision,
    (array_agg(location_city order by location_city is null, report_order))[1] as location_city,
    (array_agg(location_country_code order by location_city is null, location_country_code is null, report_order))[1]
        as location_country_code,
    bool_or(is_critical_minerals_related) as is_critical_minerals_related,
    min(published_date) as first_reported_date,
    count(distinct document_id) as source_document_count
from reports
group by deal_id
