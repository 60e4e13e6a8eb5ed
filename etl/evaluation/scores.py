"""Scoring one document's extraction against its gold annotations.

Each field is scored by precision, recall and F1 over what the annotator wrote and
what the extractor produced. Agreements are paired by their parties (the pair with
the largest overlap first), then kinds, statuses, dates, places, signatories,
witnesses and minerals are compared within pairs; an unpaired prediction counts
against precision, an unpaired annotation against recall.

Commitments (amounts and capacities) are paired by unit and amount (within 1%) in the
same document; their kind, value, year, owner, mineral, place and agreement are then
scored as accuracy among the pairs (a wrong one counts once against precision and once
against recall). Company deals are paired by the companies they share.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from etl import reference
from etl.evaluation.gold import GoldAgreement, GoldCommitment, GoldDocument
from etl.extract.commitments import Commitment
from etl.extract.gazetteer import gazetteer
from etl.extract.text import Tokens, fold_same_length
from etl.keys import fold, organization_key, slug
from etl.model import AgreementFact, Extraction

FIELDS = (
    "agreements",
    "kinds",
    "kinds_strict",
    "statuses",
    "parties",
    "signatories",
    "witnesses",
    "minerals",
    "dates",
    "places",
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
    "company_deal_statuses",
    "company_deal_dates",
    "company_deal_minerals",
    "company_deal_countries",
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


def _parties(agreement: AgreementFact) -> frozenset[str]:
    return frozenset(p.key for p in agreement.participants if p.role == "party")


def _people(agreement: AgreementFact, role: str) -> frozenset[str]:
    return frozenset(p.key for p in agreement.participants if p.kind == "person" and p.role == role)


def pair_agreements(gold: tuple[GoldAgreement, ...], predicted: tuple[AgreementFact, ...]):
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


def compared_agreements(gold: GoldDocument, extraction: Extraction) -> tuple[AgreementFact, ...]:
    """The extracted agreements a gold document's annotations speak about.

    Real-article facts follow the annotation guide's scope: only critical-minerals
    agreements between states are annotated, and an instrument in another sector is no
    agreement news. The warehouse keeps such instruments with
    `is_critical_minerals_related = false`, which BI filters out; so an extracted
    instrument flagged false is compared with nothing (neither right nor wrong), and one
    flagged true must match an annotated agreement. The self-written gold annotates every
    instrument with its flag, so everything is compared there.
    """
    if not gold.is_real_article:
        return extraction.agreements
    return tuple(a for a in extraction.agreements if a.is_critical_minerals_related)


def score_document(
    gold: GoldDocument,
    extraction: Extraction,
    scores: dict[str, Score],
    errors: list[str],
) -> None:
    name = gold.name
    predicted = compared_agreements(gold, extraction)
    pairs, missed, spurious = pair_agreements(gold.agreements, predicted)
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
        ("kinds_strict", lambda g, p: p.kind == g.kinds[0]),
        ("statuses", lambda g, p: p.status == g.status),
        ("critical_minerals_related", lambda g, p: p.is_critical_minerals_related == g.critical),
    ):
        right = [(g, p) for g, p in pairs if correct(g, p)]
        for g, p in pairs:
            if not correct(g, p):
                errors.append(
                    f"{name}: {field_name} {sorted(g.parties)}: gold {g.kinds, g.status, g.critical} got {p.kind, p.status, p.is_critical_minerals_related}"
                )
        if field_name == "critical_minerals_related" and gold.is_real_article:
            continue  # every compared agreement is flagged critical: nothing to score
        score = scores[field_name]
        score.tp += len(right)
        score.fp += len(predicted) - len(right)
        score.fn += len(gold.agreements) - len(right)

    def tagged(items, tag):
        return {(tag, item) for item in items}

    for field_name, gold_of, predicted_of in (
        ("parties", lambda g: g.parties, _parties),
        ("signatories", lambda g: g.signatories, lambda p: _people(p, "signatory")),
        ("witnesses", lambda g: g.witnesses, lambda p: _people(p, "witness")),
        ("minerals", lambda g: g.minerals, lambda p: frozenset(p.minerals)),
        ("dates", lambda g: {g.event_date} - {None}, lambda p: {p.event_date} - {None}),
        (
            "places",
            lambda g: {_place(g.place)} - {None},
            lambda p: {_place(p.location_city)} - {None},
        ),
    ):
        if field_name == "places" and not (gold.is_real_article or gold.places_annotated):
            continue  # most of the self-written gold does not annotate places
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

    if gold.persons is not None:
        predicted_persons = {m.key for m in extraction.mentions if m.kind == "person"}
        scores["persons"].add_sets(tagged(gold.persons, name), tagged(predicted_persons, name))
        if gold.persons != predicted_persons:
            errors.append(
                f"{name}: persons missed {sorted(gold.persons - predicted_persons)} spurious {sorted(predicted_persons - gold.persons)}"
            )
    if gold.organizations is not None:
        _score_organizations(gold, extraction, scores["organizations"], errors)
    scores["languages"].add_sets({(name, gold.language)}, {(name, extraction.language)})
    if not gold.is_real_article:  # a real article's date comes with it, like a feed's
        scores["published_dates"].add_sets(
            {(name, gold.published_date)} - {(name, None)},
            {(name, extraction.published_date)} - {(name, None)},
        )


def _place(city: str | None) -> str | None:
    return fold(city) if city else None


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


def score_commitments(
    gold: GoldDocument,
    extraction: Extraction,
    predicted: tuple[Commitment, ...],
    scores: dict[str, Score],
    errors: list[str],
) -> None:
    name = gold.name
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
                predicted_value = predicted_of(p)
                got = (
                    sorted(predicted_value)
                    if isinstance(predicted_value, frozenset)
                    else predicted_value
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
    return organization_key(gold) in names or similar_name(gold, names)


_NAME_AND_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[^()]+)\)$")


def _written_forms(name: str) -> set[str]:
    """ "State Mining Corporation (STAMICO)": the whole, the name and the acronym; a
    company the gold writes with its acronym is the one the text names either way."""
    match = _NAME_AND_ACRONYM.match(name.strip())
    return {name, match["name"], match["acronym"]} if match else {name}


@cache
def _reference_forms() -> dict[str, frozenset[str]]:
    """The keys of every form the reference knows a body by (name, acronym, aliases:
    "Empresa Nacional de Minería" is ENAMI), under each of them."""
    forms: dict[str, frozenset[str]] = {}
    for org in reference.organizations():
        keys = frozenset(
            organization_key(form)
            for form in (org.key, org.name, org.acronym or "", *org.aliases)
            if form
        )
        for key in keys:
            forms[key] = keys
    return forms


def score_company_deals(
    gold: GoldDocument, predicted, scores: dict[str, Score], errors: list[str]
) -> None:
    """Deals pair by the companies they share (most shared first); within pairs, kind and
    status are right or wrong, and dates, minerals and countries (the companies'
    headquarters and the state on the other side) are compared as sets. `predicted` items
    need `kind`, `status`, `event_date`, `companies` (names), `minerals` and
    `participants` (with `country_code`)."""
    name = gold.name
    wanted = list(gold.company_deals or ())
    found = list(predicted)

    def keys(names) -> set[str]:
        written = {organization_key(form) for n in names for form in _written_forms(n)}
        return written.union(*(_reference_forms().get(key, ()) for key in written))

    candidates = []
    for i, g in enumerate(wanted):
        for j, p in enumerate(found):
            predicted_keys = keys(p.companies)
            shared = sum(
                1
                for n in g.companies
                if not keys([n]).isdisjoint(predicted_keys)
                or any(similar_name(form, predicted_keys) for form in _written_forms(n))
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
    for j, p in enumerate(found):
        if j not in used_predicted:
            errors.append(
                f"{name}: spurious company deal {p.kind} {list(p.companies)}"
                f" from {p.evidence_text[:80]!r}"
            )
    for field_name, gold_of, predicted_of in (
        ("company_deal_kinds", lambda g: g.kind, lambda p: p.kind),
        ("company_deal_statuses", lambda g: g.status, lambda p: p.status),
    ):
        for g, p in pairs:
            if predicted_of(p) == gold_of(g):
                scores[field_name].tp += 1
            else:
                scores[field_name].fp += 1
                scores[field_name].fn += 1
                errors.append(
                    f"{name}: {field_name} {list(g.companies)}: gold {gold_of(g)} got {predicted_of(p)}"
                )
    for field_name, gold_of, predicted_of in (
        (
            "company_deal_dates",
            lambda g: {g.event_date} - {None},
            lambda p: {p.event_date} - {None},
        ),
        ("company_deal_minerals", lambda g: set(g.minerals), lambda p: set(p.minerals)),
        (
            "company_deal_countries",
            lambda g: set(g.countries),
            lambda p: {x.country_code for x in p.participants} - {None},
        ),
    ):
        score = scores[field_name]
        for index, (g, p) in enumerate(pairs):
            before = (score.fp, score.fn)
            score.add_sets({(index, v) for v in gold_of(g)}, {(index, v) for v in predicted_of(p)})
            if (score.fp, score.fn) != before:
                errors.append(
                    f"{name}: {field_name} {list(g.companies)}: gold {sorted(map(str, gold_of(g)))}"
                    f" got {sorted(map(str, predicted_of(p)))}"
                )


def _score_organizations(
    gold: GoldDocument,
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
    for name in gold.organizations or ():
        candidates = {organization_key(name)} | {
            slug(a) for a in _acronyms_defined_for(name, gold.source.text)
        }
        hits = {
            key for key, names in forms.items() if candidates & names or similar_name(name, names)
        }
        if hits:
            matched |= hits
        elif not _names_a_mentioned_country(name, countries):
            missed.append(organization_key(name))
    score.tp += len(gold.organizations or ()) - len(missed)
    score.fn += len(missed)
    spurious = sorted(set(forms) - matched)
    score.fp += len(spurious)
    if missed or spurious:
        errors.append(f"{gold.name}: organizations missed {missed} spurious {spurious}")


def _acronyms_defined_for(name: str, text: str) -> list[str]:
    return re.findall(re.escape(name) + r"\s*\(([A-Za-z&-]{2,12})\)", text)


_IGNORED_IN_NAMES = frozenset("ltd limited inc sa plc corp corporation co the".split())


@cache
def _country_name_words() -> frozenset[str]:
    return frozenset(w for c in reference.countries().values() for w in slug(c.name).split("-"))


def similar_name(name: str, forms: set[str]) -> bool:
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
