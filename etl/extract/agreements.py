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
    LEADER_CUES,
    NEGATION_CUES,
    NEGOTIATION_CUES,
    NOT_BINDING_CUES,
    OTHER_SUBJECT_CUES,
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
    "memorandum": (2, "memorandum|memorandums|memoranda|memorando|memorandos|protocole|protocolo"),
    "talks": (
        5,
        """
        talks|discussions|discussed|negotiations|met with|meeting with|meetings with|held a meeting|
        bilateral meeting|held talks|hold talks|conversaciones|negociaciones|se reunio con|se reunio|se reunieron|sostuvo una reunion|
        sostuvieron una reunion|reunion bilateral|reuniu-se com|reuniu-se|se reuniu|se reuniram|reuniram-se|reuniao bilateral|conversas|
        negociacoes|s'est entretenu|se sont entretenus|entretiens|pourparlers|negociations|
        rencontre bilaterale|a rencontre|ont rencontre|entretenu|entretenue|entretenus""",
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
        **dict.fromkeys(LEADER_CUES, "leader"),
        **dict.fromkeys(OTHER_SUBJECT_CUES, "other_subject"),
        **dict.fromkeys(NEGATION_CUES, "negation"),
    }
)


_RANK = {kind: rank for kind, (rank, _) in _TRIGGER_PHRASES.items()}
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
# ", who previously served as US ambassador to Mexico,": not this sentence's actors.
_RELATIVE_CLAUSE = re.compile(
    r",\s+(?:who|which|que|quien|quienes|qui|lequel|laquelle|an initiative|a project|a move|a deal)\b[^,]*(?:,|$)"
)
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
    _parties_by_sentence: dict[int, frozenset[str]] = field(default_factory=dict)

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
    # Where the document speaks of this agreement: whole sentences, or the part of a
    # sentence that names two agreements ("a joint declaration on nickel, and a
    # separate MoU on LNG").
    regions: list[tuple[int, int]] = field(default_factory=list)
    # Sentences that mention the agreement in passing ("... before the memorandum was
    # signed by X"): they tell who signed and whether it binds, not what it covers.
    context: list[tuple[int, int]] = field(default_factory=list)
    event_date: date | None = None
    precision: str | None = None

    @property
    def defining(self) -> _Occurrence:
        """The most specific mention: it gives the kind, the title and the evidence."""
        return min(self.occurrences, key=lambda o: (_RANK[o.kind], o.start))


