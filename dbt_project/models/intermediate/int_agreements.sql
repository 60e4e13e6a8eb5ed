-- One row per agreement event: the reports of each event combined.
-- The most specific kind, the fullest title, the most advanced status and the most
-- precise date win; kinds and statuses rank as reference/ says.
with extractions as (
    select * from {{ ref('int_agreement_extractions') }}
),

agreement_merges as (
    select * from {{ ref('int_agreement_merges') }}
),

agreement_kinds as (
    select * from {{ ref('agreement_kinds') }}
),

agreement_statuses as (
    select * from {{ ref('agreement_statuses') }}
),

reports as (
    select
        m.agreement_id,
        e.*,
        k.specificity_rank,
        s.precedence as status_precedence,
        case e.event_date_precision when 'day' then 1 when 'month' then 2 when 'year' then 3 else 4 end
            as precision_rank
    from extractions as e
    inner join agreement_merges as m on e.extraction_id = m.extraction_id
    left join agreement_kinds as k on e.agreement_kind = k.agreement_kind
    left join agreement_statuses as s on e.status = s.status
),

picked as (
    select
        agreement_id,
        (array_agg(agreement_kind order by specificity_rank, report_order))[1] as agreement_kind,
        (array_agg(title order by length(title) desc nulls last, report_order))[1] as title,
        (array_agg(status order by status_precedence, report_order))[1] as status,
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
    -- talks have no instrument, so their status is talks; an instrument some report
    -- calls talks was signed at those talks
    case
        when not k.is_instrument then 'talks'
        when p.status = 'talks' then 'signed'
        else p.status
    end as agreement_status
from picked as p
left join agreement_kinds as k on p.agreement_kind = k.agreement_kind
