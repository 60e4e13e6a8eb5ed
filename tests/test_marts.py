"""The marts as an analyst meets them: example analyses, BI logins, every mart and column
documented, the docs site in a browser."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import psycopg
import pytest
from conftest import DocsSite, query

from etl import config
from etl.dbt import docs_target_dir

pytestmark = pytest.mark.postgres


def _compiled_analyses(url: str) -> dict[str, str]:
    """The example analyses, as the docs step of the build (`dbt docs generate`) compiled them."""
    folder = docs_target_dir(url) / "compiled" / "critical_minerals_warehouse" / "analyses"
    return {path.stem: path.read_text() for path in sorted(folder.glob("*.sql"))}


def test_every_example_analysis_runs_for_a_bi_reader_and_answers_from_the_seeds(seeds_warehouse):
    analyses = _compiled_analyses(seeds_warehouse)
    assert set(analyses) == {p.stem for p in (config.DBT_PROJECT_DIR / "analyses").glob("*.sql")}
    results = {}
    with psycopg.connect(seeds_warehouse, autocommit=True) as conn:
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


def test_a_bi_login_reads_every_mart_even_one_created_later_and_nothing_else(
    seeds_warehouse_copy, cli
):
    url = seeds_warehouse_copy
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("create table marts.later_table as select 1 as x")
    login, password = f"analyst_{os.getpid()}", "pa ss@w/rd"
    granted = cli("bi", "grant", login, database_url=url, extra_env={"CMW_BI_PASSWORD": password})
    try:
        assert granted.exit_code == 0, granted.output
        parts = psycopg.conninfo.conninfo_to_dict(url)
        with psycopg.connect(**{**parts, "user": login, "password": password}) as conn:
            assert conn.execute("select count(*) from marts.fct_agreements").fetchone()[0] > 0
            assert conn.execute("select x from marts.later_table").fetchall() == [(1,)]
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("select count(*) from staging.documents")
    finally:
        revoked = cli("bi", "revoke", login, database_url=url)
        assert revoked.exit_code == 0, revoked.output


def test_every_mart_and_column_is_documented_for_the_docs_site(seeds_warehouse):
    nodes = json.loads((docs_target_dir(seeds_warehouse) / "manifest.json").read_text())["nodes"]
    models = {
        n["name"]: n
        for n in nodes.values()
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
    } <= set(models)
    columns: dict[str, list[str]] = {}
    for table, column in query(
        seeds_warehouse,
        "select table_name, column_name from information_schema.columns where table_schema = 'marts'",
    ):
        columns.setdefault(table, []).append(column)
    assert set(columns) == set(models)  # every table BI sees is a model of the docs site
    for table, names in columns.items():
        assert models[table]["description"], f"marts.{table} has no description"
        for column in names:
            documented = models[table]["columns"].get(column)
            assert documented and documented["description"], f"marts.{table}.{column}"


def test_mart_columns_declared_never_empty_are_not_null_in_the_database(seeds_warehouse):
    """The contracts' not_null and primary_key constraints are what BI tools read in the
    catalog, and PostgreSQL refuses a row without them."""
    nodes = json.loads((docs_target_dir(seeds_warehouse) / "manifest.json").read_text())["nodes"]
    declared = {
        (node["name"], column["name"])
        for node in nodes.values()
        if node["resource_type"] == "model" and node["schema"] == "marts"
        for column in node["columns"].values()
        if {c["type"] for c in column.get("constraints", [])} & {"not_null", "primary_key"}
    }
    not_null = set(
        query(
            seeds_warehouse,
            "select table_name, column_name from information_schema.columns"
            " where table_schema = 'marts' and is_nullable = 'NO'",
        )
    )
    assert len(declared) > 40 and declared <= not_null, sorted(declared - not_null)
    with (
        psycopg.connect(seeds_warehouse) as conn,
        pytest.raises(psycopg.errors.NotNullViolation),
    ):
        conn.execute("insert into marts.fct_agreements (agreement_id) values ('no-kind')")


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    _chromium() is None and not os.environ.get("CMW_REQUIRE_BROWSER"),
    reason="Debian's chromium is not installed (.ci/run installs it and sets CMW_REQUIRE_BROWSER)",
)
def test_docs_site_renders_fct_agreements_and_its_lineage_in_headless_chromium(
    docs_site: DocsSite, tmp_path
):
    page = docs_site.url + "#!/model/model.critical_minerals_warehouse.fct_agreements"
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
            f"--user-data-dir={tmp_path / 'chromium'}",
            "--virtual-time-budget=20000",
            "--dump-dom",
            page,
        ],
        capture_output=True,
        text=True,
        timeout=180,
    ).stdout
    assert "fct_agreements" in dom
    assert "One row per agreement event" in dom  # the model's description rendered
    assert re.search(
        r"int_agreements|fct_agreement_participants", dom
    )  # lineage: parents and children listed
