{#- Merging incrementally. A report only ever joins an earlier report
    (anchored_reports.sql), and the warehouse sees every new document after every stored
    one (report_order follows ingestion), so new documents never change how the stored
    reports merged: a build merges the reports not merged yet against every report and
    keeps the other rows. A new report of an event merged before takes that event's
    anchor, so ids do not change.
    Two things can change stored merges: a re-extraction (cmw reprocess), after which the
    model starts again from nothing (forget_merges_if_reextracted, its pre-hook), and a
    change of the rules, after which cmw builds with --full-refresh (it compares the
    code's fingerprint with the last build's: etl/fingerprint.py). -#}

{#- The rows of `reports` not merged yet (all of them in a full build). -#}
{% macro unmerged(reports) -%}
    {%- if is_incremental() -%}
        (
            select * from {{ reports }}
            where not exists (
                select 1 from {{ this }} as merged
                where merged.extraction_id = {{ reports }}.extraction_id
            )
        )
    {%- else -%}
        {{ reports }}
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook: forget every merge when a merged report's document was re-extracted (its
    load_id changed) or is gone. -#}
{% macro forget_merges_if_reextracted(documents) -%}
    {%- if is_incremental() -%}
        -- a count, not `exists`: PostgreSQL would plan `exists` for a quick first match,
        -- a nested loop that reads documents once per merge when there is none
        delete from {{ this }}
        where (
            select count(*) filter (where merged.load_id is distinct from d.load_id)
            from {{ this }} as merged
            left join {{ documents }} as d on merged.document_id = d.document_id
        ) > 0
    {%- endif -%}
{%- endmacro %}

{#- The configuration the three merge models share. -#}
{% macro merges_config() -%}
    {{ config(
        materialized='incremental',
        unique_key='extraction_id',
        incremental_strategy='delete+insert',
        on_schema_change='fail',
        pre_hook="{{ forget_merges_if_reextracted(ref('stg_etl__documents')) }}",
    ) }}
{%- endmacro %}
