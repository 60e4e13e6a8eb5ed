-- A calendar for grouping by year, quarter, month and week in BI tools.
select
    day::date as date_day,
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
from generate_series('2000-01-01'::date, '2040-12-31'::date, interval '1 day') as day
