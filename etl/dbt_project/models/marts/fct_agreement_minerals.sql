select distinct
    m.agreement_id::text as agreement_id,
    x.mineral_id::text as mineral_id
from {{ source('staging', 'extracted_agreement_minerals') }} as x
inner join {{ ref('int_agreement_merges') }} as m
    on x.document_id = m.document_id and x.agreement_index = m.agreement_index
inner join {{ ref('minerals') }} as known on x.mineral_id = known.mineral_id
