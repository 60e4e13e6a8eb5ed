with deals as (
    select * from {{ ref('int_company_deals') }}
),

participants as (
    select * from {{ ref('int_company_deal_participants') }}
),

deal_minerals as (
    select * from {{ ref('fct_company_deal_minerals') }}
),

company_counts as (
    select
        deal_id,
        count(*) filter (where organization_kind = 'company') as company_count
    from participants
    group by deal_id
),

mineral_counts as (
    select
        deal_id,
        count(*) as mineral_count
    from deal_minerals
    group by deal_id
)

select
    d.deal_id::text as deal_id,
    d.deal_kind::text as deal_kind,
    d.status::text as status,
    d.event_date::date as event_date,
    d.event_date_precision::text as event_date_precision,
    d.location_country_code::text as location_country_code,
    d.is_critical_minerals_related::boolean as is_critical_minerals_related,
    d.location_city::text as location_city,
    coalesce(c.company_count, 0)::integer as company_count,
    coalesce(m.mineral_count, 0)::integer as mineral_count,
    d.source_document_count::integer as source_document_count,
    d.first_reported_date::date as first_reported_date
from deals as d
left join company_counts as c on d.deal_id = c.deal_id
left join mineral_counts as m on d.deal_id = m.deal_id
