-- Which extracted company deals are the same deal reported by several documents.
-- Two reports are one deal when the companies of one are all among the other's, their
-- kinds agree (equal, or either only says "a contract": is_generic in
-- reference/company_deal_kinds.csv) and their dates coincide as agreements' do
-- (macros/reports_coincide.sql). Every report joins the deal of the earliest report it
-- matches (macros/anchored_reports.sql); that report's id names the deal.
-- Incremental: a build merges only the reports not merged yet (macros/incremental_merges.sql).
{{ merges_config() }}

with recursive deals as (
    select * from {{ ref('stg_etl__extracted_company_deals') }}
),

participants as (
    select * from {{ ref('stg_etl__extracted_company_deal_participants') }}
),

documents as (
    select * from {{ ref('stg_etl__documents') }}
),

company_deal_kinds as (
    select * from {{ ref('company_deal_kinds') }}
),

companies as (
    select
        document_id,
        deal_index,
        array_agg(participant_id order by participant_id) as company_ids
    from participants
    where participant_kind = 'organization' and organization_kind = 'company'
    group by document_id, deal_index
),

reports as (
    select
        x.document_id || ':' || x.deal_index as extraction_id,
        x.document_id,
        x.deal_index,
        x.deal_kind,
        x.event_date,
        x.event_date_precision,
        -- a deal recalled from long ago is still a deal: no report is background
        false as is_background,
        coalesce(c.company_ids, '{}') as company_ids,
        k.is_generic,
        d.published_date,
        d.load_id,
        row_number() over (
            order by d.ingested_at, d.published_date nulls last, x.document_id, x.deal_index
        ) as report_order
    from deals as x
    inner join documents as d on x.document_id = d.document_id
    left join companies as c on x.document_id = c.document_id and x.deal_index = c.deal_index
    left join company_deal_kinds as k on x.deal_kind = k.deal_kind
),

-- Two reports of one deal share a company (one's companies are among the other's), so a
-- report is compared only with the reports that share one: a join on equal keys, not
-- every report with every other (that took 66 s at 100,000 documents). A pair sharing
-- two companies appears twice, which anchored_reports' earliest match absorbs.
report_companies as (
    select
        *,
        unnest(company_ids) as company_id
    from reports
),

pairs as (
    select
        extraction_id,
        extraction_id as matched_extraction_id,
        report_order as matched_report_order,
        'first report of this deal' as merge_reason
    from {{ unmerged('reports') }} as r
    union all
    select
        a.extraction_id,
        b.extraction_id as matched_extraction_id,
        b.report_order as matched_report_order,
        concat_ws(
            '; ',
            'companies ' || array_to_string(b.company_ids, '+') || ' ~ ' || array_to_string(a.company_ids, '+'),
            'kinds ' || b.deal_kind || ' ~ ' || a.deal_kind,
            'dates ' || coalesce(b.event_date::text || ' (' || b.event_date_precision || ')', 'unknown')
            || ' ~ ' || coalesce(a.event_date::text || ' (' || a.event_date_precision || ')', 'unknown')
        ) as merge_reason
    from {{ unmerged('report_companies') }} as a
    inner join report_companies as b
        on
            a.company_id = b.company_id
            and a.document_id != b.document_id
            and (a.company_ids <@ b.company_ids or b.company_ids <@ a.company_ids)
            and (a.deal_kind = b.deal_kind or a.is_generic or b.is_generic)
            and {{ reports_coincide('a', 'b') }}
),

{{ anchored_reports('pairs') }}

select
    r.extraction_id,
    r.document_id,
    r.deal_index,
    {{ stable_id('deal', 'coalesce(anchor.anchor_extraction_id, r.extraction_id)') }} as deal_id,
    coalesce(anchor.anchor_extraction_id, r.extraction_id) as anchor_extraction_id,
    coalesce(anchor.merge_reason, 'first report of this deal') as merge_reason,
    r.report_order,
    r.load_id
from {{ unmerged('reports') }} as r
left join anchors as anchor on r.extraction_id = anchor.extraction_id
