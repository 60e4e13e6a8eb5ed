"""Agreement events a document reports: kind, status, parties, signatories, date, place.

A trigger phrase ("Memorandum of Understanding", "declaración conjunta", "met with")
opens an occurrence in its sentence; occurrences with the same party countries in one
document are one agreement (a headline, the lede and "the agreement" further down all
describe the same signing). Sentences that go on about "the agreement" join the
agreement named last.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from etl import reference
from etl.extract.dates import FoundDate
from etl.extract.lexicon import (
    AGREEMENT_ANAPHORS,
    BINDING_CUES,
    CONTEXT_CUES,
    FUTURE_CUES,
    NEGOTIATION_CUES,
    NOT_BINDING_CUES,
    OTHER_SUBJECT_WORDS,
    SIGNING_WORDS,
    WITNESS_CUES,
)
from etl.extract.text import WORD, PhraseIndex, Sentence, Tokens
from etl.model import AgreementFact, AgreementKind, AgreementStatus, Participant

# Trigger phrases, as folded words; the longest phrase at a word wins, and the rank
# says how specific the instrument is (lower is more specific).
_TRIGGER_PHRASES: dict[str, tuple[int, str]] = {
    "memorandum_of_understanding": (
        0,
        """
        memorandum of understanding|memoranda of understanding|memorandums of understanding|
        memorando de entendimiento|memorandum de entendimiento|memorandos de entendimiento|
        memorando de entendimento|memorandos de entendimento|protocolo de entendimiento|
        protocolo de intenciones|protocolo de intencoes|protocole d'accord|protocoles d'accord|
        memorandum d'entente|memorandum d'accord|mou|mous""",
    ),
    "memorandum_of_cooperation": (
        0,
        """
        memorandum of cooperation|memoranda of cooperation|memorando de cooperacion|
        memorandum de cooperacion|memorando de cooperacao|memorandum de cooperation|moc|mocs""",
    ),
    "joint_declaration": (
        0,
        """
        joint declaration|joint declarations|declaracion conjunta|declaraciones conjuntas|
        declaracao conjunta|declaracoes conjuntas|declaration conjointe|declaration commune""",
    ),
    "joint_statement": (
        0,
        """
        joint statement|joint statements|joint communique|comunicado conjunto|
        communique conjoint|communique commun|declaracion comun""",
    ),
    "letter_of_intent": (
        0,
        """
        letter of intent|letters of intent|carta de intencion|carta de intenciones|
        cartas de intencion|carta de intencoes|carta de intencao|lettre d'intention|lettres d'intention""",
    ),
    "framework_agreement": (
        1,
        """
        framework agreement|framework agreements|acuerdo marco|acuerdos marco|acordo-quadro|
        acordo quadro|acordos-quadro|accord-cadre|accord cadre|accords-cadres|convenio marco""",
    ),
    "treaty_or_binding_agreement": (
        2,
        "treaty|treaties|tratado|tratados|traite|traites|binding agreement",
    ),
    "partnership": (
        3,
        """
        strategic partnership|minerals partnership|mineral partnership|mineral security partnership|
        partnership|partnerships|alianza estrategica|alianzas estrategicas|asociacion estrategica|
        parceria|parcerias|parceria estrategica|partenariat|partenariats|partenariat strategique""",
    ),
    "agreement": (
        4,
        "agreement|agreements|acuerdo|acuerdos|acordo|acordos|accord|accords|convenio|convenios",
    ),
    "talks": (
        5,
        """
        talks|discussions|discussed|negotiations|met with|meeting with|meetings with|held a meeting|
        bilateral meeting|conversaciones|negociaciones|se reunio con|se reunieron|sostuvo una reunion|
        sostuvieron una reunion|reunion bilateral|reuniu-se com|se reuniram|reuniao bilateral|conversas|
        negociacoes|s'est entretenu|se sont entretenus|entretiens|pourparlers|negociations|
        rencontre bilaterale|a rencontre|ont rencontre""",
    ),
}


TRIGGERS = PhraseIndex(
    {
        phrase.strip(): kind
        for kind, (_, phrases) in _TRIGGER_PHRASES.items()
        for phrase in phrases.split("|")
    }
)
# Cue phrases, matched once per document; rules ask whether one falls in a span.
CUES = PhraseIndex(
    {
        **dict.fromkeys(AGREEMENT_ANAPHORS, "anaphor"),
        **dict.fromkeys(FUTURE_CUES, "future"),
        **dict.fromkeys(NEGOTIATION_CUES, "negotiation"),
        **dict.fromkeys(BINDING_CUES, "binding"),
        **dict.fromkeys(NOT_BINDING_CUES, "not_binding"),
        **dict.fromkeys(WITNESS_CUES, "witness"),
    }
)


_RANK = {kind: rank for kind, (rank, _) in _TRIGGER_PHRASES.items()}
_SPECIFIC = {kind for kind, rank in _RANK.items() if rank == 0}
# Generic words ("agreement", "partnership", "treaty") only open an agreement with a verb of doing one.
_ACTION_WORDS = SIGNING_WORDS | frozenset(
    """
    reached reach reaches alcanzaron alcanzo alcancaram alcancou established establish
    establecieron establecen estabeleceram etabli launched launch lanzaron lancaram lance
    announced anunciaron anunciou annonce adoption adopted adopcion adocao adoptado adotado
    adopte renewed renovaron renovaram renouvele agreed acordaron acordaram convenu
    """.split()
)
_TOPIC_WORDS = frozenset(
    "on for sobre para sur pour em en concerning regarding relativo relativa relative de".split()
)
_TITLE_STOP = frozenset(
    "with con avec com between entre signed firmado firmada suscrito signe assinado that which que qui by por par "
    "at during durante to was fue foi ete will would".split()
)
_PLACE_PREPOSITIONS = frozenset("in en em a at".split())  # "... in Washington": the title has ended
_TITLE_CONNECTORS = frozenset(
    "of de del la las los el para sobre on for and y e et des du da do dos the in en em sur pour a".split()
)
_QUOTED_TITLE = re.compile(
    r"\s*,?\s*(?:titled|entitled|called|named|known as|denominad[oa]|titulad[oa]|llamad[oa]|intitulee?|intitulad[oa]|baptisee?|chamad[oa])\s*[\"“«]\s*(?P<title>[^\"”»]{3,120}?)[.,]?\s*[\"”»]"
)
_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|que|quien|quienes|qui|lequel|laquelle)\b[^,]*,")
# A leading "In addition to the talks with Chile, ..." sets the scene; its countries are not this clause's.
_ASIDE = re.compile(
    r"(?:in addition to|besides|apart from|aside from|beyond|ademas de|aparte de|alem de|en plus de|outre)\b[^,]*,",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"“[^”]{0,2000}”|\"[^\"\n]{0,2000}\"|«[^»]{0,2000}»")


class _Cues:
    def __init__(self, tokens: Tokens):
        self._starts: dict[str, list[int]] = {}
        for start, _, label in CUES.find(tokens):
            self._starts.setdefault(label, []).append(start)

    def within(self, label: str, start: int, end: int) -> bool:
        starts = self._starts.get(label, ())
        i = bisect_left(starts, start)
        return i < len(starts) and starts[i] < end


@dataclass(frozen=True)
class OrgMention:
    start: int
    end: int
    key: str
    name: str
    kind: str
    country_code: str | None


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    key: str
    name: str
    title: str | None
    country_code: str | None
    organization_key: str | None


@dataclass
class Document:
    """What the rules read: the text, its sentences and the entities found in it."""

    text: str
    folded: str
    tokens: Tokens
    sentences: tuple[Sentence, ...]
    sentence_index: object  # SentenceIndex
    published: date | None
    countries: list  # gazetteer Matches of kind country
    minerals: list
    generic_mineral_spans: list[tuple[int, int]]
    places: list
    organizations: list[OrgMention]
    persons: list[PersonMention]
    dates: list[FoundDate]
    cues: _Cues | None = None
    _words_by_sentence: dict[int, frozenset[str]] = field(default_factory=dict)

    def sentence_words(self, index: int) -> frozenset[str]:
        """The folded words of sentence `index`."""
        words = self._words_by_sentence.get(index)
        if words is None:
            sentence = self.sentences[index]
            lo = bisect_left(self.tokens.starts, sentence.start)
            hi = bisect_left(self.tokens.starts, sentence.end)
            words = self._words_by_sentence[index] = frozenset(self.tokens.words[lo:hi])
        return words


@dataclass
class _Occurrence:
    kind: str
    start: int
    end: int
    sentence: int
    parties: frozenset[str]
    status: AgreementStatus


@dataclass
class _Group:
    parties: frozenset[str]
    occurrences: list[_Occurrence] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    event_date: date | None = None
    precision: str | None = None


def find_agreements(doc: Document) -> tuple[AgreementFact, ...]:
    quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(doc.text)]
    home = _country_ranking(doc)
    groups: list[_Group] = []
    last_group: _Group | None = None
    trigger_sentences: set[int] = set()

    doc.cues = _Cues(doc.tokens)
    for start, end, kind in TRIGGERS.find(doc.tokens):
        if any(a <= start < b for a, b in quotes) or not _case_ok(doc.text[start:end]):
            continue  # an opinion in quotes ("something of a framework agreement") is no signing
        index = doc.sentence_index.index_of(start)
        sentence = doc.sentences[index]
        status = _status(doc, kind, sentence, start, end)
        if _RANK[kind] >= 2 and kind != "talks" and status == "signed":
            # "a comprehensive economic partnership", "potential future agreements": a generic
            # word opens an agreement only with a verb of doing one, or as a named treaty.
            named = doc.text[start].isupper() and kind == "treaty_or_binding_agreement"
            if not named and doc.sentence_words(index).isdisjoint(_ACTION_WORDS):
                continue
        parties = _sentence_parties(doc, sentence)
        if len(parties) == 1:
            parties = _complete_bilateral(parties, groups, home)
        if not parties:
            # A bare "the agreement" goes on about the last one; a named instrument with
            # no country is its own agreement between the bodies named with it.
            if last_group is not None and _compatible(last_group, kind, status):
                last_group.sentences.add(index)
                trigger_sentences.add(index)
                last_group.occurrences.append(
                    _Occurrence(kind, start, end, index, last_group.parties, status)
                )
                continue
            parties = frozenset(
                o.key
                for o in doc.organizations
                if o.kind == "intergovernmental" and sentence.start <= o.start < sentence.end
            )
            if not parties:
                continue
        occurrence = _Occurrence(kind, start, end, index, parties, status)
        found_date = _date_near(doc, sentence, start)
        group = next(
            (
                g
                for g in reversed(groups)
                if g.parties == parties and _dates_agree(g, found_date) and _compatible(g, kind, status)
            ),
            None,
        )
        if group is None:
            group = _Group(parties)
            groups.append(group)
        group.occurrences.append(occurrence)
        group.sentences.add(index)
        trigger_sentences.add(index)
        if (
            found_date
            and found_date.value
            and (group.event_date is None or _more_precise(found_date.precision, group.precision))
        ):
            group.event_date, group.precision = found_date.value, found_date.precision
        last_group = group

    _attach_anaphora(doc, groups, trigger_sentences)
    anchor = doc.published or max((d.value for d in doc.dates if d.value), default=None)
    return tuple(_fact(doc, group, anchor) for group in groups)


def _family(kind: str) -> str:
    if kind in ("joint_statement", "joint_declaration"):
        return "joint"
    if kind in ("memorandum_of_understanding", "memorandum_of_cooperation"):
        return "memorandum"
    return kind


def _compatible(group: _Group, kind: str, status: str) -> bool:
    """Can this occurrence describe the group's event?

    Talks and a signed instrument are one visit; talks and an instrument still to be
    signed are two events. Two named instruments of different kinds, or with different
    statuses, are two agreements; a generic word ("the agreement") fits any instrument.
    """
    defining = min(group.occurrences, key=lambda o: (_RANK[o.kind], o.start))
    if kind == "talks" or defining.kind == "talks":
        other = defining if kind == "talks" else _Occurrence(kind, 0, 0, 0, frozenset(), status)  # type: ignore[arg-type]
        return other.kind == "talks" or other.status == "signed"
    if _RANK[kind] >= 2 or _RANK[defining.kind] >= 2:
        return True
    return _family(kind) == _family(defining.kind) and status == defining.status


def _complete_bilateral(parties: frozenset[str], groups: list[_Group], home: list[str]) -> frozenset[str]:
    """One country named: its partner is the one it was last paired with, else the home country.

    Press releases name the partner ("signed an MoU with the United States") and leave
    the home government implicit; the home country is the one the document names most.
    """
    (party,) = parties
    for group in reversed(groups):
        if party in group.parties and len(group.parties) == 2:
            return group.parties
    other = next((c for c in home if c != party), None)
    return parties | {other} if other else parties


def _kind_of(group: _Group) -> str:
    return min(group.occurrences, key=lambda o: (_RANK[o.kind], o.start)).kind


def _case_ok(surface: str) -> bool:
    if surface.casefold() in ("mou", "mous", "moc", "mocs"):
        return not surface.islower()  # "MoU", not the French adjective "mou"
    return True


def _status(doc: Document, kind: str, sentence: Sentence, start: int, end: int) -> AgreementStatus:
    """Signed, unless a future or negotiation cue stands in the trigger's clause."""
    if kind == "talks":
        return "talks"
    clause = (max(sentence.start, start - 90), min(sentence.end, end + 60))
    if doc.cues.within("future", *clause):
        return "announced"
    if doc.cues.within("negotiation", *clause):
        return "under_negotiation"
    return "signed"


