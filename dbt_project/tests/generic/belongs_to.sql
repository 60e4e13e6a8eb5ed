{#- Every row's `columns` name a row of `to` with the same values: a foreign key over
    several columns, checked once per build (staging has no foreign keys, see etl/schema.py). -#}
{% test belongs_to(model, to, columns) %}
select {% for column in columns %}child.{{ column }}{% if not loop.last %}, {% endif %}{% endfor %}
from {{ model }} as child
where not exists (
    select 1
    from {{ to }} as parent
    where {% for column in columns %}parent.{{ column }} = child.{{ column }}{% if not loop.last %} and {% endif %}{% endfor %}
)
{% endtest %}
