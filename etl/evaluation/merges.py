"""Do two outlets' reports of one signing end as one agreement in the marts?

The merging lives in dbt (int_agreement_merges), so it is measured where it runs: the
gold documents and their extractions are loaded into a throwaway database, the
warehouse is built, and each report's agreement id is read back. A pair of documents
whose annotations report the same real-world event (the same `event` id) should share
one agreement id; two reports of different events never should.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from etl import config, db, load, pipeline
from etl.evaluation.gold import GoldDocument
from etl.evaluation.scores import compared_agreements, pair_agreements
from etl.load import ExtractedDocument
from etl.model import Extraction


@dataclass
class MergeScore:
    expected_pairs: int = 0  # document pairs whose annotations report one event
    merged: int = 0  # ... that ended as one agreement
    unmeasured: int = 0  # ... where the extractor missed one of the two reports
    false_merges: int = 0  # report pairs of different events that ended as one agreement
    errors: list[str] = field(default_factory=list)

    def describe(self) -> str:
        measured = self.expected_pairs - self.unmeasured
        return (
            f"same event in two documents: {self.merged} of {measured} report pairs merged"
            f" ({self.unmeasured} more pairs not measurable: a report was not extracted);"
            f" false merges: {self.false_merges}"
        )


def score_merges(
    documents: list[GoldDocument], extractions: list[Extraction], server_url: str | None = None
) -> MergeScore:
    """Build a throwaway warehouse of `documents` and score its cross-document merges."""
    server = server_url or config.database_url()
    with pipeline.throwaway_warehouse(server, "eval") as url:
        db.migrate(url)
        with pipeline.logged_run(url, "eval", migrate=False) as run:
            load.load_batch(
                run.conn,
                run.run_id,
                [
                    ExtractedDocument(g.source, e)
                    for g, e in zip(documents, extractions, strict=True)
                ],
                [],
                seen=len(documents),
                unchanged=0,
            )
        pipeline.build(url)
        with db.connect(url) as conn:
            rows = conn.execute(
                "select document_id, agreement_index, agreement_id"
                " from intermediate.int_agreement_merges"
            ).fetchall()
    agreement_of = {(d, i): a for d, i, a in rows}
    return _score(documents, extractions, agreement_of)


def _score(
    documents: list[GoldDocument],
    extractions: list[Extraction],
    agreement_of: dict[tuple[str, int], str],
) -> MergeScore:
    score = MergeScore()
    reports: dict[str, dict[str, str | None]] = defaultdict(dict)  # event → document → id
    predicted_events: dict[str, list[tuple[str, str]]] = defaultdict(list)  # id → (doc, event)
    for gold, extraction in zip(documents, extractions, strict=True):
        pairs, missed, _ = pair_agreements(gold.agreements, compared_agreements(gold, extraction))
        for g, p in pairs:
            if g.event is None:
                continue
            index = next(i for i, a in enumerate(extraction.agreements) if a is p)
            agreement_id = agreement_of.get((gold.source.document_id, index))
            reports[g.event][gold.name] = agreement_id
            if agreement_id:
                predicted_events[agreement_id].append((gold.name, g.event))
        for g in missed:
            if g.event is not None:
                reports[g.event].setdefault(gold.name, None)
    for event, by_document in sorted(reports.items()):
        for (first, a), (second, b) in combinations(sorted(by_document.items()), 2):
            score.expected_pairs += 1
            if a is None or b is None:
                score.unmeasured += 1
            elif a == b:
                score.merged += 1
            else:
                score.errors.append(f"not merged: {event}: {first} ({a}) and {second} ({b})")
    for agreement_id, members in sorted(predicted_events.items()):
        for (first, e1), (second, e2) in combinations(members, 2):
            if first != second and e1 != e2:
                score.false_merges += 1
                score.errors.append(
                    f"false merge {agreement_id}: {e1} in {first} with {e2} in {second}"
                )
    return score
