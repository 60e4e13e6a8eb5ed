{#- Reports of one thing (a commitment, a company deal) end with one id: every report
    joins the earliest report it matches, and so the item that report belongs to, back to
    the item's first report (its anchor), whose id names it. A later article never changes
    an id. `pairs` names a CTE of (extraction_id, matched_extraction_id,
    matched_report_order, merge_reason) in which every report also matches itself; the
    CTEs this writes (earliest_matches, anchors) need `with recursive`. -#}
{% macro anchored_reports(pairs) -%}
earliest_matches as (
    select distinct on (extraction_id)
        extraction_id,
        matched_extraction_id,
        merge_reason
    from {{ pairs }}
    order by extraction_id, matched_report_order
),

anchors as (
    select
        extraction_id,
        extraction_id as anchor_extraction_id,
        merge_reason
    from earliest_matches
    where matched_extraction_id = extraction_id
    {%- if is_incremental() %}
    union all
    -- a new report of an item merged by an earlier build takes that item's anchor
    -- (macros/incremental_merges.sql)
    select
        later.extraction_id,
        settled.anchor_extraction_id,
        later.merge_reason
    from earliest_matches as later
    inner join {{ this }} as settled on later.matched_extraction_id = settled.extraction_id
    {%- endif %}
    union all
    select
        later.extraction_id,
        earlier.anchor_extraction_id,
        later.merge_reason
    from earliest_matches as later
    inner join anchors as earlier on later.matched_extraction_id = earlier.extraction_id
    where later.matched_extraction_id != later.extraction_id
)
{%- endmacro %}
