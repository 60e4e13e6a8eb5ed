select
    p.agreement_id::text as agreement_id,
    p.participant_kind::text as participant_kind,
    p.participant_id::text as participant_id,
    p.role::text as role,
    (case when p.participant_kind = 'country' then p.participant_id else p.country_code end)::text
        as country_code,
    p.title::text as title
from {{ ref('int_agreement_participants') }} as p
