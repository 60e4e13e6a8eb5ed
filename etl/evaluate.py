"""`cmw eval`: score the extractor against hand-annotated gold documents.

Each field is scored by precision, recall and F1 over what the annotator wrote and
what the extractor produced. Agreements are paired by their parties (the pair with
the largest overlap first), then kinds, statuses, dates, signatories, witnesses and
minerals are compared within pairs; an unpaired prediction counts against precision,
an unpaired annotation against recall.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from etl import config, reference
from etl.extract import extract
from etl.extract.gazetteer import gazetteer
from etl.extract.text import Tokens, fold_same_length
from etl.keys import organization_key, slug
from etl.model import AgreementFact, Extraction, SourceDocument
from etl.read import read_file

DEFAULT_GOLD_PATH = config.PROJECT_ROOT / "tests" / "gold" / "annotations.yaml"
FIELDS = (
    "agreements",
    "kinds",
    "statuses",
    "parties",
    "signatories",
    "witnesses",
    "minerals",
    "dates",
    "critical_minerals_related",
    "persons",
    "organizations",
    "languages",
    "published_dates",
)


@dataclass
class Score:
    field: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add_sets(self, gold: Iterable, predicted: Iterable) -> None:
        gold, predicted = set(gold), set(predicted)
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)


@dataclass(frozen=True)
class GoldAgreement:
    kinds: tuple[str, ...]
    status: str
    parties: frozenset[str]
    event_date: date | None
    signatories: frozenset[str]
    witnesses: frozenset[str]
    minerals: frozenset[str]
    critical: bool
    background: bool


@dataclass(frozen=True)
class GoldDocument:
    file: Path
    language: str | None
    published_date: date | None
    persons: frozenset[str]
    organizations: tuple[str, ...]
    agreements: tuple[GoldAgreement, ...]


@dataclass
class Report:
    documents: int
    scores: list[Score]
    errors: list[str] = field(default_factory=list)  # what went wrong where, for tuning rules


def load_gold(path: Path) -> list[GoldDocument]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    documents = [_gold_document(entry) for entry in data.get("documents") or []]
    for included in data.get("include") or []:
        documents += load_gold(path.parent / included)
    return documents


def _gold_document(entry: dict) -> GoldDocument:
    agreements = []
    for a in entry.get("agreements") or []:
        kinds = a["kind"] if isinstance(a["kind"], list) else [a["kind"]]
        agreements.append(
            GoldAgreement(
                kinds=tuple(kinds),
                status=a["status"],
                parties=frozenset(a.get("parties") or ()),
                event_date=a.get("date"),
                signatories=frozenset(a.get("signatories") or ()),
                witnesses=frozenset(a.get("witnesses") or ()),
                minerals=frozenset(a.get("minerals") or ()),
                critical=bool(a.get("critical", True)),
                background=bool(a.get("background", False)),
            )
        )
    return GoldDocument(
        file=config.PROJECT_ROOT / entry["file"],
        language=entry.get("language"),
        published_date=entry.get("published_date"),
        persons=frozenset(entry.get("persons") or ()),
        organizations=tuple(entry.get("organizations") or ()),
        agreements=tuple(agreements),
    )


def evaluate_gold(path: Path = DEFAULT_GOLD_PATH) -> Report:
    gold_documents = load_gold(path)
    scores = {name: Score(name) for name in FIELDS}
    errors: list[str] = []
    for gold in gold_documents:
        document = next(d for d in read_file(gold.file) if isinstance(d, SourceDocument))
        _score_document(gold, document, extract(document), scores, errors)
    return Report(documents=len(gold_documents), scores=list(scores.values()), errors=errors)


def _parties(agreement: AgreementFact) -> frozenset[str]:
    return frozenset(p.key for p in agreement.participants if p.role == "party")


def _people(agreement: AgreementFact, role: str) -> frozenset[str]:
    return frozenset(p.key for p in agreement.participants if p.kind == "person" and p.role == role)


def _pair(gold: tuple[GoldAgreement, ...], predicted: tuple[AgreementFact, ...]):
    """Pair annotations with predictions by party overlap (Jaccard >= 0.5), best first."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            parties = _parties(p)
            union = g.parties | parties
            overlap = len(g.parties & parties) / len(union) if union else 0.0
            if overlap >= 0.5:
                same_kind = p.kind in g.kinds
                candidates.append(
                    (overlap + 0.5 * same_kind + 0.25 * (g.background == p.is_background), i, j)
                )
    pairs, used_gold, used_predicted = [], set(), set()
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_gold and j not in used_predicted:
            pairs.append((gold[i], predicted[j]))
            used_gold.add(i)
            used_predicted.add(j)
    unpaired_gold = [g for i, g in enumerate(gold) if i not in used_gold]
    unpaired_predicted = [p for j, p in enumerate(predicted) if j not in used_predicted]
    return pairs, unpaired_gold, unpaired_predicted


