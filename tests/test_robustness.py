"""No input can stop the nightly, and every exit code in README means what it says.

Everything here runs the real `cmw` in a subprocess against a real PostgreSQL, with
real bad files, real signals and real unreachable servers.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
from conftest import REPO_ROOT, SEEDS, query

from etl import config, db
from etl.model import SourceDocument
from etl.read import read_file

pytestmark = pytest.mark.postgres

MARTS = [
    "fct_agreements",
    "fct_agreement_participants",
    "fct_agreement_minerals",
    "fct_agreement_sources",
    "fct_mineral_mentions",
    "dim_documents",
    "dim_persons",
    "dim_organizations",
    "dim_dates",
]


def marts_snapshot(url: str) -> dict[str, list[tuple]]:
    """Every row of the marts BI reads (fct_mineral_mentions without its load time)."""
    snapshot = {}
    for table in MARTS:
        columns = [
            name
            for (name,) in query(
                url,
                "select column_name from information_schema.columns where table_schema = 'marts'"
                " and table_name = %s and column_name <> 'loaded_at' order by ordinal_position",
                (table,),
            )
        ]
        listed = ", ".join(columns)
        snapshot[table] = query(url, f"select {listed} from marts.{table} order by {listed}")
    return snapshot


def start_cmw(*args: str, url: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "etl.cli", *args],
        cwd=REPO_ROOT,
        env={**os.environ, "CMW_DATABASE_URL": url, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    )


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


def wait_until(condition, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)
    return value


def process_gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except OSError:
        return True
    return state == "Z"  # a zombie has stopped running; only its exit status is left


# --- bad input ----------------------------------------------------------------------


def _poisoned_batch(folder: Path) -> tuple[set[str], dict[str, str]]:
    """Good documents beside every kind of bad input: (good uris, bad uri → reason code)."""
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for seed in seeds[:2]:  # new editions of two seeds: new content
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
        " the ministry. Bolivia and Germany will hold talks on lithium in 2077."
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
    good = {
        seeds[0].name,
        seeds[1].name,
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
    return good, bad


def test_a_poisoned_batch_loads_every_good_document_and_records_every_bad_one(
    seeds_warehouse_copy, tmp_path, cmw
):
    url = seeds_warehouse_copy
    good, bad = _poisoned_batch(tmp_path / "batch")
    result = cmw(
        "nightly",
        "--source",
        str(tmp_path / "batch"),
        database_url=url,
        extra_env={"CMW_MAX_DOCUMENT_BYTES": "20000", "CMW_BATCH_SIZE": "4"},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rejected = dict(query(url, "select source_uri, reason_code from staging.rejected_inputs"))
    assert rejected == bad
    documents = {uri for (uri,) in query(url, "select source_uri from marts.dim_documents")}
    assert good <= documents
    assert query(url, "select count(*) from marts.dim_documents") == [(len(good) + 5,)]  # + seeds
    bodies = [b for (b,) in query(url, "select body from staging.documents")]
    assert not any("\x00" in body for body in bodies)
    assert any("DROP TABLE staging.documents" in body for body in bodies)  # stored verbatim
    # Dates far outside 2000-2040 widen the calendar instead of failing its tests.
    years = query(url, "select min(year), max(year) from marts.dim_dates")[0]
    assert years[0] <= 1850 and years[1] >= 2077
    assert (
        query(url, "select count(*) from marts.fct_agreements where event_date < '2000-01-01'")[0][
            0
        ]
        >= 1
    )
    assert "not_a_file" in result.stdout and "decoded as UTF-16-LE" in result.stdout


def test_the_same_files_under_another_spelling_are_unchanged_not_duplicates(
    seeds_warehouse_copy, cmw
):
    for spelling, cwd in ((str(SEEDS), REPO_ROOT), (".", SEEDS), ("../seeds/", SEEDS)):
        result = subprocess.run(
            [sys.executable, "-m", "etl.cli", "load", spelling],
            cwd=cwd,
            env={**os.environ, "CMW_DATABASE_URL": seeds_warehouse_copy},
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert "0 documents loaded, 5 unchanged, 0 rejected" in result.stdout, spelling
    assert query(seeds_warehouse_copy, "select count(*) from staging.rejected_inputs") == [(0,)]


def test_one_document_that_postgresql_refuses_is_rejected_and_the_batch_loads(
    fresh_database, tmp_path, monkeypatch
):
    """The last line of defence: a value that passes every check but fails in COPY."""
    from etl import load, pipeline

    batch = tmp_path / "batch"
    batch.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(seed, batch / seed.name)
    real_load_batch = load._load_batch

    def load_with_a_bad_row(conn, run_id, extracted, rejects, **counts):
        for item in extracted:
            if item.document.source_uri == "001_e7a30f912516d709.txt":
                # A title PostgreSQL cannot store: COPY fails with a DataError.
                poisoned = item.extraction.__class__(
                    **{**item.extraction.__dict__, "title": "bad\x00title"}
                )
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
        (("load", "seeds"), "host"),
        (("build",), "port"),
        (("reprocess",), "port"),
        (("docs",), "port"),
        (("bench", "--documents", "10", "--ingest", "5"), "port"),
    ],
)
def test_an_unreachable_database_is_exit_3_with_one_clear_line(server_url, cmw, command, wrong):
    parts = psycopg.conninfo.conninfo_to_dict(server_url)
    bad = {
        "port": "postgresql://postgres:s3cret@127.0.0.1:1/postgres",
        "database": config.with_database(server_url, "no_such_database_here"),
        "role": f"postgresql://no_such_role@{parts.get('host', '127.0.0.1')}:{parts.get('port', 5432)}/postgres",
        "host": "postgresql://postgres@no-such-host.invalid/postgres",
    }[wrong]
    result = cmw(*command, database_url=bad, timeout=60)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "s3cret" not in result.stderr
    assert "cannot use the database at" in result.stderr and "The server said:" in result.stderr


def test_a_source_that_does_not_exist_is_a_usage_error(seeds_warehouse_copy, cmw):
    result = cmw("nightly", "--source", "no/such/folder", database_url=seeds_warehouse_copy)
    assert result.returncode == 2
    assert "no/such/folder" in result.stderr and "does not exist" in result.stderr


@pytest.mark.parametrize("value", ["0", "-5", "many"])
def test_an_unusable_setting_is_a_usage_error_naming_it(seeds_warehouse_copy, cmw, value):
    result = cmw(
        "load", "seeds", database_url=seeds_warehouse_copy, extra_env={"CMW_BATCH_SIZE": value}
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "CMW_BATCH_SIZE" in result.stderr and "Traceback" not in result.stderr


def test_an_empty_source_is_a_warning_and_exit_66_when_asked(seeds_warehouse_copy, cmw, tmp_path):
    empty = tmp_path / "inbox"
    empty.mkdir()
    warned = cmw("load", str(empty), database_url=seeds_warehouse_copy)
    assert warned.returncode == 0 and "no readable documents" in warned.stdout
    failed = cmw(
        "nightly", "--source", str(empty), "--fail-if-empty", database_url=seeds_warehouse_copy
    )
    assert failed.returncode == 66, failed.stdout + failed.stderr
    runs = query(
        seeds_warehouse_copy,
        "select status, message from staging.etl_runs order by started_at desc limit 2",
    )
    assert runs[0][0] == "failed" and "no readable documents" in runs[0][1]
    assert runs[1][0] == "succeeded" and "no readable documents" in runs[1][1]


def test_a_schema_behind_or_ahead_of_the_code_is_exit_4(fresh_database, cmw):
    db.migrate(fresh_database, "0001")
    behind = cmw("nightly", "--no-migrate", database_url=fresh_database)
    assert behind.returncode == 4 and "cmw migrate" in behind.stderr
    db.migrate(fresh_database)
    with psycopg.connect(fresh_database) as conn:
        conn.execute("update staging.alembic_version set version_num = '9999'")
    for command in ("migrate", "nightly", "load"):
        ahead = cmw(command, *(["seeds"] if command == "load" else []), database_url=fresh_database)
        assert ahead.returncode == 4, ahead.stderr
        assert "newer version of cmw" in ahead.stderr and "Traceback" not in ahead.stderr


def test_an_unexpected_error_is_exit_1_with_its_traceback(fresh_database, cmw):
    db.migrate(fresh_database)
    with psycopg.connect(fresh_database) as conn:  # a table gone behind Alembic's back
        conn.execute("drop table staging.mentions cascade")
    result = cmw("load", "seeds", database_url=fresh_database)
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "mentions" in result.stderr


def test_a_failing_mart_test_is_exit_5_and_bi_keeps_reading_the_previous_marts(
    seeds_warehouse_copy, cmw
):
    url = seeds_warehouse_copy
    before = marts_snapshot(url)
    # An extraction with a kind that etl/reference/agreement_kinds.csv does not list: the
    # relationships test of stg_etl__extracted_agreements to that seed catches it.
    with psycopg.connect(url) as conn:
        conn.execute(
            "update staging.extracted_agreements set agreement_kind = 'handshake'"
            " where (document_id, agreement_index) = (select document_id, agreement_index"
            " from staging.extracted_agreements order by 1, 2 limit 1)"
        )
    failed = cmw("build", database_url=url, timeout=300)
    assert failed.returncode == 5, failed.stdout + failed.stderr
    assert "relationships_stg_etl__extracted_agreements_agreement_kind" in failed.stderr
    assert "previous marts" in failed.stderr
    assert query(url, "select status from staging.etl_runs order by started_at desc limit 1") == [
        ("failed",)
    ]
    assert marts_snapshot(url) == before  # BI reads exactly what it read before
    # The failed build is left to inspect in the shadow schema.
    assert query(url, "select count(*) from pg_namespace where nspname = 'marts__next'") == [(1,)]


@pytest.mark.parametrize(("sent", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_dbt_marks_the_run_failed_and_releases_the_lock(
    seeds_warehouse_copy, sent, code
):
    url = seeds_warehouse_copy
    before = marts_snapshot(url)
    cmw = start_cmw("build", url=url)
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


def test_killing_cmw_stops_its_dbt_child(seeds_warehouse_copy):
    cmw = start_cmw("build", url=seeds_warehouse_copy)
    child = wait_until(lambda: dbt_child(cmw.pid) or (cmw.poll() is not None and -1))
    assert child > 0, cmw.communicate()
    cmw.send_signal(signal.SIGKILL)
    cmw.communicate(timeout=30)
    assert wait_until(lambda: process_gone(child), timeout=30)


def test_reprocessing_with_an_unchanged_extractor_leaves_every_mart_identical(
    seeds_warehouse_copy, tmp_path, cmw
):
    url = seeds_warehouse_copy
    feed = tmp_path / "feed.jsonl"
    # Declared metadata matters here: "on Sunday" resolves against the declared date.
    text = (SEEDS / "001_e7a30f912516d709.txt").read_text() + "\nA later edition."
    feed.write_text(
        json.dumps({"text": text, "title": "A title", "published_date": "2025-03-12"}) + "\n"
    )
    assert cmw("nightly", "--source", str(feed), database_url=url).returncode == 0
    before = marts_snapshot(url)
    result = cmw("reprocess", "--all", database_url=url, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 documents re-extracted" in result.stdout
    assert marts_snapshot(url) == before


# --- what operators and analysts rely on -----------------------------------------------


def test_docs_are_one_static_page_and_serving_them_exposes_nothing_else(seeds_warehouse, cmw):
    result = cmw("docs", database_url=seeds_warehouse, timeout=300)
    assert result.returncode == 0, result.stderr
    page = Path(result.stdout.split("docs site: ", 1)[1].split()[0])
    assert page.name == "index.html" and "fct_agreements" in page.read_text()
    assert sorted(p.name for p in page.parent.iterdir()) == ["index.html"]
    port = 18000 + os.getpid() % 1000
    server = start_cmw("docs", "--serve", "--port", str(port), url=seeds_warehouse)
    try:
        page_url = f"http://127.0.0.1:{port}/"
        body = wait_until(lambda: _get(page_url), timeout=180)
        assert b"fct_agreements" in body
        for private in ("logs/dbt.log", "run_results.json", "manifest.json", "../manifest.json"):
            assert _get(page_url + private) is None, private
    finally:
        server.terminate()
        server.communicate(timeout=30)


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except (urllib.error.URLError, ConnectionError):
        return None


def test_a_bi_login_reads_the_marts_and_nothing_else(seeds_warehouse_copy, cmw):
    url = seeds_warehouse_copy
    login = f"analyst_{os.getpid()}"
    granted = cmw(
        "bi", "grant", login, database_url=url, extra_env={"CMW_BI_PASSWORD": "pa ss@w/rd"}
    )
    try:
        assert granted.returncode == 0, granted.stderr
        parts = psycopg.conninfo.conninfo_to_dict(url)
        with psycopg.connect(**{**parts, "user": login, "password": "pa ss@w/rd"}) as conn:
            assert conn.execute("select count(*) from marts.fct_agreements").fetchone()[0] > 0
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("select count(*) from staging.documents")
    finally:
        assert cmw("bi", "revoke", login, database_url=url).returncode == 0


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
