-- Which extracted agreements are the same real-world event, and why.
-- Two reports are one event when they have the same parties, kinds that can name the
-- same instrument, and event dates that agree at the coarser of their precisions.
-- Kinds of one merge family can name the same instrument; a generic kind can name any
-- instrument, never talks (etl/reference/agreement_kinds.csv).
-- Every report joins the earliest report it matches (its anchor); the anchor's id is
-- the agreement's id, so a later article never changes it.
with extractions as (
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
    from classified as a
    inner join classified as b
        on
            a.party_key = b.party_key
            and a.party_key != ''
            and (
                a.merge_family = b.merge_family
                or (a.merge_family = 'generic' and b.is_instrument)
                or (b.merge_family = 'generic' and a.is_instrument)
            )
            and (
                -- dates agree at the coarser precision, or one report gives none
                (a.event_date is null or b.event_date is null)
                and (a.is_background = b.is_background)
                or {{ dates_agree('a', 'b') }}
            )
),

anchors as (
    select distinct on (extraction_id)
        extraction_id,
        matched_extraction_id as anchor_extraction_id,
        merge_reason
    from pairs
    order by extraction_id, matched_report_order
)

select
    e.extraction_id,
    e.document_id,
    e.agreement_index,
    {{ stable_id('agr', 'coalesce(anchor.anchor_extraction_id, e.extraction_id)') }} as agreement_id,
    coalesce(anchor.anchor_extraction_id, e.extraction_id) as anchor_extraction_id,
    coalesce(anchor.merge_reason, 'first report of this event') as merge_reason
from extractions as e
left join anchors as anchor on e.extraction_id = anchor.extraction_id
