"""Reference data and business rules: countries, minerals, critical-mineral lists,
organisations, cities, and the agreement kinds, participant roles and statuses with
their precedence.

The CSV files in reference/ are the one place this data lives: the extractor
reads them through this module, which only reads, and dbt loads the files its models
use as seeds, so Python and SQL apply the same rules. Where each list comes from is in
reference/SOURCES.md.
"""

from __future__ import annotations

import csv
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
    alias_kind: (
        str  # name | official_name | short_name | abbreviation | demonym | adjective | subnational
    )


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
    # A wire service ("(Lusa)", "Reuters reported"): it reports deals, it is no side.
    is_news_agency: bool = False


@dataclass(frozen=True)
class City:
    name: str
    country_code: str
    aliases: tuple[str, ...]
    is_capital: bool


@dataclass(frozen=True)
class AgreementKindRule:
    agreement_kind: str
    label: str
    description: str
    is_instrument: bool  # false for talks: no instrument, so status is always "talks"
    # How specific the kind is: 0 names one instrument ("memorandum of understanding");
    # higher is vaguer. When reports of one agreement disagree, the most specific wins.
    specificity_rank: int
    # Kinds of one family can name the same instrument in two reports (a joint statement
    # and a joint declaration); a "generic" kind can name any instrument, never talks.
    merge_family: str


@dataclass(frozen=True)
class ParticipantRoleRule:
    """A participant's role; one given several roles keeps the lowest precedence.

    A participant keeps the strongest part any report gives it. A party is a side of the
    agreement itself. A signature is what makes the instrument, and reports state it
    explicitly ("signed by"), so signing outranks witnessing the signing; being at the
    signing outranks attending talks; any part outranks being named.
    """

    role: str
    label: str
    description: str
    precedence: int


@dataclass(frozen=True)
class AgreementStatusRule:
    """An agreement's status; of its reports' statuses the lowest precedence wins (the most advanced)."""

    status: str
    label: str
    description: str
    precedence: int


def _rows(filename: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _boolean(value: str) -> bool:
    if value not in ("true", "false"):
        raise ValueError(f"expected true or false, got {value!r}")
    return value == "true"


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
    """Hand-curated aliases, then ISO 3166 names and their es/pt/fr translations (SOURCES.md)."""
    return tuple(
        CountryAlias(row["country_code"], row["language"], row["alias"], row["alias_kind"])
        for row in _rows("country_aliases.csv")
    )


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
    return tuple(
        MineralAlias(row["mineral_id"], row["language"], row["alias"])
        for row in _rows("mineral_aliases.csv")
    )


@cache
def generic_mineral_terms() -> dict[str, tuple[str, ...]]:
    terms: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    for row in _rows("generic_mineral_terms.csv"):
        terms[row["language"]].append(row["term"])
    return {language: tuple(values) for language, values in terms.items()}


@dataclass(frozen=True)
class InstrumentPhrase:
    label: str  # an agreement kind, or a generic word's label (agreement, memorandum, framework)
    language: str
    phrase: str


@cache
def instrument_phrases() -> tuple[InstrumentPhrase, ...]:
    """How news names instruments and talks, per language (instrument_phrases.csv)."""
    return tuple(
        InstrumentPhrase(row["label"], row["language"], row["phrase"])
        for row in _rows("instrument_phrases.csv")
    )


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
            is_news_agency=_boolean(row["is_news_agency"]),
        )
        for row in _rows("organizations.csv")
    )


@dataclass(frozen=True)
class PublicFigure:
    name: str
    country_code: str
    office: str  # for whoever reads the file; the extractor reads only the country
    aliases: tuple[str, ...]


@cache
def public_figures() -> tuple[PublicFigure, ...]:
    """Heads of state and government and ministers that minerals news names, often with
    no country beside the name ("Trump y Albanese firmaron"): each one's country."""
    return tuple(
        PublicFigure(row["name"], row["country_code"], row["office"], _split(row["aliases"]))
        for row in _rows("public_figures.csv")
    )


@cache
def cities() -> tuple[City, ...]:
    return tuple(
        City(row["city"], row["country_code"], _split(row["aliases"]), row["is_capital"] == "true")
        for row in _rows("cities.csv")
    )


@cache
def agreement_kinds() -> dict[str, AgreementKindRule]:
    """agreement_kind → its rule (agreement_kinds.csv)."""
    return {
        row["agreement_kind"]: AgreementKindRule(
            agreement_kind=row["agreement_kind"],
            label=row["label"],
            description=row["description"],
            is_instrument=_boolean(row["is_instrument"]),
            specificity_rank=int(row["specificity_rank"]),
            merge_family=row["merge_family"],
        )
        for row in _rows("agreement_kinds.csv")
    }


@dataclass(frozen=True)
class CompanyDealKindRule:
    # how specific it is, 0 most: a deal named two ways, in one document or across
    # reports, takes the most specific kind
    specificity_rank: int
    is_generic: bool  # the kind of a deal the text does not name ("other")


@cache
def company_deal_kinds() -> dict[str, CompanyDealKindRule]:
    """deal_kind → its rule (company_deal_kinds.csv)."""
    return {
        row["deal_kind"]: CompanyDealKindRule(
            int(row["specificity_rank"]), _boolean(row["is_generic"])
        )
        for row in _rows("company_deal_kinds.csv")
    }


@cache
def participant_roles() -> dict[str, ParticipantRoleRule]:
    """role → its rule (participant_roles.csv)."""
    return {
        row["role"]: ParticipantRoleRule(
            row["role"], row["label"], row["description"], int(row["precedence"])
        )
        for row in _rows("participant_roles.csv")
    }


@cache
def agreement_statuses() -> dict[str, AgreementStatusRule]:
    """status → its rule (agreement_statuses.csv)."""
    return {
        row["status"]: AgreementStatusRule(
            row["status"], row["label"], row["description"], int(row["precedence"])
        )
        for row in _rows("agreement_statuses.csv")
    }


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
