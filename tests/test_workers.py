"""Extraction in worker processes gives exactly what one process gives."""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest
from conftest import SEEDS, empty_database, process_gone, query, start_cmw, wait_until

from etl import config, db, pipeline, workers
from etl.corpus import generate_articles
from etl.model import SourceDocument
from etl.read import read_sources

GOLD = Path(__file__).parent / "gold"


def _feed(folder: Path, count: int, seed: int) -> Path:
    """`count` generated articles as a `.jsonl` feed."""
    feed = folder / f"generated-{seed}.jsonl"
    with feed.open("w", encoding="utf-8") as handle:
        for article in generate_articles(count, seed):
            handle.write(json.dumps(article.feed_record(), ensure_ascii=False) + "\n")
    return feed


def test_two_workers_extract_exactly_what_one_process_does(tmp_path):
    sources = [SEEDS, GOLD / "docs", _feed(tmp_path, 40, seed=3)]
    documents = [r for r in read_sources(sources) if isinstance(r, SourceDocument)]
    alone = list(workers.extract_many(documents, 1))
    pooled = list(workers.extract_many(documents, 2, batch_size=25))
    assert len(alone) == len(documents)
    assert not [r for r in alone if isinstance(r, workers.ExtractionError)]
    assert pooled == alone


def test_the_workers_start_the_next_batch_before_this_one_is_handed_over():
    documents = [
        r for r in read_sources([SEEDS]) if isinstance(r, SourceDocument)
    ]  # five: batches of two, two and one
    taken: list[int] = []  # batches the pool has taken, when each result is handed over

    def batches():
        for number, start in enumerate(range(0, len(documents), 2)):
            taken.append(number)
            yield number, documents[start : start + 2]

    handed: list[tuple[int, int]] = []  # (batch handed over, batches taken by then)
    with workers.ExtractionPool(2) as pool:
        for number, results in pool.extract_ahead(batches()):
            handed.append((number, len(taken)))
            assert not [r for r in results if isinstance(r, workers.ExtractionError)]
    # While the caller loads batch 0, batch 1 is already being extracted; the last has no next.
    assert handed == [(0, 2), (1, 3), (2, 3)]


def _raise_in_a_worker(document: SourceDocument):
    if document.source_uri.endswith("trips_a_rule.txt"):
        raise IndexError(f"list index out of range in process {os.getpid()}")
    return _real_extract(document)


_real_extract = workers.extract


def test_a_rule_that_raises_in_a_worker_rejects_that_document_only(
    migrated_database, tmp_path, monkeypatch
):
    # Workers are forked, so they run the rule as patched here.
    monkeypatch.setattr(workers, "extract", _raise_in_a_worker)
    monkeypatch.setenv("CMW_WORKERS", "2")
    batch = tmp_path / "batch"
    batch.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, batch / seed.name)
    (batch / "trips_a_rule.txt").write_text("Chile y Japón firmaron un memorando sobre litio.")
    with pipeline.logged_run(migrated_database, "load", migrate=False) as run:
        summary = pipeline.ingest(run.conn, run.run_id, [batch])
    assert summary.loaded == 5
    [(uri, code, reason)] = query(
        migrated_database, "select source_uri, reason_code, reason from staging.rejected_inputs"
    )
    assert uri.endswith("trips_a_rule.txt") and code == "extraction_failed"
    prefix = f"extractor {pipeline.EXTRACTOR_VERSION} failed: IndexError: list index out of range"
    assert reason.startswith(prefix + " in process ")
    assert int(reason.rsplit(" ", 1)[1]) != os.getpid()  # it did run in a worker


def _staging_rows(url: str) -> dict[str, list[tuple]]:
    """Every staging row a load writes, without the run that wrote it or when."""
    tables = query(
        url,
        "select table_name from information_schema.tables where table_schema = 'staging'"
        " and table_name not in ('etl_runs', 'alembic_version') order by 1",
    )
    rows = {}
    for (table,) in tables:
        columns = query(
            url,
            "select column_name from information_schema.columns where table_schema = 'staging'"
            " and table_name = %s and column_name not in ('load_id', 'loaded_at')"
            " order by ordinal_position",
            (table,),
        )
        listed = ", ".join(c for (c,) in columns)
        rows[table] = query(url, f"select {listed} from staging.{table} order by {listed}")
    return rows


def test_a_load_with_two_workers_stores_the_same_rows_and_ids_as_with_one(
    server_url, migrated_database, tmp_path, monkeypatch
):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    sources = [tmp_path / "seeds", _feed(tmp_path, 60, seed=5)]
    monkeypatch.setenv("CMW_BATCH_SIZE", "25")  # several batches, each shared out
    snapshots = []
    with empty_database(server_url) as second:
        db.migrate(second)
        for url, count in ((migrated_database, "1"), (second, "2")):
            monkeypatch.setenv("CMW_WORKERS", count)
            with pipeline.logged_run(url, "load", migrate=False) as run:
                summary = pipeline.ingest(run.conn, run.run_id, sources)
            assert summary.loaded == 65 and not summary.rejected
            snapshots.append(_staging_rows(url))
    one, two = snapshots
    assert one["documents"] and one["mentions"] and one["extracted_agreements"]
    for table in one:
        assert two[table] == one[table], table


@pytest.mark.parametrize("value", ["0", "-1", "all"])
def test_an_unusable_worker_count_names_the_setting(monkeypatch, value):
    monkeypatch.setenv("CMW_WORKERS", value)
    with pytest.raises(config.ConfigError, match="CMW_WORKERS"):
        config.check()


def test_workers_default_to_one_per_core(monkeypatch):
    monkeypatch.delenv("CMW_WORKERS", raising=False)
    assert config.workers() == (os.cpu_count() or 1)


def _children(pid: int) -> list[int]:
    return [
        int(child)
        for task in Path(f"/proc/{pid}/task").glob("*")
        for child in (task / "children").read_text().split()
    ]


@pytest.mark.parametrize(
    ("sent", "code"),
    [(signal.SIGTERM, 143), (signal.SIGINT, 130), (signal.SIGKILL, -signal.SIGKILL)],
)
def test_no_worker_outlives_cmw(migrated_database, tmp_path, sent, code):
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as handle:
        for i in range(5000):  # far more than the test waits for
            record = {"text": f"{texts[i % len(texts)]}\nEdition {i}.", "url": f"feed://{i}"}
            handle.write(json.dumps(record) + "\n")
    env = {"CMW_WORKERS": "2", "CMW_BATCH_SIZE": "50"}
    loader = start_cmw("load", str(feed), database_url=migrated_database, extra_env=env)
    workers_seen = wait_until(lambda: len(_children(loader.pid)) == 2 or loader.poll() is not None)
    assert workers_seen and loader.poll() is None, loader.communicate()
    pool = _children(loader.pid)
    loader.send_signal(sent)
    _, stderr = loader.communicate(timeout=60)
    assert loader.returncode == code, stderr
    assert wait_until(lambda: all(process_gone(pid) for pid in pool), timeout=30)
