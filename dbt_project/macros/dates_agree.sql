{#- Two reported event dates name the same day, month or year at the coarser precision. -#}
{% macro dates_agree(a, b) -%}
    {%- set coarser -%}
        case
            when 'year' in ({{ a }}.event_date_precision, {{ b }}.event_date_precision) then 'year'
            when 'month' in ({{ a }}.event_date_precision, {{ b }}.event_date_precision) then 'month'
            else 'day'
        end
    {%- endset -%}
    (
        {{ a }}.event_date is not null and {{ b }}.event_date is not null
        and date_trunc({{ coarser }}, {{ a }}.event_date) = date_trunc({{ coarser }}, {{ b }}.event_date)
    )
{%- endmacro %}
