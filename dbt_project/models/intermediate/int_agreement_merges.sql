-- Which extracted agreements are the same real-world event, and why.
-- Two reports are one event when they have the same parties, kinds that can name the
-- same instrument, and dates that agree: event dates at the coarser of their
-- precisions, or, for a report that gives none, its publication date soon after the
-- event (macros/reports_coincide.sql).
-- Kinds of one merge family can name the same instrument; a generic kind can name any
-- instrument, never talks (reference/agreement_kinds.csv).
-- Every report joins the agreement of the earliest report it matches; the id of the
-- agreement's first report (its anchor) is the agreement's id, so a later article
-- never changes it.
-- Incremental: a build merges only the reports not merged yet (macros/incremental_merges.sql).
{{ merges_config() }}

with recursive extractions as (
    select * from {{ ref('int_agreement_extractions') }}
),

agreement_kinds as (
    select * from {{ ref('agreement_kinds') }}
),

classified as (
    select
        e.*,
        k.merge_family,
        k.is_instrument
    from extractions as e
    left join agreement_kinds as k on e.agreement_kind = k.agreement_kind
),

pairs as (
    select
        a.extraction_id,
        b.extraction_id as matched_extraction_id,
        b.report_order as matched_report_order,
        case
            when a.extraction_id = b.extraction_id then 'first report of this event'
            else concat_ws(
                '; ',
                'same parties ' || a.party_key,
                'kinds ' || b.agreement_kind || ' ~ ' || a.agreement_kind,
                'dates ' || coalesce(b.event_date::text || ' (' || b.event_date_precision || ')', 'unknown')
                || ' ~ ' || coalesce(a.event_date::text || ' (' || a.event_date_precision || ')', 'unknown')
            )
        end as merge_reason
    from {{ unmerged('classified') }} as a
    inner join classified as b
        on
            a.party_key = b.party_key
            and a.party_key != ''
            and (
                a.merge_family = b.merge_family
                or (a.merge_family = 'generic' and b.is_instrument)
                or (b.merge_family = 'generic' and a.is_instrument)
            )
            and {{ reports_coincide('a', 'b') }}
),

{{ anchored_reports('pairs') }}

select
    e.extraction_id,
    e.document_id,
    e.agreement_index,
    {{ stable_id('agr', 'coalesce(anchor.anchor_extraction_id, e.extraction_id)') }} as agreement_id,
    coalesce(anchor.anchor_extraction_id, e.extraction_id) as anchor_extraction_id,
    coalesce(anchor.merge_reason, 'first report of this event') as merge_reason,
    e.load_id
from {{ unmerged('extractions') }} as e
left join anchors as anchor on e.extraction_id = anchor.extraction_id
