with persons as (
    select * from {{ ref('int_persons') }}
)

select
    person_id::text as person_id,
    full_name::text as full_name,
    country_code::text as country_code,
    latest_title::text as latest_title,
    document_count::integer as document_count
from persons
