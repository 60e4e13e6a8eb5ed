"""The whole warehouse, built from seeds/ by the README's quickstart (the real `cmw run`,
once per session), queried as an analyst would."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
from conftest import Quickstart, query

from etl import db

pytestmark = pytest.mark.postgres


@pytest.fixture
def warehouse(seeds_warehouse: str) -> str:
    """The seeds' warehouse, shared: the tests here only read it."""
    return seeds_warehouse


def test_the_quickstart_ends_with_a_summary_the_docs_site_and_how_to_query_the_marts(
    seeds_quickstart: Quickstart,
):
    url, said = seeds_quickstart.url, seeds_quickstart.result.stdout
    assert "5 files, 5 documents loaded, 0 unchanged, 0 rejected" in said
    agreements = re.search(r"│ agreements\s+│ (\d+)", said)
    assert agreements, said
    assert query(url, "select count(*) from marts.fct_agreements") == [(int(agreements[1]),)]
    docs_site = Path(re.search(r"Docs site .*: (\S+)", said)[1])
    assert docs_site.name == "index.html" and docs_site.is_file()
    assert f'psql "{url}" -c "select * from marts.fct_agreements"' in said


def _agreements_between(url: str, *countries: str) -> list[tuple]:
    """Agreements whose party set is exactly `countries`."""
    return query(
        url,
        """
        select a.agreement_id, a.agreement_kind, a.status, a.event_date, a.event_date_precision,
               a.is_legally_binding, a.is_critical_minerals_related, a.source_document_count
        from marts.fct_agreements a
        where (
            select array_agg(p.participant_id order by p.participant_id)
            from marts.fct_agreement_participants p
            where p.agreement_id = a.agreement_id and p.role = 'party' and p.participant_kind = 'country'
        ) = %s::text[]
        """,
        (sorted(countries),),
    )


def test_every_seed_document_is_loaded_once(warehouse):
    rows = query(
        warehouse, "select count(*), count(distinct content_sha256) from marts.dim_documents"
    )
    assert rows == [(5, 5)]
    languages = dict(
        query(warehouse, "select language, count(*) from marts.dim_documents group by 1")
    )
    assert languages == {"en": 4, "es": 1}


def test_chile_us_declaration_reported_in_two_languages_is_one_agreement_with_two_sources(
    warehouse,
):
    agreements = [a for a in _agreements_between(warehouse, "CHL", "USA") if a[6]]
    assert len(agreements) == 1, agreements
    agreement_id, kind, status, event_date, precision, _, _, source_count = agreements[0]
    assert kind in ("joint_statement", "joint_declaration")
    assert status == "signed"
    assert (str(event_date), precision) == ("2026-03-12", "day")
    assert source_count == 2
    languages = query(
        warehouse,
        """select d.language from marts.fct_agreement_sources s
           join marts.dim_documents d using (document_id) where s.agreement_id = %s order by 1""",
        (agreement_id,),
    )
    assert languages == [("en",), ("es",)]
    people = dict(
        query(
            warehouse,
            """select p.participant_id, p.role from marts.fct_agreement_participants p
           where p.agreement_id = %s and p.participant_kind = 'person'""",
            (agreement_id,),
        )
    )
    assert people.get("christopher-landau") == "signatory"
    assert people.get("francisco-perez-mackenna") == "signatory"
    assert people.get("jose-antonio-kast") == "witness"
    minerals = query(
        warehouse,
        "select mineral_id from marts.fct_agreement_minerals where agreement_id = %s",
        (agreement_id,),
    )
    assert ("rare_earth_elements",) in minerals


def test_peru_us_memorandum_is_not_legally_binding(warehouse):
    agreements = _agreements_between(warehouse, "PER", "USA")
    assert [(a[1], a[2], a[5]) for a in agreements] == [
        ("memorandum_of_understanding", "signed", False)
    ]


def test_chile_japan_memorandum_of_cooperation(warehouse):
    agreements = _agreements_between(warehouse, "CHL", "JPN")
    assert [(a[1], a[2], a[6]) for a in agreements] == [
        ("memorandum_of_cooperation", "signed", True)
    ]


def test_korea_chile_meeting_is_talks_not_an_instrument(warehouse):
    agreements = _agreements_between(warehouse, "CHL", "KOR")
    assert [(a[1], a[2]) for a in agreements] == [("talks", "talks")]


def test_persons_keep_accents_and_titles(warehouse):
    rows = dict(query(warehouse, "select person_id, full_name from marts.dim_persons"))
    assert rows["francisco-perez-mackenna"] == "Francisco Pérez Mackenna"
    assert rows["aurora-williams"] == "Aurora Williams"


def test_evidence_offsets_point_at_the_evidence_in_the_document_text(warehouse):
    rows = query(
        warehouse,
        """select s.evidence_text, substr(d.body, s.char_start + 1, s.char_end - s.char_start)
           from marts.fct_agreement_sources s join staging.documents d using (document_id)""",
    )
    assert rows
    for evidence, at_offsets in rows:
        assert evidence == at_offsets


def test_reference_dimensions(warehouse):
    assert query(
        warehouse, "select name, iso2 from marts.dim_countries where country_code = 'EUU'"
    ) == [("European Union", "EU")]
    lithium = query(
        warehouse,
        "select is_us_critical, is_eu_critical, is_eu_strategic from marts.dim_minerals where mineral_id = 'lithium'",
    )
    assert lithium == [(True, True, True)]
    assert query(
        warehouse, "select count(*) from marts.dim_minerals where mineral_id = 'critical_minerals'"
    ) == [(0,)]


def test_bi_reader_reads_marts_and_nothing_else(warehouse):
    with psycopg.connect(warehouse, autocommit=True) as conn:
        conn.execute("set role bi_reader")
        assert conn.execute("select count(*) from marts.fct_agreements").fetchone()[0] > 0
        for forbidden in (
            "select * from staging.documents",
            "select * from staging.etl_runs",
            "insert into marts.dim_countries (country_code) values ('XXX')",
            "delete from marts.fct_agreements",
            "create table marts.scratch (id int)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(forbidden)


def test_the_marts_have_planner_statistics_when_bi_first_reads_them(warehouse):
    # Never analyzed (reltuples < 0), the planner guesses one row per table and BI
    # joins turn quadratic; the build analyzes the marts before it publishes them.
    unanalyzed = query(
        warehouse,
        "select c.relname from pg_class as c join pg_namespace as n on n.oid = c.relnamespace"
        " where n.nspname = 'marts' and c.relkind = 'r' and c.reltuples < 0",
    )
    assert unanalyzed == []


_STAGING_WITHOUT_STATISTICS = (
    "select c.relname from pg_class as c join pg_namespace as n on n.oid = c.relnamespace"
    " where n.nspname = 'staging' and c.relkind = 'r' and c.reltuples < 0"
)


def test_the_build_plans_on_staging_statistics_not_guesses(warehouse):
    # A build right after a load must not plan on guesses (at 100,000 documents the merge
    # models' joins went quadratic); it analyzes what the load left, autovacuum or not.
    assert query(warehouse, _STAGING_WITHOUT_STATISTICS) == []


def test_staging_tables_never_analyzed_are_analyzed(migrated_database):
    never_analyzed = {name for (name,) in query(migrated_database, _STAGING_WITHOUT_STATISTICS)}
    assert {"documents", "mentions", "extracted_agreements"} <= never_analyzed
    assert set(db.analyze_stale_staging(migrated_database)) >= never_analyzed
    assert query(migrated_database, _STAGING_WITHOUT_STATISTICS) == []
