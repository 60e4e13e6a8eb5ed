with agreements as (
    select * from {{ ref('int_agreements') }}
),

participants as (
    select * from {{ ref('int_agreement_participants') }}
),

agreement_minerals as (
    select * from {{ ref('fct_agreement_minerals') }}
),

party_counts as (
    select
        agreement_id,
        count(*) filter (where role = 'party') as party_count
    from participants
    group by agreement_id
),

mineral_counts as (
    select
        agreement_id,
        count(*) as mineral_count
    from agreement_minerals
    group by agreement_id
)

select
    a.agreement_id::text as agreement_id,
    a.agreement_kind::text as agreement_kind,
    a.title::text as title,
    a.agreement_status::text as status,
    a.event_date::date as event_date,
    a.event_date_precision::text as event_date_precision,
    a.location_city::text as location_city,
    a.location_country_code::text as location_country_code,
    a.is_legally_binding::boolean as is_legally_binding,
    a.is_critical_minerals_related::boolean as is_critical_minerals_related,
    coalesce(p.party_count, 0)::integer as party_count,
    coalesce(m.mineral_count, 0)::integer as mineral_count,
    a.source_document_count::integer as source_document_count,
    a.first_reported_date::date as first_reported_date,
    a.is_background_only::boolean as is_background_only
from agreements as a
left join party_counts as p on a.agreement_id = p.agreement_id
left join mineral_counts as m on a.agreement_id = m.agreement_id
