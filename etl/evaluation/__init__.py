"""`cmw eval`: score the extractor against hand-annotated gold documents.

`gold` loads either format (self-written documents, or real articles named by URL with
their texts in a git-ignored folder), `scores` compares one document's extraction with
its annotations field by field, and `merges` checks, in a throwaway warehouse, that two
outlets' reports of one event end as one agreement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from etl.evaluation.gold import (
    GoldDocument,
    GoldNotFound,
    GoldSet,
    article_file_name,
    default_gold_path,
    load_gold,
)
from etl.evaluation.merges import MergeScore, score_merges
from etl.evaluation.scores import (
    COMMITMENT_FIELDS,
    FIELDS,
    Score,
    compared_agreements,
    score_commitments,
    score_company_deals,
    score_document,
)
from etl.extract import extract

__all__ = [
    "COMMITMENT_FIELDS",
    "FIELDS",
    "GoldDocument",
    "GoldNotFound",
    "Report",
    "Score",
    "article_file_name",
    "default_gold_path",
    "evaluate",
    "format_report",
    "load_gold",
]


@dataclass
class Report:
    documents: int
    scores: list[Score]
    errors: list[str] = field(default_factory=list)  # what went wrong where, for tuning rules
    # Commitments and company deals, scored apart (COMMITMENT_FIELDS); empty when no
    # gold document annotates them.
    commitment_scores: list[Score] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    missing_texts: int = 0  # real articles whose text is not in the folder: skipped
    negatives: int = 0  # real articles that report no agreement...
    negatives_with_agreements: int = 0  # ... from which the extractor invented one
    merges: MergeScore | None = None

    def score(self, name: str) -> Score:
        return next(s for s in self.scores + self.commitment_scores if s.field == name)


def evaluate(
    path: Path | None = None,
    *,
    texts: Path | None = None,
    split: str | None = None,
    merges: bool = False,
) -> Report:
    """Score the extractor on a gold file; `merges` also builds a throwaway warehouse."""
    gold_set: GoldSet = load_gold(path or default_gold_path(), texts=texts, split=split)
    scores = {name: Score(name) for name in FIELDS}
    commitment_scores = {name: Score(name) for name in COMMITMENT_FIELDS}
    errors: list[str] = []
    scored = {"commitments": 0, "company_deals": 0}
    extractions = []
    negatives = invented = 0
    for gold in gold_set.documents:
        extraction = extract(gold.source)
        extractions.append(extraction)
        score_document(gold, extraction, scores, errors)
        if gold.negative:
            negatives += 1
            invented += bool(compared_agreements(gold, extraction))
        if gold.commitments is not None:
            scored["commitments"] += 1
            score_commitments(gold, extraction, extraction.commitments, commitment_scores, errors)
        if gold.company_deals is not None:
            scored["company_deals"] += 1
            score_company_deals(gold, extraction.company_deals, commitment_scores, errors)
    notes = []
    # Only what the gold annotates is scored: a set without commitment annotations (the
    # real articles) must not print commitment scores of 1.000 from zero counts.
    kept = [
        s
        for s in commitment_scores.values()
        if scored["company_deals" if s.field.startswith("company_deal") else "commitments"]
    ]
    if gold_set.missing_texts:
        notes.append(
            f"{len(gold_set.missing_texts)} articles skipped: their text is not in the texts"
            " folder (not scored as misses; tests/gold/real/README.md says how to rebuild it)"
        )
    merge_score = score_merges(gold_set.documents, extractions) if merges else None
    if merge_score:
        errors += merge_score.errors
    return Report(
        documents=len(gold_set.documents),
        scores=[s for s in scores.values() if s.tp + s.fp + s.fn],
        errors=errors,
        commitment_scores=kept,
        notes=notes,
        missing_texts=len(gold_set.missing_texts),
        negatives=negatives,
        negatives_with_agreements=invented,
        merges=merge_score,
    )


def format_report(report: Report, *, show_errors: bool = False) -> str:
    lines = [
        f"Gold set: {report.documents} documents",
        f"{'field':28} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn",
    ]
    for s in report.scores:
        lines.append(
            f"{s.field:28} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4} {s.fp:3} {s.fn:3}"
        )
    if report.commitment_scores:
        lines += [
            "",
            "Commitments and company deals (found: pairs; the rest: accuracy among pairs)",
            f"{'field':28} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn",
        ]
        for s in report.commitment_scores:
            lines.append(
                f"{s.field:28} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4} {s.fp:3} {s.fn:3}"
            )
    if report.negatives:
        lines.append(
            f"articles that report no agreement: {report.negatives}, of which"
            f" {report.negatives_with_agreements} got an invented agreement"
        )
    if report.merges:
        lines.append(report.merges.describe())
    lines += [f"note: {note}" for note in report.notes]
    if show_errors and report.errors:
        lines += ["", "Differences:", *(f"  {e}" for e in report.errors)]
    return "\n".join(lines)