def _sentence_parties(doc: Document, sentence: Sentence) -> frozenset[str]:
    """Countries acting in a sentence: named, or the country of a person or body in it."""
    excluded = [
        (m.start(), m.end())
        for m in _RELATIVE_CLAUSE.finditer(doc.text, sentence.start, sentence.end)
    ]
    aside = _ASIDE.match(doc.folded, sentence.start, sentence.end)
    if aside:
        excluded.append((aside.start(), aside.end()))
    parties: set[str] = set()
    for country in doc.countries:
        if not (sentence.start <= country.start < sentence.end):
            continue
        if any(a <= country.start < b for a, b in excluded):
            continue
        before = doc.folded[max(sentence.start, country.start - 30) : country.start]
        if before.rstrip().endswith(CONTEXT_CUES):
            continue
        if _qualifies_a_place(doc, country):
            continue
        parties.add(country.key)
    for person in doc.persons:
        if (
            sentence.start <= person.start < sentence.end
            and person.country_code
            and not any(a <= person.start < b for a, b in excluded)
        ):
            parties.add(person.country_code)
    for org in doc.organizations:
        if (
            sentence.start <= org.start < sentence.end
            and org.kind == "government_body"
            and org.country_code
        ):
            parties.add(org.country_code)
    return frozenset(parties)


