"""Commitments and company deals in the marts, queried as an analyst would."""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from conftest import SEEDS, query

from etl import config, db, pipeline
from etl.dbt import target_dir

pytestmark = pytest.mark.postgres

NEW_MARTS = (
    "fct_commitments",
    "fct_commitment_sources",
    "fct_company_deals",
    "fct_company_deal_participants",
    "fct_company_deal_minerals",
    "fct_company_deal_sources",
)


def test_the_energyx_investment_and_capacity_with_their_evidence(seeds_warehouse):
    rows = query(
        seeds_warehouse,
        """select c.commitment_kind, c.value_text, c.amount, c.unit, c.amount_usd,
                  c.target_year, c.mineral_id, c.country_code, o.name, o.organization_kind,
                  c.evidence_text, substr(d.body, c.char_start + 1, c.char_end - c.char_start)
           from marts.fct_commitments c
           join marts.dim_organizations o using (organization_id)
           join staging.documents d using (document_id)
           where c.organization_id = 'energyx'
           order by c.commitment_kind desc""",
    )
    investment, capacity = rows
    assert investment[:10] == (
        "investment",
        "US$1.1 billion",
        Decimal("1100000000"),
        "USD",
        Decimal("1100000000.00"),
        2028,
        "lithium",
        "CHL",
        "EnergyX",
        "company",
    )
    assert capacity[:4] == ("capacity", "50,000 metric tonnes per year", 50000, "t_per_year")
    assert capacity[4] is None  # a tonnage has no dollar value
    assert capacity[6:8] == ("lithium", "CHL")
    for row in rows:
        evidence, in_document = row[10], row[11]
        assert evidence == in_document and row[1] in evidence


def test_money_in_dollars_says_which_rate_it_used(seeds_warehouse):
    rows = query(
        seeds_warehouse,
        """select unit, amount, amount_usd, usd_rate, usd_rate_year, usd_rate_source,
                  usd_rate_date, reported_year
           from marts.fct_commitments where amount_usd is not null""",
    )
    assert rows
    for unit, amount, amount_usd, rate, rate_year, source, rate_date, reported_year in rows:
        assert amount_usd == round(amount * rate, 2)
        assert rate_year <= reported_year and rate_date.year == rate_year
        if unit == "USD":
            assert (rate, source) == (1, "identity")
        else:
            assert source.startswith("ECB euro reference rates")


def test_bi_reader_reads_the_new_marts_and_not_what_they_are_built_from(seeds_warehouse):
    with psycopg.connect(seeds_warehouse, autocommit=True) as conn:
        conn.execute("set role bi_reader")
        for mart in NEW_MARTS:
            conn.execute(f"select * from marts.{mart} limit 1").fetchall()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select * from staging.extracted_commitments limit 1")


# --- loading: re-running never duplicates -------------------------------------------------

AURELIA_EN = (
    "date 2025-06-24\n\n"
    "Perth-based Aurelia Battery Metals said on Tuesday it had signed a binding five-year "
    "offtake agreement with South Korean cathode maker Hanseong Materials for 3,000 tonnes per "
    "year of cobalt sulphate from its planned refinery in Western Australia.\n"
)
AURELIA_FR = (
    "date 2025-06-25\n\n"
    "Le groupe minier Aurelia Battery Metals a signé un contrat d'enlèvement (offtake) de cinq "
    "ans avec le fabricant sud-coréen Hanseong Materials pour 3 000 tonnes par an de sulfate de "
    "cobalt.\n"
)


