"""The nightly load, against a real PostgreSQL and the real `cmw`: whole batches, one run
at a time, only new content, every bad input recorded, and marts that come out the same
however often it runs, reprocesses or rebuilds."""

from __future__ import annotations

import json
import os
import shutil
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from conftest import (
    MERGE_MODELS,
    SEEDS,
    TWO_REPORTS_OF_ONE_DEAL,
    copy_of,
    marts_snapshot,
    query,
    start_cmw,
    wait_until,
    warehouse_state,
)

from etl import pipeline, workers

# The nights share module fixtures: one process runs them all, and starts them first.
pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.xdist_group("nightly")]


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


# --- whole batches, one run at a time -------------------------------------------------


def test_sigkill_mid_batch_leaves_whole_batches_only_and_the_next_run_finishes(
    migrated_database, tmp_path, cli
):
    url = migrated_database
    feed = _feed(tmp_path, 40)
    env = {"CMW_BATCH_SIZE": "10"}
    loader = start_cmw("load", str(feed), database_url=url, extra_env=env)
    # Let at least one batch commit, then stall the next one inside its transaction:
    # it has inserted its documents and mentions and waits to write its rejects.
    wait_until(lambda: query(url, "select count(*) from staging.documents")[0][0] >= 10)
    lock = TableLock(url, "rejected_inputs")
    try:
        wait_until(lambda: _blocked_on_lock(url) or loader.poll() is not None)
        assert loader.poll() is None, "the load finished before the test could stall it"
        loader.send_signal(signal.SIGKILL)
        loader.communicate(timeout=30)  # reaps the process and closes its pipes
    finally:
        lock.release()

    committed = query(url, "select count(*) from staging.documents")[0][0]
    assert committed % 10 == 0 and 10 <= committed < 40, committed  # whole batches only
    orphans = query(
        url,
        "select count(*) from staging.documents d where not exists"
        " (select 1 from staging.mentions m where m.document_id = d.document_id)",
    )
    assert orphans == [(0,)]  # no document without its extraction
    assert query(url, "select status from staging.etl_runs") == [("running",)]

    result = cli("load", str(feed), database_url=url, extra_env=env)
    assert result.exit_code == 0, result.output
    assert query(url, "select count(*), count(distinct content_sha256) from staging.documents") == [
        (40, 40)
    ]
    statuses = query(url, "select status, message from staging.etl_runs order by started_at")
    assert [s for s, _ in statuses] == ["failed", "succeeded"]
    assert "interrupted" in statuses[0][1]


def test_a_second_run_exits_at_once_naming_the_run_that_holds_the_lock(migrated_database, tmp_path):
    url = migrated_database
    feed = _feed(tmp_path, 5)
    lock = TableLock(url, "rejected_inputs")
    first = start_cmw("load", str(feed), database_url=url)
    try:
        wait_until(lambda: _blocked_on_lock(url) or first.poll() is not None)
        assert first.poll() is None
        second = start_cmw("load", str(feed), database_url=url)
        _, second_err = second.communicate(timeout=60)
        assert second.returncode == 75, second_err
        first_run_id = query(url, "select run_id from staging.etl_runs where status = 'running'")[
            0
        ][0]
        assert f"load run {first_run_id}" in second_err
    finally:
        lock.release()
    _, first_err = first.communicate(timeout=120)
    assert first.returncode == 0, first_err
    assert query(url, "select count(*) from staging.documents") == [(5,)]


def test_a_document_that_breaks_the_extractor_is_recorded_and_the_rest_of_the_batch_loads(
    fresh_database, tmp_path, monkeypatch
):
    batch = tmp_path / "batch"
    batch.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, batch / seed.name)
    (batch / "trips_a_rule.txt").write_text("Chile y Japón firmaron un memorando sobre litio.")
    real_extract = workers.extract

    def extract_with_a_bug(document):
        if "Japón" in document.text and document.source_uri.endswith("trips_a_rule.txt"):
            raise IndexError("list index out of range")
        return real_extract(document)

    # The rule every worker runs (forked workers run it as patched here).
    monkeypatch.setattr(workers, "extract", extract_with_a_bug)
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

    # A file with a rejected input is not recorded as loaded: the next run reads it again
    # and, the bug fixed, stores its document; the two stored files are not opened.
    recorded = query(fresh_database, "select source_location from staging.input_files")
    assert sorted(Path(location).name for (location,) in recorded) == [
        seed.name for seed in sorted(SEEDS.glob("*.txt"))[:2]
    ]
    monkeypatch.undo()
    with pipeline.logged_run(fresh_database, "load", migrate=False) as run:
        summary = pipeline.ingest(run.conn, run.run_id, [batch])
    assert (summary.files, summary.files_unchanged, summary.loaded, summary.unchanged) == (
        1,
        2,
        1,
        2,
    )


