"""Dictionary matching of countries, minerals, organisations and cities.

The aliases come from reference/ (the same files dbt loads as seeds). Matching is
token-based with an index on each alias's first token, so a document costs one dict
lookup per word instead of one regex per alias.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from etl import reference
from etl.extract.text import WORD, Tokens, fold_same_length

GazetteerKind = Literal["country", "mineral", "organization", "location"]

# Mineral names that are also everyday words: kept only in a list of minerals.
AMBIGUOUS_MINERAL_ALIASES = frozenset({"lead", "bore", "iron", "fer", "tin", "plata", "prata"})
# Country aliases that are more often something else in news text.
_SKIPPED_COUNTRY_ALIASES = frozenset(
    {"jersey", "man", "chad", "maurice", "mauricio", "american samoa", "reunión", "réunion"}
)
# Regions whose names contain a country name: matched as places so that "Latin
# America" is not the United States.
_REGIONS = (
    "Latin America",
    "Latin American",
    "South America",
    "South American",
    "North America",
    "North American",
    "Central America",
    "Central American",
    "Americas",
    "the Americas",
    "América Latina",
    "América Latina y el Caribe",
    "Amérique latine",
    "Sudamérica",
    "América del Sur",
    "América do Sul",
    "Asia-Pacific",
    "Asia Pacific",
    "Indo-Pacific",
    "Southeast Asia",
    "Middle East",
    "Oriente Medio",
    "Moyen-Orient",
    "Sub-Saharan Africa",
)
# When two matches cover exactly the same words, the more specific kind wins.
KIND_PRIORITY = {"organization": 0, "country": 1, "location": 2, "mineral": 3}


@dataclass(frozen=True)
class Entry:
    kind: GazetteerKind
    key: str
    tokens: tuple[str, ...]
    alias: str
    case: Literal["exact", "capital", "any"]
    attributes: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Match:
    kind: GazetteerKind
    key: str
    start: int
    end: int
    text: str
    entry: Entry


def _case_rule(alias: str) -> Literal["exact", "capital", "any"]:
    letters = [c for c in alias if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return "exact"  # US, EU, UE, IDB, METI, REE: never match "us" or "ree"
    if alias[:1].isupper():
        return "capital"
    return "any"


def _entry(kind: GazetteerKind, key: str, alias: str, **attributes: str) -> Entry | None:
    tokens = tuple(m.group() for m in WORD.finditer(fold_same_length(alias)))
    if not tokens:
        return None
    return Entry(kind, key, tokens, alias, _case_rule(alias), attributes)


def _entries() -> list[Entry]:
    entries: list[Entry | None] = []
    for country in reference.country_aliases():
        if country.alias.casefold() not in _SKIPPED_COUNTRY_ALIASES:
            entries.append(
                _entry(
                    "country", country.country_code, country.alias, alias_kind=country.alias_kind
                )
            )
    for mineral in reference.mineral_aliases():
        entries.append(_entry("mineral", mineral.mineral_id, mineral.alias))
    country_words = _country_words()
    for org in reference.organizations():
        attributes = {"organization_kind": org.kind, "name": org.name}
        if org.acronym:
            attributes["acronym"] = org.acronym
        if org.country_code:
            attributes["country_code"] = org.country_code
        for alias in (org.name, *org.aliases, *([org.acronym] if org.acronym else [])):
            # Does the name itself say whose body it is ("Japanese Ministry of ...", "METI")?
            words = set(WORD.findall(fold_same_length(alias)))
            qualified = alias == org.acronym or bool(
                words & country_words.get(org.country_code or "", set())
            )
            entries.append(
                _entry(
                    "organization",
                    org.key,
                    alias,
                    **attributes,
                    **({"qualified": "yes"} if qualified else {}),
                )
            )
    for city in reference.cities():
        for alias in (city.name, *city.aliases):
            entries.append(
                _entry(
                    "location",
                    city.name,
                    alias,
                    country_code=city.country_code,
                    **({"capital": "yes"} if city.is_capital else {}),
                )
            )
    for region in _REGIONS:
        entries.append(_entry("location", region, region, location_kind="region"))
    return [e for e in entries if e is not None]


def _country_words() -> dict[str, set[str]]:
    """Each country's distinctive words ("japanese", "japan", "chile"), for names of its bodies."""
    words: dict[str, set[str]] = {}
    for alias in reference.country_aliases():
        folded = WORD.findall(fold_same_length(alias.alias))
        if len(folded) == 1 and len(folded[0]) > 3:
            words.setdefault(alias.country_code, set()).add(folded[0])
    return words


