"""The marts as an analyst meets them: example analyses, stable ids, bi_reader, docs site."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
import pytest

from etl import config
from etl.dbt import run_dbt, target_dir

pytestmark = pytest.mark.postgres

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "seeds"
SPANISH_REPORT = SEEDS / "002_ebf6f2a10a4e039c.txt"
ENGLISH_REPORT = SEEDS / "003_f6de0e519ad10198.txt"


def query(url: str, sql: str, params: tuple | None = None) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def warehouse(module_database, cmw) -> str:
    result = cmw("run", "--source", "seeds", database_url=module_database)
    assert result.returncode == 0, result.stdout + result.stderr
    return module_database


def _compiled_analyses(url: str) -> dict[str, str]:
    result = run_dbt(url, "compile", "--select", "resource_type:analysis")
    assert result.succeeded, result.output
    folder = target_dir(url) / "compiled" / "critical_minerals_warehouse" / "analyses"
    return {path.stem: path.read_text() for path in sorted(folder.glob("*.sql"))}


def test_every_example_analysis_runs_for_a_bi_reader_and_answers_from_the_seeds(warehouse):
    analyses = _compiled_analyses(warehouse)
    assert set(analyses) == {p.stem for p in (config.DBT_PROJECT_DIR / "analyses").glob("*.sql")}
    results = {}
    with psycopg.connect(warehouse, autocommit=True) as conn:
        conn.execute("set role bi_reader")  # the analyses need nothing beyond marts
        for name, sql in analyses.items():
            results[name] = conn.execute(sql).fetchall()
            assert results[name], f"{name} returned no rows on the seeds"
    pairs = {(row[0], row[2]) for row in results["agreements_per_partner_country_per_year"]}
    assert {("CHL", "USA"), ("USA", "CHL"), ("PER", "USA"), ("CHL", "JPN")} <= pairs
    signers = {(row[4], row[6]) for row in results["who_signed_what"]}
    assert ("Francisco Pérez Mackenna", "signatory") in signers
    assert ("José Antonio Kast", "witness") in signers
    rare_earths = {
        row[0]
        for row in results["minerals_covered_by_each_countrys_agreements"]
        if row[1] == "rare_earth_elements"
    }
    assert {"CHL", "USA", "PER"} <= rare_earths


def test_bi_reader_sees_tables_created_in_marts_later(warehouse):
    with psycopg.connect(warehouse, autocommit=True) as conn:
        conn.execute("create table marts.later_table as select 1 as x")
        try:
            conn.execute("set role bi_reader")
            assert conn.execute("select x from marts.later_table").fetchall() == [(1,)]
        finally:
            conn.execute("reset role")
            conn.execute("drop table marts.later_table")


def test_every_mart_and_column_is_documented_for_the_docs_site(warehouse):
    catalog_nodes = __import__("json").loads((target_dir(warehouse) / "manifest.json").read_text())[
        "nodes"
    ]
    marts = {
        n["name"]: n
        for n in catalog_nodes.values()
        if n["resource_type"] == "model" and n["schema"] == "marts"
    }
    assert {
        "fct_agreements",
        "fct_agreement_participants",
        "fct_agreement_minerals",
        "fct_agreement_sources",
        "dim_countries",
        "dim_minerals",
        "dim_persons",
        "dim_organizations",
        "dim_documents",
        "dim_dates",
        "dim_mineral_criticality",
        "fct_mineral_mentions",
    } <= set(marts)
    columns = {name: set(node["columns"]) for name, node in marts.items()}
    rows = query(
        warehouse,
        "select table_name, column_name from information_schema.columns where table_schema = 'marts'",
    )
    for table, column in rows:
        if table in marts:
            assert column in columns[table], f"marts.{table}.{column} is not documented"
            assert marts[table]["columns"][column]["description"], f"marts.{table}.{column}"
        assert marts[table]["description"] if table in marts else True


def test_a_later_report_joins_the_agreement_without_changing_its_id(fresh_database, cmw, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    shutil.copy(ENGLISH_REPORT, first / ENGLISH_REPORT.name)
    shutil.copy(SPANISH_REPORT, second / SPANISH_REPORT.name)
    sql = """
        select a.agreement_id, a.source_document_count, a.event_date::text
        from marts.fct_agreements a
        join marts.fct_agreement_participants p using (agreement_id)
        where p.role = 'party' and p.participant_id in ('CHL', 'USA')
        group by 1, 2, 3 having count(*) = 2
    """
    assert (
        cmw("run", "--source", str(first), "--no-docs", database_url=fresh_database).returncode == 0
    )
    before = query(fresh_database, sql)
    assert [(count, day) for _, count, day in before] == [(1, "2026-03-12")]
    assert cmw("nightly", "--source", str(second), database_url=fresh_database).returncode == 0
    after = query(fresh_database, sql)
    assert after == [(before[0][0], 2, "2026-03-12")]  # same id, one more source
    reasons = query(
        fresh_database,
        "select merge_reason from marts.fct_agreement_sources where agreement_id = %s order by document_id",
        (before[0][0],),
    )
    assert any("same parties CHL+USA" in reason for (reason,) in reasons)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    _chromium() is None and not __import__("os").environ.get("CMW_REQUIRE_BROWSER"),
    reason="Debian's chromium is not installed (.ci/run installs it and sets CMW_REQUIRE_BROWSER)",
)
def test_docs_site_renders_fct_agreements_and_its_lineage_in_headless_chromium(warehouse):
    port = _free_port()
    env = {**__import__("os").environ, "CMW_DATABASE_URL": warehouse}
    server = subprocess.Popen(
        [sys.executable, "-m", "etl.cli", "docs", "--serve", "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
                break
            except OSError:
                assert server.poll() is None, server.communicate()
                assert time.monotonic() < deadline, "docs server did not start"
                time.sleep(0.5)
        page = f"http://127.0.0.1:{port}/#!/model/model.critical_minerals_warehouse.fct_agreements"
        dom = subprocess.run(
            [
                _chromium() or "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={REPO_ROOT / '.cmw' / 'chromium'}",
                "--virtual-time-budget=20000",
                "--dump-dom",
                page,
            ],
            capture_output=True,
            text=True,
            timeout=180,
        ).stdout
    finally:
        server.terminate()
        server.communicate(timeout=30)
    assert "fct_agreements" in dom
    assert "One row per agreement event" in dom  # the model's description rendered
    assert re.search(
        r"int_agreements|fct_agreement_participants", dom
    )  # lineage: parents and children listed