def find_agreements(doc: Document) -> tuple[AgreementFact, ...]:
    quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(doc.text)]
    home = _country_ranking(doc)
    groups: list[_Group] = []
    last_group: _Group | None = None

    doc.cues = _Cues(doc.tokens)
    anchor = doc.published or max((d.value for d in doc.dates if d.value), default=None)
    triggers = TRIGGERS.find(doc.tokens)
    per_sentence = Counter(doc.sentence_index.index_of(t[0]) for t in triggers if t[2] != "talks")
    for start, end, kind in triggers:
        if any(a <= start < b for a, b in quotes) or not _case_ok(doc.text[start:end]):
            continue  # an opinion in quotes ("something of a framework agreement") is no signing
        before = doc.folded[max(0, start - 25) : start]
        if _NEGATED.search(before) or doc.cues.within("negation", max(0, start - 40), end + 60):
            continue  # "no agreement was signed", "un eventual memorando", "aucun accord n'a été conclu"
        index = doc.sentence_index.index_of(start)
        sentence = doc.sentences[index]
        status = _status(doc, kind, sentence, start, end, per_sentence[index] <= 1)
        if kind != "talks" and _is_company_deal(doc, sentence, start):
            continue  # "signed a binding offtake agreement with South Korea's Hanseong Materials"
        if _RANK[kind] >= 2 and kind != "talks":
            plural = _PLURAL_GENERIC.search(doc.folded, start, end) is not None
            if plural and not (last_group is not None and _compatible(last_group, kind, status)):
                continue
            named = doc.text[start].isupper() and kind == "treaty_or_binding_agreement"
            if (
                status == "signed"
                and not named
                and doc.sentence_words(index).isdisjoint(_ACTION_WORDS)
            ):
                continue  # "a comprehensive economic partnership", "potential future agreements"
        parties = _sentence_parties(doc, sentence)
        if not parties and kind == "talks":
            # "Talks in Jakarta ended without an agreement": the host is one side
            parties = frozenset(
                p.entry.attributes["country_code"]
                for p in doc.places
                if sentence.start <= p.start < sentence.end
                and p.entry.attributes.get("country_code")
            )
            parties = parties if len(parties) == 1 else frozenset()
        if len(parties) == 1:
            parties = _complete_bilateral(parties, groups, home)
        if not parties:
            # No country named: "the agreement" goes on about the last one; "the two
            # countries will sign an MoU" is a new event of the last pair; a named
            # instrument adopted by a body ("the IDB convention adopted a declaration")
            # is an agreement of that body.
            generic = _RANK[kind] >= 2 or kind == "talks"
            own_date = _date_near(doc, sentence, start)
            if (
                last_group is not None
                and _compatible(last_group, kind, status)
                and (generic or _family(kind) == _family(last_group.defining.kind))
                and _dates_agree(last_group, own_date, anchor)
            ):
                last_group.occurrences.append(
                    _Occurrence(kind, start, end, index, last_group.parties, status)
                )
                last_group.regions.append((sentence.start, sentence.end))
                continue
            parties = frozenset(
                o.key
                for o in doc.organizations
                if o.kind == "intergovernmental" and sentence.start <= o.start < sentence.end
            )
            if not parties and last_group is not None:
                parties = last_group.parties
            if not parties:
                continue
        occurrence = _Occurrence(kind, start, end, index, parties, status)
        found_date = _date_near(doc, sentence, start)
        group = next(
            (
                g
                for g in reversed(groups)
                if g.parties == parties
                and _dates_agree(g, found_date, anchor)
                and _compatible(g, kind, status)
            ),
            None,
        )
        if group is None:
            group = _Group(parties)
            groups.append(group)
        group.occurrences.append(occurrence)
        group.regions.append((sentence.start, sentence.end))
        if (
            found_date
            and found_date.value
            and (group.event_date is None or _more_precise(found_date.precision, group.precision))
        ):
            group.event_date, group.precision = found_date.value, found_date.precision
        last_group = group

    groups = _without_summaries(groups)
    _date_bulleted_items(doc, groups)
    _split_shared_sentences(doc, groups)
    _attach_anaphora(doc, groups, quotes)
    return tuple(_fact(doc, group, anchor) for group in groups)


def _without_summaries(groups: list[_Group]) -> list[_Group]:
    """ "México firma con EE.UU. memorando ..., días después de pacto con Canadá": a
    generic mention naming three or more countries, each pair of which the text reports
    on its own, summarises those agreements; it is not another one."""
    return [
        g
        for g in groups
        if not (
            _RANK[g.defining.kind] >= 2
            and len(g.parties) >= 3
            and any(other is not g and other.parties < g.parties for other in groups)
        )
    ]


def _date_bulleted_items(doc: Document, groups: list[_Group]) -> None:
    """ "Ministers signed three agreements on Monday: - Canada-Japan ... - France-India ...":
    undated items of a bulleted list take the date of the sentence that introduces it."""
    for group in groups:
        if group.event_date is not None or group.defining.status != "signed":
            continue
        index = group.defining.sentence
        if doc.sentences[index].text[:1] not in "-•*–·":
            continue
        while index > 0 and doc.sentences[index - 1].text[:1] in "-•*–·":
            index -= 1
        for previous in range(index - 1, max(-1, index - 3), -1):
            found = _date_near(doc, doc.sentences[previous], doc.sentences[previous].end)
            if found and found.value and not doc.sentence_words(previous).isdisjoint(_ACTION_WORDS):
                group.event_date, group.precision = found.value, found.precision
                break


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
    defining = group.defining
    if kind == "talks":
        return defining.kind == "talks" or defining.status == "signed"
    if defining.kind == "talks":
        return status == "signed"
    if _RANK[kind] >= 2 or _RANK[defining.kind] >= 2:
        return True
    same = kind == defining.kind or {kind, defining.kind} == {
        "joint_statement",
        "joint_declaration",
    }
    return same and status == defining.status


def _complete_bilateral(
    parties: frozenset[str], groups: list[_Group], home: list[str]
) -> frozenset[str]:
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


def _case_ok(surface: str) -> bool:
    if surface.casefold() in ("mou", "mous", "moc", "mocs"):
        return not surface.islower()  # "MoU", not the French adjective "mou"
    return True


