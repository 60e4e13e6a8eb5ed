{#- Models go to exactly the schema their folder names (intermediate, marts), not
    "<target schema>_<custom schema>": BI users read `marts` by that name.
    `cmw` builds the marts into a shadow schema (var `marts_schema`, e.g. marts__next),
    tests them there, and only then swaps it in: BI never reads a mart whose tests failed. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- set schema = (custom_schema_name or target.schema) | trim -%}
    {%- if schema == 'marts' -%}
        {{ var('marts_schema', 'marts') }}
    {%- else -%}
        {{ schema }}
    {%- endif -%}
{%- endmacro %}
