-- The sentences behind every agreement, with the document they come from: read these
-- before quoting a fact. merge_reason says why reports were taken as one event.
select
    a.agreement_id,
    a.agreement_kind,
    a.status,
    d.language,
    d.published_date,
    d.source_uri,
    s.evidence_text,
    s.char_start,
    s.char_end,
    s.merge_reason
from {{ ref('fct_agreements') }} as a
inner join {{ ref('fct_agreement_sources') }} as s on a.agreement_id = s.agreement_id
inner join {{ ref('dim_documents') }} as d on s.document_id = d.document_id
order by a.agreement_id, d.published_date nulls last, d.document_id
