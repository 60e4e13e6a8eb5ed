"""Nightly builds do only the work that is new: a night with nothing new builds nothing,
and the incremental marts a night builds equal a full refresh of the same data."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import SEEDS, marts_snapshot, query

from etl import config, fingerprint, pipeline
from etl.corpus import generate_articles

pytestmark = pytest.mark.postgres


def _last_run(url: str) -> tuple:
    return query(
        url,
        "select status, build_outcome, code_fingerprint is not null and data_fingerprint is not null, step_seconds ? 'dbt_build',"
        " step_seconds ? 'freshness', message"
        " from staging.etl_runs order by started_at desc limit 1",
    )[0]


def test_a_nightly_with_nothing_new_skips_the_build_until_a_document_arrives(
    seeds_warehouse_copy, cli, tmp_path
):
    url = seeds_warehouse_copy
    before = marts_snapshot(url)

    result = cli("nightly", "--source", str(SEEDS), database_url=url)
    assert result.exit_code == 0, result.output
    assert "Nothing new: marts unchanged, build skipped." in result.stdout
    status, outcome, fingerprinted, built, freshness, message = _last_run(url)
    assert (status, outcome, fingerprinted, built, freshness) == (
        "succeeded",
        "skipped",
        True,
        False,
        True,
    )
    assert pipeline.NOTHING_NEW in message
    assert marts_snapshot(url) == before

    # A new document: the next night builds, and the one after skips again.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "new.txt").write_text(
        "Chile and Japan signed a memorandum of understanding on lithium on 3 March 2026.\n",
        encoding="utf-8",
    )
    for expected in ("built", "skipped"):
        result = cli("nightly", "--source", str(SEEDS), "--source", str(inbox), database_url=url)
        assert result.exit_code == 0, result.output
        assert _last_run(url)[1] == expected
        # The docs site describes the same code: it is not generated again.
        assert "Docs site" not in result.stdout
    documents = query(url, "select count(*) from marts.dim_documents")[0][0]
    assert documents == len(before["dim_documents"]) + 1


def test_the_code_fingerprint_follows_the_reference_data(tmp_path, monkeypatch):
    """A changed reference file changes what the marts are built from: the nightly that
    compares fingerprints (above) then builds, in full, and builds the docs again."""
    before = fingerprint.code_fingerprint()
    reference = tmp_path / "reference"
    shutil.copytree(config.REFERENCE_DIR, reference)
    monkeypatch.setattr(config, "REFERENCE_DIR", reference)
    assert fingerprint.code_fingerprint() == before
    with (reference / "minerals.csv").open("a", encoding="utf-8") as handle:
        handle.write("unobtainium,Unobtainium,Uo,other\n")
    assert fingerprint.code_fingerprint() != before
    monkeypatch.undo()
    assert fingerprint.code_fingerprint() == before


# --- incremental merges ---------------------------------------------------------------

_MERGES = ("int_agreement_merges", "int_commitment_merges", "int_company_deal_merges")


def _write_feed(path, articles) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article.feed_record()) + "\n")


def _state(url: str) -> dict[str, list[tuple]]:
    """Every mart's rows, and every merge the marts are made from."""
    state = marts_snapshot(url)
    for table in _MERGES:
        state[table] = query(
            url,
            f"select extraction_id, document_id, anchor_extraction_id, merge_reason, load_id"
            f" from intermediate.{table} order by extraction_id",
        )
    return state


def test_marts_built_night_by_night_equal_a_full_refresh(migrated_database, tmp_path, monkeypatch):
    url = migrated_database
    articles = list(generate_articles(240, seed=11))
    first, later = tmp_path / "first.jsonl", tmp_path / "inbox" / "later.jsonl"
    _write_feed(first, articles[:180])
    _write_feed(later, articles[180:])
    quiet = pipeline.Steps(docs=False)
    nightly = pipeline.Steps(docs=False, freshness=True, skip_unchanged=True)

    pipeline.run_pipeline(url, "run", [first], steps=quiet)
    first_merges = {table: query(url, f"select * from intermediate.{table}") for table in _MERGES}

    refreshes: list[bool] = []  # for each dbt build: was it a full refresh?
    run_dbt = pipeline.run_dbt

    def recorded_run_dbt(url: str, *args: str, **kwargs):
        if args[0] == "build":
            refreshes.append("--full-refresh" in args)
        return run_dbt(url, *args, **kwargs)

    monkeypatch.setattr(pipeline, "run_dbt", recorded_run_dbt)
    summary, _ = pipeline.run_pipeline(url, "nightly", [first, later.parent], steps=nightly)
    assert (summary.loaded, summary.build_outcome, refreshes) == (60, "built", [False])
    night = _state(url)
    # The reports merged the first time kept their rows; the later ones joined them.
    for table, rows in first_merges.items():
        assert set(rows) <= set(query(url, f"select * from intermediate.{table}")), table
    later_ids = {
        d
        for (d,) in query(
            url,
            "select document_id from staging.documents where load_id ="
            " (select run_id from staging.etl_runs where command = 'nightly')",
        )
    }
    joined = query(
        url,
        "select agreement_id, array_agg(document_id) from marts.fct_agreement_sources"
        " group by agreement_id having count(*) > 1",
    )
    assert any(
        set(documents) & later_ids and set(documents) - later_ids for _, documents in joined
    ), "no later report joined an agreement of the first load"

    # Re-extracting every document forgets every merge and merges again.
    pipeline.reprocess(url, every=True, steps=quiet)
    assert refreshes == [False, False]
    reprocessed = _state(url)
    assert {t: rows for t, rows in reprocessed.items() if t not in _MERGES} == {
        t: rows for t, rows in night.items() if t not in _MERGES
    }

    # New rules (another code fingerprint than the last build's): the build refreshes
    # every incremental model in full, and gives the same marts.
    monkeypatch.setattr(pipeline, "code_fingerprint", lambda: "rules changed")
    pipeline.build(url)
    assert refreshes == [False, False, True]
    assert _state(url) == reprocessed