def _status(
    doc: Document, kind: str, sentence: Sentence, start: int, end: int, alone: bool
) -> AgreementStatus:
    """Signed, unless a future or negotiation cue stands in the trigger's clause.

    When the sentence names one instrument only, the clause is the whole sentence ("a
    memorandum on tungsten that both sides said would be signed in September").
    """
    if kind == "talks":
        return "talks"
    if alone:
        clause = (sentence.start, sentence.end)
    else:
        after = _CLAUSE_END.search(doc.folded, end, min(sentence.end, end + 60))
        clause = (
            max(sentence.start, start - 90),
            after.start() if after else min(sentence.end, end + 60),
        )
    if doc.cues.within("future", *clause):
        return "announced"
    if doc.cues.within("negotiation", *clause):
        return "under_negotiation"
    return "signed"


def _is_company_deal(doc: Document, sentence: Sentence, start: int) -> bool:
    """A deal between companies ("offtake agreement", "signed with US producer MP Materials").

    A company near the trigger, and no government side anywhere in the sentence: no
    public body, no titled official, no country acting, no "the two countries".
    """
    before = doc.folded[max(sentence.start, start - 40) : start]
    if any(word in before for word in _COMMERCIAL_WORDS):
        return True
    near = (max(sentence.start, start - 120), min(sentence.end, start + 120))
    companies = [
        o for o in doc.organizations if o.kind == "company" and near[0] <= o.start < near[1]
    ]
    if not companies or not doc.sentence_words(doc.sentence_index.index_of(start)).isdisjoint(
        _STATE_WORDS
    ):
        return False
    governments = [
        o
        for o in doc.organizations
        if o.kind != "company" and sentence.start <= o.start < sentence.end
    ] + [p for p in doc.persons if p.title and sentence.start <= p.start < sentence.end]
    return not governments and not _sentence_parties(doc, sentence)


_STATE_WORDS = frozenset(
    "countries country governments government states nations paises pais gobiernos gobierno estados "
    "governos governo pays gouvernements gouvernement etats".split()
)


def _sentence_parties(doc: Document, sentence: Sentence) -> frozenset[str]:
    """Countries acting in a sentence: named, or the country of a person or body in it.

    Not parties: countries in a relative clause or an aside, after "reliance on",
    qualifying a city ("Santiago, Chile") or a company ("U.S. producer MP Materials").
    Computed once per sentence: several triggers and the company check ask again.
    """
    index = doc.sentence_index.index_of(sentence.start)
    cached = doc._parties_by_sentence.get(index)
    if cached is None:
        cached = doc._parties_by_sentence[index] = _read_sentence_parties(doc, sentence)
    return cached


def _read_sentence_parties(doc: Document, sentence: Sentence) -> frozenset[str]:
    excluded = [
        (m.start(), m.end())
        for m in _RELATIVE_CLAUSE.finditer(doc.text, sentence.start, sentence.end)
    ]
    aside = _ASIDE.match(doc.folded, sentence.start, sentence.end)
    if aside:
        excluded.append((aside.start(), aside.end()))
    companies = [
        o
        for o in doc.organizations
        if o.kind == "company" and sentence.start <= o.start < sentence.end
    ]
    parties: set[str] = set()
    for country in doc.countries:
        if not (sentence.start <= country.start < sentence.end):
            continue
        if any(a <= country.start < b for a, b in excluded):
            continue
        before = doc.folded[max(sentence.start, country.start - 30) : country.start]
        if before.rstrip().endswith(CONTEXT_CUES):
            continue
        if _qualifies_a_place(doc, country) or _qualifies_a_company(doc, country, companies):
            continue
        if re.match(r"-[a-z]", doc.text[country.end : country.end + 2]):
            continue  # "Chinese-controlled", "US-based": a modifier, not an actor
        parties.add(country.key)
    for place in doc.places:
        code = _metonymy(doc, place, sentence)
        if code:
            parties.add(code)
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
            and org.kind in ("government_body", "intergovernmental")
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


def _qualifies_a_company(doc: Document, country, companies: list[OrgMention]) -> bool:
    """ "South Korea's Hanseong Materials", "U.S. rare earths producer MP Materials"."""
    for company in companies:
        gap = doc.text[country.end : company.start]
        if (
            0 <= company.start - country.end <= 40
            and not any(c in gap for c in ",;")
            and not any(w[:1].isupper() for w in gap.split()[1:])
            and (gap.startswith(("'s", "’s", "-based")) or gap.strip().islower() or not gap.strip())
        ):
            return True
    return False


