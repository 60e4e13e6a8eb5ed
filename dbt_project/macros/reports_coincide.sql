{#- Two reports can be of the same event by their dates.
    Both dated: the dates agree at the coarser precision (`dates_agree`).
    One undated: news reports an event soon after it happens, so the undated report's
    publication date falls from a few days before the other's event date to
    `recalled_after_days` after it (the extractor's own limit for "recalled, not news":
    etl/extract/settings.py, passed by cmw as a dbt var); never with a recalled event.
    Both undated: published within `recalled_after_days` of each other.
    A report with no date at all (no event date, no publication date) cannot be placed
    in time: it may join any report it may be news of (`a` joins `b`), but a report that
    can be placed never joins it, or the undatable report would bridge reports of two
    events years apart into one. -#}
{% macro reports_coincide(a, b) -%}
    {%- set days = var('recalled_after_days') -%}
    not (
        {{ b }}.event_date is null and {{ b }}.published_date is null
        and ({{ a }}.event_date is not null or {{ a }}.published_date is not null)
    )
    and (
        {{ dates_agree(a, b) }}
        or (
            {{ a }}.event_date is null and {{ b }}.event_date is null
            and (
                {{ a }}.published_date is null or {{ b }}.published_date is null
                or abs({{ a }}.published_date - {{ b }}.published_date) <= {{ days }}
            )
        )
        or (
            {{ a }}.event_date is null and {{ b }}.event_date is not null and not {{ b }}.is_background
            and (
                {{ a }}.published_date is null
                or ({{ a }}.published_date - {{ b }}.event_date) between -3 and {{ days }}
            )
        )
        or (
            {{ b }}.event_date is null and {{ a }}.event_date is not null and not {{ a }}.is_background
            and (
                {{ b }}.published_date is null
                or ({{ b }}.published_date - {{ a }}.event_date) between -3 and {{ days }}
            )
        )
    )
{%- endmacro %}
