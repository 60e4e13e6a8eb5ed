-- Which minerals are in the news, by country named alongside them and month of publication.
select
    mm.published_month,
    mm.country_code,
    mm.mineral_id,
    count(distinct mm.document_id) as documents,
    count(*) as mentions
from {{ ref('fct_mineral_mentions') }} as mm
group by mm.published_month, mm.country_code, mm.mineral_id
order by mm.published_month asc nulls last, documents desc, mm.mineral_id asc, mm.country_code asc nulls last