def _metonymy(doc: Document, place, sentence: Sentence) -> str | None:
    """ "Bruxelles et Kinshasa négocient": a capital as the actor is its government."""
    if not (sentence.start <= place.start < sentence.end):
        return None
    before = doc.folded[max(sentence.start, place.start - 4) : place.start]
    if (
        before.endswith(_LOCATIVE_ENDINGS)
        or place.start == sentence.start
        and doc.text[place.end : place.end + 1] == ","
    ):
        return None
    # Two capitals joined as the subject: "Bruxelles et Kinshasa négocient".
    partners = [
        other
        for other in doc.places
        if other is not place
        and sentence.start <= other.start < sentence.end
        and doc.folded[min(other.end, place.end) : max(other.start, place.start)].strip()
        in ("et", "and", "y", "e")
    ]
    if not partners or not _CONJOINED_CAPITAL.match(
        doc.folded, min(place.start, partners[0].start)
    ):
        return None
    return place.entry.attributes.get("country_code")  # Brussels is listed as EUU


def _country_ranking(doc: Document) -> list[str]:
    """Countries by how often the document names them: the first is its home country."""
    counts = Counter(c.key for c in doc.countries)
    return [code for code, _ in counts.most_common()]


def _date_near(doc: Document, sentence: Sentence, offset: int) -> FoundDate | None:
    candidates = [d for d in doc.dates if sentence.start <= d.start < sentence.end and d.value]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs(d.start - offset), d.precision != "day"))


def _dates_agree(group: _Group, found: FoundDate | None, anchor: date | None) -> bool:
    """Same event by date: close dates, or one unknown -- unless the known one is long
    past (an instrument recalled from years ago is not today's undated talks)."""
    known = found.value if found else None
    if known is not None and group.event_date is not None:
        return abs((known - group.event_date).days) <= 31
    only = known or group.event_date
    return not (only and anchor and (anchor - only).days > 45)


def _more_precise(new: str | None, old: str | None) -> bool:
    order = {"day": 0, "month": 1, "year": 2, None: 3}
    return order[new] < order[old]


def _split_shared_sentences(doc: Document, groups: list[_Group]) -> None:
    """A sentence that names two agreements gives each the stretch from its trigger on.

    "A joint declaration on nickel, and a separate MoU on LNG": the declaration gets the
    sentence up to "MoU", the MoU the rest; the first agreement keeps the sentence start.
    """
    by_sentence: dict[int, list[tuple[int, _Group]]] = {}
    for group in groups:
        for occurrence in group.occurrences:
            by_sentence.setdefault(occurrence.sentence, []).append((occurrence.start, group))
    for index, entries in by_sentence.items():
        if len({id(g) for _, g in entries}) < 2:
            continue
        sentence = doc.sentences[index]
        whole = (sentence.start, sentence.end)
        entries.sort(key=lambda entry: entry[0])
        stretches: dict[int, list[tuple[int, int]]] = {}
        for position, (trigger_start, group) in enumerate(entries):
            if position > 0 and entries[position - 1][1] is group:
                continue  # the same agreement named again: its stretch already runs on
            begin = sentence.start if position == 0 else trigger_start
            following = [s for s, g in entries[position + 1 :] if g is not group]
            stretches.setdefault(id(group), []).append(
                (begin, following[0] if following else sentence.end)
            )
        for _, group in entries:
            if id(group) in stretches:
                group.regions = [r for r in group.regions if r != whole] + stretches.pop(id(group))


def _attach_anaphora(doc: Document, groups: list[_Group], quotes: list[tuple[int, int]]) -> None:
    """Sentences about "the agreement" belong to the agreement(s) of the last trigger sentence."""
    trigger_sentences = sorted({o.sentence for g in groups for o in g.occurrences})
    for index, sentence in enumerate(doc.sentences):
        if index in trigger_sentences or not doc.cues.within(
            "anaphor", sentence.start, sentence.end
        ):
            continue
        if any(a <= sentence.start and sentence.end <= b for a, b in quotes):
            continue  # a quotation about "the agreement" says nothing of who signed it
        previous = [t for t in trigger_sentences if t < index]
        if not previous:
            continue
        owners = [g for g in groups if any(o.sentence == previous[-1] for o in g.occurrences)]
        # "La asociación con Colombia fue suscrita ...": the sentence names whose agreement it is.
        named = {c.key for c in doc.countries if sentence.start <= c.start < sentence.end}
        if named:
            earlier = [g for g in groups if min(o.sentence for o in g.occurrences) < index]
            matching = [g for g in earlier if named <= g.parties]
            if matching and not any(g in matching for g in owners):
                latest = max(min(o.sentence for o in g.occurrences) for g in matching)
                owners = [g for g in matching if min(o.sentence for o in g.occurrences) == latest]
            elif matching:
                owners = [g for g in owners if g in matching]
        # "The memorandum covers ...": about the agreement; else a passing mention.
        leading = doc.cues.within("anaphor", sentence.start, sentence.start + 40)
        for group in owners:
            (group.regions if leading else group.context).append((sentence.start, sentence.end))
            if group.event_date is None:
                found = _date_near(doc, sentence, sentence.start)
                if (
                    found
                    and found.value
                    and not doc.sentence_words(index).isdisjoint(SIGNING_WORDS)
                ):
                    group.event_date, group.precision = found.value, found.precision


