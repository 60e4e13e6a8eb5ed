"""Extraction: a document's text in, its entities and agreement facts out.

`extract` is a pure function of the document: no database, no network, no model
weights. Every rule is deterministic, so the same text and `EXTRACTOR_VERSION` give
the same facts on any machine; bump the version when the rules change, and
`cmw reprocess` re-extracts what an older version read.

The stages: `context` reads the document once (sentences, words, gazetteer entities,
persons, organisations, dates, cue phrases) into an immutable `DocumentContext`;
`agreements` finds the agreement events in it; `commitments` the amounts and capacities
stated; `company_deals` the deals between companies (or a company and a state);
`metadata` gives the language, title, publication date and publisher; the mentions of
every entity and value are listed with their offsets.
"""

from __future__ import annotations

from etl.extract.agreements import find_agreements
from etl.extract.commitments import find_commitments
from etl.extract.company_deals import find_company_deals
from etl.extract.context import DocumentContext, build_context
from etl.extract.metadata import detect_language, publisher, title
from etl.model import Extraction, Mention, SourceDocument

EXTRACTOR_VERSION = "1.55.0"

__all__ = ["EXTRACTOR_VERSION", "extract"]


def extract(document: SourceDocument) -> Extraction:
    ctx = build_context(document)
    mentions = _mentions(ctx)
    agreements = find_agreements(ctx)
    commitments = find_commitments(
        ctx.text, mentions, ctx.published, agreements, sentences=ctx.sentences
    )
    return Extraction(
        extractor_version=EXTRACTOR_VERSION,
        language=detect_language(document.text, ctx.tokens, document.language),
        title=title(document.text, document.title),
        published_date=ctx.published,
        publisher=publisher(document.text, document.publisher),
        mentions=mentions,
        agreements=agreements,
        commitments=commitments,
        company_deals=find_company_deals(ctx, commitments, agreements),
    )


def _mentions(ctx: DocumentContext) -> tuple[Mention, ...]:
    out: list[Mention] = []

    def add(kind, start, end, key, confidence, **attributes):
        sentence = ctx.sentence_index.of(start)
        out.append(
            Mention(
                kind,
                ctx.text[start:end],
                key,
                start,
                end,
                sentence.start,
                sentence.end,
                confidence,
                {k: v for k, v in attributes.items() if v},
            )
        )

    for m in (*ctx.countries, *ctx.minerals, *ctx.places):
        add(m.kind, m.start, m.end, m.key, _gazetteer_confidence(m.text), **m.entry.attributes)
    for o in ctx.organizations:
        add(
            "organization",
            o.start,
            o.end,
            o.key,
            _gazetteer_confidence(ctx.text[o.start : o.end]) if o.curated else 0.7,
            organization_kind=o.kind,
            acronym=o.acronym,
            country_code=o.country_code,
        )
    for p in ctx.person_records:
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
    for v in ctx.values:
        add(v.kind, v.start, v.end, v.key, 0.9, **v.attributes)
    for d in ctx.dates:
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


def _gazetteer_confidence(surface: str) -> float:
    """A short alias ("US", "EU", "REE") is more often something else than a long name."""
    return 0.95 if len(surface) > 3 else 0.85
