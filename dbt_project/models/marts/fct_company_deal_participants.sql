-- Every side of a deal is a party to it (the companies, and a state or public body that
-- signs with a company).
with participants as (
    select * from {{ ref('int_company_deal_participants') }}
)

select
    deal_id::text as deal_id,
    participant_kind::text as participant_kind,
    participant_id::text as participant_id,
    'party'::text as role,
    country_code::text as country_code,
    organization_kind::text as organization_kind
from participants