class Gazetteer:
    def __init__(self, entries: list[Entry]):
        self._by_first: dict[str, list[Entry]] = {}
        for entry in entries:
            self._by_first.setdefault(entry.tokens[0], []).append(entry)
        for candidates in self._by_first.values():
            candidates.sort(key=lambda e: -len(e.tokens))
        self._first_words = frozenset(self._by_first)
        # The aliases by all their words, and the lengths the aliases starting with each
        # word have, longest first: a common first word ("the", "south") costs one lookup
        # per length instead of a comparison per alias.
        self._by_tokens: dict[tuple[str, ...], list[Entry]] = {}
        for entry in entries:
            self._by_tokens.setdefault(entry.tokens, []).append(entry)
        self._lengths = {
            word: sorted({len(e.tokens) for e in candidates}, reverse=True)
            for word, candidates in self._by_first.items()
        }

    def find(self, text: str, tokens: Tokens) -> list[Match]:
        """Every alias occurrence (overlaps included; see `resolve_overlaps`)."""
        matches: list[Match] = []
        hyphenated = [word for word in tokens.vocabulary if "-" in word]
        for i in tokens.positions(self._first_words, hyphenated):
            if tokens.words[i] not in self._lengths:
                matches.extend(self._hyphen_parts(text, tokens, i))
            elif match := self._longest_at(text, tokens, i):
                matches.append(match)
        return matches

    def _longest_at(self, text: str, tokens: Tokens, i: int) -> Match | None:
        """The longest alias starting at word `i` that the text writes in its case; its
        last word may be the first part of a hyphenated one ("Estados Unidos-Perú")."""
        words = tokens.words
        for n in self._lengths[words[i]]:
            if i + n > len(words):
                continue
            candidates = self._by_tokens.get(tuple(words[i : i + n]))
            if candidates is not None:
                end = tokens.ends[i + n - 1]
            elif n > 1 and "-" in words[i + n - 1]:
                head = words[i + n - 1].split("-", 1)[0]
                candidates = self._by_tokens.get((*words[i : i + n - 1], head))
                if candidates is None:
                    continue
                end = tokens.starts[i + n - 1] + len(head)
            else:
                continue
            surface = text[tokens.starts[i] : end]
            for entry in candidates:
                if _case_ok(entry, surface):
                    return Match(entry.kind, entry.key, tokens.starts[i], end, surface, entry)
        return None

    def _hyphen_parts(self, text: str, tokens: Tokens, i: int) -> list[Match]:
        """ "Chilean-Japanese", "Puerto Rico-based": match each part on its own; the last
        part may begin a name the next words end ("Perú-Estados Unidos", "Canada-Union
        européenne")."""
        matches = []
        parts = tokens.words[i].split("-")
        offset, number = tokens.starts[i], 0
        while number < len(parts):
            match, taken = self._part_at(text, tokens, i, parts, number, offset)
            if match:
                matches.append(match)
            offset += sum(len(p) + 1 for p in parts[number : number + taken])
            number += taken
        return matches

    def _part_at(
        self, text: str, tokens: Tokens, i: int, parts: list[str], number: int, offset: int
    ) -> tuple[Match | None, int]:
        """The name starting at part `number` of hyphenated word `i`, and how many parts
        it takes: parts joined by their hyphens ("Sénégal-Royaume-Uni"), longest first, or
        one part, or the last part and the next words."""
        for taken in range(len(parts) - number, 0, -1):
            joined = "-".join(parts[number : number + taken])
            last = number + taken == len(parts)
            for entry in self._by_first.get(joined, ()):
                n = len(entry.tokens)
                if n > 1 and not (last and tuple(tokens.words[i + 1 : i + n]) == entry.tokens[1:]):
                    continue
                end = offset + len(joined) if n == 1 else tokens.ends[i + n - 1]
                surface = text[offset:end]
                if _case_ok(entry, surface):
                    return Match(entry.kind, entry.key, offset, end, surface, entry), taken
        return None, 1


def _case_ok(entry: Entry, surface: str) -> bool:
    if entry.case == "exact":
        return surface.replace(" ", "") == entry.alias.replace(" ", "") or (
            # "U.S." written "US", "EE. UU." written "EEUU"
            surface.replace(".", "").replace(" ", "")
            == entry.alias.replace(".", "").replace(" ", "")
        )
    if entry.case == "capital":
        # A proper noun written with an accent its alias lacks is another word:
        # "Germán Orozco" is not "German"; "Mexico" for "México" is only a dropped accent.
        return surface[:1].isupper() and (
            surface.isascii()  # nothing accented (most names): no character to compare
            or not any(
                ord(s) > 127 and ord(a) < 128 for s, a in zip(surface, entry.alias, strict=False)
            )
        )
    return True


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer(_entries())


def resolve_overlaps(spans: list, priority) -> list:
    """Keep the longest of overlapping spans (ties by `priority`), in text order.

    `spans` have .start and .end; `priority(span)` is lower for the preferred kind.
    One pass in text order: a span that overlaps the last kept one replaces it when it
    is longer (or as long and preferred) and does not reach back into the one before.
    """
    chosen: list = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start), priority(s))):
        if not chosen or span.start >= chosen[-1].end:
            chosen.append(span)
            continue
        last = chosen[-1]
        better = (span.end - span.start, -priority(span)) > (last.end - last.start, -priority(last))
        if better and (len(chosen) < 2 or span.start >= chosen[-2].end):
            chosen[-1] = span
    return chosen


@cache
def _country_name_forms() -> frozenset[str]:
    return frozenset(
        fold_same_length(a.alias)
        for a in reference.country_aliases()
        if a.alias_kind != "adjective"
    )


def written_as_country_name(text: str) -> bool:
    """A country adjective that is written as the country's name, capitalised:
    "Argentina" is the country, "argentina" the Spanish adjective."""
    return text[:1].isupper() and fold_same_length(text) in _country_name_forms()
