"""Dates as news text writes them, in four languages, resolved against the publication date.

dateparser is thorough but far too slow for a thousand documents a second, and it
guesses when a weekday has no anchor; these rules are narrow and say "unknown" instead.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from etl.extract.text import Tokens
from etl.model import DatePrecision

MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            "january february march april may june july august september october november december".split(),
            1,
        )
    },
    **{m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)},
    "sept": 9,
    **{
        m: i
        for i, m in enumerate(
            "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
            1,
        )
    },
    "setiembre": 9,
    **{
        m: i
        for i, m in enumerate(
            "janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro".split(),
            1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre".split(),
            1,
        )
    },
}
WEEKDAYS = {
    **{
        d: i
        for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
    },
    **{d: i for i, d in enumerate("lunes martes miercoles jueves viernes sabado domingo".split())},
    **{
        d: i
        for i, d in enumerate(
            "segunda-feira terca-feira quarta-feira quinta-feira sexta-feira sabado domingo".split()
        )
    },
    **{d: i for i, d in enumerate("lundi mardi mercredi jeudi vendredi samedi dimanche".split())},
}
# Abbreviations count only next to a day number ("27 nov 2025", "04 set 2025"): alone,
# "mar" is the sea and "set" a verb.
_ABBREVIATED_MONTHS = {
    **{m: i for i, m in enumerate("ene feb mar abr may jun jul ago sep oct nov dic".split(), 1)},
    **{m: i for i, m in enumerate("jan fev mar abr mai jun jul ago set out nov dez".split(), 1)},
    **{
        m: i
        for i, m in enumerate("janv fevr mars avr mai juin juil aout sept oct nov dec".split(), 1)
    },
}
_FULL_MONTH = "|".join(
    sorted((m for m in MONTHS if len(m) > 3 and m != "sept"), key=len, reverse=True)
)
MONTHS = {**_ABBREVIATED_MONTHS, **MONTHS}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))

# All patterns run on folded text (lowercase, no accents), which keeps offsets.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    # 14/01/2025: day first, as written in Spanish, Portuguese and French
    ("numeric", re.compile(r"\b(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)\d\d)\b")),
    (
        "mdy",
        re.compile(
            rf"\b(?P<mon>{_MONTH})\.? (?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,? (?P<y>(?:19|20)\d\d)\b)?"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"\b(?P<d>[0-3]?\d|1er)(?:º|o)? (?:de )?(?P<mon>{_MONTH})\b\.?(?:,? (?:de(?:l)? )?(?P<y>(?:19|20)\d\d)\b)?"
        ),
    ),
    (
        "my",
        re.compile(
            rf"\b(?:in|en|em|de|since|desde|from|of|au mois de|no mes de|en el mes de) (?P<mon>{_FULL_MONTH})(?:,? (?:de(?:l)? )?(?P<y>(?:19|20)\d\d))?\b"
        ),
    ),
    # "in May 2025", "en mai 2024", and "signed in May", "signé en mai": May after a
    # preposition is the month ("de mai" and "of may" are left to a year).
    (
        "my",
        re.compile(
            r"\b(?:(?:in|en|since|from|au mois de) (?P<mon>may|mai)(?:,? (?P<y>(?:19|20)\d\d))?|(?:em|de|desde|of) (?P<mon2>may|mai),? (?:de(?:l)? )?(?P<y2>(?:19|20)\d\d))\b"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?P<next>next |this coming |el proximo |la proxima |proximo |proxima |la semana que viene el |prochain )?(?:on |el |este |esta |el pasado |este pasado |la |na |nesta |neste |no |ce |le )?(?P<wd>{_WEEKDAY})(?: (?P<last>dernier|passado|pasado|last))?\b"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>yesterday|today|ayer|hoy|ontem|hoje|hier|aujourd'hui|last week|la semana pasada|a semana passada|la semaine derniere|la semaine passee|last month|el mes pasado|o mes passado|le mois dernier|last year|el ano pasado|o ano passado|l'an dernier|l'annee derniere)\b"
        ),
    ),
    ("year", re.compile(r"\b(?:in|en|em|since|desde|depuis|de) (?P<y>(?:19|20)\d\d)\b")),
]


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    value: date | None  # None: a weekday or month with no publication date to anchor it
    precision: DatePrecision | None


_ANCHOR_WORDS = (
    frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | frozenset(
        "yesterday today ayer hoy ontem hoje hier aujourd'hui last semana semaine mes mois ano an annee l'".split()
    )
)


_DIGIT = re.compile(r"\d")


def _windows(folded: str, start: int, end: int, tokens: Tokens | None) -> list[tuple[int, int]]:
    """Stretches of text around words a date can be built on; the patterns run only there."""
    offset = 0
    if tokens is None:
        tokens, offset = Tokens(folded[start:end]), start
    merged: list[tuple[int, int]] = []
    if tokens.vocabulary.isdisjoint(_ANCHOR_WORDS) and not _DIGIT.search(folded, start, end):
        return merged
    years = [w for w in tokens.vocabulary if w[:4].isdigit() and len(w) in (4, 10)]
    for i in tokens.positions(_ANCHOR_WORDS, years):
        a, b = max(start, offset + tokens.starts[i] - 40), min(end, offset + tokens.ends[i] + 40)
        if a >= b:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def find_dates(
    folded: str,
    published: date | None,
    start: int = 0,
    end: int | None = None,
    tokens: Tokens | None = None,
) -> list[FoundDate]:
    """Dates in folded[start:end], most specific first where two overlap.

    `tokens` are the words of the whole of `folded`, when the caller has them.
    """
    end = len(folded) if end is None else end
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    windows = _windows(folded, start, end, tokens)
    for name, pattern in _PATTERNS:
        for match in (m for a, b in windows for m in pattern.finditer(folded, a, b)):
            if any(match.start() < b and match.end() > a for a, b in taken):
                continue
            value, precision = _resolve(name, match, published)
            if name in ("weekday", "relative") and value is None and published is None:
                precision = None
            if value is None and precision is not None:
                continue
            taken.append((match.start(), match.end()))
            found.append(FoundDate(match.start(), match.end(), value, precision))
    return sorted(found, key=lambda f: f.start)


def _resolve(
    name: str, m: re.Match, published: date | None
) -> tuple[date | None, DatePrecision | None]:
    groups = m.groupdict()
    try:
        if name in ("iso", "numeric"):
            return date(int(m["y"]), int(m["m"]), int(m["d"])), "day"
        if name in ("mdy", "dmy"):
            day = 1 if groups["d"] == "1er" else int(groups["d"])
            month = MONTHS[groups["mon"]]
            year = int(groups["y"]) if groups.get("y") else _year_for(month, day, published)
            return (date(year, month, day), "day") if year else (None, "day")
        if name == "my":
            month = MONTHS[groups.get("mon") or groups["mon2"]]
            written = groups.get("y") or groups.get("y2")
            year = int(written) if written else _year_for(month, 1, published)
            return (date(year, month, 1), "month") if year else (None, "month")
        if name == "year":
            return date(int(groups["y"]), 1, 1), "year"
    except ValueError:  # "February 30"
        return None, "day"
    if published is None:
        return None, None
    if name == "weekday":
        weekday = WEEKDAYS[groups["wd"]]
        if groups.get("next"):
            return published + timedelta(days=(weekday - published.weekday()) % 7 or 7), "day"
        return published - timedelta(days=(published.weekday() - weekday) % 7), "day"
    rel = groups["rel"]
    if rel in ("yesterday", "ayer", "ontem", "hier"):
        return published - timedelta(days=1), "day"
    if rel in ("today", "hoy", "hoje", "aujourd'hui"):
        return published, "day"
    if "week" in rel or "semana" in rel or "semaine" in rel:
        return published - timedelta(days=7), "month"
    if "month" in rel or "mes" in rel or "mois" in rel:
        last = published.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), "month"
    return date(published.year - 1, 1, 1), "year"


def _year_for(month: int, day: int, published: date | None) -> int | None:
    """A date written without a year is the most recent such date up to shortly after publication."""
    if published is None:
        return None
    day = min(day, calendar.monthrange(published.year, month)[1])
    if date(published.year, month, day) > published + timedelta(days=62):
        return published.year - 1
    return published.year
