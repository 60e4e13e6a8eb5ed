"""No input can stop a run, and every exit code in README means what it says.

Real bad files, real signals and real unreachable servers, against a real PostgreSQL.
What only a process shows (a traceback printed, a signal, a killed parent) runs the real
`cmw` in a subprocess; the other exits run the same command line in-process (`cli`).
The nightly's bad-input batch is in test_nightly.py.
"""

from __future__ import annotations

import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from conftest import (
    REPO_ROOT,
    SEEDS,
    DocsSite,
    copy_of,
    http_get,
    marts_snapshot,
    process_gone,
    query,
    start_cmw,
    wait_until,
)

from etl import config, db, interrupts, pipeline
from etl.model import SourceDocument
from etl.read import read_file

pytestmark = pytest.mark.postgres


def dbt_child(pid: int) -> int | None:
    """The pid of the dbt process cmw `pid` started, if one is running."""
    for task in Path(f"/proc/{pid}/task").glob("*"):
        for child in (task / "children").read_text().split():
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            if b"dbt.cli.main" in cmdline:
                return int(child)
    return None


@pytest.fixture(scope="module")
def shared_copy(server_url: str, seeds_warehouse: str) -> Iterator[str]:
    """A copy of the seeds' warehouse for the tests here that leave its marts as they were
    (loading files it holds already, builds interrupted), so they can share it."""
    with copy_of(server_url, seeds_warehouse) as url:
        yield url


# --- bad input ----------------------------------------------------------------------


def test_the_same_files_under_another_spelling_are_unchanged_not_duplicates(
    shared_copy, cli, monkeypatch
):
    for spelling, cwd in ((str(SEEDS), REPO_ROOT), (".", SEEDS), ("../seeds/", SEEDS)):
        monkeypatch.chdir(cwd)
        # Unchanged files are skipped by their location; read again, their documents are
        # found stored by their content and location.
        for reread in ([], ["--reread"]):
            result = cli("load", *reread, spelling, database_url=shared_copy)
            assert result.exit_code == 0, result.output
            assert "0 documents loaded, 5 unchanged, 0 rejected" in result.stdout, spelling
            assert (f"5 {pipeline.UNCHANGED_FILES}" in result.stdout) != bool(reread), spelling
    assert query(shared_copy, "select count(*) from staging.rejected_inputs") == [(0,)]


def _with_bad_title(extraction):
    # A title PostgreSQL cannot store: the documents' COPY fails with a DataError.
    return extraction.__class__(**{**extraction.__dict__, "title": "bad\x00title"})


def _with_bad_mention(extraction):
    # A mention text it cannot store: the extraction rows, COPYed straight into their
    # table, fail the same way.
    first, *rest = extraction.mentions
    bad = first.__class__(**{**first.__dict__, "text": "bad\x00mention"})
    return extraction.__class__(**{**extraction.__dict__, "mentions": (bad, *rest)})


@pytest.mark.parametrize("poison", [_with_bad_title, _with_bad_mention])
def test_one_document_that_postgresql_refuses_is_rejected_and_the_batch_loads(
    fresh_database, tmp_path, monkeypatch, poison
):
    """The last line of defence: a value that passes every check but fails in COPY."""
    from etl import load

    batch = tmp_path / "batch"
    batch.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(seed, batch / seed.name)
    real_load_batch = load._load_batch

    def load_with_a_bad_row(conn, run_id, extracted, rejects, **counts):
        for item in extracted:
            if item.document.source_uri == "001_e7a30f912516d709.txt":
                poisoned = poison(item.extraction)
                extracted = [
                    load.ExtractedDocument(i.document, poisoned) if i is item else i
                    for i in extracted
                ]
        return real_load_batch(conn, run_id, extracted, rejects, **counts)

    monkeypatch.setattr(load, "_load_batch", load_with_a_bad_row)
    with pipeline.logged_run(fresh_database, "load", migrate=True) as run:
        summary = pipeline.ingest(run.conn, run.run_id, [batch])
    assert summary.loaded == 2
    assert query(fresh_database, "select source_uri, reason_code from staging.rejected_inputs") == [
        ("001_e7a30f912516d709.txt", "load_failed")
    ]
    # nothing of the refused document stays behind, in any table
    assert query(
        fresh_database,
        "select count(*) from staging.documents d join staging.mentions m using (document_id)"
        " where d.source_uri = '001_e7a30f912516d709.txt'",
    ) == [(0,)]
    assert query(fresh_database, "select count(distinct document_id) from staging.mentions") == [
        (2,)
    ]