def _score_document(
    gold: GoldDocument,
    document: SourceDocument,
    extraction: Extraction,
    scores: dict[str, Score],
    errors: list[str],
) -> None:
    name = gold.file.name
    pairs, missed, spurious = _pair(gold.agreements, extraction.agreements)
    for g in missed:
        errors.append(f"{name}: missed {'/'.join(g.kinds)} {sorted(g.parties)}")
    for p in spurious:
        errors.append(
            f"{name}: spurious {p.kind} {sorted(_parties(p))} from {p.evidence_text[:80]!r}"
        )

    scores["agreements"].tp += len(pairs)
    scores["agreements"].fp += len(spurious)
    scores["agreements"].fn += len(missed)
    for field_name, correct in (
        ("kinds", lambda g, p: p.kind in g.kinds),
        ("statuses", lambda g, p: p.status == g.status),
        ("critical_minerals_related", lambda g, p: p.is_critical_minerals_related == g.critical),
    ):
        right = [(g, p) for g, p in pairs if correct(g, p)]
        for g, p in pairs:
            if not correct(g, p):
                errors.append(
                    f"{name}: {field_name} {sorted(g.parties)}: gold {g.kinds, g.status, g.critical} got {p.kind, p.status, p.is_critical_minerals_related}"
                )
        score = scores[field_name]
        score.tp += len(right)
        score.fp += len(extraction.agreements) - len(right)
        score.fn += len(gold.agreements) - len(right)

    def tagged(items, tag):
        return {(tag, item) for item in items}

    for field_name, gold_of, predicted_of in (
        ("parties", lambda g: g.parties, _parties),
        ("signatories", lambda g: g.signatories, lambda p: _people(p, "signatory")),
        ("witnesses", lambda g: g.witnesses, lambda p: _people(p, "witness")),
        ("minerals", lambda g: g.minerals, lambda p: frozenset(p.minerals)),
        ("dates", lambda g: {g.event_date} - {None}, lambda p: {p.event_date} - {None}),
    ):
        score = scores[field_name]
        for index, (g, p) in enumerate(pairs):
            before = (score.fp, score.fn)
            score.add_sets(tagged(gold_of(g), index), tagged(predicted_of(p), index))
            if (score.fp, score.fn) != before:
                errors.append(
                    f"{name}: {field_name} {sorted(g.parties)}: gold {sorted(map(str, gold_of(g)))} got {sorted(map(str, predicted_of(p)))}"
                )
        for g in missed:
            score.fn += len(gold_of(g))
        for p in spurious:
            score.fp += len(predicted_of(p))

    predicted_persons = {m.key for m in extraction.mentions if m.kind == "person"}
    scores["persons"].add_sets(tagged(gold.persons, name), tagged(predicted_persons, name))
    if gold.persons != predicted_persons:
        errors.append(
            f"{name}: persons missed {sorted(gold.persons - predicted_persons)} spurious {sorted(predicted_persons - gold.persons)}"
        )

    _score_organizations(gold, document, extraction, scores["organizations"], errors)
    scores["languages"].add_sets({(name, gold.language)}, {(name, extraction.language)})
    scores["published_dates"].add_sets(
        {(name, gold.published_date)} - {(name, None)},
        {(name, extraction.published_date)} - {(name, None)},
    )


def _score_organizations(
    gold: GoldDocument,
    document: SourceDocument,
    extraction: Extraction,
    score: Score,
    errors: list[str],
) -> None:
    """An annotated name matches a predicted organisation that names the same body.

    The same body: same key; the same name, acronym or written form (accents, dots and
    word order aside, token-set similarity >= 90); the acronym the text defines for the
    annotated name ("Bureau de recherches géologiques et minières (BRGM)"); or, for the
    European Union, which the warehouse models as the party EUU, a mention of EUU.
    """
    forms: dict[str, set[str]] = {}
    for m in extraction.mentions:
        if m.kind == "organization":
            names = {
                m.key,
                slug(m.text),
                slug(m.attributes.get("name", "")),
                slug(m.attributes.get("acronym", "")),
            }
            forms.setdefault(m.key, set()).update(n for n in names if n)
    countries = {m.key for m in extraction.mentions if m.kind == "country"}
    matched: set[str] = set()
    missed: list[str] = []
    for name in gold.organizations:
        candidates = {organization_key(name)} | {
            slug(a) for a in _acronyms_defined_for(name, document.text)
        }
        hits = {key for key, names in forms.items() if candidates & names or _similar(name, names)}
        if hits:
            matched |= hits
        elif not _names_a_mentioned_country(name, countries):
            missed.append(organization_key(name))
    score.tp += len(gold.organizations) - len(missed)
    score.fn += len(missed)
    spurious = sorted(set(forms) - matched)
    score.fp += len(spurious)
    if missed or spurious:
        errors.append(f"{gold.file.name}: organizations missed {missed} spurious {spurious}")


def _acronyms_defined_for(name: str, text: str) -> list[str]:
    return re.findall(re.escape(name) + r"\s*\(([A-Za-z&-]{2,12})\)", text)


_IGNORED_IN_NAMES = frozenset("ltd limited inc sa plc corp corporation co the".split())


@cache
def _country_name_words() -> frozenset[str]:
    return frozenset(w for c in reference.countries().values() for w in slug(c.name).split("-"))


def _similar(name: str, forms: set[str]) -> bool:
    """Same name but for legal suffixes, word order, accents or a country qualifier."""
    qualifiers = _country_name_words()

    def words(value: str) -> str:
        kept = [w for w in value.split("-") if w not in _IGNORED_IN_NAMES]
        return " ".join(w for w in kept if w not in qualifiers or len(kept) < 3)

    wanted = words(slug(name))
    return any(fuzz.token_sort_ratio(wanted, words(form)) >= 90 for form in forms if len(form) > 3)


def _names_a_mentioned_country(name: str, countries: set[str]) -> bool:
    matches = gazetteer().find(name, Tokens(fold_same_length(name)))
    return any(
        m.kind == "country" and m.start == 0 and m.end == len(name) and m.key in countries
        for m in matches
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
    if show_errors and report.errors:
        lines += ["", "Differences:", *(f"  {e}" for e in report.errors)]
    return "\n".join(lines)
