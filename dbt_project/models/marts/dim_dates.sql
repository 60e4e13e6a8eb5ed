-- A calendar for grouping by year, quarter, month and week in BI tools: 2000 to 2040,
-- widened to whole years around any date the documents, agreements or deals hold, so a date
-- outside that span (an article recalling 1987, a typo giving 2104) never breaks a build.
with documents as (
    select * from {{ ref('stg_etl__documents') }}
),

agreements as (
    select * from {{ ref('int_agreements') }}
),

company_deals as (
    select * from {{ ref('int_company_deals') }}
),

dates_in_data as (
    select published_date as day from documents
    union all
    select event_date from agreements
    union all
    select first_reported_date from agreements
    union all
    select event_date from company_deals
),

calendar_range as (
    select
        least('2000-01-01'::date, date_trunc('year', min(day))::date) as first_day,
        greatest(
            '2040-12-31'::date,
            (date_trunc('year', max(day)) + interval '1 year - 1 day')::date
        ) as last_day
    from dates_in_data
),

days as (
    select generate_series(first_day, last_day, interval '1 day')::date as day
    from calendar_range
)

select
    day as date_day,
    extract(year from day)::integer as year,
    extract(quarter from day)::integer as quarter,
    extract(month from day)::integer as month,
    to_char(day, 'FMMonth')::text as month_name,
    to_char(day, 'YYYY-MM')::text as year_month,
    extract(isoyear from day)::integer as iso_year,
    extract(week from day)::integer as iso_week,
    extract(isodow from day)::integer as iso_day_of_week,
    to_char(day, 'FMDay')::text as day_name,
    (extract(isodow from day) >= 6) as is_weekend
from days
