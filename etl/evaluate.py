"""`cmw eval`: score the extractor against hand-annotated gold documents.

Each field is scored by precision, recall and F1 over what the annotator wrote and
what the extractor produced. Agreements are paired by their parties (the pair with
the largest overlap first), then kinds, statuses, dates, signatories, witnesses and
minerals are compared within pairs; an unpaired prediction counts against precision,
an unpaired annotation against recall.

Commitments (amounts and capacities) are paired by unit and amount (within 1%) in the
same document; their kind, value, year, owner, mineral, place and agreement are then
scored as accuracy among the pairs (a wrong one counts once against precision and once
against recall). Company deals are paired by the companies they share. Documents whose
entry has no `commitments:` (or `company_deals:`) key are not scored for them, so older
gold files keep their meaning; these scores are reported apart from the fields above.
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
from etl.extract.commitments import Commitment, find_commitments
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
# Scored apart: pairs first, then accuracy among the pairs.
COMMITMENT_FIELDS = (
    "commitments",
    "commitment_kinds",
    "commitment_values",
    "commitment_years",
    "commitment_owners",
    "commitment_agreements",
    "commitment_minerals",
    "commitment_countries",
    "company_deals",
    "company_deal_kinds",
    "company_deal_minerals",
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
class GoldCommitment:
    kind: str
    value_text: str
    amount: float
    amount_high: float | None
    unit: str
    qualifier: str
    target_year: int | None
    mineral: str | None
    country: str | None
    owner: str | None  # a country code, or a name as written
    agreement: frozenset[str] | None  # the party set of the agreement it belongs to


@dataclass(frozen=True)
class GoldCompanyDeal:
    kind: str
    status: str
    companies: tuple[str, ...]
    countries: frozenset[str]
    minerals: frozenset[str]


@dataclass(frozen=True)
class GoldDocument:
    file: Path
    language: str | None
    published_date: date | None
    persons: frozenset[str]
    organizations: tuple[str, ...]
    agreements: tuple[GoldAgreement, ...]
    # None when the entry has no such key: the document is not scored for them.
    commitments: tuple[GoldCommitment, ...] | None = None
    company_deals: tuple[GoldCompanyDeal, ...] | None = None


@dataclass
class Report:
    documents: int
    scores: list[Score]
    errors: list[str] = field(default_factory=list)  # what went wrong where, for tuning rules
    # Commitments and company deals, scored apart (COMMITMENT_FIELDS); empty when no
    # gold document annotates them.
    commitment_scores: list[Score] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


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
        commitments=_gold_commitments(entry["commitments"]) if "commitments" in entry else None,
        company_deals=(
            _gold_company_deals(entry["company_deals"]) if "company_deals" in entry else None
        ),
    )


def _gold_commitments(items: list[dict] | None) -> tuple[GoldCommitment, ...]:
    return tuple(
        GoldCommitment(
            kind=c["kind"],
            value_text=str(c.get("value_text") or ""),
            amount=float(c["amount"]),
            amount_high=float(c["amount_high"]) if c.get("amount_high") is not None else None,
            unit=c["unit"],
            qualifier=c.get("qualifier") or "exact",
            target_year=c.get("target_year"),
            mineral=c.get("mineral"),
            country=c.get("country"),
            owner=str(c["owner"]) if c.get("owner") is not None else None,
            agreement=frozenset(c["agreement"]) if c.get("agreement") else None,
        )
        for c in items or ()
    )


def _gold_company_deals(items: list[dict] | None) -> tuple[GoldCompanyDeal, ...]:
    return tuple(
        GoldCompanyDeal(
            kind=d["kind"],
            status=d.get("status") or "signed",
            companies=tuple(d.get("companies") or ()),
            countries=frozenset(d.get("countries") or ()),
            minerals=frozenset(d.get("minerals") or ()),
        )
        for d in items or ()
    )


def evaluate_gold(path: Path = DEFAULT_GOLD_PATH) -> Report:
    gold_documents = load_gold(path)
    scores = {name: Score(name) for name in FIELDS}
    commitment_scores = {name: Score(name) for name in COMMITMENT_FIELDS}
    errors: list[str] = []
    scored = {"commitments": 0, "company_deals": 0, "deals_unpredicted": 0}
    for gold in gold_documents:
        document = next(d for d in read_file(gold.file) if isinstance(d, SourceDocument))
        extraction = extract(document)
        _score_document(gold, document, extraction, scores, errors)
        if gold.commitments is not None:
            scored["commitments"] += 1
            predicted = _predicted_commitments(document, extraction)
            _score_commitments(gold, extraction, predicted, commitment_scores, errors)
        if gold.company_deals is not None:
            deals = getattr(extraction, "company_deals", None)
            if deals is None:
                scored["deals_unpredicted"] += 1
            else:
                scored["company_deals"] += 1
                _score_company_deals(gold, deals, commitment_scores, errors)
    notes = []
    kept = [s for s in commitment_scores.values() if not s.field.startswith("company_deal")]
    if scored["company_deals"]:
        kept += [s for s in commitment_scores.values() if s.field.startswith("company_deal")]
    elif scored["deals_unpredicted"]:
        notes.append(
            f"company deals: annotated in {scored['deals_unpredicted']} documents, not scored "
            "(the extraction has no `company_deals` yet)"
        )
    return Report(
        documents=len(gold_documents),
        scores=list(scores.values()),
        errors=errors,
        commitment_scores=kept if scored["commitments"] or scored["company_deals"] else [],
        notes=notes,
    )


def _predicted_commitments(document: SourceDocument, extraction: Extraction) -> tuple:
    """What the extraction carries once the loader stores commitments; until then, the
    pure rules run on what `extract()` returned."""
    carried = getattr(extraction, "commitments", None)
    if carried is not None:
        return tuple(carried)
    return find_commitments(
        document.text, extraction.mentions, extraction.published_date, extraction.agreements
    )


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


def _pair_commitments(
    gold: tuple[GoldCommitment, ...], predicted: tuple[Commitment, ...]
) -> tuple[list[tuple[GoldCommitment, Commitment]], list[GoldCommitment], list[Commitment]]:
    """Same unit and an amount within 1%, closest amount first."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            gap = abs(p.amount - g.amount) / g.amount if g.amount else abs(p.amount)
            if p.unit == g.unit and gap <= 0.01:
                candidates.append((gap, abs(p.value_start - i), i, j))
    pairs, used_gold, used_predicted = [], set(), set()
    for _, _, i, j in sorted(candidates):
        if i not in used_gold and j not in used_predicted:
            pairs.append((gold[i], predicted[j]))
            used_gold.add(i)
            used_predicted.add(j)
    pairs.sort(key=lambda pair: gold.index(pair[0]))
    missed = [g for i, g in enumerate(gold) if i not in used_gold]
    spurious = [p for j, p in enumerate(predicted) if j not in used_predicted]
    return pairs, missed, spurious