def _qualifies_a_place(doc: Document, country) -> bool:
    """ "Santiago, Chile": the country says where a city is, not who acted."""
    return any(
        0 <= country.start - place.end <= 2 and doc.text[place.end : country.start].strip() == ","
        for place in doc.places
    )


def _country_ranking(doc: Document) -> list[str]:
    """Countries by how often the document names them: the first is its home country."""
    counts = Counter(c.key for c in doc.countries)
    return [code for code, _ in counts.most_common()]


def _date_near(doc: Document, sentence: Sentence, offset: int) -> FoundDate | None:
    candidates = [d for d in doc.dates if sentence.start <= d.start < sentence.end and d.value]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs(d.start - offset), d.precision != "day"))


def _dates_agree(group: _Group, found: FoundDate | None) -> bool:
    if found is None or group.event_date is None or found.value is None:
        return True
    return abs((found.value - group.event_date).days) <= 31


def _more_precise(new: str | None, old: str | None) -> bool:
    order = {"day": 0, "month": 1, "year": 2, None: 3}
    return order[new] < order[old]


def _attach_anaphora(doc: Document, groups: list[_Group], trigger_sentences: set[int]) -> None:
    """Sentences about "the agreement" belong to the agreement named last before them."""
    if not groups:
        return
    firsts = sorted(((min(g.sentences), g) for g in groups), key=lambda pair: pair[0])
    for index, sentence in enumerate(doc.sentences):
        if index in trigger_sentences:
            continue
        if not doc.cues.within("anaphor", sentence.start, sentence.end):
            continue
        owner = None
        for first, group in firsts:
            if first <= index:
                owner = group
        if owner is not None:
            owner.sentences.add(index)


