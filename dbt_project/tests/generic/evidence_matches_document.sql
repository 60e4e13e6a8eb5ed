{#- The evidence text is exactly the document text between char_start and char_end. -#}
{% test evidence_matches_document(model) %}
select s.document_id, s.char_start, s.char_end, s.evidence_text
from {{ model }} as s
inner join {{ ref('stg_etl__documents') }} as d on s.document_id = d.document_id
where s.char_start < 0
   or s.char_end <= s.char_start
   or substr(d.body, s.char_start + 1, s.char_end - s.char_start) is distinct from s.evidence_text
{% endtest %}