def _score_commitments(
    gold: GoldDocument,
    extraction: Extraction,
    predicted: tuple[Commitment, ...],
    scores: dict[str, Score],
    errors: list[str],
) -> None:
    name = gold.file.name
    pairs, missed, spurious = _pair_commitments(gold.commitments or (), predicted)
    scores["commitments"].tp += len(pairs)
    scores["commitments"].fn += len(missed)
    scores["commitments"].fp += len(spurious)
    for g in missed:
        errors.append(f"{name}: missed commitment {g.kind} {g.value_text!r} ({g.unit})")
    for p in spurious:
        errors.append(f"{name}: spurious commitment {p.kind} {p.value_text!r} ({p.unit})")

    def close(a: float | None, b: float | None) -> bool:
        if a is None or b is None:
            return a is b
        return abs(a - b) <= 0.01 * max(abs(a), abs(b))

    def agreement_parties(p: Commitment) -> frozenset[str] | None:
        if p.agreement_index is None or p.agreement_index >= len(extraction.agreements):
            return None
        return _parties(extraction.agreements[p.agreement_index])

    checks = (
        ("commitment_kinds", lambda g, p: g.kind, lambda p: p.kind),
        (
            "commitment_values",
            lambda g, p: (g.amount_high, g.qualifier),
            lambda p: (p.amount_high, p.qualifier),
        ),
        ("commitment_years", lambda g, p: g.target_year, lambda p: p.target_year),
        ("commitment_owners", lambda g, p: g.owner, lambda p: p.owner_name),
        ("commitment_agreements", lambda g, p: g.agreement, agreement_parties),
        ("commitment_minerals", lambda g, p: g.mineral, lambda p: p.mineral_id),
        ("commitment_countries", lambda g, p: g.country, lambda p: p.country_code),
    )
    forms = _organization_forms(extraction)
    for field_name, gold_of, predicted_of in checks:
        score = scores[field_name]
        for g, p in pairs:
            if field_name == "commitment_values":
                right = close(g.amount_high, p.amount_high) and g.qualifier == p.qualifier
            elif field_name == "commitment_owners":
                right = _same_owner(g.owner, p, forms)
            else:
                right = gold_of(g, p) == predicted_of(p)
            if right:
                score.tp += 1
            else:
                score.fp += 1
                score.fn += 1
                got = (
                    sorted(predicted_of(p))
                    if field_name == "commitment_agreements" and predicted_of(p)
                    else predicted_of(p)
                )
                want = gold_of(g, p)
                want = sorted(want) if isinstance(want, frozenset) else want
                errors.append(f"{name}: {field_name} {g.value_text!r}: gold {want} got {got}")