@pytest.fixture(scope="module")
def two_reports_of_one_deal(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("deal_reports")
    (folder / "aurelia_en.txt").write_text(AURELIA_EN, encoding="utf-8")
    (folder / "aurelia_fr.txt").write_text(AURELIA_FR, encoding="utf-8")
    return folder


def _staged_counts(url: str) -> tuple:
    return query(
        url,
        """select (select count(*) from staging.extracted_commitments),
                  (select count(*) from staging.extracted_company_deals),
                  (select count(*) from staging.extracted_company_deal_participants),
                  (select count(*) from staging.extracted_company_deal_minerals),
                  (select count(distinct load_id) from staging.extracted_company_deals)""",
    )[0]


def test_loading_again_or_re_extracting_never_duplicates_commitments_or_deals(
    fresh_database, two_reports_of_one_deal
):
    load_only = pipeline.Steps(build=False, docs=False)
    pipeline.run_pipeline(fresh_database, "load", [SEEDS, two_reports_of_one_deal], steps=load_only)
    first = _staged_counts(fresh_database)
    # EnergyX's two figures and the offtake volume of each report; one deal per report,
    # with two companies and one mineral each
    assert first[:4] == (4, 2, 4, 2)
    pipeline.run_pipeline(fresh_database, "load", [SEEDS, two_reports_of_one_deal], steps=load_only)
    assert _staged_counts(fresh_database) == first
    pipeline.reprocess(fresh_database, every=True, steps=load_only)
    assert _staged_counts(fresh_database) == first
    reprocess_run = query(
        fresh_database,
        "select run_id from staging.etl_runs where command = 'reprocess'",
    )
    assert (
        query(fresh_database, "select distinct load_id from staging.extracted_company_deals")
        == reprocess_run
    )


# --- one deal, two reports -------------------------------------------------------------------


@pytest.fixture(scope="module")
def deals_warehouse(server_url, seeds_warehouse, two_reports_of_one_deal) -> Iterator[str]:
    """A copy of the seeds' warehouse with two reports of one offtake added and built.
    (Its tests are one pytest-xdist group: one process builds it, once.)"""
    name = f"cmw_test_{uuid.uuid4().hex[:12]}"
    template = urlsplit(seeds_warehouse).path[1:]
    url = db.create_database(server_url, name, template=template)
    # dbt's artifacts too: the manifest tells which marts are incremental
    shutil.copytree(target_dir(config.with_database(server_url, template)), target_dir(url))
    try:
        pipeline.run_pipeline(
            url, "run", [two_reports_of_one_deal], steps=pipeline.Steps(docs=False)
        )
        yield url
    finally:
        db.drop_database(server_url, name)
        shutil.rmtree(target_dir(url), ignore_errors=True)


@pytest.mark.slow
@pytest.mark.xdist_group("deals")
def test_two_reports_of_one_offtake_are_one_deal_with_two_sources(deals_warehouse):
    ((deal_id, kind, status, sources, companies, minerals),) = query(
        deals_warehouse,
        """select deal_id, deal_kind, status, source_document_count, company_count, mineral_count
           from marts.fct_company_deals""",
    )
    assert (kind, status, sources, companies, minerals) == ("offtake", "signed", 2, 2, 1)
    assert query(
        deals_warehouse,
        "select mineral_id from marts.fct_company_deal_minerals where deal_id = %s",
        (deal_id,),
    ) == [("cobalt",)]
    assert (
        len(
            query(
                deals_warehouse,
                "select * from marts.fct_company_deal_sources where deal_id = %s",
                (deal_id,),
            )
        )
        == 2
    )


@pytest.mark.slow
@pytest.mark.xdist_group("deals")
def test_the_companies_of_a_deal_have_their_kind_and_headquarters(deals_warehouse):
    sides = query(
        deals_warehouse,
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


@pytest.mark.slow
@pytest.mark.xdist_group("deals")
def test_the_offtake_volume_is_one_commitment_of_the_deal_stated_twice(deals_warehouse):
    ((commitment_id, kind, amount, unit, sources, deal_kind),) = query(
        deals_warehouse,
        """select c.commitment_id, c.commitment_kind, c.amount, c.unit,
                  c.source_document_count, x.deal_kind
           from marts.fct_commitments c join marts.fct_company_deals x using (deal_id)""",
    )
    assert (kind, amount, unit, sources, deal_kind) == ("offtake", 3000, "t_per_year", 2, "offtake")
    written = query(
        deals_warehouse,
        "select value_text from marts.fct_commitment_sources where commitment_id = %s order by 1",
        (commitment_id,),
    )
    assert written == [("3 000 tonnes par an",), ("3,000 tonnes per year",)]


ANALYSES = (
    "money_committed_per_country_and_mineral_by_year",
    "largest_commitments_with_their_evidence",
)


def _analysis(name: str) -> str:
    """The analysis as an analyst pastes it into a SQL client: every ref() is a mart.
    (tests/test_marts.py compiles every analysis with dbt.)"""
    sql = (config.DBT_PROJECT_DIR / "analyses" / f"{name}.sql").read_text()
    return re.sub(r"\{\{\s*ref\('(\w+)'\)\s*\}\}", r"marts.\1", sql)


def test_the_analyses_answer_how_much_for_which_country_and_mineral(seeds_warehouse):
    with psycopg.connect(seeds_warehouse, autocommit=True) as conn:
        conn.execute("set role bi_reader")
        per_country, largest = (conn.execute(_analysis(name)).fetchall() for name in ANALYSES)
    assert (2026, "CHL", "Chile", "lithium", "Lithium", 1, Decimal("1100000000.00"), 0) in (
        per_country
    )
    energyx = next(row for row in largest if row[6] == "EnergyX")
    assert energyx[2:4] == ("US$1.1 billion", Decimal("1100000000.00"))
    assert "US$1.1 billion" in energyx[-1]
