"""Source freshness: the nightly checks the thresholds of the dbt sources file itself."""

from __future__ import annotations

from datetime import timedelta

import psycopg
import pytest
from conftest import SEEDS, query

from etl import freshness, pipeline

pytestmark = pytest.mark.postgres


def test_the_rules_are_the_sources_file_with_dbt_inheritance():
    rules = {rule.table: rule for rule in freshness.freshness_rules()}
    documents = rules["documents"]
    assert (documents.schema, documents.loaded_at_field) == ("staging", "loaded_at")
    assert (documents.warn_after, documents.error_after) == (
        timedelta(hours=26),
        timedelta(hours=72),
    )
    # `freshness: null` on a table switches its source's freshness off.
    assert {"mentions", "rejected_inputs", "etl_runs", "extracted_commitments"}.isdisjoint(rules)
    assert "extracted_agreements" in rules


def _age_every_row(url: str, hours: int) -> None:
    with psycopg.connect(url) as conn:
        for rule in freshness.freshness_rules():
            conn.execute(
                f"update {rule.schema}.{rule.table}"
                f" set {rule.loaded_at_field} = now() - interval '{hours} hours'"
            )


def _freshness_warnings(url: str) -> list[str]:
    """A nightly's freshness step alone (no build), and the warnings it left."""
    summary, _ = pipeline.run_pipeline(
        url, "nightly", [], steps=pipeline.Steps(build=False, docs=False, freshness=True)
    )
    return [w for w in summary.warnings if w.startswith("source freshness")]


def test_a_feed_that_stopped_delivering_warns_then_errors(migrated_database):
    url = migrated_database
    [warning] = _freshness_warnings(url)
    assert "staging.documents: error, no row yet" in warning

    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    with pipeline.logged_run(url, "load", migrate=False) as run:
        pipeline.ingest(run.conn, run.run_id, seeds)
    assert _freshness_warnings(url) == []

    _age_every_row(url, 30)
    [warning] = _freshness_warnings(url)
    assert "staging.documents: warn, newest row 30 h old (warn after 26 h)" in warning
    assert "extracted_agreements: warn" in warning

    _age_every_row(url, 80)
    [warning] = _freshness_warnings(url)
    assert "staging.documents: error, newest row 80 h old (error after 72 h)" in warning
    # Recorded in the run log as the nightly's message.
    [(message,)] = query(
        url, "select message from staging.etl_runs order by started_at desc limit 1"
    )
    assert "source freshness: staging.documents: error" in message