def _fact(doc: Document, group: _Group, anchor: date | None) -> AgreementFact:
    defining = min(group.occurrences, key=lambda o: (_RANK[o.kind], o.start))
    kind: AgreementKind = (
        "treaty_or_binding_agreement" if defining.kind == "agreement" else defining.kind
    )  # type: ignore[assignment]
    statuses = {o.status for o in group.occurrences}
    status: AgreementStatus = defining.status
    if kind != "talks" and status == "talks":
        status = "signed"
    if (
        kind != "talks"
        and "signed" in statuses
        and status != "signed"
        and defining.kind not in _SPECIFIC
    ):
        status = "signed"
    sentence = doc.sentences[defining.sentence]
    group_spans = [doc.sentences[i] for i in sorted(group.sentences)]
    title = _title(doc, defining) if kind != "talks" else None

    minerals = tuple(
        dict.fromkeys(
            m.key for m in doc.minerals if any(s.start <= m.start < s.end for s in group_spans)
        )
    )
    has_generic = any(
        any(s.start <= a < s.end for s in group_spans) for a, _ in doc.generic_mineral_spans
    )
    if minerals or has_generic:
        critical = True
    elif any(not doc.sentence_words(i).isdisjoint(OTHER_SUBJECT_WORDS) for i in group.sentences):
        critical = False
    else:
        critical = len(doc.minerals) + len(doc.generic_mineral_spans) >= 2

    binding: bool | None = None
    if any(doc.cues.within("not_binding", s.start, s.end) for s in group_spans):
        binding = False
    elif any(doc.cues.within("binding", s.start, s.end) for s in group_spans):
        binding = True

    place = next(
        (
            p
            for p in doc.places
            if any(s.start <= p.start < s.end for s in group_spans)
            and p.entry.attributes.get("country_code")
        ),
        None,
    )
    # An event well before the publication date (or, undated, the latest date the text
    # gives) is an earlier instrument the document recalls.
    background = bool(anchor and group.event_date and (anchor - group.event_date).days > 45)

    participants = _participants(doc, group, kind, group_spans, sentence)
    confidence = {0: 0.9, 1: 0.85, 2: 0.75, 3: 0.7, 4: 0.7, 5: 0.6}[_RANK[defining.kind]]
    return AgreementFact(
        kind=kind,
        status=status,
        title=title,
        event_date=group.event_date,
        event_date_precision=group.precision if group.event_date else None,  # type: ignore[arg-type]
        location_city=place.key if place else None,
        location_country_code=place.entry.attributes.get("country_code") if place else None,
        is_legally_binding=binding,
        is_critical_minerals_related=critical,
        is_background=background,
        participants=participants,
        minerals=minerals,
        evidence_text=sentence.text,
        char_start=sentence.start,
        char_end=sentence.end,
        confidence=confidence,
    )