@pytest.mark.postgres
def test_mention_attributes_land_in_staging_as_the_extractor_gave_them(migrated_database):
    """The loader writes each attributes object as JSON text that COPY casts to jsonb:
    quotes, backslashes, tabs, newlines and accents must arrive unchanged."""
    from dataclasses import replace

    from etl import load
    from etl.extract import extract

    (document,) = [
        d for d in read_file(sorted(SEEDS.glob("*.txt"))[0]) if isinstance(d, SourceDocument)
    ]
    extraction = extract(document)
    tricky = {"title": 'Ministro "de" Minas \\ y\tEnergía', "note": "línea\nnueva", "empty": ""}
    mentions = (replace(extraction.mentions[0], attributes=tricky), *extraction.mentions[1:])
    extraction = replace(extraction, mentions=mentions)
    with pipeline.logged_run(migrated_database, "load", migrate=False) as run:
        load.load_batch(
            run.conn,
            run.run_id,
            [load.ExtractedDocument(document, extraction)],
            [],
            seen=1,
            unchanged=0,
        )
    stored = query(
        migrated_database,
        "select attributes from staging.mentions where document_id = %s order by mention_index",
        (document.document_id,),
    )
    assert [a for (a,) in stored] == [dict(m.attributes) for m in extraction.mentions]
    assert stored[0][0] == tricky


def test_one_five_megabyte_word_extracts_in_linear_time():
    from etl.extract import extract

    text = "Chile and Japan signed a memorandum on lithium. " + "x" * 5_000_000
    document = SourceDocument("t", "t", text, "0" * 64, "txt")
    started = time.process_time()
    extraction = extract(document)
    # Not a timing assertion on the machine: a bound so loose only a quadratic step fails it.
    assert time.process_time() - started < 60
    assert extraction.agreements


# --- exit codes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "wrong"),
    [
        (("run", "--no-docs"), "port"),
        (("nightly",), "database"),
        (("migrate",), "role"),
        (("load", str(SEEDS)), "host"),
        (("build",), "port"),
        (("reprocess",), "port"),
        (("docs",), "port"),
        (("bench", "run", "--docs", "5"), "port"),
    ],
)
def test_an_unreachable_database_is_exit_3_with_one_clear_line(server_url, cli, command, wrong):
    parts = psycopg.conninfo.conninfo_to_dict(server_url)
    bad = {
        "port": "postgresql://postgres:s3cret@127.0.0.1:1/postgres",
        "database": config.with_database(server_url, "no_such_database_here"),
        "role": f"postgresql://no_such_role@{parts.get('host', '127.0.0.1')}:{parts.get('port', 5432)}/postgres",
        "host": "postgresql://postgres@no-such-host.invalid/postgres",
    }[wrong]
    result = cli(*command, database_url=bad)
    assert result.exit_code == 3, result.output
    assert isinstance(result.exception, SystemExit)  # a deliberate exit, no traceback
    assert "s3cret" not in result.output
    assert "cannot use the database at" in result.stderr and "The server said:" in result.stderr


def test_a_source_that_does_not_exist_is_a_usage_error(server_url, cli):
    result = cli("nightly", "--source", "no/such/folder", database_url=server_url)
    assert result.exit_code == 2, result.output
    assert "no/such/folder" in result.stderr and "does not exist" in result.stderr


@pytest.mark.parametrize("value", ["0", "-5", "many"])
@pytest.mark.parametrize("variable", ["CMW_BATCH_SIZE", "CMW_WORKERS"])
def test_an_unusable_setting_is_a_usage_error_naming_it(server_url, cli, variable, value):
    result = cli("load", str(SEEDS), database_url=server_url, extra_env={variable: value})
    assert result.exit_code == 2, result.output
    assert variable in result.stderr
    assert isinstance(result.exception, SystemExit)  # a deliberate exit, no traceback


