"""Language, title, publication date and publisher of a document."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from etl.extract.dates import WEEKDAYS, find_dates
from etl.extract.lexicon import STOPWORDS
from etl.extract.text import Tokens, fold_word

# "date 2026-03-13", "Published: 13 March 2026", "Fecha: 13 de marzo de 2026" at the top.
DATE_LINE = re.compile(
    r"^[ \t]*(?:date|dated|published(?: on)?|fecha|publicado(?: el| em)?|data|publie le|date de publication)[ \t]*:?[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)
# A dateline: "BUENOS AIRES, 16 janvier 2024 (AFP) -", "Santiago, 14 de mayo de 2025."
# "KINSHASA, RDC, 12 mars": a second place may follow the city, but not the date itself
# ("TORONTO, May 6, 2026 /PRNewswire/": "May 6" is the date).
DATELINE = re.compile(
    r"^[ \t]*[A-ZÀ-ÖØ-Þ][^\n,]{1,40},(?:[ \t]+(?![A-Za-z]+\.? \d)[A-ZÀ-ÖØ-Þ][^\n,]{1,30},)?[ \t]+(?=\d|[A-Za-z]+\.? \d)",
    re.MULTILINE,
)
# A line that starts with a full date: "June 16, 2026 4:12 PM GMT+2", "16 de junio de 2026".
DATE_FIRST_LINE = re.compile(
    r"^[ \t]*(?=[A-Za-z]+\.? \d{1,2},? \d{4}\b|\d{1,2}\.? (?:de )?[A-Za-zéû]+\.? (?:de )?\d{4}\b)",
    re.MULTILINE,
)
_HEAD = 700  # publication metadata sits in the first lines
# A link to another story inside the page ("LEA TAMBIÉN: ...", "Also on AF: ...",
# "Lire aussi : ...", "Leia também: ..."), matched on the folded text: its headline is
# another article's news, not this one's.
_CROSS_REFERENCE = re.compile(
    r"^[ \t]*[^\w\n]{0,3}[ \t]*(?:also on [a-z0-9]{1,20}|also read|read also|read more|see also"
    r"|related|a lire aussi|lire aussi|lire egalement|voir aussi|en savoir plus|lee tambien"
    r"|lea tambien|leer tambien|lea ademas|lea mas|lee mas|leer mas|te puede interesar"
    r"|le puede interesar|ver tambien|leia tambem|leia mais|veja tambem|saiba mais)"
    r"[ \t]*:[^\n]*",
    re.MULTILINE,
)
_LANGUAGE_SAMPLE_WORDS = 400
_LANGUAGE_SAMPLE_CHARS = 4000
COPYRIGHT = re.compile(
    r"(?:copyright\s*(?:\(c\)|©)?|©)\s*(?:\d{4}\s*)?(?P<publisher>[A-Z][\w&.'’ -]{1,60}?)(?:\.|,|\s+All Rights|\s+Todos|\s+Tous|\]|$)",
    re.IGNORECASE | re.MULTILINE,
)
WIRE = re.compile(
    r"\((?P<publisher>Reuters|AFP|AP|Bloomberg|EFE|Xinhua|Kyodo|Yonhap|Lusa|dpa|ANSA)\)"
)


# word → the languages it is a function word of
_STOPWORD_LANGUAGES: dict[str, tuple[str, ...]] = {}
for _language, _words in STOPWORDS.items():
    for _word in _words:
        _STOPWORD_LANGUAGES[_word] = (*_STOPWORD_LANGUAGES.get(_word, ()), _language)


def detect_language(text: str, tokens: Tokens, declared: str | None) -> str | None:
    """The declared language, else a vote of function words, else lingua on the text."""
    if declared:
        return declared
    votes = dict.fromkeys(STOPWORDS, 0)
    for word in tokens.words[:_LANGUAGE_SAMPLE_WORDS]:
        for language in _STOPWORD_LANGUAGES.get(word, ()):
            votes[language] += 1
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    (best, best_votes), (_, second_votes) = ranked[0], ranked[1]
    if best_votes >= 3 and best_votes >= 1.5 * second_votes:
        return best
    if not tokens.words:
        return None
    # The first words only, and never more than a few KB: lingua's cost grows faster than
    # the text, and one 5 MB "word" must not take minutes.
    end = min(tokens.ends[min(len(tokens), _LANGUAGE_SAMPLE_WORDS) - 1], _LANGUAGE_SAMPLE_CHARS)
    detected = _lingua().detect_language_of(text[:end])
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
    """The publication date and the span that gave it (its dates are not events).

    A "date 2026-03-13" or "Publicado em 14/01/2025" line, else a dateline with a full
    date, in the first lines; an unknown date stays unknown. A date the input declared
    (a feed's `published_date`) is the publication date, and such a line still is not
    an event date.
    """
    for lines in (
        DATE_LINE.finditer(text, 0, _HEAD),
        _datelines(text),
        DATE_FIRST_LINE.finditer(text, 0, _HEAD),
    ):
        for line in lines:
            dates = find_dates(folded, None, line.end(), min(len(text), line.end() + 40))
            # "Rabat, le 18 septembre 2025": an article may come before the date
            if (
                dates
                and dates[0].start - line.end() <= 3
                and dates[0].value
                and dates[0].precision == "day"
            ):
                # A declared date (the feed's) wins; the line is metadata either way.
                return declared or dates[0].value, (line.start(), dates[0].end)
    return declared, None


def blank_cross_references(text: str, folded: str) -> tuple[str, str]:
    """The text and its folded form with every link line to another story blanked out
    (same length, so offsets still point into the stored text)."""
    spans = [m.span() for m in _CROSS_REFERENCE.finditer(folded)]
    for start, end in spans:
        blank = " " * (end - start)
        text = text[:start] + blank + text[end:]
        folded = folded[:start] + blank + folded[end:]
    return text, folded


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Where a dateline's date and its outlet credit sit ("RABAT, Oct 29 (Reuters) -"):
    the date of the report, not of an event; the outlet's name, not the story's subject
    ("(Africa Mining Brief)" says nothing of what the meeting was about)."""
    spans = []
    for line in _datelines(text):
        cut = re.search(r"\(|\s[-–—]\s|\.\s|\.-|\n", text[line.end() : line.end() + 60])
        end = line.end() + (cut.start() if cut else 30)
        if cut and cut.group() == "(":
            credit = text.find(")", end, end + 60)
            end = credit + 1 if credit >= 0 else end
        spans.append((line.end(), end))
    return spans


def _datelines(text: str) -> list[re.Match[str]]:
    """Datelines in the first lines; "Wednesday, April 17, 2024" opens with no place: a
    site's header of today's date, no dateline (the page may be years older)."""
    return [
        line
        for line in DATELINE.finditer(text, 0, _HEAD)
        if fold_word(line.group().split(",", 1)[0].strip()) not in WEEKDAYS
    ]


def title(text: str, declared: str | None) -> str | None:
    """The declared title, else a short first paragraph that does not end like a sentence."""
    if declared:
        return declared
    stripped = text.lstrip()
    blank = stripped.find("\n\n", 0, 400)
    first = stripped[: blank if blank >= 0 else 400]
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