def _title(doc: Document, occurrence: _Occurrence) -> str | None:
    text = doc.text
    quoted = _QUOTED_TITLE.match(text, occurrence.end)
    if quoted:
        return quoted.group("title").strip()
    surface = text[occurrence.start : occurrence.end]
    capitalised = surface[:1].isupper()
    if occurrence.kind == "agreement" and not capitalised:
        return None
    end = occurrence.end
    acronym = re.match(r"\s*\([A-Za-z]{2,6}\)", text[end:])
    if acronym:
        end += acronym.end()
    words = list(WORD.finditer(text, end, min(len(text), end + 200)))
    taken_end = end
    topic = False
    for i, word in enumerate(words):
        gap = text[taken_end : word.start()]
        if any(ch in gap for ch in ',.;:()"“”«»') or "\n\n" in gap:
            break
        folded = doc.folded[word.start() : word.end()]
        if i == 0 and folded in _TOPIC_WORDS:
            topic = True
            taken_end = word.end()
            continue
        if capitalised and (
            word.group()[0].isupper()
            or (
                folded in _TITLE_CONNECTORS
                and i + 1 < len(words)
                and words[i + 1].group()[0].isupper()
            )
        ):
            taken_end = word.end()
            continue
        next_capitalised = i + 1 < len(words) and words[i + 1].group()[0].isupper()
        if topic and folded in _PLACE_PREPOSITIONS and next_capitalised:
            break
        if topic and folded not in _TITLE_STOP and not word.group()[0].isupper() and i < 14:
            taken_end = word.end()
            continue
        break
    title = text[occurrence.start : taken_end]
    title = re.sub(r"\s+", " ", title).strip()
    title = re.sub(r"\s+(?:" + "|".join(sorted(_TITLE_CONNECTORS)) + r")$", "", title)
    return title[0].upper() + title[1:] if title else None