def test_an_empty_source_is_a_warning_and_exit_66_when_asked(migrated_database, cli, tmp_path):
    url = migrated_database
    empty = tmp_path / "inbox"
    empty.mkdir()
    warned = cli("load", str(empty), database_url=url)
    assert warned.exit_code == 0 and "no readable documents" in warned.stdout, warned.output
    failed = cli("nightly", "--source", str(empty), "--fail-if-empty", database_url=url)
    assert failed.exit_code == 66, failed.output
    runs = query(url, "select status, message from staging.etl_runs order by started_at desc")
    assert runs[0][0] == "failed" and "no readable documents" in runs[0][1]
    assert runs[1][0] == "succeeded" and "no readable documents" in runs[1][1]


def test_a_schema_behind_or_ahead_of_the_code_is_exit_4(fresh_database, cli):
    db.migrate(fresh_database, "0001")
    behind = cli("nightly", "--no-migrate", database_url=fresh_database)
    assert behind.exit_code == 4 and "cmw migrate" in behind.stderr, behind.output
    db.migrate(fresh_database)
    with psycopg.connect(fresh_database) as conn:
        conn.execute("update staging.alembic_version set version_num = '9999'")
    for command in ("migrate", "nightly", "load"):
        ahead = cli(
            command, *([str(SEEDS)] if command == "load" else []), database_url=fresh_database
        )
        assert ahead.exit_code == 4, ahead.output
        assert "newer version of cmw" in ahead.stderr
        assert isinstance(ahead.exception, SystemExit)  # a deliberate exit, no traceback


def test_an_unexpected_error_is_exit_1_with_its_traceback(migrated_database, cmw):
    with psycopg.connect(migrated_database) as conn:  # a table gone behind Alembic's back
        conn.execute("drop table staging.mentions cascade")
    result = cmw("load", "seeds", database_url=migrated_database)
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "mentions" in result.stderr


@pytest.mark.slow
def test_a_failing_mart_test_is_exit_5_and_bi_keeps_reading_the_previous_marts(
    seeds_warehouse_copy, cli
):
    url = seeds_warehouse_copy
    before = marts_snapshot(url)
    # An extraction with a kind that reference/agreement_kinds.csv does not list: the
    # relationships test of stg_etl__extracted_agreements to that seed catches it. And a
    # participant of an agreement its document does not have (staging has no foreign
    # keys): the belongs_to test of the participants catches it. And a mention written by
    # another run than its document: the belongs_to test of the mentions catches it.
    with psycopg.connect(url) as conn:
        conn.execute(
            "update staging.extracted_agreements set agreement_kind = 'handshake'"
            " where (document_id, agreement_index) = (select document_id, agreement_index"
            " from staging.extracted_agreements order by 1, 2 limit 1)"
        )
        conn.execute(
            "insert into staging.extracted_agreement_participants (document_id,"
            " agreement_index, participant_kind, participant_key, role, participant_name,"
            " load_id) select document_id, 999, 'country', 'PER', 'party', 'Peru', load_id"
            " from staging.extracted_agreements order by 1, 2 limit 1"
        )
        conn.execute(
            "update staging.mentions set load_id = 'no-such-run' where (document_id,"
            " mention_index) = (select document_id, mention_index from staging.mentions"
            " order by 1, 2 limit 1)"
        )
    failed = cli("build", database_url=url)
    assert failed.exit_code == 5, failed.output
    assert "relationships_stg_etl__extracted_agreements_agreement_kind" in failed.stderr
    assert "belongs_to_stg_etl__extracted_agreement_participants" in failed.stderr
    assert "belongs_to_stg_etl__mentions" in failed.stderr
    assert "previous marts" in failed.stderr
    assert query(url, "select status from staging.etl_runs order by started_at desc limit 1") == [
        ("failed",)
    ]
    assert marts_snapshot(url) == before  # BI reads exactly what it read before
    # The failed build is left to inspect in the shadow schema.
    assert query(url, "select count(*) from pg_namespace where nspname = 'marts__next'") == [(1,)]


