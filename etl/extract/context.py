"""The document as the agreement rules read it: one immutable, typed context.

`build_context` reads a document once — sentences, words, gazetteer entities, persons,
organisations, dates, cue phrases — resolves the ambiguities between them, and computes
what several rules ask about each sentence (its words, the countries acting in it,
read when a rule first asks). Every rule after that is a function of the context.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Protocol, TypeVar, overload

from etl import reference
from etl.extract.dates import FoundDate, find_dates
from etl.extract.entities import (
    Person,
    Value,
    find_pattern_organizations,
    find_persons,
    find_values,
)
from etl.extract.gazetteer import (
    AMBIGUOUS_MINERAL_ALIASES,
    KIND_PRIORITY,
    Match,
    gazetteer,
    resolve_overlaps,
)
from etl.extract.lexicon import (
    AGREEMENT_ANAPHORS,
    BINDING_CUES,
    CONTENT_CUES,
    FIRST_PERSON_SIGNING,
    FUTURE_CUES,
    LEADER_CUES,
    NEGATION_CUES,
    NEGOTIATION_CUES,
    NOT_BINDING_CUES,
    OTHER_SUBJECT_CUES,
    PLANNED_NEGOTIATION_CUES,
    RENEWAL_CUES,
    WITNESS_CUES,
)
from etl.extract.metadata import blank_cross_references, dateline_spans, published_date
from etl.extract.text import (
    PhraseIndex,
    Sentence,
    SentenceIndex,
    Tokens,
    fold_same_length,
    split_sentences,
)
from etl.model import SourceDocument


class _HasStart(Protocol):
    @property
    def start(self) -> int: ...


_Spanned = TypeVar("_Spanned", bound=_HasStart)

# Cue phrases, matched once per document; rules ask whether one falls in a span.
CUES = PhraseIndex(
    {
        **dict.fromkeys(AGREEMENT_ANAPHORS, "anaphor"),
        **dict.fromkeys(FUTURE_CUES, "future"),
        **dict.fromkeys(NEGOTIATION_CUES, "negotiation"),
        **dict.fromkeys(PLANNED_NEGOTIATION_CUES, "planned_negotiation"),
        **dict.fromkeys(RENEWAL_CUES, "renewal"),
        **dict.fromkeys(BINDING_CUES, "binding"),
        **dict.fromkeys(NOT_BINDING_CUES, "not_binding"),
        **dict.fromkeys(WITNESS_CUES, "witness"),
        **dict.fromkeys(LEADER_CUES, "leader"),
        **dict.fromkeys(OTHER_SUBJECT_CUES, "other_subject"),
        **dict.fromkeys(NEGATION_CUES, "negation"),
        **dict.fromkeys(CONTENT_CUES, "content"),
        **dict.fromkeys(FIRST_PERSON_SIGNING, "we_signed"),
    }
)


# A quotation: typographic or straight double quotes, or guillemets.
_QUOTE = re.compile(r"“[^”]{0,2000}”|\"[^\"\n]{0,2000}\"|«[^»]{0,2000}»")


@dataclass(frozen=True)
class CueIndex:
    """Where each kind of cue phrase starts, in text order."""

    starts: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, tokens: Tokens) -> CueIndex:
        starts: dict[str, list[int]] = {}
        for start, _, label in CUES.find(tokens):
            starts.setdefault(label, []).append(start)
        return cls({label: tuple(found) for label, found in starts.items()})

    def within(self, label: str, start: int, end: int) -> bool:
        starts = self.starts.get(label, ())
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
    acronym: str | None = None
    curated: bool = True  # from reference/organizations.csv, not found by pattern


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    key: str
    name: str
    title: str | None
    country_code: str | None
    organization_key: str | None


@dataclass(frozen=True)
class DocumentContext:
    """What the rules read: the text, its sentences and the entities found in it."""

    text: str
    folded: str  # lowercase, accent-free, same length: offsets are shared
    tokens: Tokens
    sentences: tuple[Sentence, ...]
    sentence_index: SentenceIndex
    published: date | None
    # The span of a "date 2026-03-13" line that gave the publication date, if any.
    published_line: tuple[int, int] | None
    countries: tuple[Match, ...]
    minerals: tuple[Match, ...]
    generic_mineral_spans: tuple[tuple[int, int], ...]  # "critical minerals", "rare earths"
    datelines: tuple[tuple[int, int], ...]  # a dateline's date and outlet credit: no event
    quotes: tuple[tuple[int, int], ...]  # quotations, their marks included
    places: tuple[Match, ...]
    organizations: tuple[OrgMention, ...]
    persons: tuple[PersonMention, ...]
    person_records: tuple[Person, ...]  # one per person, with every span they are named at
    dates: tuple[FoundDate, ...]  # event dates: datelines and the publication line left out
    values: tuple[Value, ...]  # sums of money and quantities
    cues: CueIndex
    sentence_words: tuple[frozenset[str], ...]  # the folded words of each sentence
    # The countries acting in each sentence (see parties.read_sentence_parties), read
    # when a rule first asks: most sentences name no agreement or deal.
    sentence_parties: Sequence[frozenset[str]] = ()


def build_context(document: SourceDocument) -> DocumentContext:
    text, folded = blank_cross_references(document.text, fold_same_length(document.text))
    sentences = split_sentences(text)
    index = SentenceIndex(sentences)
    tokens = Tokens(folded)
    published, date_line = published_date(text, folded, document.published_date)

    matches = resolve_overlaps(gazetteer().find(text, tokens), lambda m: KIND_PRIORITY[m.kind])
    matches = _drop_ambiguous_minerals(matches, index)
    matches = _resolve_congo(_drop_currency_prefixes(matches, text))
    matches = _drop_foreign_ministries(matches)
    # The longer name wins between a curated organisation and one found by pattern
    # ("Lítio Vale Verde Mineração" is not Vale); a country inside a name stays a mention.
    organization_spans = resolve_overlaps(
        [m for m in matches if m.kind == "organization"]
        + find_pattern_organizations(text, tokens, matches),
        lambda o: 0 if isinstance(o, Match) else 1,
    )
    pattern_orgs = [o for o in organization_spans if not isinstance(o, Match)]
    matches = [m for m in matches if m.kind != "organization" or m in organization_spans]
    persons = find_persons(text, folded, tokens, index.of, matches)
    # A person's name wins over a place or country inside it ("Santiago Peña").
    person_spans = sorted((s, e) for p in persons for s, e, _, _ in p.spans)
    matches = [m for m in matches if not _inside_a_longer_span(m, person_spans)]

    datelines = dateline_spans(text)
    metadata_spans = datelines + ([date_line] if date_line else [])
    dates = tuple(
        d
        for d in find_dates(folded, published, tokens=tokens)
        if not in_regions(d.start, metadata_spans)
    )
    organizations = [
        OrgMention(
            m.start,
            m.end,
            m.key,
            m.entry.attributes["name"],
            m.entry.attributes["organization_kind"],
            m.entry.attributes.get("country_code"),
            m.entry.attributes.get("acronym"),
        )
        for m in matches
        if m.kind == "organization"
    ] + [
        OrgMention(o.start, o.end, o.key, o.name, o.kind, o.country_code, o.acronym, False)
        for o in pattern_orgs
    ]
    person_mentions = sorted(
        (
            PersonMention(s, e, p.key, p.name, p.title, p.country_code, p.organization_key)
            for p in persons
            for s, e, _, _ in p.spans
        ),
        key=lambda p: p.start,
    )
    context = DocumentContext(
        text=text,
        folded=folded,
        tokens=tokens,
        sentences=sentences,
        sentence_index=index,
        published=published,
        published_line=date_line,
        countries=tuple(m for m in matches if m.kind == "country"),
        minerals=tuple(m for m in matches if m.kind == "mineral"),
        generic_mineral_spans=tuple(
            (a, b) for a, b in _generic_mineral_spans(tokens) if not in_regions(a, datelines)
        ),
        datelines=tuple(datelines),
        quotes=tuple((m.start(), m.end()) for m in _QUOTE.finditer(text)),
        places=tuple(m for m in matches if m.kind == "location"),
        organizations=tuple(sorted(organizations, key=lambda o: o.start)),
        persons=tuple(person_mentions),
        person_records=tuple(persons),
        dates=dates,
        values=tuple(find_values(text, tokens)),
        cues=CueIndex.of(tokens),
        sentence_words=tuple(_words_of(tokens, s) for s in sentences),
    )
    # Only sentences that name a country, a person, a body or a city can have parties.
    named: list[_HasStart] = [
        *context.countries,
        *context.places,
        *context.persons,
        *context.organizations,
    ]
    named_at = sorted(m.start for m in named)
    return replace(context, sentence_parties=_SentenceParties(context, named_at))


class _SentenceParties(Sequence[frozenset[str]]):
    """Each sentence's acting countries, read on first use and kept: a pure function of
    the context (the one without them: reading parties never asks for parties)."""

    def __init__(self, context: DocumentContext, named_at: list[int]):
        self._context = context
        self._named_at = named_at
        self._read: dict[int, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self._context.sentences)

    @overload
    def __getitem__(self, index: int) -> frozenset[str]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[frozenset[str]]: ...
    def __getitem__(self, index: int | slice) -> frozenset[str] | Sequence[frozenset[str]]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        index = range(len(self))[index]  # IndexError as a tuple gives it
        if index not in self._read:
            from etl.extract.parties import read_sentence_parties  # parties read the context

            sentence = self._context.sentences[index]
            named = _any_between(self._named_at, sentence.start, sentence.end)
            self._read[index] = read_sentence_parties(self._context, sentence) if named else _NOBODY
        return self._read[index]


_NOBODY: frozenset[str] = frozenset()


def starting_in(items: Sequence[_Spanned], start: int, end: int) -> Sequence[_Spanned]:
    """The items that start in [start, end): the context's entities are in text order,
    so a sentence's are found by bisection rather than by scanning the document's."""
    lo = bisect_left(items, start, key=_start_of)
    return items[lo : bisect_left(items, end, lo, key=_start_of)]


def _start_of(item: _HasStart) -> int:
    return item.start


def in_regions(offset: int, regions: Sequence[tuple[int, int]]) -> bool:
    """Does `offset` fall in one of the (start, end) spans?"""
    return any(a <= offset < b for a, b in regions)


def _any_between(sorted_offsets: list[int], start: int, end: int) -> bool:
    i = bisect_left(sorted_offsets, start)
    return i < len(sorted_offsets) and sorted_offsets[i] < end


def _inside_a_longer_span(match: Match, spans: list[tuple[int, int]]) -> bool:
    """Is `match` inside one of the sorted, non-overlapping `spans`, and shorter than it?"""
    i = bisect_right(spans, (match.start, len(spans) and 1 << 62)) - 1
    if i < 0:
        return False
    start, end = spans[i]
    return start <= match.start and match.end <= end and end - start > match.end - match.start


def _words_of(tokens: Tokens, sentence: Sentence) -> frozenset[str]:
    return frozenset(tokens.between(sentence.start, sentence.end))


def _drop_currency_prefixes(matches: list[Match], text: str) -> list[Match]:
    """ "US$1.1 billion", "R$ 2 bilhões": a currency, not the country."""
    return [m for m in matches if not (m.kind == "country" and text[m.end : m.end + 1] == "$")]


def _drop_foreign_ministries(matches: list[Match]) -> list[Match]:
    """ "Ministerio de Relaciones Exteriores" is Chile's only in a text about Chile: a
    curated national body counts when its country is named; otherwise the pattern finder
    reads the body with the country its context gives."""
    named = {m.key for m in matches if m.kind == "country"}
    return [
        m
        for m in matches
        if not (
            m.kind == "organization"
            and m.entry.attributes.get("organization_kind") == "government_body"
            and not m.entry.attributes.get("qualified")
            and m.entry.attributes.get("country_code") not in named | {None}
        )
    ]


def _resolve_congo(matches: list[Match]) -> list[Match]:
    """A bare "Congo" is the DR Congo in a document that names the DR Congo (mining news
    almost always means Kinshasa); the Republic of the Congo only otherwise."""
    if not any(m.kind == "country" and m.key == "COD" for m in matches):
        return matches
    return [
        replace(m, key="COD")
        if m.kind == "country"
        and m.key == "COG"
        and m.text.casefold() in ("congo", "le congo", "o congo")
        else m
        for m in matches
    ]


def _drop_ambiguous_minerals(matches: list[Match], index: SentenceIndex) -> list[Match]:
    """ "lead", "tin", "iron" count only in a list of minerals ("silver, lead and zinc")."""
    minerals = [m for m in matches if m.kind == "mineral"]
    kept = []
    for m in matches:
        if m.kind == "mineral" and m.text.casefold() in AMBIGUOUS_MINERAL_ALIASES:
            sentence = index.index_of(m.start)
            neighbours = [
                o
                for o in minerals
                if o is not m
                and index.index_of(o.start) == sentence
                and abs(o.start - m.start) < 60
                and o.text.casefold() not in AMBIGUOUS_MINERAL_ALIASES
            ]
            if not neighbours:
                continue
        kept.append(m)
    return kept


@cache
def _generic_terms() -> PhraseIndex:
    """ "critical minerals", "minerales críticos", "rare earths" as a group: about minerals."""
    terms = {t for terms in reference.generic_mineral_terms().values() for t in terms}
    terms |= {"rare earths", "tierras raras", "terras raras", "terres rares"}
    return PhraseIndex(dict.fromkeys(terms, "generic"))


def _generic_mineral_spans(tokens: Tokens) -> list[tuple[int, int]]:
    return [(start, end) for start, end, _ in _generic_terms().find(tokens)]
