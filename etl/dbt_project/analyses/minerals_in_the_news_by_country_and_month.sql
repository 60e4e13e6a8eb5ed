-- Which minerals are in the news, by country named alongside them and month of publication.
select
    mm.published_month,
    mm.country_code,
    mm.mineral_id,
    count(distinct mm.document_id) as documents,
    count(*) as mentions
from {{ ref('fct_mineral_mentions') }} as mm
group by 1, 2, 3
order by published_month nulls last, documents desc, mineral_id, country_code nulls last