# --- files unchanged since their last load are not read again ---------------------------


@dataclass(frozen=True)
class Inbox:
    folder: Path
    feed: Path  # three documents
    seeds: list[Path]  # two documents, one a file
    opened: list[str]  # the names of the files read, by every load since the inbox was made


@pytest.fixture
def inbox(migrated_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> Inbox:
    """Three files (five documents) loaded once by `cmw load`; later loads record which
    files they open."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    feed = _feed(folder, 3)
    seeds = [shutil.copy(seed, folder / seed.name) for seed in sorted(SEEDS.glob("*.txt"))[:2]]
    opened: list[str] = []
    real_read_input = pipeline.read_input

    def read_input(input_file):
        opened.append(input_file.path.name)
        return real_read_input(input_file)

    monkeypatch.setattr(pipeline, "read_input", read_input)
    result = cli("load", str(folder), database_url=migrated_database)
    assert result.exit_code == 0, result.output
    assert "3 files, 5 documents loaded, 0 unchanged, 0 rejected" in result.stdout
    assert sorted(opened) == sorted([feed.name, *(p.name for p in seeds)])
    opened.clear()
    return Inbox(folder, feed, [Path(p) for p in seeds], opened)


def _last_load(url: str) -> tuple:
    return query(
        url,
        "select documents_seen, documents_loaded, documents_unchanged, message"
        " from staging.etl_runs order by started_at desc limit 1",
    )[0]


def test_a_second_load_of_the_same_folder_opens_no_file(inbox: Inbox, migrated_database, cli):
    result = cli("load", str(inbox.folder), database_url=migrated_database)
    assert result.exit_code == 0, result.output
    assert inbox.opened == []
    said = f"3 {pipeline.UNCHANGED_FILES}"
    assert f"0 files, {said}, 0 documents loaded, 5 unchanged, 0 rejected" in result.stdout
    assert _last_load(migrated_database) == (0, 0, 5, f"0 loaded, 5 unchanged, 0 rejected; {said}")
    # Not opened at all: a file that cannot be read now is skipped, not rejected.
    os.chmod(inbox.seeds[0], 0)
    result = cli("load", "--fail-if-empty", str(inbox.folder), database_url=migrated_database)
    assert result.exit_code == 0, result.output
    assert inbox.opened == [] and "0 rejected" in result.stdout


def test_a_file_touched_or_grown_is_read_again_and_only_its_new_document_loads(
    inbox: Inbox, migrated_database, cli
):
    later = inbox.seeds[0].stat().st_mtime_ns + 1_000_000_000
    os.utime(inbox.seeds[0], ns=(later, later))  # touched: same bytes, a new time
    with inbox.feed.open("a", encoding="utf-8") as feed:
        feed.write(json.dumps({"text": "Chile and Japan signed a memorandum on lithium."}) + "\n")
    result = cli("load", str(inbox.folder), database_url=migrated_database)
    assert result.exit_code == 0, result.output
    assert sorted(inbox.opened) == sorted([inbox.feed.name, inbox.seeds[0].name])
    assert (
        f"2 files, 1 {pipeline.UNCHANGED_FILES}, 1 documents loaded, 5 unchanged, 0 rejected"
        in result.stdout
    )
    assert query(
        migrated_database, "select count(*), count(distinct content_sha256) from staging.documents"
    ) == [(6, 6)]
    # Recorded as read this time: the next load opens nothing.
    inbox.opened.clear()
    assert cli("load", str(inbox.folder), database_url=migrated_database).exit_code == 0
    assert inbox.opened == []


def test_reread_reads_every_file_and_stores_nothing_twice(inbox: Inbox, migrated_database, cli):
    result = cli("load", "--reread", str(inbox.folder), database_url=migrated_database)
    assert result.exit_code == 0, result.output
    assert len(inbox.opened) == 3
    assert "3 files, 0 documents loaded, 5 unchanged, 0 rejected" in result.stdout
    assert _last_load(migrated_database)[:3] == (5, 0, 5)
    assert query(migrated_database, "select count(*) from staging.documents") == [(5,)]


def test_a_file_with_a_rejected_line_is_read_again_until_every_line_loads(
    migrated_database, tmp_path, cli
):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "short.txt").write_text("Chile and Japan signed a memorandum on lithium in Tokyo.")
    feed = folder / "feed.jsonl"
    long_report = SEEDS / "001_e7a30f912516d709.txt"
    lines = [
        {"text": "Peru and Canada signed a memorandum on zinc."},
        {"text": long_report.read_text()},
    ]
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines))
    small = {"CMW_MAX_DOCUMENT_BYTES": "1000"}  # the long report's line is too large

    def load(env: dict) -> str:
        result = cli("load", str(folder), database_url=migrated_database, extra_env=env)
        assert result.exit_code == 0, result.output
        return result.stdout

    skipped = pipeline.UNCHANGED_FILES
    assert "2 files, 2 documents loaded, 0 unchanged, 1 rejected" in load(small)
    # The feed again, the same line rejected again; the other file is not opened.
    assert f"1 files, 1 {skipped}, 0 documents loaded, 2 unchanged, 1 rejected" in load(small)
    # A higher limit (or a fixed reader) reads the unchanged feed's line: it loads now,
    # and the feed is recorded as loaded.
    assert f"1 files, 1 {skipped}, 1 documents loaded, 2 unchanged, 0 rejected" in load({})
    assert f"0 files, 2 {skipped}, 0 documents loaded, 3 unchanged, 0 rejected" in load({})


# --- the nights after the quickstart ---------------------------------------------------
#
# One copy of the seeds' warehouse lives through the steps below, each a module fixture
# that runs once and records what it saw, in order: a nightly with new documents and
# every kind of bad input, the same run again, reprocessing and a full refresh. Each dbt
# build is one a nightly operator would run; the tests read what the steps recorded.
# (That an incremental build after new documents equals a full refresh, on generated
# reports merged across nights, is test_incremental.py's.)

# The batch's limits: a small size limit makes "too large" cheap to write.
NIGHT_ENV = {"CMW_MAX_DOCUMENT_BYTES": "20000", "CMW_BATCH_SIZE": "4"}
SPANISH_REPORT = SEEDS / "002_ebf6f2a10a4e039c.txt"  # of the Chile–US declaration
# A document whose metadata only its input declares: "on Sunday" resolves against the
# declared date, so reprocessing must read the stored metadata, not guess it again.
DECLARED = {
    "text": (SEEDS / "001_e7a30f912516d709.txt").read_text() + "\nA later edition.",
    "title": "A title",
    "published_date": "2025-03-12",
}


@dataclass(frozen=True)
class Batch:
    folder: Path
    good: set[str]  # source uris of the documents it must load
    bad: dict[str, str]  # source uri → reason code of every input it must reject


def _poisoned_batch(folder: Path) -> Batch:
    """Good documents beside every kind of bad input."""
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    # New editions of two seeds: new content. One is a later report of the Chile–US
    # declaration the seeds hold twice already.
    for seed in (seeds[1], SPANISH_REPORT):
        (folder / seed.name).write_text(seed.read_text() + "\nUpdated edition.")
    shutil.copy(seeds[0], folder / "same_article_other_name.txt")  # a stored seed's text
    spanish = "Chile y Japón firmaron un memorando de cooperación sobre litio en Tokio."
    (folder / "latin1_es.txt").write_bytes(spanish.replace("Tokio", "Osaka").encode("latin-1"))
    (folder / "utf16.txt").write_bytes(spanish.replace("Japón", "Corea").encode("utf-16"))
    (folder / "stray_byte.txt").write_bytes(
        b"Peru and Canada signed an MoU on zinc \xff in Lima on 3 March 2025."
    )
    (folder / "late_nul.txt").write_text(
        "Brazil and India signed a memorandum on rare earths. " * 200 + "\x00 The end."
    )
    (folder / "old_and_future_dates.txt").write_text(
        "Bolivia and Germany signed a memorandum on lithium on 3 March 1987, recalled"
        " the ministry. Bolivia and Germany held talks on lithium on 5 May 2077."
    )
    with open(os.path.join(os.fsencode(folder), b"acuerdo-\xe9.txt"), "wb") as handle:
        handle.write(b"Argentina y Francia firmaron un memorando sobre litio.")
    feed = [
        {"text": "Peru and the United States signed a memorandum on copper.", "url": "f://ok"},
        {"text": "Chile and Korea signed\u0000 an MoU on lithium.", "url": "f://nul\u0000"},
        {"text": "Ghana and Japan held talks on manganese.", "title": "T\u0000"},
        {"text": "Kenya and India held talks on cobalt.", "published_date": "1850-06-01"},
    ]
    lines = [json.dumps(record) for record in feed]
    lines.append('{"text": "Zambia and the EU signed an MoU on copper \\ud800.", "url": "f://s"}')
    lines.append(json.dumps({"text": "Chile signed.", "published_date": "2026-01-01T99:99"}))
    lines.append("{broken json")
    lines.append(json.dumps({"text": "cobre " * 5000}))
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "declared.jsonl").write_text(json.dumps(DECLARED) + "\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00")
    (folder / "garbage.txt").write_bytes(bytes(range(0x80, 0xA0)) * 40)
    (folder / "controls.txt").write_bytes(bytes(range(1, 9)) * 50)
    (folder / "huge.txt").write_text("cobre " * 5000)
    (folder / "scripts.html").write_text("<html><body><script>track()</script></body></html>")
    (folder / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    injection = "Robert'); DROP TABLE staging.documents; -- signed a memorandum on lithium."
    (folder / "injection.txt").write_text(injection)
    for name, text in TWO_REPORTS_OF_ONE_DEAL.items():  # the first company deal
        (folder / name).write_text(text, encoding="utf-8")
    good = {
        seeds[1].name,
        SPANISH_REPORT.name,
        "latin1_es.txt",
        "utf16.txt",
        "stray_byte.txt",
        "late_nul.txt",
        "old_and_future_dates.txt",
        "acuerdo-\\xe9.txt",
        "injection.txt",
        "f://ok",
        "f://nul",
        "feed.jsonl#L3",
        "feed.jsonl#L4",
        "f://s",
        "declared.jsonl#L1",
        *TWO_REPORTS_OF_ONE_DEAL,
    }
    bad = {
        "same_article_other_name.txt": "duplicate_content",
        "feed.jsonl#L6": "malformed_json",
        "feed.jsonl#L7": "malformed_json",
        "feed.jsonl#L8": "too_large",
        "empty.txt": "empty",
        "photo.txt": "binary",
        "garbage.txt": "undecodable",
        "controls.txt": "binary",
        "huge.txt": "too_large",
        "scripts.html": "no_text_extracted",
        "sheet.xlsx": "unsupported_extension",
        "pipe.txt": "not_a_file",
        "zero.txt": "not_a_file",
        "gone.txt": "unreadable",
    }
    return Batch(folder, good, bad)


@dataclass(frozen=True)
class Step:
    said: str  # what cmw printed
    marts: dict[str, list[tuple]]  # the marts right after the step
    run: tuple  # its line of the run log (see _last_run)


def _step(cli, warehouse: str, *args: str, extra_env: dict | None = NIGHT_ENV) -> Step:
    """One in-process command of the chain of nights, and the marts and run log after it."""
    result = cli(*args, database_url=warehouse, extra_env=extra_env)
    assert result.exit_code == 0, result.output
    return Step(result.stdout, marts_snapshot(warehouse), _last_run(warehouse))


def _last_run(url: str) -> tuple:
    """run_id, status, build_outcome, both fingerprints recorded, built, freshness checked,
    message: of the latest run in the run log."""
    return query(
        url,
        "select run_id, status, build_outcome,"
        " code_fingerprint is not null and data_fingerprint is not null,"
        " step_seconds ? 'dbt_build', step_seconds ? 'freshness', message"
        " from staging.etl_runs order by started_at desc limit 1",
    )[0]


@pytest.fixture(scope="module")
def warehouse(server_url: str, seeds_warehouse: str) -> Iterator[str]:
    """A copy of the seeds' warehouse that the nights below change, one after the other."""
    with copy_of(server_url, seeds_warehouse) as url:
        yield url


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    return _poisoned_batch(tmp_path_factory.mktemp("inbox") / "batch")


@pytest.fixture(scope="module")
def quiet_night(warehouse: str, cli) -> Step:
    """`cmw nightly` over the seeds alone, all stored already: nothing new."""
    return _step(cli, warehouse, "nightly", "--source", str(SEEDS), extra_env=None)


@pytest.fixture(scope="module")
def first_night(quiet_night: Step, warehouse: str, batch: Batch, cmw) -> Step:
    """The real `cmw nightly` over the seeds, all stored already, and a batch of new and bad
    inputs."""
    result = cmw(
        "nightly",
        *("--source", str(SEEDS), "--source", str(batch.folder)),
        database_url=warehouse,
        extra_env=NIGHT_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return Step(result.stdout, marts_snapshot(warehouse), _last_run(warehouse))


@pytest.fixture(scope="module")
def night_after(first_night: Step, warehouse: str, batch: Batch, cli) -> Step:
    """`cmw nightly` over the same sources the next night: nothing new again."""
    return _step(cli, warehouse, "nightly", "--source", str(SEEDS), "--source", str(batch.folder))


@pytest.fixture(scope="module")
def second_run(night_after: Step, warehouse: str, batch: Batch, cli) -> Step:
    """`cmw run` over the same sources again: nothing new."""
    return _step(
        cli, warehouse, "run", "--source", str(SEEDS), "--source", str(batch.folder), "--no-docs"
    )


@dataclass(frozen=True)
class Reprocessing:
    stale_document: str  # the document an "older extractor" read badly
    agreements: tuple[int, int]  # its extracted agreements: before the older extractor, after
    reextracted: int  # by `reprocess`: the documents of older versions only
    versions_left: list[str]  # the extractor versions stored after that
    reextracted_all: int  # by `reprocess --all`, which then builds incrementally
    incremental: dict[str, list[tuple]]  # marts and merges after that build
    said: str  # what `cmw build --full-refresh` printed after that
    refreshed: dict[str, list[tuple]]  # marts and merges after `cmw build --full-refresh`


@pytest.fixture(scope="module")
def reprocessing(second_run: Step, warehouse: str, batch: Batch, cli) -> Reprocessing:
    """An older extractor read the declared-metadata document badly; `reprocess` mends it
    from the stored text, then `reprocess --all` re-extracts every document (forgetting
    every merge) and builds incrementally, and `cmw build --full-refresh` rebuilds every
    mart, incremental ones too, from scratch."""

    def agreements_of(document_id: str) -> int:
        return query(
            warehouse,
            "select count(*) from staging.extracted_agreements where document_id = %s",
            (document_id,),
        )[0][0]

    (stale,) = query(
        warehouse,
        "select document_id from staging.documents where source_uri = 'declared.jsonl#L1'",
    )[0]
    before = agreements_of(stale)
    with psycopg.connect(warehouse) as conn:
        conn.execute("delete from staging.extracted_agreements where document_id = %s", (stale,))
        conn.execute(
            "update staging.documents set extractor_version = '0.0.1' where document_id = %s",
            (stale,),
        )
    shutil.rmtree(batch.folder)  # reprocessing reads the stored text, not the source files
    reextracted = pipeline.reprocess(warehouse, steps=pipeline.Steps(build=False, docs=False))
    after = agreements_of(stale)
    versions = [
        v for (v,) in query(warehouse, "select distinct extractor_version from staging.documents")
    ]
    every = pipeline.reprocess(warehouse, every=True, steps=pipeline.Steps(docs=False))
    incremental = warehouse_state(warehouse)
    rebuilt = cli("build", "--full-refresh", database_url=warehouse)
    assert rebuilt.exit_code == 0, rebuilt.output
    return Reprocessing(
        stale,
        (before, after),
        reextracted,
        versions,
        every,
        incremental,
        rebuilt.stdout,
        warehouse_state(warehouse),
    )


def test_a_night_loads_every_new_document_and_records_every_bad_input(
    first_night: Step, warehouse: str, batch: Batch
):
    said = first_night.said
    new, bad = len(batch.good), len(batch.bad)
    assert f"{new} new documents loaded, 5 unchanged, {bad} rejected" in said
    assert "not_a_file" in said and "decoded as UTF-16-LE" in said
    rejected = query(
        warehouse,
        "select source_uri, reason_code from staging.rejected_inputs where load_id = %s",
        (first_night.run[0],),
    )
    assert dict(rejected) == batch.bad and len(rejected) == bad
    documents = [uri for (uri,) in query(warehouse, "select source_uri from marts.dim_documents")]
    assert batch.good <= set(documents) and len(documents) == new + 5  # + the seeds
    bodies = [b for (b,) in query(warehouse, "select body from staging.documents")]
    assert not any("\x00" in body for body in bodies)
    assert any("DROP TABLE staging.documents" in body for body in bodies)  # stored verbatim


def test_dates_far_outside_the_calendar_widen_it_instead_of_failing_its_tests(
    first_night: Step, warehouse: str
):
    assert query(warehouse, "select min(year) <= 1850, max(year) >= 2077 from marts.dim_dates") == [
        (True, True)
    ]
    old = query(
        warehouse, "select count(*) from marts.fct_agreements where event_date < '2000-01-01'"
    )
    assert old[0][0] >= 1


def test_the_nightly_logs_its_counts_and_the_time_of_every_step(
    first_night: Step, warehouse: str, batch: Batch
):
    assert query(
        warehouse,
        "select status, documents_loaded, documents_unchanged, step_seconds ? 'ingest',"
        # (docs: only when the code changed since the site was generated, see below)
        " step_seconds ? 'dbt_build' and step_seconds ? 'freshness'"
        " from staging.etl_runs where run_id = %s",
        (first_night.run[0],),
    ) == [("succeeded", len(batch.good), 5, True, True)]


def test_a_nightly_with_nothing_new_skips_the_build_until_a_document_arrives(
    quiet_night: Step, first_night: Step, night_after: Step, seeds_warehouse: str
):
    assert "Nothing new: marts unchanged, build skipped." in quiet_night.said
    _, status, outcome, fingerprinted, built, freshness, message = quiet_night.run
    assert (status, outcome, fingerprinted, built, freshness) == (
        "succeeded",
        "skipped",
        True,
        False,
        True,
    )
    assert pipeline.NOTHING_NEW in message
    assert quiet_night.marts == marts_snapshot(seeds_warehouse)
    # New documents: that night builds, and the one after skips again.
    assert (first_night.run[2], night_after.run[2]) == ("built", "skipped")
    assert night_after.marts == first_night.marts
    # The docs site describes the same code: it is not generated again.
    for night in (quiet_night, first_night, night_after):
        assert "Docs site" not in night.said


def test_a_later_report_joins_its_agreement_without_changing_its_id(
    first_night: Step, warehouse: str, seeds_warehouse: str
):
    def chile_us_declaration(url: str) -> list[tuple]:
        return query(
            url,
            """
            select a.agreement_id, a.source_document_count, a.event_date::text
            from marts.fct_agreements a
            join marts.fct_agreement_participants p using (agreement_id)
            where p.role = 'party' and p.participant_id in ('CHL', 'USA')
            group by 1, 2, 3 having count(*) = 2
            """,
        )

    def sources(url: str, agreement_id: str) -> dict[str, str]:
        return dict(
            query(
                url,
                "select document_id, merge_reason from marts.fct_agreement_sources"
                " where agreement_id = %s",
                (agreement_id,),
            )
        )

    before = chile_us_declaration(seeds_warehouse)
    assert [(count, day) for _, count, day in before] == [(2, "2026-03-12")]
    agreement_id = before[0][0]
    assert chile_us_declaration(warehouse) == [(agreement_id, 3, "2026-03-12")]
    earlier = sources(seeds_warehouse, agreement_id)
    later = {d: r for d, r in sources(warehouse, agreement_id).items() if d not in earlier}
    assert len(later) == 1 and "same parties CHL+USA" in next(iter(later.values())), later


# The two reports of one offtake the first night loaded (the seeds hold no company deal).


def test_two_reports_of_one_offtake_are_one_deal_with_two_sources(
    first_night: Step, warehouse: str
):
    ((deal_id, kind, status, sources, companies, minerals),) = query(
        warehouse,
        """select deal_id, deal_kind, status, source_document_count, company_count, mineral_count
           from marts.fct_company_deals""",
    )
    assert (kind, status, sources, companies, minerals) == ("offtake", "signed", 2, 2, 1)
    assert query(
        warehouse,
        "select mineral_id from marts.fct_company_deal_minerals where deal_id = %s",
        (deal_id,),
    ) == [("cobalt",)]
    assert (
        len(
            query(
                warehouse,
                "select * from marts.fct_company_deal_sources where deal_id = %s",
                (deal_id,),
            )
        )
        == 2
    )


def test_the_companies_of_a_deal_have_their_kind_and_headquarters(
    first_night: Step, warehouse: str
):
    sides = query(
        warehouse,
        """select p.participant_id, p.role, p.country_code, o.name, o.organization_kind,
                  o.country_code
           from marts.fct_company_deal_participants p
           join marts.dim_organizations o on p.participant_id = o.organization_id
           order by 1""",
    )
    assert sides == [
        ("aurelia-battery-metals", "party", "AUS", "Aurelia Battery Metals", "company", "AUS"),
        ("hanseong-materials", "party", "KOR", "Hanseong Materials", "company", "KOR"),
    ]


def test_the_offtake_volume_is_one_commitment_of_the_deal_stated_twice(
    first_night: Step, warehouse: str
):
    ((commitment_id, kind, amount, unit, sources, deal_kind),) = query(
        warehouse,
        """select c.commitment_id, c.commitment_kind, c.amount, c.unit,
                  c.source_document_count, x.deal_kind
           from marts.fct_commitments c join marts.fct_company_deals x using (deal_id)""",
    )
    assert (kind, amount, unit, sources, deal_kind) == ("offtake", 3000, "t_per_year", 2, "offtake")
    written = query(
        warehouse,
        "select value_text from marts.fct_commitment_sources where commitment_id = %s order by 1",
        (commitment_id,),
    )
    assert written == [("3 000 tonnes par an",), ("3,000 tonnes per year",)]


def test_running_again_loads_nothing_and_changes_no_mart(
    first_night: Step, second_run: Step, batch: Batch
):
    assert f"0 documents loaded, {len(batch.good) + 5} unchanged" in second_run.said
    # Nothing new and the same code: the marts are what a build would give.
    assert "Nothing new: marts unchanged, build skipped." in second_run.said
    assert second_run.run[1:3] == ("succeeded", "skipped")
    assert second_run.marts == first_night.marts  # same rows, same ids


def test_reprocessing_reextracts_from_the_stored_text_and_declared_metadata(
    first_night: Step, reprocessing: Reprocessing, batch: Batch
):
    before, after = reprocessing.agreements
    assert before > 0 and after == before
    assert reprocessing.reextracted == 1
    assert reprocessing.versions_left == [pipeline.EXTRACTOR_VERSION]
    assert reprocessing.reextracted_all == len(batch.good) + 5
    # That document is a source in the marts, so they show whether it was read as before.
    sources = first_night.marts["fct_agreement_sources"]
    assert any(reprocessing.stale_document in row for row in sources)
    # Built incrementally from what reprocessing stored: the marts the nights built, and
    # the merges a full refresh makes.
    marts = {t: rows for t, rows in reprocessing.incremental.items() if t not in MERGE_MODELS}
    assert marts == first_night.marts
    assert "dbt build passed" in reprocessing.said
    assert reprocessing.refreshed == reprocessing.incremental
