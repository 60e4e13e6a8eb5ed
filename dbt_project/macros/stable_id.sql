{#- A deterministic text id: the same inputs give the same id on any machine. -#}
{% macro stable_id(prefix) -%}
    '{{ prefix }}_' || left(md5(concat_ws(':', {{ varargs | join(', ') }})), 16)
{%- endmacro %}