def _in_regions(offset: int, regions: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in regions)


def _fact(doc: Document, group: _Group, anchor: date | None) -> AgreementFact:
    defining = group.defining
    kind: AgreementKind = _GENERIC_KIND.get(defining.kind, defining.kind)  # type: ignore[assignment]
    status: AgreementStatus = defining.status
    if kind != "talks" and status == "talks":
        status = "signed"
    sentence = doc.sentences[defining.sentence]
    regions = group.regions
    title = _title(doc, defining) if kind != "talks" else None

    # What the instrument is about: first where it is named, then where the text goes
    # on about it, then the document as a whole.
    own = [r for r in regions if r[0] <= defining.start < r[1]]
    minerals = tuple(dict.fromkeys(m.key for m in doc.minerals if _in_regions(m.start, regions)))
    critical = None
    for scope in (own, regions):
        if any(_in_regions(m.start, scope) for m in doc.minerals) or any(
            _in_regions(a, scope) for a, _ in doc.generic_mineral_spans
        ):
            critical = True
        elif any(doc.cues.within("other_subject", a, b) for a, b in scope):
            critical = False
        if critical is not None:
            break
    if critical is None:
        critical = len(doc.minerals) + len(doc.generic_mineral_spans) >= 2
    if not critical:  # minerals named around an LNG or health accord are context
        minerals = tuple(dict.fromkeys(m.key for m in doc.minerals if _in_regions(m.start, own)))

    binding: bool | None = None
    if any(doc.cues.within("not_binding", a, b) for a, b in regions + group.context):
        binding = False
    elif any(doc.cues.within("binding", a, b) for a, b in regions + group.context):
        binding = True

    place = next(
        (
            p
            for p in doc.places
            if _in_regions(p.start, regions) and p.entry.attributes.get("country_code")
        ),
        None,
    )
    # An event well before the publication date (or, undated, the latest date the text
    # gives) is an earlier instrument the document recalls.
    background = bool(anchor and group.event_date and (anchor - group.event_date).days > 45)

    participants = _participants(doc, group, kind, sentence, regions + group.context)
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
    if occurrence.kind in ("agreement", "partnership") and not capitalised:
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
        if any(ch in gap for ch in ',.;:()"“”«»') or "\n\n" in gap or word.group()[0].isdigit():
            break
        folded = doc.folded[word.start() : word.end()]
        if i == 0 and folded in _TOPIC_WORDS:
            topic = True
            taken_end = word.end()
            continue
        next_capitalised = i + 1 < len(words) and words[i + 1].group()[0].isupper()
        if capitalised and (
            word.group()[0].isupper() or (folded in _TITLE_CONNECTORS and next_capitalised)
        ):
            taken_end = word.end()
            continue
        if topic and (
            folded in _PLACE_PREPOSITIONS and next_capitalised or folded in _TOPIC_WORDS - {"de"}
        ):
            break  # "... in Washington", "... on 18 November"
        if topic and folded not in _TITLE_STOP and not word.group()[0].isupper() and i < 14:
            taken_end = word.end()
            continue
        break
    title = re.sub(r"\s+", " ", text[occurrence.start : taken_end]).strip()
    title = re.sub(r"\s+(?:" + "|".join(sorted(_TITLE_CONNECTORS)) + r")$", "", title)
    return title[0].upper() + title[1:] if title else None


