-- The sides of each merged company deal, once each: the name and the country most of
-- its reports give (a company's headquarters, a state's own code).
with participants as (
    select * from {{ ref('stg_etl__extracted_company_deal_participants') }}
),

company_deal_merges as (
    select * from {{ ref('int_company_deal_merges') }}
)

select
    m.deal_id,
    p.participant_kind,
    p.participant_id,
    mode() within group (order by p.participant_name) as participant_name,
    mode() within group (order by p.organization_kind) as organization_kind,
    mode() within group (order by p.country_code) filter (where p.country_code is not null) as country_code
from participants as p
inner join company_deal_merges as m on p.document_id = m.document_id and p.deal_index = m.deal_index
group by m.deal_id, p.participant_kind, p.participant_id
