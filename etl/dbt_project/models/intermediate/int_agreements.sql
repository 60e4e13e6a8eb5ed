-- One row per agreement event: the reports of each event combined.
-- The most specific kind, the fullest title and the most precise date win.
with reports as (
    select
        m.agreement_id,
        e.*,
        case e.agreement_kind
            when 'talks' then 9
            when 'partnership' then 7
            when 'treaty_or_binding_agreement' then 6
            when 'framework_agreement' then 5
            else 1
        end as kind_rank,
        case e.event_date_precision when 'day' then 1 when 'month' then 2 when 'year' then 3 else 4 end
            as precision_rank,
        case e.status when 'signed' then 1 when 'announced' then 2 when 'under_negotiation' then 3 else 4 end
            as status_rank
    from {{ ref('int_agreement_extractions') }} as e
    inner join {{ ref('int_agreement_merges') }} as m on e.extraction_id = m.extraction_id
),

picked as (
    select
        agreement_id,
        (array_agg(agreement_kind order by kind_rank, report_order))[1] as agreement_kind,
        (array_agg(title order by length(title) desc nulls last, report_order))[1] as title,
        (array_agg(status order by status_rank, report_order))[1] as status,
        (array_agg(event_date order by precision_rank, report_order))[1] as event_date,
        (array_agg(event_date_precision order by precision_rank, report_order))[1] as event_date_precision,
        (array_agg(location_city order by location_city is null, report_order))[1] as location_city,
        (array_agg(location_country_code order by location_city is null, report_order))[1]
            as location_country_code,
        -- a source that says "not binding" outweighs silence; a contradiction stays visible as false
        case
            when bool_or(is_legally_binding = false) then false
            when bool_or(is_legally_binding) then true
        end as is_legally_binding,
        bool_or(is_critical_minerals_related) as is_critical_minerals_related,
        bool_and(is_background) as is_background_only,
        min(published_date) as first_reported_date,
        count(distinct document_id) as source_document_count
    from reports
    group by agreement_id
)

select
    p.*,
    case when p.agreement_kind = 'talks' then 'talks' when p.status = 'talks' then 'signed' else p.status end
        as agreement_status
from picked as p
