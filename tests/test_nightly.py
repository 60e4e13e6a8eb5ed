"""Nightly loads under faults and bad input, against the real database and the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from etl import db

pytestmark = pytest.mark.postgres

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "seeds"


def query(url: str, sql: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params or None).fetchall()


def _feed(folder: Path, count: int) -> Path:
    """A JSONL feed of `count` distinct documents made from the seeds."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    feed = folder / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as handle:
        for i in range(count):
            handle.write(
                json.dumps({"text": f"{texts[i % len(texts)]}\nEdition {i}.", "url": f"feed://{i}"})
                + "\n"
            )
    return feed


def _start_cmw(*args: str, url: str, env: dict | None = None) -> subprocess.Popen:
    environment = {**os.environ, "CMW_DATABASE_URL": url, **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "etl.cli", *args],
        cwd=REPO_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def _wait_until(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def _blocked_on_lock(url: str) -> bool:
    """Is a session of the loader waiting for a table lock held by the test?"""
    return bool(
        query(
            url,
            "select 1 from pg_stat_activity where datname = current_database()"
            " and wait_event_type = 'Lock' and application_name not like 'cmw %'",
        )
    )


class TableLock:
    """Hold an exclusive lock on a staging table, stalling any loader that reaches it."""

    def __init__(self, url: str, table: str) -> None:
        self.conn = psycopg.connect(url)
        self.conn.execute(f"lock table staging.{table} in access exclusive mode")

    def release(self) -> None:
        self.conn.rollback()
        self.conn.close()


@pytest.fixture
def migrated(fresh_database) -> str:
    db.migrate(fresh_database)
    return fresh_database


def test_sigkill_mid_batch_leaves_whole_batches_only_and_the_next_run_finishes(
    migrated, tmp_path, cmw
):
    feed = _feed(tmp_path, 40)
    env = {"CMW_BATCH_SIZE": "10"}
    loader = _start_cmw("load", str(feed), url=migrated, env=env)
    # Let at least one batch commit, then stall the next one inside its transaction:
    # it has inserted its documents and mentions and waits to write its rejects.
    _wait_until(lambda: query(migrated, "select count(*) from staging.documents")[0][0] >= 10)
    lock = TableLock(migrated, "rejected_inputs")
    try:
        _wait_until(lambda: _blocked_on_lock(migrated) or loader.poll() is not None)
        assert loader.poll() is None, "the load finished before the test could stall it"
        loader.send_signal(signal.SIGKILL)
        loader.communicate(timeout=30)  # reaps the process and closes its pipes
    finally:
        lock.release()

    committed = query(migrated, "select count(*) from staging.documents")[0][0]
    assert committed % 10 == 0 and 10 <= committed < 40, committed  # whole batches only
    orphans = query(
        migrated,
        "select count(*) from staging.documents d where not exists"
        " (select 1 from staging.mentions m where m.document_id = d.document_id)",
    )
    assert orphans == [(0,)]  # no document without its extraction
    assert query(migrated, "select status from staging.etl_runs") == [("running",)]

    result = cmw("load", str(feed), database_url=migrated, extra_env=env)
    assert result.returncode == 0, result.stderr
    assert query(
        migrated, "select count(*), count(distinct content_sha256) from staging.documents"
    ) == [(40, 40)]
    statuses = query(migrated, "select status, message from staging.etl_runs order by started_at")
    assert [s for s, _ in statuses] == ["failed", "succeeded"]
    assert "interrupted" in statuses[0][1]


def test_a_second_run_exits_at_once_naming_the_run_that_holds_the_lock(migrated, tmp_path):
    feed = _feed(tmp_path, 5)
    lock = TableLock(migrated, "rejected_inputs")
    first = _start_cmw("load", str(feed), url=migrated)
    try:
        _wait_until(lambda: _blocked_on_lock(migrated) or first.poll() is not None)
        assert first.poll() is None
        second = _start_cmw("load", str(feed), url=migrated)
        _, second_err = second.communicate(timeout=60)
        assert second.returncode == 75, second_err
        first_run_id = query(
            migrated, "select run_id from staging.etl_runs where status = 'running'"
        )[0][0]
        assert f"load run {first_run_id}" in second_err
    finally:
        lock.release()
    _, first_err = first.communicate(timeout=120)
    assert first.returncode == 0, first_err
    assert query(migrated, "select count(*) from staging.documents") == [(5,)]


def _marts_snapshot(url: str) -> dict[str, list[tuple]]:
    tables = [
        "fct_agreements",
        "fct_agreement_participants",
        "fct_agreement_minerals",
        "fct_agreement_sources",
        "dim_persons",
        "dim_documents",
    ]
    snapshot = {t: query(url, f"select * from marts.{t} order by 1, 2") for t in tables}
    snapshot["fct_mineral_mentions"] = query(
        url,
        "select mineral_mention_id, mineral_id, country_code from marts.fct_mineral_mentions order by 1",
    )
    return snapshot


def test_nightly_loads_only_new_documents_and_a_second_run_changes_nothing(
    fresh_database, cmw, tmp_path
):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for seed in seeds[:3]:
        shutil.copy(seed, inbox / seed.name)
    first = cmw("nightly", "--source", str(inbox), database_url=fresh_database)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "3 new documents loaded, 0 unchanged" in first.stdout

    for seed in seeds[3:]:
        shutil.copy(seed, inbox / seed.name)
    second = cmw("nightly", "--source", str(inbox), database_url=fresh_database)
    assert second.returncode == 0, second.stderr
    assert "2 new documents loaded, 3 unchanged" in second.stdout
    grown = _marts_snapshot(fresh_database)
    assert len(grown["dim_documents"]) == 5

    third = cmw("nightly", "--source", str(inbox), database_url=fresh_database)
    assert third.returncode == 0, third.stderr
    assert "0 new documents loaded, 5 unchanged" in third.stdout
    assert _marts_snapshot(fresh_database) == grown  # same rows, same ids

    # The incremental mart built night by night equals a rebuild from scratch.
    assert cmw("build", "--full-refresh", database_url=fresh_database).returncode == 0
    assert _marts_snapshot(fresh_database) == grown
    runs = query(
        fresh_database,
        "select command, status, documents_loaded, step_seconds ? 'dbt_build',"
        " step_seconds ? 'docs' and step_seconds ? 'freshness'"
        " from staging.etl_runs where command = 'nightly' order by started_at",
    )
    assert runs == [
        ("nightly", "succeeded", 3, True, True),
        ("nightly", "succeeded", 2, True, True),
        ("nightly", "succeeded", 0, True, True),
    ]


def test_reprocess_reextracts_older_versions_from_stored_text_and_the_marts_follow(
    fresh_database, cmw, tmp_path
):
    inbox = tmp_path / "inbox"
    shutil.copytree(SEEDS, inbox)
    assert (
        cmw("run", "--source", str(inbox), "--no-docs", database_url=fresh_database).returncode == 0
    )
    before = _marts_snapshot(fresh_database)
    # An older extractor read one document badly: no agreements, and an old version stamp.
    with psycopg.connect(fresh_database) as conn:
        (document_id,) = conn.execute(
            "select document_id from staging.documents where source_uri like '%%004_%%'"
        ).fetchone()
        conn.execute(
            "delete from staging.extracted_agreements where document_id = %s", (document_id,)
        )
        conn.execute(
            "update staging.documents set extractor_version = '0.0.1' where document_id = %s",
            (document_id,),
        )
    assert cmw("build", database_url=fresh_database).returncode == 0
    assert _marts_snapshot(fresh_database)["fct_agreements"] != before["fct_agreements"]

    shutil.rmtree(inbox)  # reprocessing reads the stored text, not the source files
    result = cmw("reprocess", database_url=fresh_database)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 documents re-extracted" in result.stdout
    assert query(
        fresh_database, "select count(*) from staging.documents where extractor_version = '0.0.1'"
    ) == [(0,)]
    assert _marts_snapshot(fresh_database) == before


def test_a_document_that_breaks_the_extractor_is_recorded_and_the_rest_of_the_batch_loads(
    fresh_database, tmp_path, monkeypatch
):
    from etl import pipeline

    batch = tmp_path / "batch"
    batch.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, batch / seed.name)
    (batch / "trips_a_rule.txt").write_text("Chile y Japón firmaron un memorando sobre litio.")
    real_extract = pipeline.extract

    def extract_with_a_bug(document):
        if "Japón" in document.text and document.source_uri.endswith("trips_a_rule.txt"):
            raise IndexError("list index out of range")
        return real_extract(document)

    monkeypatch.setattr(pipeline, "extract", extract_with_a_bug)
    with pipeline.logged_run(fresh_database, "load", migrate=True) as run:
        summary = pipeline.ingest(run.conn, run.run_id, [batch])
    assert summary.loaded == 2
    assert query(
        fresh_database,
        "select regexp_replace(source_uri, '^.*/', ''), reason_code, reason from staging.rejected_inputs",
    ) == [
        (
            "trips_a_rule.txt",
            "extraction_failed",
            f"extractor {pipeline.EXTRACTOR_VERSION} failed: IndexError: list index out of range",
        )
    ]
    assert query(fresh_database, "select count(*) from staging.documents") == [(2,)]
