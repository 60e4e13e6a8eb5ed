"""Commitments and company deals in the marts, queried as an analyst would."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from conftest import SEEDS, TWO_REPORTS_OF_ONE_DEAL, query

from etl import config, pipeline

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


@pytest.fixture(scope="module")
def two_reports_of_one_deal(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("deal_reports")
    for name, text in TWO_REPORTS_OF_ONE_DEAL.items():
        (folder / name).write_text(text, encoding="utf-8")
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


# (Those two reports arriving in one night, built into the marts: tests/test_nightly.py.)


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
