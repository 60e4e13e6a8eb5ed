with source as (
    select * from {{ source('etl', 'etl_runs') }}
),

renamed as (
    select
        -- ids
        run_id,

        -- what ran and how it ended
        command,
        status,
        extractor_version,
        message,
        build_outcome,

        -- what the marts were built from (etl/fingerprint.py)
        code_fingerprint,
        data_fingerprint,

        -- counts
        documents_seen,
        documents_loaded,
        documents_unchanged,
        documents_rejected,
        mentions_loaded,
        agreements_loaded,

        -- timings
        step_seconds,
        started_at,
        finished_at
    from source
)

select * from renamed