@pytest.mark.parametrize(("sent", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_dbt_marks_the_run_failed_and_releases_the_lock(shared_copy, sent, code):
    url = shared_copy
    before = marts_snapshot(url)
    cmw = start_cmw("build", database_url=url)
    child = wait_until(lambda: dbt_child(cmw.pid) or (cmw.poll() is not None and -1))
    assert child > 0, cmw.communicate()
    cmw.send_signal(sent)
    _, stderr = cmw.communicate(timeout=60)
    assert cmw.returncode == code, stderr
    assert wait_until(lambda: process_gone(child), timeout=30)
    assert query(url, "select status from staging.etl_runs order by started_at desc limit 1") == [
        ("failed",)
    ]
    with psycopg.connect(url) as conn:  # the lock is free
        assert conn.execute("select pg_try_advisory_lock(%s)", (0x636D7701,)).fetchone() == (True,)
    assert marts_snapshot(url) == before


@pytest.fixture
def cmw_signal_handlers() -> Iterator[None]:
    """`cmw`'s handlers in this process for one test, pytest's own restored after."""
    saved = {sent: signal.getsignal(sent) for sent in (signal.SIGTERM, signal.SIGINT)}
    # A test run started in the background ignores Ctrl+C, and cmw would leave it so.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    interrupts.install()
    try:
        yield
    finally:
        interrupts.install()  # forgets the test's request
        for sent, handler in saved.items():
            signal.signal(sent, handler)


@pytest.mark.parametrize(
    ("sent", "raised"),
    [(signal.SIGTERM, interrupts.Terminated), (signal.SIGINT, KeyboardInterrupt)],
)
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_signal_lost_in_a_finalizer_still_stops_the_run(cmw_signal_handlers, sent, raised):
    class SignalledWhileCollected:
        def __del__(self) -> None:
            signal.raise_signal(sent)  # its exception is raised here, and Python drops it

    SignalledWhileCollected()
    with pytest.raises(raised):
        interrupts.stop_if_requested()


def test_killing_cmw_stops_its_dbt_child(shared_copy):
    cmw = start_cmw("build", database_url=shared_copy)
    child = wait_until(lambda: dbt_child(cmw.pid) or (cmw.poll() is not None and -1))
    assert child > 0, cmw.communicate()
    cmw.send_signal(signal.SIGKILL)
    cmw.communicate(timeout=30)
    assert wait_until(lambda: process_gone(child), timeout=30)


# --- what operators and analysts rely on -----------------------------------------------


def test_docs_are_one_static_page_and_serving_them_exposes_nothing_else(docs_site: DocsSite):
    page = docs_site.page
    assert page.name == "index.html" and "fct_agreements" in page.read_text()
    assert sorted(p.name for p in page.parent.iterdir()) == ["index.html"]
    body = http_get(docs_site.url)
    assert body and b"fct_agreements" in body
    for private in ("logs/dbt.log", "run_results.json", "manifest.json", "../manifest.json"):
        assert http_get(docs_site.url + private) is None, private


def test_docs_keep_a_site_from_the_current_code_and_force_generates_it_again(shared_copy, cli):
    page = pipeline.docs_page(shared_copy)  # the quickstart's, copied with its database
    generated = page.stat().st_mtime_ns
    kept = cli("docs", database_url=shared_copy)
    assert kept.exit_code == 0, kept.output
    assert "docs site is current" in kept.stdout and str(page) in kept.stdout
    assert page.stat().st_mtime_ns == generated
    forced = cli("docs", "--force", database_url=shared_copy)
    assert forced.exit_code == 0, forced.output
    assert page.stat().st_mtime_ns > generated and "fct_agreements" in page.read_text()


def test_the_embedded_home_does_not_depend_on_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("CMW_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    homes = set()
    for cwd in (tmp_path, REPO_ROOT, Path("/")):
        monkeypatch.chdir(cwd)
        homes.add(config.home_dir())
    assert homes == {tmp_path / "data" / "critical-minerals-warehouse"}


def test_documents_from_a_folder_show_paths_relative_to_it(seeds_warehouse):
    uris = {u for (u,) in query(seeds_warehouse, "select source_uri from marts.dim_documents")}
    assert uris == {p.name for p in SEEDS.glob("*.txt")}
    assert all(isinstance(r, SourceDocument) for r in read_file(SEEDS / sorted(uris)[0]))
