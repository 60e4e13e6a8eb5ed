"""Nightly builds do only the work that is new: the incremental marts a night builds
equal a full refresh of the same data. (A night with nothing new builds nothing:
tests/test_nightly.py, on the nights after the quickstart.)"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import pytest
from conftest import MERGE_MODELS, copy_of, query, warehouse_state

from etl import config, fingerprint, pipeline
from etl.corpus import generate_articles
from etl.dbt import target_dir

pytestmark = pytest.mark.postgres


def test_the_code_fingerprint_follows_the_reference_data(tmp_path, monkeypatch):
    """A changed reference file changes what the marts are built from: the nightly that
    compares fingerprints (tests/test_nightly.py) then builds, in full, and builds the
    docs again."""
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


def _write_feed(path, articles) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article.feed_record()) + "\n")


def _kinds_built(url: str) -> set[str]:
    """The kinds of dbt node the last build ran (model, seed, test, unit_test...)."""
    results = json.loads((target_dir(url) / "run_results.json").read_text())["results"]
    return {result["unique_id"].split(".")[0] for result in results}


@pytest.fixture
def seeds_copy(server_url: str, seeds_warehouse: str) -> Iterator[str]:
    """The seeds' warehouse, built by the current code: a load into it builds incrementally."""
    with copy_of(server_url, seeds_warehouse) as url:
        yield url


@pytest.mark.slow
def test_marts_built_night_by_night_equal_a_full_refresh(seeds_copy, tmp_path, monkeypatch):
    url = seeds_copy
    articles = list(generate_articles(240, seed=11))
    first, later = tmp_path / "first.jsonl", tmp_path / "inbox" / "later.jsonl"
    _write_feed(first, articles[:180])
    _write_feed(later, articles[180:])
    quiet = pipeline.Steps(docs=False)
    # (The nightly's freshness check is test_freshness.py's.)
    nightly = pipeline.Steps(docs=False, skip_unchanged=True)

    refreshes: list[bool] = []  # for each dbt build: was it a full refresh?
    run_dbt = pipeline.run_dbt

    def recorded_run_dbt(url: str, *args: str, **kwargs):
        if args[0] == "build":
            refreshes.append("--full-refresh" in args)
        return run_dbt(url, *args, **kwargs)

    monkeypatch.setattr(pipeline, "run_dbt", recorded_run_dbt)
    pipeline.run_pipeline(url, "run", [first], steps=quiet)
    first_merges = {
        table: query(url, f"select * from intermediate.{table}") for table in MERGE_MODELS
    }
    summary, _ = pipeline.run_pipeline(url, "nightly", [first, later.parent], steps=nightly)
    assert (summary.loaded, summary.build_outcome, refreshes) == (60, "built", [False, False])
    # The same code as the last build: its unit tests and seeds are not run again.
    assert {"model", "test"} <= _kinds_built(url) and not {"unit_test", "seed"} & _kinds_built(url)
    night = warehouse_state(url)
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

    # New rules (another code fingerprint than the last build's): the build refreshes
    # every incremental model in full, and gives the same marts and the same merges.
    # (After re-extracting every document: tests/test_nightly.py, `reprocessing`.)
    monkeypatch.setattr(pipeline, "code_fingerprint", lambda: "rules changed")
    pipeline.build(url)
    assert refreshes == [False, False, True]
    assert {"unit_test", "seed"} <= _kinds_built(url)
    assert warehouse_state(url) == night
