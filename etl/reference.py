"""Reference data: countries, minerals, critical-mineral lists, organisations, cities.

The CSV files in etl/reference/ are the one place this data lives: the extractor
reads them through this module, and dbt loads the same files as seeds. Where each
list comes from is in etl/reference/SOURCES.md.
"""

from __future__ import annotations

import csv
import gettext
from dataclasses import dataclass
from functools import cache

from etl.config import REFERENCE_DIR

LANGUAGES = ("en", "es", "pt", "fr")


@dataclass(frozen=True)
class Country:
    code: str
    iso2: str
    name: str
    region: str
    subregion: str


@dataclass(frozen=True)
class CountryAlias:
    country_code: str
    language: str
    alias: str
    alias_kind: str  # name | official_name | short_name | abbreviation | demonym | adjective


@dataclass(frozen=True)
class Mineral:
    mineral_id: str
    name: str
    symbol: str
    mineral_group: str


@dataclass(frozen=True)
class MineralAlias:
    mineral_id: str
    language: str
    alias: str


@dataclass(frozen=True)
class Organization:
    key: str
    name: str
    acronym: str | None
    kind: str
    country_code: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class City:
    name: str
    country_code: str
    aliases: tuple[str, ...]


def _rows(filename: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(value: str) -> tuple[str, ...]:
    return tuple(part for part in value.split("|") if part)


@cache
def countries() -> dict[str, Country]:
    return {
        row["country_code"]: Country(
            row["country_code"], row["iso2"], row["name"], row["region"], row["subregion"]
        )
        for row in _rows("countries.csv")
    }


@cache
def country_aliases() -> tuple[CountryAlias, ...]:
    """Hand-curated aliases plus ISO 3166 names and their es/pt/fr translations."""
    import pycountry  # imported late: only the extractor's first call needs it

    aliases: dict[tuple[str, str, str], CountryAlias] = {}

    def add(code: str, language: str, alias: str, kind: str) -> None:
        alias = alias.strip()
        if alias and (code, language, alias.casefold()) not in aliases:
            aliases[(code, language, alias.casefold())] = CountryAlias(code, language, alias, kind)

    for row in _rows("country_aliases.csv"):
        add(row["country_code"], row["language"], row["alias"], row["alias_kind"])
    translations = {
        language: gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
        )
        for language in ("es", "pt", "fr")
    }
    known = countries()
    for country in pycountry.countries:
        if country.alpha_3 not in known:
            continue
        names = [("name", country.name), ("official_name", getattr(country, "official_name", ""))]
        names.append(
            ("short_name", getattr(country, "common_name", "") or known[country.alpha_3].name)
        )
        for kind, name in names:
            if not name:
                continue
            add(country.alpha_3, "en", name, kind)
            for language, translation in translations.items():
                translated = translation.gettext(name)
                if translated != name or kind == "short_name":
                    add(country.alpha_3, language, translated, kind)
    return tuple(aliases.values())


@cache
def minerals() -> dict[str, Mineral]:
    return {
        row["mineral_id"]: Mineral(
            row["mineral_id"], row["name"], row["symbol"], row["mineral_group"]
        )
        for row in _rows("minerals.csv")
    }


@cache
def mineral_aliases() -> tuple[MineralAlias, ...]:
    rows = [
        MineralAlias(r["mineral_id"], r["language"], r["alias"])
        for r in _rows("mineral_aliases.csv")
    ]
    rows += [
        MineralAlias(m.mineral_id, "en", m.name.lower())
        for m in minerals().values()
        if "(" not in m.name
    ]
    return tuple(dict.fromkeys(rows))


@cache
def generic_mineral_terms() -> dict[str, tuple[str, ...]]:
    terms: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    for row in _rows("generic_mineral_terms.csv"):
        terms[row["language"]].append(row["term"])
    return {language: tuple(values) for language, values in terms.items()}


@cache
def organizations() -> tuple[Organization, ...]:
    return tuple(
        Organization(
            key=row["organization_key"],
            name=row["name"],
            acronym=row["acronym"] or None,
            kind=row["organization_kind"],
            country_code=row["country_code"] or None,
            aliases=_split(row["aliases"]),
        )
        for row in _rows("organizations.csv")
    )


@cache
def cities() -> tuple[City, ...]:
    return tuple(
        City(row["city"], row["country_code"], _split(row["aliases"]))
        for row in _rows("cities.csv")
    )


@cache
def agreement_kinds() -> dict[str, str]:
    """agreement_kind → label."""
    return {row["agreement_kind"]: row["label"] for row in _rows("agreement_kinds.csv")}


@cache
def usd_exchange_rates() -> dict[tuple[str, int], float]:
    """(ISO 4217 code, year) → US dollars per unit, a yearly average (usd_exchange_rates.csv).

    Currencies or years the file does not cover are absent: an amount in them stays
    unconverted rather than converted at a guessed rate.
    """
    return {
        (row["currency"], int(row["year"])): float(row["usd_per_unit"])
        for row in _rows("usd_exchange_rates.csv")
    }
