"""Extraction: a document's text in, its entities and agreement facts out.

`extract` is a pure function of the document: no database, no network, no model
weights. Every rule is deterministic, so the same text and `EXTRACTOR_VERSION` give
the same facts on any machine; bump the version when the rules change, and
`cmw reprocess` re-extracts what an older version read.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from etl import reference
from etl.extract.agreements import Document, OrgMention, PersonMention, find_agreements
from etl.extract.dates import find_dates
from etl.extract.entities import find_pattern_organizations, find_persons, find_values
from etl.extract.gazetteer import (
    AMBIGUOUS_MINERAL_ALIASES,
    KIND_PRIORITY,
    Match,
    gazetteer,
    resolve_overlaps,
)
from etl.extract.metadata import (
    dateline_spans,
    detect_language,
    published_date,
    publisher,
    title,
)
from etl.extract.text import PhraseIndex, SentenceIndex, Tokens, fold_same_length, split_sentences
from etl.model import Extraction, Mention, SourceDocument

EXTRACTOR_VERSION = "1.0.0"

__all__ = ["EXTRACTOR_VERSION", "extract"]


def extract(document: SourceDocument) -> Extraction:
    text = document.text
    folded = fold_same_length(text)
    sentences = split_sentences(text)
    index = SentenceIndex(sentences)
    tokens = Tokens(folded)

    language = detect_language(text, tokens, document.language)
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
    person_spans = [(s, e) for p in persons for s, e, _, _ in p.spans]
    # A person's name wins over a place or country inside it ("Santiago Peña").
    matches = [
        m
        for m in matches
        if not any(
            s <= m.start and m.end <= e and (e - s) > (m.end - m.start) for s, e in person_spans
        )
    ]

    metadata_spans = dateline_spans(text) + ([date_line] if date_line else [])
    dates = [
        d
        for d in find_dates(folded, published, tokens=tokens)
        if not any(a <= d.start < b for a, b in metadata_spans)
    ]
    generic = _generic_mineral_spans(tokens)
    organizations = [
        OrgMention(
            m.start,
            m.end,
            m.key,
            m.entry.attributes["name"],
            m.entry.attributes["organization_kind"],
            m.entry.attributes.get("country_code"),
        )
        for m in matches
        if m.kind == "organization"
    ] + [OrgMention(o.start, o.end, o.key, o.name, o.kind, o.country_code) for o in pattern_orgs]
    person_mentions = sorted(
        (
            PersonMention(s, e, p.key, p.name, p.title, p.country_code, p.organization_key)
            for p in persons
            for s, e, _, _ in p.spans
        ),
        key=lambda p: p.start,
    )
    doc = Document(
        text=text,
        folded=folded,
        tokens=tokens,
        sentences=sentences,
        sentence_index=index,
        published=published,
        countries=[m for m in matches if m.kind == "country"],
        minerals=[m for m in matches if m.kind == "mineral"],
        generic_mineral_spans=generic,
        places=[m for m in matches if m.kind == "location"],
        organizations=sorted(organizations, key=lambda o: o.start),
        persons=person_mentions,
        dates=dates,
    )
    agreements = find_agreements(doc)
    mentions = _mentions(doc, matches, pattern_orgs, persons, find_values(text, tokens), index)
    return Extraction(
        extractor_version=EXTRACTOR_VERSION,
        language=language,
        title=title(text, document.title),
        published_date=published,
        publisher=publisher(text, document.publisher),
        mentions=mentions,
        agreements=agreements,
    )


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


def _mentions(
    doc: Document, matches, pattern_orgs, persons, values, index: SentenceIndex
) -> tuple[Mention, ...]:
    out: list[Mention] = []

    def add(kind, start, end, key, confidence, **attributes):
        sentence = index.of(start)
        out.append(
            Mention(
                kind,
                doc.text[start:end],
                key,
                start,
                end,
                sentence.start,
                sentence.end,
                confidence,
                {k: v for k, v in attributes.items() if v},
            )
        )

    for m in matches:
        attrs = dict(m.entry.attributes)
        attrs.pop("name", None)
        attrs.pop("qualified", None)
        add(m.kind, m.start, m.end, m.key, 0.95 if len(m.text) > 3 else 0.85, **attrs)
    for o in pattern_orgs:
        add(
            "organization",
            o.start,
            o.end,
            o.key,
            0.7,
            organization_kind=o.kind,
            acronym=o.acronym,
            country_code=o.country_code,
        )
    for p in persons:
        for start, end, _, confidence in p.spans:
            add(
                "person",
                start,
                end,
                p.key,
                confidence,
                full_name=p.name,
                title=p.title,
                country_code=p.country_code,
                organization_key=p.organization_key,
            )
    for v in values:
        add(v.kind, v.start, v.end, v.key, 0.9, **v.attributes)
    for d in doc.dates:
        if d.value:
            add(
                "date",
                d.start,
                d.end,
                d.value.isoformat(),
                0.8 if d.precision == "day" else 0.7,
                precision=d.precision,
            )
    return tuple(sorted(out, key=lambda m: (m.char_start, m.char_end, m.kind)))