def _participants(
    doc: Document, group: _Group, kind: str, spans: list[Sentence], defining: Sentence
) -> tuple[Participant, ...]:
    countries = reference.countries()
    out: dict[tuple[str, str], Participant] = {}
    for code in sorted(group.parties):
        if code in countries:
            out[("country", code)] = Participant(
                "country", code, "party", countries[code].name, code
            )
    party_orgs = {code for code in group.parties if code not in countries}
    for org in doc.organizations:
        if org.key in party_orgs or any(s.start <= org.start < s.end for s in spans):
            role = "party" if org.key in party_orgs else "mentioned"
            if ("organization", org.key) not in out and (
                role == "party" or org.kind in ("government_body", "intergovernmental")
            ):
                out[("organization", org.key)] = Participant(
                    "organization", org.key, role, org.name, org.country_code
                )

    roles: dict[str, str] = {}
    people: dict[str, PersonMention] = {}
    rank = {"witness": 0, "signatory": 1, "attendee": 2, "mentioned": 3}
    for person in doc.persons:
        sentence = next((s for s in spans if s.start <= person.start < s.end), None)
        if sentence is None:
            continue
        before = doc.folded[max(sentence.start, person.start - 70) : person.start]
        sentence_words = doc.sentence_words(doc.sentence_index.index_of(sentence.start))
        if doc.cues.within("witness", max(sentence.start, person.start - 70), person.start):
            role = "witness"
        elif "headed by" in before[-40:] or "led by" in before[-25:]:
            role = "mentioned"
        elif kind != "talks" and sentence_words & SIGNING_WORDS:
            role = "signatory"
        elif kind == "talks":
            role = "attendee"
        else:
            role = "mentioned"
        if person.key not in roles or rank[role] < rank[roles[person.key]]:
            roles[person.key] = role
        if person.key not in people or (
            person.country_code and not people[person.key].country_code
        ):
            people[person.key] = person
    claimed = {
        p.country_code
        for k, p in people.items()
        if p.country_code and roles[k] in ("signatory", "attendee")
    }
    # "... with the Japanese Ministry of Economy": the counterpart's side is taken.
    claimed |= {
        o.country_code
        for o in doc.organizations
        if o.kind == "government_body"
        and o.country_code
        and defining.start <= o.start < defining.end
    }
    assignment_order = {"signatory": 0, "attendee": 0, "witness": 1, "mentioned": 2}
    for key in sorted(people, key=lambda k: assignment_order[roles[k]]):
        person = people[key]
        country = person.country_code
        if country is None and roles[key] in ("signatory", "attendee", "witness"):
            unclaimed = [c for c in group.parties if c in countries and c not in claimed]
            if len(unclaimed) == 1:
                country = unclaimed[0]
                claimed.add(country)
        out[("person", key)] = Participant(
            "person", key, roles[key], person.name, country, person.title, person.organization_key
        )  # type: ignore[arg-type]
    return tuple(out.values())
