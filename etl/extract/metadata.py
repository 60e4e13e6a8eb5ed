"""Language, title, publication date and publisher of a document."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from etl.extract.dates import find_dates
from etl.extract.lexicon import STOPWORDS
from etl.extract.text import Token

# "date 2026-03-13", "Published: 13 March 2026", "Fecha: 13 de marzo de 2026" at the top.
DATE_LINE = re.compile(
    r"^\s*(?:date|dated|published(?: on)?|fecha|publicado(?: el| em)?|data|publie le|date de publication)\s*:?\s*",
    re.IGNORECASE,
)
COPYRIGHT = re.compile(
    r"(?:copyright\s*(?:\(c\)|©)?|©)\s*(?:\d{4}\s*)?(?P<publisher>[A-Z][\w&.'’ -]{1,60}?)(?:\.|,|\s+All Rights|\s+Todos|\s+Tous|\]|$)",
    re.IGNORECASE | re.MULTILINE,
)
WIRE = re.compile(
    r"\((?P<publisher>Reuters|AFP|AP|Bloomberg|EFE|Xinhua|Kyodo|Yonhap|Lusa|dpa|ANSA)\)"
)


def detect_language(tokens: tuple[Token, ...], declared: str | None) -> str | None:
    """The declared language, else a vote of function words, else lingua on the text."""
    if declared:
        return declared
    votes = {language: 0 for language in STOPWORDS}
    for token in tokens[:400]:
        for language, words in STOPWORDS.items():
            if token.folded in words:
                votes[language] += 1
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    (best, best_votes), (_, second_votes) = ranked[0], ranked[1]
    if best_votes >= 3 and best_votes >= 1.5 * second_votes:
        return best
    text = " ".join(t.text for t in tokens[:400])
    if not text:
        return None
    detected = _lingua().detect_language_of(text)
    return detected.iso_code_639_1.name.lower() if detected else None


@cache
def _lingua():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.SPANISH, Language.PORTUGUESE, Language.FRENCH
    ).build()


def published_date(
    text: str, folded: str, declared: date | None
) -> tuple[date | None, tuple[int, int] | None]:
    """The publication date and the span of the line that gave it (its dates are not events)."""
    if declared:
        return declared, None
    line = DATE_LINE.match(text)
    if line:
        dates = find_dates(folded, None, line.end(), min(len(text), line.end() + 40))
        if dates and dates[0].start == line.end() and dates[0].value:
            return dates[0].value, (line.start(), dates[0].end)
    return None, None


def title(text: str, declared: str | None) -> str | None:
    """The declared title, else a short first paragraph that does not end like a sentence."""
    if declared:
        return declared
    first = text.strip().split("\n\n", 1)[0]
    first = re.sub(r"\s+", " ", first).strip()
    if 10 <= len(first) <= 200 and not first.endswith((".", ":", ";")) and "\n" not in first:
        return first
    return None


def publisher(text: str, declared: str | None) -> str | None:
    if declared:
        return declared
    wire = WIRE.search(text[:400])
    if wire:
        return wire.group("publisher")
    tail = text[-600:]
    match = COPYRIGHT.search(tail)
    return match.group("publisher").strip() if match else None
