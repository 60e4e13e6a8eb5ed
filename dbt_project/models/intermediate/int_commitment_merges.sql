-- Which extracted commitments are the same commitment reported by several documents.
-- Two reports are one commitment when they state the same kind, unit and amount (within
-- 1%), nothing they say disagrees (owner, place, mineral, year: equal where both give
-- one), and they name the same owner or were published within `recalled_after_days` of
-- each other: a bare figure months apart is too common to be the same one.
-- Every report joins the commitment of the earliest report it matches
-- (macros/anchored_reports.sql); that report's id names the commitment.
-- Incremental: a build merges only the reports not merged yet (macros/incremental_merges.sql).
{{ merges_config() }}

with recursive commitments as (
    select * from {{ ref('stg_etl__extracted_commitments') }}
),

documents as (
    select * from {{ ref('stg_etl__documents') }}
),

reports as (
    select
        c.document_id || ':' || c.commitment_index as extraction_id,
        c.document_id,
        c.commitment_index,
        c.commitment_kind,
        c.value_text,
        c.amount,
        c.unit,
        c.target_year,
        c.mineral_id,
        c.country_code,
        c.owner_key,
        d.published_date,
        d.load_id,
        row_number() over (
            order by d.ingested_at, d.published_date nulls last, c.document_id, c.commitment_index
        ) as report_order
    from commitments as c
    inner join documents as d on c.document_id = d.document_id
),

-- A report is compared only with the reports whose amount falls in its band or a
-- neighbouring one: two amounts within 1% of each other differ by at most
-- ln(1/0.99) = 0.01005 in logarithm, so with bands 0.0101 wide they lie one band apart at
-- most. The join is on equal keys, not every report with every other of its kind (that
-- took 48 s at 100,000 documents).
amount_bands as (
    select
        *,
        sign(amount) as amount_sign,
        case when amount = 0 then 0 else floor(ln(abs(amount)) / 0.0101) end as amount_band
    from reports
    where amount is not null
),

-- each report probes its band and both neighbours; materialized, so that the planner
-- joins on the band instead of first pairing every report with its kind's others
band_probes as materialized (
    select
        a.*,
        a.amount_band + neighbour.band_offset as probed_band
    from {{ unmerged('amount_bands') }} as a
    cross join (values (-1), (0), (1)) as neighbour (band_offset)
),

pairs as (
    select
        extraction_id,
        extraction_id as matched_extraction_id,
        report_order as matched_report_order,
        'first report of this commitment' as merge_reason
    from {{ unmerged('reports') }} as r
    union all
    select
        a.extraction_id,
        b.extraction_id as matched_extraction_id,
        b.report_order as matched_report_order,
        concat_ws(
            '; ',
            'same ' || a.commitment_kind || ': ' || b.value_text || ' ~ ' || a.value_text,
            'owner ' || coalesce(b.owner_key, 'unknown') || ' ~ ' || coalesce(a.owner_key, 'unknown'),
            'published ' || coalesce(b.published_date::text, 'unknown')
            || ' ~ ' || coalesce(a.published_date::text, 'unknown')
        ) as merge_reason
    from band_probes as a
    inner join amount_bands as b
        on
            a.commitment_kind = b.commitment_kind
            and a.unit = b.unit
            and a.amount_sign = b.amount_sign
            and a.probed_band = b.amount_band
            and a.document_id != b.document_id
            and abs(a.amount - b.amount) <= 0.01 * greatest(abs(a.amount), abs(b.amount))
            -- null where either is silent: silence agrees with anything
            and coalesce(a.owner_key = b.owner_key, true)
            and coalesce(a.country_code = b.country_code, true)
            and coalesce(a.mineral_id = b.mineral_id, true)
            and coalesce(a.target_year = b.target_year, true)
            and (
                a.owner_key = b.owner_key
                or a.published_date is null
                or b.published_date is null
                or abs(a.published_date - b.published_date) <= {{ var('recalled_after_days') }}
            )
),

{{ anchored_reports('pairs') }}

select
    r.extraction_id,
    r.document_id,
    r.commitment_index,
    {{ stable_id('cmt', 'coalesce(anchor.anchor_extraction_id, r.extraction_id)') }} as commitment_id,
    coalesce(anchor.anchor_extraction_id, r.extraction_id) as anchor_extraction_id,
    coalesce(anchor.merge_reason, 'first report of this commitment') as merge_reason,
    r.report_order,
    r.load_id
from {{ unmerged('reports') }} as r
left join anchors as anchor on r.extraction_id = anchor.extraction_id
