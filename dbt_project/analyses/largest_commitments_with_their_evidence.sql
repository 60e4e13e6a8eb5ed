-- The largest commitments of money in US dollars, with who commits, where, about which
-- mineral, by when, and the sentence that states each: read it before quoting a figure.
-- A range counts at its low end; amount_high gives the high end.
select
    c.commitment_id,
    c.commitment_kind,
    c.value_text,
    c.amount_usd,
    c.amount_high,
    c.qualifier,
    coalesce(o.name, committed_by.name, c.committed_by_name) as committed_by,
    c.country_code,
    c.mineral_id,
    c.target_year,
    a.agreement_kind,
    x.deal_kind,
    d.source_uri,
    d.published_date,
    c.evidence_text
from {{ ref('fct_commitments') }} as c
inner join {{ ref('dim_documents') }} as d on c.document_id = d.document_id
left join {{ ref('dim_organizations') }} as o on c.organization_id = o.organization_id
left join {{ ref('dim_countries') }} as committed_by on c.committed_by_country_code = committed_by.country_code
left join {{ ref('fct_agreements') }} as a on c.agreement_id = a.agreement_id
left join {{ ref('fct_company_deals') }} as x on c.deal_id = x.deal_id
where c.amount_usd is not null
order by c.amount_usd desc, c.commitment_id asc
limit 50