def _participants(
    doc: Document, group: _Group, kind: str, defining: Sentence, regions: list[tuple[int, int]]
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
        if org.key in party_orgs or _in_regions(org.start, regions):
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
        region = next((r for r in regions if r[0] <= person.start < r[1]), None)
        if region is None:
            continue
        role = _role(doc, person, region, kind, group.defining.status)
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


def _role(
    doc: Document, person: PersonMention, region: tuple[int, int], kind: str, status: str
) -> str:
    """Signatory: named after "signed by", before the signing verb, or after "signed ... with".

    "en presencia del Presidente" makes a witness; "headed by" someone only mentioned;
    anyone else in a signing sentence was there but did not sign.
    """
    start, _ = region
    if doc.cues.within("witness", max(start, person.start - 90), person.start):
        return "witness"
    if _WITNESSED.match(doc.folded, person.end, person.end + 40) or _AS_WITNESS.match(
        doc.folded, person.end, person.end + 40
    ):
        return "witness"  # "German Ambassador Matthias Kessler witnessed the signing"
    if doc.cues.within("leader", max(start, person.start - 40), person.start):
        return "mentioned"  # "METI, headed by Minister Ken Saito": he leads, he did not sign
    if kind == "talks":
        return "attendee"
    if status != "signed":
        return "mentioned"  # nobody has signed an instrument still to be signed
    words, starts = doc.tokens.words, doc.tokens.starts
    lo, hi = bisect_left(starts, start), bisect_left(starts, region[1])
    signing = [i for i in range(lo, hi) if words[i] in SIGNING_WORDS]
    if not signing:
        return "mentioned"
    first = signing[0]
    if person.start < starts[first] <= person.end + 150:
        return "signatory"  # the subject: "Landau ... signed", "Williams concluded ... with the signing"
    for i in signing:
        following = words[i + 1 : i + 9]  # "signed at State House in Lusaka by"
        if any(w in _BY_WORDS for w in following) and starts[i] < person.start:
            return "signatory"  # "signed by", "suscrito por", "signé par", "assinado pelo"
        with_at = next((j for j in range(i + 1, min(hi, i + 12)) if words[j] in _WITH_WORDS), None)
        if with_at is not None and starts[with_at] < person.start <= starts[with_at] + 90:
            return "signatory"  # "signed the agreement with Minister X"
    return "mentioned"


_NEGATED = re.compile(
    r"\b(?:no|not|nor|without|ningun|ninguna|ningún|sin|nenhum|nenhuma|sem|aucun|aucune|pas d'|ni|eventual|"
    r"eventuel|eventuelle|possible|possivel|potential|potencial|potentiel|futuro|futura|future|futur|futurs)"
    r"(?:\s+\w+)?\s*$"
)
_WITNESSED = re.compile(
    r"[^.;]{0,25}?\b(?:witnessed|witnesses|presencio|presenciaron|testemunhou|testemunharam|"
    r"a assiste|ont assiste|assistait|attended the signing|asistio a la firma|assistiu a assinatura)"
)
_AS_WITNESS = re.compile(
    r"[,\s]{0,3}(?:as (?:a )?witness|como testigo|en calidad de testigo|como testemunha|en tant que temoin|comme temoin)"
)
# What a generic word reports when nothing more specific names the instrument.
_GENERIC_KIND = {
    "agreement": "treaty_or_binding_agreement",
    "memorandum": "memorandum_of_understanding",
}
# "signed three bilateral agreements": a summary of deals named one by one elsewhere.
_PLURAL_GENERIC = re.compile(
    r"(?:agreements|acuerdos|acordos|accords|partnerships|parcerias|partenariats|memorandums|memoranda|memorandos|treaties|tratados|traites|convenios)$"
)
_BY_WORDS = frozenset("by por par pelo pela pelos pelas".split())
_WITH_WORDS = frozenset("with con avec com".split())
_COMMERCIAL_WORDS = (
    "offtake",
    "off-take",
    "supply",
    "purchase",
    "sales",
    "commercial",
    "suministro",
    "compraventa",
    "fornecimento",
    "comercial",
    "approvisionnement",
    "joint venture",
    "empresa conjunta",
)
_CLAUSE_END = re.compile(r",|;| y | e | and | et | as well as | ainsi que | asi como | assim como ")
_LOCATIVE_ENDINGS = (" in ", " at ", " a ", " en ", " em ", " de ", "from ", " to ", " near ")
_CONJOINED_CAPITAL = re.compile(
    r"[\w'. -]{2,30} (?:et|and|y|e) [\w'. -]{2,30} (?:negoci|sign|firm|assin|acord|agree|conclu)"
)