def _organization_forms(extraction: Extraction) -> dict[str, set[str]]:
    forms: dict[str, set[str]] = {}
    for m in extraction.mentions:
        if m.kind == "organization":
            names = {m.key, slug(m.text), slug(m.attributes.get("acronym", ""))}
            forms.setdefault(m.key, set()).update(n for n in names if n)
    return forms


def _same_owner(gold: str | None, predicted: Commitment, forms: dict[str, set[str]]) -> bool:
    """A country code is the owner's key; a name matches the owner's key, the name or
    acronym it is written with in the document, or a near-identical written form."""
    if gold is None or predicted.owner_key is None:
        return gold is None and predicted.owner_key is None
    if gold in reference.countries():
        return predicted.owner_key == gold
    names = {predicted.owner_key, slug(predicted.owner_name or "")} | forms.get(
        predicted.owner_key, set()
    )
    return organization_key(gold) in names or _similar(gold, names)


def _score_company_deals(
    gold: GoldDocument, predicted, scores: dict[str, Score], errors: list[str]
) -> None:
    """Deals pair by the companies they share (most shared first); `predicted` items need
    `kind`, `companies` (names) and `minerals`."""
    name = gold.file.name
    wanted = list(gold.company_deals or ())
    found = list(predicted)

    def keys(names) -> set[str]:
        return {organization_key(n) for n in names}

    candidates = []
    for i, g in enumerate(wanted):
        for j, p in enumerate(found):
            shared = sum(
                1
                for n in g.companies
                if organization_key(n) in keys(p.companies) or _similar(n, keys(p.companies))
            )
            if shared:
                candidates.append((shared, i, j))
    pairs, used_gold, used_predicted = [], set(), set()
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_gold and j not in used_predicted:
            pairs.append((wanted[i], found[j]))
            used_gold.add(i)
            used_predicted.add(j)
    scores["company_deals"].tp += len(pairs)
    scores["company_deals"].fn += len(wanted) - len(pairs)
    scores["company_deals"].fp += len(found) - len(pairs)
    for i, g in enumerate(wanted):
        if i not in used_gold:
            errors.append(f"{name}: missed company deal {g.kind} {list(g.companies)}")
    for g, p in pairs:
        if p.kind == g.kind:
            scores["company_deal_kinds"].tp += 1
        else:
            scores["company_deal_kinds"].fp += 1
            scores["company_deal_kinds"].fn += 1
            errors.append(
                f"{name}: company_deal_kinds {list(g.companies)}: gold {g.kind} got {p.kind}"
            )
        scores["company_deal_minerals"].add_sets(
            {(id(g), m) for m in g.minerals}, {(id(g), m) for m in p.minerals}
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
    lines += [f"note: {note}" for note in report.notes]
    if show_errors and report.errors:
        lines += ["", "Differences:", *(f"  {e}" for e in report.errors)]
    return "\n".join(lines)
