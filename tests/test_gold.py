"""The extractor measured against the hand-annotated gold set (tests/gold/)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from etl.evaluation import FIELDS, default_gold_path, evaluate, load_gold

DEFAULT_GOLD_PATH = default_gold_path()

# Every field of the development gold set must score at least this F1.
THRESHOLD = 0.9
# The held-out set (never used to tune the rules) guards against regressions only.
HELD_OUT = DEFAULT_GOLD_PATH.parent / "heldout" / "annotations.yaml"
HELD_OUT_THRESHOLD = 0.6
# Long scraped pages (bullets, captions, bylines, many countries): the hardest set.
LONG_PAGES = DEFAULT_GOLD_PATH.parent / "round3" / "annotations.yaml"
LONG_PAGES_THRESHOLD = 0.5


def test_gold_set_covers_four_languages_and_enough_documents():
    documents = load_gold(DEFAULT_GOLD_PATH).documents
    languages = {d.language for d in documents}
    assert languages == {"en", "es", "pt", "fr"}
    assert len(documents) >= 25
    assert sum(1 for d in documents if not d.agreements) >= 2  # minerals news with no agreement
    assert any(len(d.agreements) >= 2 for d in documents)
    assert any(not a.critical for d in documents for a in d.agreements)


def test_every_field_reaches_the_threshold():
    report = evaluate(DEFAULT_GOLD_PATH)
    # Every field: places too, which the documents of regression class 36 annotate.
    assert [s.field for s in report.scores] == list(FIELDS)
    below = {s.field: round(s.f1, 3) for s in report.scores if s.f1 < THRESHOLD}
    assert not below, (below, report.errors)


@pytest.mark.parametrize(
    ("gold", "floor"), [(HELD_OUT, HELD_OUT_THRESHOLD), (LONG_PAGES, LONG_PAGES_THRESHOLD)]
)
def test_other_gold_sets_stay_above_their_regression_floor(gold, floor):
    report = evaluate(gold)
    assert report.documents >= 6
    below = {s.field: round(s.f1, 3) for s in report.scores if s.f1 < floor}
    assert not below, below


def test_the_evaluation_notices_wrong_annotations(tmp_path: Path):
    """A gold file that contradicts the text must score lower: the check can fail."""
    data = yaml.safe_load(DEFAULT_GOLD_PATH.read_text(encoding="utf-8"))
    seed = next(d for d in data["documents"] if d["file"].endswith("004_90e8f7d1bdfcbaa5.txt"))
    wrong = {
        **seed,
        "agreements": [{**seed["agreements"][0], "parties": ["BRA", "USA"], "kind": "talks"}],
    }
    (tmp_path / "wrong.yaml").write_text(yaml.safe_dump({"documents": [wrong]}), encoding="utf-8")
    scores = {s.field: s for s in evaluate(tmp_path / "wrong.yaml").scores}
    assert scores["kinds"].f1 == 0.0
    assert scores["parties"].f1 < 1.0


def test_cmw_eval_prints_scores_and_fails_below_its_threshold(cli):
    # --threshold covers commitments too, whose place of work (country) is weaker.
    passing = cli("eval", "--threshold", "0.8", database_url=None)
    assert passing.exit_code == 0, passing.output
    assert "agreements" in passing.stdout and "F1" in passing.stdout
    failing = cli("eval", "--threshold", "1.0", database_url=None)
    assert failing.exit_code == 6, failing.output
    assert "F1 below 1.0" in failing.stderr
