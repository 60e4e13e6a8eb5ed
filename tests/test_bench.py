"""`cmw bench`: the generated corpus is reproducible and lands where `cmw eval` reads it;
`cmw bench run` reports every measure and leaves no database behind. Speed itself is
never asserted: timings belong to the benchmark, not to tests on a shared machine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import query

from etl import bench
from etl.evaluation import evaluate


def _files(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_generate_writes_the_same_bytes_for_the_same_seed(cli, tmp_path):
    for name, seed in (("a", "7"), ("b", "7"), ("c", "8")):
        result = cli(
            "bench",
            "generate",
            "--docs",
            "30",
            "--seed",
            seed,
            str(tmp_path / name),
            database_url=None,
        )
        assert result.exit_code == 0, result.output

    first, again, other = (_files(tmp_path / n) for n in "abc")
    assert first == again
    assert first.keys() != other.keys() and first["truth.jsonl"] != other["truth.jsonl"]
    assert len([name for name in first if name.startswith("texts/")]) == 30


def test_generate_refuses_a_folder_that_is_not_empty(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")

    refused = cli("bench", "generate", "--docs", "5", str(tmp_path), database_url=None)
    assert refused.exit_code == 2
    assert "not empty" in refused.stderr and "--force" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]

    forced = cli("bench", "generate", "--docs", "5", "--force", str(tmp_path), database_url=None)
    assert forced.exit_code == 0, forced.output
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert len(list((tmp_path / "texts").iterdir())) == 5


def test_the_generated_truth_is_a_gold_set_cmw_eval_scores(tmp_path):
    files = bench.generate(tmp_path, 40, seed=3)
    truth = [json.loads(line) for line in files.truth.read_text(encoding="utf-8").splitlines()]

    report = evaluate(files.truth)
    assert report.documents == 40 and report.missing_texts == 0
    assert report.negatives == sum(1 for entry in truth if entry["negative"])
    annotated = sum(len(entry["agreements"]) for entry in truth)
    agreements = report.score("agreements")
    assert agreements.tp + agreements.fn == annotated > 0
    assert agreements.f1 > 0.5  # the truth describes these texts, not some others


@pytest.mark.postgres
@pytest.mark.slow
def test_bench_run_reports_every_measure_and_drops_its_databases(cmw, server_url, tmp_path):
    # The real command line in a process of its own: the run forks extraction workers and
    # runs Alembic, whose output stream must not be a test runner's buffer.
    databases = "select datname from pg_database where datname like 'cmw_bench_%' order by 1"
    before = query(server_url, databases)
    report_file = tmp_path / "bench.json"

    result = cmw(
        "bench",
        "run",
        "--docs",
        "20",
        "--workers",
        "2",
        "--json",
        str(report_file),
        database_url=server_url,
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert set(bench.REQUIRED_KEYS) <= report.keys()
    for key in bench.REQUIRED_KEYS:
        assert isinstance(report[key], int | float) and report[key] > 0, key
    assert (report["docs"], report["workers"]) == (20, 2)
    assert report["incremental_docs"] == 1  # 1% of 20, at least one article
    assert 0 < report["accuracy"] <= 1 and report["staging_mib"] > 0
    # The ETL's own memory (a `cmw run` child) and a night with nothing new, measured.
    assert report["etl_peak_rss_mib"] > 0 and report["nothing_new_nightly_s"] > 0
    assert report["extractor_version"] and report["postgres"] and report["bi_slowest_analysis"]
    assert query(server_url, databases) == before
