"""Nightly builds do only the work that is new: a night with nothing new builds nothing,
and the incremental marts a night builds equal a full refresh of the same data."""

from __future__ import annotations

import shutil

import pytest
from conftest import SEEDS, marts_snapshot, query

from etl import config, pipeline

pytestmark = pytest.mark.postgres


def _last_run(url: str) -> tuple:
    return query(
        url,
        "select status, build_outcome, marts_fingerprint is not null, step_seconds ? 'dbt_build',"
        " step_seconds ? 'freshness', message"
        " from staging.etl_runs order by started_at desc limit 1",
    )[0]


def test_a_nightly_with_nothing_new_skips_the_build_until_a_document_or_reference_changes(
    seeds_warehouse_copy, cli, tmp_path, monkeypatch
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

    # A reference file the marts are built from changes: the next night builds.
    reference = tmp_path / "reference"
    shutil.copytree(config.REFERENCE_DIR, reference)
    with (reference / "minerals.csv").open("a", encoding="utf-8") as handle:
        handle.write("unobtainium,Unobtainium,Uo,other\n")
    monkeypatch.setattr(config, "REFERENCE_DIR", reference)
    result = cli("nightly", "--source", str(SEEDS), "--no-migrate", database_url=url)
    assert result.exit_code == 0, result.output
    assert "build skipped" not in result.stdout
    assert _last_run(url)[:4] == ("succeeded", "built", True, True)
    monkeypatch.undo()

    # The build recorded the code it built from: with the reference back as it was, the
    # fingerprint differs from that build's, so the night builds once more, then skips.
    for expected in ("built", "skipped"):
        result = cli("nightly", "--source", str(SEEDS), database_url=url)
        assert result.exit_code == 0, result.output
        assert _last_run(url)[1] == expected

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
    documents = query(url, "select count(*) from marts.dim_documents")[0][0]
    assert documents == len(before["dim_documents"]) + 1
