{#- Models go to exactly the schema their folder names (intermediate, marts), not
    "<target schema>_<custom schema>": BI users read `marts` by that name. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ (custom_schema_name or target.schema) | trim }}
{%- endmacro %}
