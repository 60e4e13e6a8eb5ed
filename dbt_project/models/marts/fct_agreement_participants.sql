with participants as (
    select * from {{ ref('int_agreement_participants') }}
)

select
    agreement_id::text as agreement_id,
    participant_kind::text as participant_kind,
    participant_id::text as participant_id,
    role::text as role,
    (case when participant_kind = 'country' then participant_id else country_code end)::text
        as country_code,
    title::text as title
from participants
