"""Synthetic news corpus with its ground truth, behind `cmw bench generate`.

The hand-annotated gold sets hold tens of documents; a benchmark that loads a million
needs a million articles whose right answers are known. This module writes them: news
stories and press releases in English, Spanish, Portuguese and French about
critical-minerals instruments between states, re-reports of the same events by other
outlets, and negatives (company deals, market news, other sectors, meetings with no
minerals topic), each with the facts an annotator following the project's annotation
guide (ANNOTATION.md, restated in tests/gold/README.md) would write for *that text*, in
the article-entry format of tests/gold/real/README.md.

Every article is a pure function of (seed, index): the first k articles of any corpus
are the k-article corpus, so accuracy at two sizes compares like with like, and
writing streams in constant memory. People and companies are generated (names from
reference/person_names.csv); countries, cities and minerals come from
reference/.
"""

from __future__ import annotations

import contextlib
import csv
import json
import multiprocessing
import os
import random
import re
import shutil
import unicodedata
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from etl import reference
from etl.evaluation.gold import article_file_name
from etl.keys import slug

GENERATOR_VERSION = "1"
LANGUAGES = ("en", "es", "pt", "fr")
LANGUAGE_WEIGHTS = (55, 25, 10, 10)
NEGATIVE_SHARE = 0.15  # articles that report no agreement
REREPORT_SHARE = 0.09  # articles that report an earlier article's event again (~10% of events)
NEGATIVE_KINDS = ("company_deal", "market", "other_sector", "no_outcome")
NEGATIVE_WEIGHTS = (36, 26, 26, 12)
FIRST_PUBLISHED = date(2019, 1, 1)
LAST_PUBLISHED = date(2026, 6, 30)
SHARD_PREFIX = "articles-"
TRUTH_FILE = "truth.jsonl"
ARTICLES_DIR = "articles"
TEXTS_DIR = "texts"  # one file per article, for `cmw eval`


@dataclass(frozen=True)
class GeneratedArticle:
    """One synthetic article and the facts an annotator would write for its text."""

    url: str
    outlet: str
    language: str
    published_date: date
    title: str
    text: str
    # The article entry of tests/gold/real/README.md (dates as ISO strings): exactly
    # the JSON object written to truth.jsonl for this article.
    facts: dict[str, Any] = field(hash=False)

    def feed_record(self) -> dict[str, str]:
        """The `.jsonl` feed line etl/read.py reads."""
        return {
            "text": self.text,
            "url": self.url,
            "title": self.title,
            "published_date": self.published_date.isoformat(),
            "publisher": self.outlet,
            "language": self.language,
        }


@dataclass(frozen=True)
class CorpusFiles:
    """Where `write_corpus` put a corpus: feed shards in one folder, the truth beside it."""

    directory: Path
    articles_dir: Path  # only the feed shards: what `cmw load` / read_sources should read
    shards: tuple[Path, ...]
    truth: Path
    articles: int
    seed: int


# --- randomness ------------------------------------------------------------------


def _rng(seed: int, index: int) -> random.Random:
    """One reproducible stream per (seed, article): its role, metadata, the event it
    first reports (if any), then its text, drawn in that order.

    A string seed is hashed with SHA-512 by `random`, so nearby indexes and seeds give
    unrelated streams, negative seeds differ from positive ones, and nothing depends
    on PYTHONHASHSEED.
    """
    return random.Random(f"cmw-corpus/{GENERATOR_VERSION}/{seed}/{index}")


class _Weighted:
    """Weighted choice in O(log n) with precomputed cumulative weights."""

    __slots__ = ("items", "cumulative", "total")

    def __init__(self, pairs: Sequence[tuple[Any, float]]) -> None:
        self.items = [item for item, _ in pairs]
        self.cumulative: list[float] = []
        running = 0.0
        for _, weight in pairs:
            running += weight
            self.cumulative.append(running)
        self.total = running

    def pick(self, r: random.Random) -> Any:
        return self.items[bisect(self.cumulative, r.random() * self.total)]


def _pick(r: random.Random, options: Sequence[Any]) -> Any:
    return options[int(r.random() * len(options))]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _tidy(text: str) -> str:
    """One period where a name ending in one ("Minera Andes S.A.") ends the sentence."""
    return text.replace("..", ".") if ".." in text else text


# --- countries -------------------------------------------------------------------

# Partner states (and the EU) as the press names them in each language, with the
# article a noun phrase needs ("le Chili", "o Brasil", "la India"), who leads the
# government (President, Prime Minister, Chancellor; "-" for monarchies, where no
# leader witnesses a signing) and where its officials' names come from (regions of
# person_names.csv; "given+family" mixes two regions; "/" separates alternatives).
# code | English | English headline | Spanish | Portuguese | French | leader | names
_COUNTRY_TABLE = """
USA|the United States|U.S.|Estados Unidos|os Estados Unidos|les États-Unis|P|en_us
EUU|the European Union|EU|la Unión Europea|a União Europeia|l'Union européenne|E|de_de/fr_fr/it_it/es_es/pl_pl/nl_nl/sv_se/fi_fi/cs_cz/ro_ro/pt_pt/da_dk
JPN|Japan|Japan|Japón|o Japão|le Japon|M|ja_jp
KOR|South Korea|South Korea|Corea del Sur|a Coreia do Sul|la Corée du Sud|P|ko_kr
CHN|China|China|China|a China|la Chine|P|zh_cn
IND|India|India|la India|a Índia|l'Inde|M|en_in
DEU|Germany|Germany|Alemania|a Alemanha|l'Allemagne|C|de_de
FRA|France|France|Francia|a França|la France|P|fr_fr
GBR|the United Kingdom|UK|el Reino Unido|o Reino Unido|le Royaume-Uni|M|en_gb
ITA|Italy|Italy|Italia|a Itália|l'Italie|M|it_it
ESP|Spain|Spain|España|a Espanha|l'Espagne|M|es_es
NLD|the Netherlands|Netherlands|los Países Bajos|os Países Baixos|les Pays-Bas|M|nl_nl
BEL|Belgium|Belgium|Bélgica|a Bélgica|la Belgique|M|nl_nl/fr_fr
AUT|Austria|Austria|Austria|a Áustria|l'Autriche|C|de_de
CHE|Switzerland|Switzerland|Suiza|a Suíça|la Suisse|P|de_de/fr_fr
SWE|Sweden|Sweden|Suecia|a Suécia|la Suède|M|sv_se
NOR|Norway|Norway|Noruega|a Noruega|la Norvège|M|no_no
FIN|Finland|Finland|Finlandia|a Finlândia|la Finlande|M|fi_fi
DNK|Denmark|Denmark|Dinamarca|a Dinamarca|le Danemark|M|da_dk
POL|Poland|Poland|Polonia|a Polônia|la Pologne|M|pl_pl
CZE|the Czech Republic|Czech Republic|la República Checa|a República Tcheca|la République tchèque|M|cs_cz
SVK|Slovakia|Slovakia|Eslovaquia|a Eslováquia|la Slovaquie|M|cs_cz
HUN|Hungary|Hungary|Hungría|a Hungria|la Hongrie|M|hu_hu
ROU|Romania|Romania|Rumanía|a Romênia|la Roumanie|P|ro_ro
SRB|Serbia|Serbia|Serbia|a Sérvia|la Serbie|P|hr_hr
UKR|Ukraine|Ukraine|Ucrania|a Ucrânia|l'Ukraine|P|uk_ua
PRT|Portugal|Portugal|Portugal|Portugal|le Portugal|M|pt_pt
IRL|Ireland|Ireland|Irlanda|a Irlanda|l'Irlande|M|en_gb
CAN|Canada|Canada|Canadá|o Canadá|le Canada|M|en_gb/fr_fr
AUS|Australia|Australia|Australia|a Austrália|l'Australie|M|en_gb
NZL|New Zealand|New Zealand|Nueva Zelanda|a Nova Zelândia|la Nouvelle-Zélande|M|en_gb
SAU|Saudi Arabia|Saudi Arabia|Arabia Saudita|a Arábia Saudita|l'Arabie saoudite|-|ar_gulf
ARE|the United Arab Emirates|UAE|los Emiratos Árabes Unidos|os Emirados Árabes Unidos|les Émirats arabes unis|-|ar_gulf
QAT|Qatar|Qatar|Catar|o Catar|le Qatar|-|ar_gulf
OMN|Oman|Oman|Omán|Omã|Oman|-|ar_gulf
KWT|Kuwait|Kuwait|Kuwait|o Kuwait|le Koweït|-|ar_gulf
JOR|Jordan|Jordan|Jordania|a Jordânia|la Jordanie|-|ar_gulf
TUR|Türkiye|Türkiye|Turquía|a Turquia|la Turquie|P|tr_tr
EGY|Egypt|Egypt|Egipto|o Egito|l'Égypte|P|ar_gulf
MAR|Morocco|Morocco|Marruecos|o Marrocos|le Maroc|-|fr_dz
DZA|Algeria|Algeria|Argelia|a Argélia|l'Algérie|P|fr_dz
TUN|Tunisia|Tunisia|Túnez|a Tunísia|la Tunisie|P|fr_dz
MRT|Mauritania|Mauritania|Mauritania|a Mauritânia|la Mauritanie|P|fr_dz
ARG|Argentina|Argentina|Argentina|a Argentina|l'Argentine|P|es_ar
CHL|Chile|Chile|Chile|o Chile|le Chili|P|es_cl
BOL|Bolivia|Bolivia|Bolivia|a Bolívia|la Bolivie|P|es_cl/es_co
PER|Peru|Peru|Perú|o Peru|le Pérou|P|es_co/es_cl
BRA|Brazil|Brazil|Brasil|o Brasil|le Brésil|P|pt_br
MEX|Mexico|Mexico|México|o México|le Mexique|P|es_mx
COL|Colombia|Colombia|Colombia|a Colômbia|la Colombie|P|es_co
ECU|Ecuador|Ecuador|Ecuador|o Equador|l'Équateur|P|es_co
URY|Uruguay|Uruguay|Uruguay|o Uruguai|l'Uruguay|P|es_ar
PRY|Paraguay|Paraguay|Paraguay|o Paraguai|le Paraguay|P|es_ar
PAN|Panama|Panama|Panamá|o Panamá|le Panama|P|es_mx
GTM|Guatemala|Guatemala|Guatemala|a Guatemala|le Guatemala|P|es_mx
CRI|Costa Rica|Costa Rica|Costa Rica|a Costa Rica|le Costa Rica|P|es_mx
DOM|the Dominican Republic|Dominican Republic|la República Dominicana|a República Dominicana|la République dominicaine|P|es_mx
JAM|Jamaica|Jamaica|Jamaica|a Jamaica|la Jamaïque|M|en_gb
GUY|Guyana|Guyana|Guyana|a Guiana|le Guyana|P|en_gb
COD|the Democratic Republic of the Congo|DR Congo|la República Democrática del Congo|a República Democrática do Congo|la République démocratique du Congo|P|fr_fr+sw
COG|the Republic of the Congo|Congo-Brazzaville|la República del Congo|a República do Congo|la République du Congo|P|fr_fr+sw
ZMB|Zambia|Zambia|Zambia|a Zâmbia|la Zambie|P|en_ke+sw/en_ke+zu_za
ZWE|Zimbabwe|Zimbabwe|Zimbabue|o Zimbábue|le Zimbabwe|P|en_ke+zu_za
ZAF|South Africa|South Africa|Sudáfrica|a África do Sul|l'Afrique du Sud|P|zu_za/en_gb
NAM|Namibia|Namibia|Namibia|a Namíbia|la Namibie|P|en_ke+zu_za
BWA|Botswana|Botswana|Botsuana|o Botsuana|le Botswana|P|en_ke+zu_za
MOZ|Mozambique|Mozambique|Mozambique|Moçambique|le Mozambique|P|pt_pt
AGO|Angola|Angola|Angola|Angola|l'Angola|P|pt_pt
TZA|Tanzania|Tanzania|Tanzania|a Tanzânia|la Tanzanie|P|sw
KEN|Kenya|Kenya|Kenia|o Quênia|le Kenya|P|en_ke
UGA|Uganda|Uganda|Uganda|o Uganda|l'Ouganda|P|en_ke
RWA|Rwanda|Rwanda|Ruanda|o Ruanda|le Rwanda|P|en_ke+sw
MWI|Malawi|Malawi|Malaui|o Malawi|le Malawi|P|en_ke+sw
MDG|Madagascar|Madagascar|Madagascar|Madagascar|Madagascar|P|fr_fr+sw
NGA|Nigeria|Nigeria|Nigeria|a Nigéria|le Nigeria|P|yo_ng/ha_ng/en_ng
GHA|Ghana|Ghana|Ghana|o Gana|le Ghana|P|tw_gh
CIV|Côte d'Ivoire|Ivory Coast|Costa de Marfil|a Costa do Marfim|la Côte d'Ivoire|P|fr_fr+tw_gh
GAB|Gabon|Gabon|Gabón|o Gabão|le Gabon|P|fr_fr+sw
MLI|Mali|Mali|Malí|o Mali|le Mali|P|fr_dz+ha_ng
NER|Niger|Niger|Níger|o Níger|le Niger|P|fr_dz+ha_ng
GIN|Guinea|Guinea|Guinea|a Guiné|la Guinée|P|fr_dz+ha_ng
BFA|Burkina Faso|Burkina Faso|Burkina Faso|Burkina Faso|le Burkina Faso|P|fr_fr+ha_ng
CMR|Cameroon|Cameroon|Camerún|os Camarões|le Cameroun|P|fr_fr+yo_ng
ETH|Ethiopia|Ethiopia|Etiopía|a Etiópia|l'Éthiopie|M|en_ke
IDN|Indonesia|Indonesia|Indonesia|a Indonésia|l'Indonésie|P|id_id
PHL|the Philippines|Philippines|Filipinas|as Filipinas|les Philippines|P|en_us+es_mx
VNM|Vietnam|Vietnam|Vietnam|o Vietnã|le Viêt Nam|M|vi_vn
MYS|Malaysia|Malaysia|Malasia|a Malásia|la Malaisie|M|id_id
SGP|Singapore|Singapore|Singapur|Singapura|Singapour|M|zh_cn
KAZ|Kazakhstan|Kazakhstan|Kazajistán|o Cazaquistão|le Kazakhstan|P|uz_uz/ru_ru
UZB|Uzbekistan|Uzbekistan|Uzbekistán|o Uzbequistão|l'Ouzbékistan|P|uz_uz
KGZ|Kyrgyzstan|Kyrgyzstan|Kirguistán|o Quirguistão|le Kirghizistan|P|uz_uz
AZE|Azerbaijan|Azerbaijan|Azerbaiyán|o Azerbaijão|l'Azerbaïdjan|P|az_az
RUS|Russia|Russia|Rusia|a Rússia|la Russie|P|ru_ru
PAK|Pakistan|Pakistan|Pakistán|o Paquistão|le Pakistan|M|ar_gulf+en_pk
"""

# Who signs minerals instruments most often, and with whom: weights for the
# consumer/investor side and the producer side of a pair.
_HUB_WEIGHTS = {
    "USA": 14, "EUU": 8, "JPN": 8, "CHN": 6, "KOR": 6, "IND": 6, "DEU": 5, "AUS": 5,
    "CAN": 4, "GBR": 4, "FRA": 4, "SAU": 4, "ARE": 3, "ITA": 2, "ESP": 2, "NLD": 1,
    "CHE": 1, "QAT": 1, "TUR": 1, "SGP": 1,
}  # fmt: skip
_PRODUCER_WEIGHTS = {
    "CHL": 5, "ARG": 5, "BRA": 5, "COD": 5, "PER": 4, "ZMB": 4, "ZAF": 4, "IDN": 4,
    "BOL": 3, "MEX": 3, "ZWE": 3, "NAM": 3, "KAZ": 3, "AUS": 3, "CAN": 2, "COL": 2,
    "ECU": 2, "BWA": 2, "MOZ": 2, "TZA": 2, "MDG": 2, "GIN": 2, "GHA": 2, "NGA": 2,
    "MAR": 2, "RWA": 2, "AGO": 2, "PHL": 2, "VNM": 2, "MYS": 2, "UZB": 2, "UKR": 2,
}  # fmt: skip

# Third-country venues where ministers sign on the sidelines of a forum.
_SUMMITS = (
    ("Davos", "the World Economic Forum"),
    ("Riyadh", "the Future Minerals Forum"),
    ("Toronto", "the PDAC mining convention"),
    ("New York", "the UN General Assembly"),
    ("Brussels", "the EU-CELAC summit"),
    ("Johannesburg", "the BRICS summit"),
    ("Tokyo", "a G7 ministerial meeting"),
    ("Jakarta", "the ASEAN summit"),
)
_SUMMIT_NAMES = {
    "the World Economic Forum": ("el Foro Económico Mundial", "o Fórum Econômico Mundial", "le Forum économique mondial"),
    "the Future Minerals Forum": ("el Foro de Minerales del Futuro", "o Fórum de Minerais do Futuro", "le Future Minerals Forum"),
    "the PDAC mining convention": ("la convención minera PDAC", "a convenção de mineração PDAC", "le congrès minier PDAC"),
    "the UN General Assembly": ("la Asamblea General de la ONU", "a Assembleia Geral da ONU", "l'Assemblée générale de l'ONU"),
    "the EU-CELAC summit": ("la cumbre UE-CELAC", "a cúpula UE-CELAC", "le sommet UE-CELAC"),
    "the BRICS summit": ("la cumbre de los BRICS", "a cúpula do BRICS", "le sommet des BRICS"),
    "a G7 ministerial meeting": ("una reunión ministerial del G7", "uma reunião ministerial do G7", "une réunion ministérielle du G7"),
    "the ASEAN summit": ("la cumbre de la ASEAN", "a cúpula da ASEAN", "le sommet de l'ASEAN"),
}  # fmt: skip

# City names other languages write differently (English exonym → es, pt, fr), and
# the French "in" form where the name takes an article.
_CITY_NAMES = {
    "Beijing": ("Pekín", "Pequim", "Pékin"),
    "New Delhi": ("Nueva Delhi", "Nova Délhi", "New Delhi"),
    "Brussels": ("Bruselas", "Bruxelas", "Bruxelles"),
    "London": ("Londres", "Londres", "Londres"),
    "Tokyo": ("Tokio", "Tóquio", "Tokyo"),
    "Seoul": ("Seúl", "Seul", "Séoul"),
    "Mexico City": ("Ciudad de México", "Cidade do México", "Mexico"),
    "Riyadh": ("Riad", "Riade", "Riyad"),
    "Lisbon": ("Lisboa", "Lisboa", "Lisbonne"),
    "Geneva": ("Ginebra", "Genebra", "Genève"),
    "Warsaw": ("Varsovia", "Varsóvia", "Varsovie"),
    "Stockholm": ("Estocolmo", "Estocolmo", "Stockholm"),
    "Berlin": ("Berlín", "Berlim", "Berlin"),
    "Paris": ("París", "Paris", "Paris"),
    "Singapore": ("Singapur", "Singapura", "Singapour"),
    "Jakarta": ("Yakarta", "Jacarta", "Jakarta"),
    "Rome": ("Roma", "Roma", "Rome"),
    "Vienna": ("Viena", "Viena", "Vienne"),
    "New York": ("Nueva York", "Nova York", "New York"),
    "Johannesburg": ("Johannesburgo", "Joanesburgo", "Johannesburg"),
    "Abu Dhabi": ("Abu Dabi", "Abu Dhabi", "Abou Dhabi"),
    "Dubai": ("Dubái", "Dubai", "Dubaï"),
    "Kyiv": ("Kiev", "Kiev", "Kyiv"),
    "Hanoi": ("Hanói", "Hanói", "Hanoï"),
    "Tashkent": ("Taskent", "Tashkent", "Tachkent"),
    "Sydney": ("Sídney", "Sydney", "Sydney"),
    "Washington": ("Washington", "Washington", "Washington"),
    "Cape Town": ("Ciudad del Cabo", "Cidade do Cabo", "Le Cap"),
    "Cairo": ("El Cairo", "Cairo", "Le Caire"),
    "Manila": ("Manila", "Manila", "Manille"),
    "Bogotá": ("Bogotá", "Bogotá", "Bogota"),
    "Brasília": ("Brasilia", "Brasília", "Brasilia"),
    "Asunción": ("Asunción", "Assunção", "Asuncion"),
    "Shanghai": ("Shanghái", "Xangai", "Shanghai"),
    "Jeddah": ("Yeda", "Jidá", "Djeddah"),
    "Ulaanbaatar": ("Ulán Bator", "Ulan Bator", "Oulan-Bator"),
    "Valparaíso": ("Valparaíso", "Valparaíso", "Valparaiso"),
}
# Cities whose name carries an article in a language are never event places here:
# "in Cairo" would need "au Caire", "no Cairo".
_NO_EVENT_PLACE = frozenset({"Cape Town", "Cairo"})
_PLACE_COUNTRY_OVERRIDES = {"Brussels": "BEL"}  # cities.csv files Brussels under the EU


@dataclass(frozen=True)
class _Country:
    code: str
    names: dict[str, str]  # language → noun phrase with its article
    headline: dict[str, str]  # language → bare or short name for headlines
    leader: str  # P, M, C, E or -
    name_regions: tuple[tuple[str, str], ...]  # (given region, family region) options

    def plural(self, language: str) -> bool:
        name = self.names[language]
        return name.startswith(("les ", "os ", "as ", "los ")) or self.code == "NLD"


def _headline_name(language: str, code: str, phrase: str) -> str:
    shorts = {
        "es": {"USA": "EE.UU.", "EUU": "UE", "COD": "RDC", "GBR": "Reino Unido", "ARE": "EAU"},
        "pt": {"USA": "EUA", "EUU": "UE", "COD": "RDC", "ARE": "EAU"},
        "fr": {"USA": "Washington", "EUU": "UE", "COD": "RDC", "ARE": "EAU"},
    }
    if code in shorts.get(language, {}):
        return shorts[language][code]
    for article in ("el ", "la ", "los ", "las ", "o ", "a ", "os ", "as ", "le ", "les "):
        if phrase.startswith(article):
            return _cap(phrase[len(article) :])
    if phrase.startswith("l'"):
        return _cap(phrase[2:])
    return phrase


@cache
def _countries() -> dict[str, _Country]:
    known = reference.countries()
    table: dict[str, _Country] = {}
    for line in _COUNTRY_TABLE.strip().splitlines():
        code, en, en_short, es, pt, fr, leader, regions = line.split("|")
        if code not in known:
            raise ValueError(f"{code} is not in reference/countries.csv")
        names = {"en": en, "es": es, "pt": pt, "fr": fr}
        headline = {"en": en_short} | {
            lang: _headline_name(lang, code, names[lang]) for lang in ("es", "pt", "fr")
        }
        options = tuple(
            (option.split("+")[0], option.split("+")[-1]) for option in regions.split("/")
        )
        table[code] = _Country(code, names, headline, leader, options)
    return table


@cache
def _pair_choosers() -> tuple[_Weighted, _Weighted, _Weighted]:
    table = _countries()
    hubs = _Weighted([(c, w) for c, w in _HUB_WEIGHTS.items()])
    producers = _Weighted(
        [
            (c, _PRODUCER_WEIGHTS.get(c, 1))
            for c in table
            if c not in _HUB_WEIGHTS or c in _PRODUCER_WEIGHTS
        ]
    )
    anyone = _Weighted([(c, 1) for c in table])
    return hubs, producers, anyone


@cache
def _cities() -> dict[str, tuple[str, ...]]:
    """Country → cities (English exonyms) from cities.csv, the capital first."""
    by_country: dict[str, list[str]] = {}
    for city in sorted(reference.cities(), key=lambda c: not c.is_capital):
        if city.name in _NO_EVENT_PLACE:
            continue
        code = _PLACE_COUNTRY_OVERRIDES.get(city.name, city.country_code)
        by_country.setdefault(code, []).append(city.name)
    return {code: tuple(names) for code, names in by_country.items()}


@cache
def _city_country() -> dict[str, str]:
    return {
        city.name: _PLACE_COUNTRY_OVERRIDES.get(city.name, city.country_code)
        for city in reference.cities()
    }


def _city_name(city: str, language: str) -> str:
    if language == "en" or city not in _CITY_NAMES:
        return city
    return _CITY_NAMES[city][("es", "pt", "fr").index(language)]


# --- minerals --------------------------------------------------------------------

# How each language names the minerals that instruments cover, weighted by how often
# they appear in minerals diplomacy. Every name is an alias of that mineral in
# reference/mineral_aliases.csv (tests/test_corpus.py checks), so the truth slug
# is the reference's. French names carry their gender for "le lithium, la bauxite".
_MINERALS: dict[str, tuple[int, dict[str, tuple[str, ...]]]] = {
    "lithium": (12, {"en": ("lithium",), "es": ("litio",), "pt": ("lítio",), "fr": ("m:lithium",)}),
    "copper": (9, {"en": ("copper",), "es": ("cobre",), "pt": ("cobre",), "fr": ("m:cuivre",)}),
    "cobalt": (8, {"en": ("cobalt",), "es": ("cobalto",), "pt": ("cobalto",), "fr": ("m:cobalt",)}),
    "nickel": (8, {"en": ("nickel",), "es": ("níquel",), "pt": ("níquel",), "fr": ("m:nickel",)}),
    "rare_earth_elements": (9, {"en": ("rare earths", "rare earth elements", "rare-earth elements"), "es": ("tierras raras", "elementos de tierras raras"), "pt": ("terras raras", "elementos de terras raras"), "fr": ("p:terres rares",)}),
    "graphite": (6, {"en": ("graphite", "natural graphite"), "es": ("grafito",), "pt": ("grafite",), "fr": ("m:graphite",)}),
    "manganese": (4, {"en": ("manganese",), "es": ("manganeso",), "pt": ("manganês",), "fr": ("m:manganèse",)}),
    "gallium": (2, {"en": ("gallium",), "es": ("galio",), "pt": ("gálio",), "fr": ("m:gallium",)}),
    "germanium": (2, {"en": ("germanium",), "es": ("germanio",), "pt": ("germânio",), "fr": ("m:germanium",)}),
    "tungsten": (2, {"en": ("tungsten",), "es": ("tungsteno",), "pt": ("tungstênio",), "fr": ("m:tungstène",)}),
    "antimony": (2, {"en": ("antimony",), "es": ("antimonio",), "pt": ("antimônio",), "fr": ("m:antimoine",)}),
    "platinum_group_metals": (2, {"en": ("platinum group metals",), "es": ("metales del grupo del platino",), "pt": ("metais do grupo da platina",), "fr": ("p:métaux du groupe du platine",)}),
    "vanadium": (1, {"en": ("vanadium",), "es": ("vanadio",), "pt": ("vanádio",), "fr": ("m:vanadium",)}),
    "titanium": (1, {"en": ("titanium",), "es": ("titanio",), "pt": ("titânio",), "fr": ("m:titane",)}),
    "uranium": (1, {"en": ("uranium",), "es": ("uranio",), "pt": ("urânio",), "fr": ("m:uranium",)}),
    "tin": (1, {"en": ("tin",), "es": ("estaño",), "pt": ("estanho",), "fr": ("m:étain",)}),
    "tantalum": (1, {"en": ("tantalum",), "es": ("tantalio",), "pt": ("tântalo",), "fr": ("m:tantale",)}),
    "niobium": (1, {"en": ("niobium",), "es": ("niobio",), "pt": ("nióbio",), "fr": ("m:niobium",)}),
    "zinc": (1, {"en": ("zinc",), "es": ("zinc",), "pt": ("zinco",), "fr": ("m:zinc",)}),
    "aluminum": (1, {"en": ("bauxite", "aluminium"), "es": ("bauxita",), "pt": ("bauxita",), "fr": ("f:bauxite",)}),
    "iron_ore": (1, {"en": ("iron ore",), "es": ("mineral de hierro",), "pt": ("minério de ferro",), "fr": ("m:minerai de fer",)}),
    "potash": (1, {"en": ("potash",), "es": ("potasa",), "pt": ("potássio",), "fr": ("f:potasse",)}),
    "phosphate_rock": (1, {"en": ("phosphate",), "es": ("fosfato",), "pt": ("fosfato",), "fr": ("m:phosphate",)}),
    "magnesium": (1, {"en": ("magnesium",), "es": ("magnesio",), "pt": ("magnésio",), "fr": ("m:magnésium",)}),
    "silicon": (1, {"en": ("silicon metal",), "es": ("silicio metálico",), "pt": ("silício metálico",), "fr": ("m:silicium",)}),
    "molybdenum": (1, {"en": ("molybdenum",), "es": ("molibdeno",), "pt": ("molibdênio",), "fr": ("m:molybdène",)}),
    "chromium": (1, {"en": ("chromium",), "es": ("cromo",), "pt": ("cromo",), "fr": ("m:chrome",)}),
    "beryllium": (1, {"en": ("beryllium",), "es": ("berilio",), "pt": ("berílio",), "fr": ("m:béryllium",)}),
    "fluorspar": (1, {"en": ("fluorspar",), "es": ("fluorita",), "pt": ("fluorita",), "fr": ("m:spath fluor",)}),
}  # fmt: skip
# Rare earths named one by one after "rare earths such as ...": each is its own slug.
_RARE_EARTHS: dict[str, dict[str, str]] = {
    "neodymium": {"en": "neodymium", "es": "neodimio", "pt": "neodímio", "fr": "m:néodyme"},
    "praseodymium": {"en": "praseodymium", "es": "praseodimio", "pt": "praseodímio", "fr": "m:praséodyme"},
    "dysprosium": {"en": "dysprosium", "es": "disprosio", "pt": "disprósio", "fr": "m:dysprosium"},
    "terbium": {"en": "terbium", "es": "terbio", "pt": "térbio", "fr": "m:terbium"},
}  # fmt: skip
# Products an instrument may name instead of the element: the annotator writes the element.
_COMPOUNDS: dict[str, dict[str, str]] = {
    "lithium": {"en": "lithium hydroxide", "es": "carbonato de litio", "pt": "carbonato de lítio", "fr": "m:carbonate de lithium"},
    "nickel": {"en": "nickel sulphate", "es": "sulfato de níquel", "pt": "sulfato de níquel", "fr": "m:sulfate de nickel"},
    "cobalt": {"en": "cobalt hydroxide", "es": "hidróxido de cobalto", "pt": "hidróxido de cobalto", "fr": "m:hydroxyde de cobalt"},
}  # fmt: skip


@cache
def _mineral_chooser() -> _Weighted:
    known = reference.minerals()
    for mineral_id in (*_MINERALS, *_RARE_EARTHS):
        if mineral_id not in known:
            raise ValueError(f"{mineral_id} is not in reference/minerals.csv")
    return _Weighted([(m, weight) for m, (weight, _) in _MINERALS.items()])


def mineral_names() -> dict[str, dict[str, tuple[str, ...]]]:
    """Mineral slug → language → the names the generator writes (for tests and docs)."""
    names: dict[str, dict[str, tuple[str, ...]]] = {}
    for mineral_id, (_, by_language) in _MINERALS.items():
        names[mineral_id] = {
            lang: tuple(_strip_gender(n) for n in v) for lang, v in by_language.items()
        }
    for mineral_id, name_by_language in _RARE_EARTHS.items():
        names[mineral_id] = {lang: (_strip_gender(n),) for lang, n in name_by_language.items()}
    return names


def _strip_gender(name: str) -> str:
    return name[2:] if name[1:2] == ":" else name


# --- people ----------------------------------------------------------------------


@cache
def _name_lists() -> dict[tuple[str, str, str], tuple[str, ...]]:
    """(region, part, gender) → names, from person_names.csv."""
    lists: dict[tuple[str, str, str], list[str]] = {}
    path = reference.REFERENCE_DIR / "person_names.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lists.setdefault((row["region"], row["part"], row["gender"]), []).append(row["name"])
    return {key: tuple(values) for key, values in lists.items()}


@cache
def _names_for(
    given_region: str, family_region: str, female: bool
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Given names of one gender and the family names that go with it (gendered or not)."""
    lists = _name_lists()
    gender = "f" if female else "m"
    givens = lists.get((given_region, "given", gender)) or lists[(given_region, "given", "")]
    families = lists.get((family_region, "family", gender), ()) + lists.get(
        (family_region, "family", ""), ()
    )
    return givens, families


_EASTERN_ORDER = frozenset({"zh_cn", "zh_tw", "ko_kr", "vi_vn"})  # family name first
_DOUBLE_SURNAMES = frozenset({"es_es", "es_mx", "es_ar", "es_cl", "es_co", "pt_br", "pt_pt"})


@dataclass(frozen=True)
class _Person:
    full: str  # the most complete form the articles write
    short: str  # the surname a later mention uses
    female: bool


def _person(r: random.Random, regions: tuple[tuple[str, str], ...]) -> _Person:
    given_region, family_region = _pick(r, regions)
    female = r.random() < 0.35
    givens, families = _names_for(given_region, family_region, female)
    given = _pick(r, givens)
    family = _pick(r, families)
    if family_region in _EASTERN_ORDER:
        return _Person(f"{family} {given}", family, female)
    if family_region in _DOUBLE_SURNAMES and r.random() < 0.4:
        second = _pick(r, families)
        if second != family:
            return _Person(f"{given} {family} {second}", family, female)
    if family_region in ("en_us", "en_gb") and r.random() < 0.12:
        initial = _pick(r, "ABCDEFGHJKLMNPRSTW")
        return _Person(f"{given} {initial}. {family}", family, female)
    return _Person(f"{given} {family}", family, female)


# Portfolios of the officials who sign or negotiate, by language: (masculine, feminine).
_PORTFOLIOS: dict[str, dict[str, tuple[str, str]]] = {
    "mines": {"en": ("Minister of Mines", "Minister of Mines"), "es": ("ministro de Minería", "ministra de Minería"), "pt": ("ministro de Minas e Energia", "ministra de Minas e Energia"), "fr": ("ministre des Mines", "ministre des Mines")},
    "energy_mines": {"en": ("Minister of Energy and Mines", "Minister of Energy and Mines"), "es": ("ministro de Energía y Minas", "ministra de Energía y Minas"), "pt": ("ministro de Energia e Minas", "ministra de Energia e Minas"), "fr": ("ministre de l'Énergie et des Mines", "ministre de l'Énergie et des Mines")},
    "foreign": {"en": ("Foreign Minister", "Foreign Minister"), "es": ("ministro de Relaciones Exteriores", "ministra de Relaciones Exteriores"), "pt": ("ministro das Relações Exteriores", "ministra das Relações Exteriores"), "fr": ("ministre des Affaires étrangères", "ministre des Affaires étrangères")},
    "industry": {"en": ("Minister of Industry", "Minister of Industry"), "es": ("ministro de Industria", "ministra de Industria"), "pt": ("ministro da Indústria", "ministra da Indústria"), "fr": ("ministre de l'Industrie", "ministre de l'Industrie")},
    "trade": {"en": ("Trade Minister", "Trade Minister"), "es": ("ministro de Comercio Exterior", "ministra de Comercio Exterior"), "pt": ("ministro do Comércio Exterior", "ministra do Comércio Exterior"), "fr": ("ministre du Commerce extérieur", "ministre du Commerce extérieur")},
    "economy": {"en": ("Economy Minister", "Economy Minister"), "es": ("ministro de Economía", "ministra de Economía"), "pt": ("ministro da Economia", "ministra da Economia"), "fr": ("ministre de l'Économie", "ministre de l'Économie")},
    "resources": {"en": ("Minister of Natural Resources", "Minister of Natural Resources"), "es": ("ministro de Recursos Naturales", "ministra de Recursos Naturales"), "pt": ("ministro dos Recursos Naturais", "ministra dos Recursos Naturais"), "fr": ("ministre des Ressources naturelles", "ministre des Ressources naturelles")},
    "vice_mines": {"en": ("Deputy Minister of Mines", "Deputy Minister of Mines"), "es": ("viceministro de Minas", "viceministra de Minas"), "pt": ("vice-ministro de Minas", "vice-ministra de Minas"), "fr": ("vice-ministre des Mines", "vice-ministre des Mines")},
}  # fmt: skip
_US_PORTFOLIOS: dict[str, dict[str, tuple[str, str]]] = {
    "secretary_state": {"en": ("Secretary of State", "Secretary of State"), "es": ("secretario de Estado", "secretaria de Estado"), "pt": ("secretário de Estado", "secretária de Estado"), "fr": ("secrétaire d'État", "secrétaire d'État")},
    "secretary_interior": {"en": ("Secretary of the Interior", "Secretary of the Interior"), "es": ("secretario del Interior", "secretaria del Interior"), "pt": ("secretário do Interior", "secretária do Interior"), "fr": ("secrétaire à l'Intérieur", "secrétaire à l'Intérieur")},
    "secretary_energy": {"en": ("Energy Secretary", "Energy Secretary"), "es": ("secretario de Energía", "secretaria de Energía"), "pt": ("secretário de Energia", "secretária de Energia"), "fr": ("secrétaire à l'Énergie", "secrétaire à l'Énergie")},
    "under_secretary": {"en": ("Under Secretary of State for Economic Affairs", "Under Secretary of State for Economic Affairs"), "es": ("subsecretario de Estado para Asuntos Económicos", "subsecretaria de Estado para Asuntos Económicos"), "pt": ("subsecretário de Estado para Assuntos Econômicos", "subsecretária de Estado para Assuntos Econômicos"), "fr": ("sous-secrétaire d'État aux Affaires économiques", "sous-secrétaire d'État aux Affaires économiques")},
}  # fmt: skip
_EU_PORTFOLIOS: dict[str, dict[str, tuple[str, str]]] = {
    "commissioner": {"en": ("European Commissioner for Industrial Strategy", "European Commissioner for Industrial Strategy"), "es": ("comisario europeo de Estrategia Industrial", "comisaria europea de Estrategia Industrial"), "pt": ("comissário europeu para a Estratégia Industrial", "comissária europeia para a Estratégia Industrial"), "fr": ("commissaire européen à la Stratégie industrielle", "commissaire européenne à la Stratégie industrielle")},
    "evp": {"en": ("Executive Vice-President of the European Commission", "Executive Vice-President of the European Commission"), "es": ("vicepresidente ejecutivo de la Comisión Europea", "vicepresidenta ejecutiva de la Comisión Europea"), "pt": ("vice-presidente executivo da Comissão Europeia", "vice-presidente executiva da Comissão Europeia"), "fr": ("vice-président exécutif de la Commission européenne", "vice-présidente exécutive de la Commission européenne")},
    "trade_commissioner": {"en": ("EU Trade Commissioner", "EU Trade Commissioner"), "es": ("comisario europeo de Comercio", "comisaria europea de Comercio"), "pt": ("comissário europeu do Comércio", "comissária europeia do Comércio"), "fr": ("commissaire européen au Commerce", "commissaire européenne au Commerce")},
}  # fmt: skip
_LEADERS: dict[str, dict[str, tuple[str, str]]] = {
    "P": {"en": ("President", "President"), "es": ("presidente", "presidenta"), "pt": ("presidente", "presidente"), "fr": ("président", "présidente")},
    "M": {"en": ("Prime Minister", "Prime Minister"), "es": ("primer ministro", "primera ministra"), "pt": ("primeiro-ministro", "primeira-ministra"), "fr": ("Premier ministre", "Première ministre")},
    "C": {"en": ("Chancellor", "Chancellor"), "es": ("canciller federal", "canciller federal"), "pt": ("chanceler federal", "chanceler federal"), "fr": ("chancelier", "chancelière")},
    "E": {"en": ("European Commission President", "European Commission President"), "es": ("presidente de la Comisión Europea", "presidenta de la Comisión Europea"), "pt": ("presidente da Comissão Europeia", "presidente da Comissão Europeia"), "fr": ("président de la Commission européenne", "présidente de la Commission européenne")},
}  # fmt: skip


@dataclass(frozen=True)
class _Official:
    person: _Person
    country: str
    titles: dict[str, tuple[str, str]]  # language → (masculine, feminine)
    national: bool  # the title names no country itself: "Minister of Mines" (of Chile)

    def title(self, language: str) -> str:
        return self.titles[language][self.person.female]


def _official(
    r: random.Random, code: str, *, leader: bool = False, diplomat: bool = False
) -> _Official:
    """A generated official of `code`; `diplomat` for instruments outside minerals, which
    foreign, trade and economy ministers sign rather than mining ministers."""
    country = _countries()[code]
    person = _person(r, country.name_regions)
    if leader:
        return _Official(person, code, _LEADERS[country.leader], code != "EUU")
    if code == "USA":
        keys = ("secretary_state", "under_secretary") if diplomat else tuple(_US_PORTFOLIOS)
        return _Official(person, code, _US_PORTFOLIOS[_pick(r, keys)], True)
    if code == "EUU":
        keys = ("trade_commissioner", "evp") if diplomat else tuple(_EU_PORTFOLIOS)
        return _Official(person, code, _EU_PORTFOLIOS[_pick(r, keys)], False)
    if diplomat:
        return _Official(person, code, _PORTFOLIOS[_pick(r, ("foreign", "trade", "economy"))], True)
    return _Official(person, code, _pick(r, _PORTFOLIO_ORDER), True)


_PORTFOLIO_ORDER = tuple(
    _PORTFOLIOS[key]
    for key in ("mines", "mines", "mines", "energy_mines", "foreign", "foreign", "industry", "trade", "economy", "resources", "vice_mines")
)  # fmt: skip


# --- companies -------------------------------------------------------------------

_COMPANY_STEMS = (
    "Andes", "Atlas", "Boreal", "Cordillera", "Meridian", "Southern Cross", "Nordic", "Sierra",
    "Altiplano", "Savanna", "Horizon", "Summit", "Keystone", "Redstone", "Ironbark", "Silverline",
    "Pacific Rim", "Great Rift", "Blue Ridge", "Kestrel", "Aurora", "Zenith", "Coastal",
    "Highland", "Evergreen", "Northstar", "Ridgeway", "Granite", "Crescent", "Falcon", "Tamarind",
    "Baobab", "Condor", "Puma", "Jaguar", "Orinoco", "Zambezi", "Kalahari", "Sahel", "Mekong",
)  # fmt: skip
_COMPANY_CORES = (
    "Lithium", "Metals", "Minerals", "Resources", "Mining", "Battery Materials", "Rare Earths",
    "Graphite", "Nickel", "Cobalt", "Copper", "Critical Metals", "Energy Metals",
)  # fmt: skip
_COMPANY_SUFFIXES = ("Corp", "Ltd", "Inc", "plc", "Holdings", "Limited", "Group")


def _company(r: random.Random, language: str) -> str:
    stem = _pick(r, _COMPANY_STEMS)
    if language == "es" and r.random() < 0.5:
        return _pick(
            r, (f"Minera {stem} S.A.", f"{stem} Minerales S.A.", f"Compañía Minera {stem}")
        )
    if language == "pt" and r.random() < 0.5:
        return _pick(r, (f"Mineração {stem} S.A.", f"{stem} Metais Ltda."))
    if language == "fr" and r.random() < 0.5:
        return _pick(r, (f"{stem} Métaux SAS", f"Société minière {stem}"))
    return f"{stem} {_pick(r, _COMPANY_CORES)} {_pick(r, _COMPANY_SUFFIXES)}"


# --- outlets ---------------------------------------------------------------------

# Fictional outlets on reserved `.example` domains: the corpus must never be mistaken
# for, or attributed to, a real publication.
_OUTLETS = {
    "en": (
        "Global Mining Wire", "Metals Monitor", "Resource Policy Daily", "The Commodity Desk",
        "Energy Transition Times", "Asia-Pacific Business Review", "Africa Mining Brief",
        "Capital Markets Herald", "The Supply Chain Ledger", "Americas Trade Journal",
        "Battery Metals Insider", "World Diplomacy Report",
    ),
    "es": (
        "Diario Minero", "Noticias de Minería", "El Observador Económico", "Minería al Día",
        "Revista Recursos", "Agencia Cordillera", "La Gaceta Financiera", "Portal Andino",
    ),
    "pt": (
        "Notícias Minerais", "Portal Recursos", "Gazeta Econômica", "Diário do Minério",
        "Jornal da Transição", "Folha dos Metais",
    ),
    "fr": (
        "Le Courrier des Métaux", "Mines & Matières", "L'Écho des Ressources",
        "Journal de l'Afrique minière", "La Dépêche économique", "Le Fil diplomatique",
    ),
}  # fmt: skip


# --- languages: grammar the templates rely on -------------------------------------

_MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
}
_WEEKDAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
    "es": "lunes martes miércoles jueves viernes sábado domingo".split(),
    "pt": "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo".split(),
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche".split(),
}
_AND = {"en": "and", "es": "y", "pt": "e", "fr": "et"}
_VOWELS = tuple("aeiouyhAEIOUYHÉÈÊÎÔÛéèêîôûÀÂàâ")


def _join(items: Sequence[str], language: str) -> str:
    """ "A, B and C" in the language (Spanish "y" becomes "e" before an /i/ sound)."""
    if len(items) == 1:
        return items[0]
    conjunction = _AND[language]
    last = items[-1]
    folded = last.lower()
    if (
        language == "es"
        and folded.startswith(("i", "hi"))
        and not folded.startswith(("hie", "hia"))
    ):
        conjunction = "e"
    return f"{', '.join(items[:-1])} {conjunction} {last}"


def _of(phrase: str, language: str) -> str:
    """ "of X" with the contractions each language makes: del, do/da/dos, du/des/d'."""
    if language == "en":
        return f"of {phrase}"
    if language == "es":
        return f"del {phrase[3:]}" if phrase.startswith("el ") else f"de {phrase}"
    if language == "pt":
        for article, contracted in (("os ", "dos "), ("as ", "das "), ("o ", "do "), ("a ", "da ")):
            if phrase.startswith(article):
                return contracted + phrase[len(article) :]
        return f"de {phrase}"
    for article, contracted in (("les ", "des "), ("le ", "du ")):
        if phrase.startswith(article):
            return contracted + phrase[len(article) :]
    if phrase.startswith(("la ", "l'")):
        return f"de {phrase}"
    return f"d'{phrase}" if phrase.startswith(_VOWELS) else f"de {phrase}"


def _in(phrase: str, language: str) -> str:
    """ "in X" for a country: en el Perú, no Brasil, au Chili, en France, aux États-Unis."""
    if language in ("en", "es"):
        return f"in {phrase}" if language == "en" else f"en {phrase}"
    if language == "pt":
        for article, contracted in (("os ", "nos "), ("as ", "nas "), ("o ", "no "), ("a ", "na ")):
            if phrase.startswith(article):
                return contracted + phrase[len(article) :]
        return f"em {phrase}"
    if phrase.startswith("les "):
        return "aux " + phrase[4:]
    if phrase.startswith("le "):
        return "au " + phrase[3:]
    if phrase.startswith("la "):
        return "en " + phrase[3:]
    if phrase.startswith("l'"):
        return "en " + phrase[2:]
    return f"en {phrase}" if phrase.startswith(_VOWELS) else f"à {phrase}"


def _possessive(code: str) -> str:
    """English possessive as wire copy writes it: "Chile's", "U.S.", "the UAE's"."""
    special = {"USA": "U.S.", "EUU": "EU", "GBR": "Britain's", "ARE": "the UAE's", "COD": "Congo's", "PHL": "the Philippines'", "NLD": "the Netherlands'"}  # fmt: skip
    if code in special:
        return special[code]
    return _countries()[code].names["en"] + "'s"


def _day(d: date, language: str) -> str:
    if d.day == 1 and language in ("fr", "pt"):
        return "1er" if language == "fr" else "1º"
    return str(d.day)


def _absolute(d: date, language: str, *, year: bool, british: bool = False) -> str:
    month = _MONTHS[language][d.month - 1]
    if language == "en":
        if british:
            return f"{d.day} {month} {d.year}" if year else f"{d.day} {month}"
        return f"{month} {d.day}, {d.year}" if year else f"{month} {d.day}"
    if language == "fr":
        return f"{_day(d, language)} {month} {d.year}" if year else f"{_day(d, language)} {month}"
    return (
        f"{_day(d, language)} de {month} de {d.year}" if year else f"{_day(d, language)} de {month}"
    )


@dataclass(frozen=True)
class _When:
    phrase: str  # with its leading space, "" when the text gives no date
    date: date | None  # what an annotator resolves it to
    precision: str | None


_NO_DATE = _When("", None, None)


def _when(r: random.Random, language: str, event: date, published: date) -> _When:
    """How a report dates an event, relative to its own publication date, and what an
    annotator resolves that to (ANNOTATION.md: relative dates against the publication)."""
    days = (published - event).days
    year = event.year != published.year or r.random() < 0.2
    british = r.random() < 0.4
    wd = _WEEKDAYS[language][event.weekday()]
    month = _MONTHS[language][event.month - 1]
    absolute = _absolute(event, language, year=year, british=british)
    day_options: list[str] = []
    if language == "en":
        day_options.append(f" on {absolute}")
        if days <= 6:
            day_options += [f" on {wd}"] * 3
        if days == 1:
            day_options.append(" yesterday")
        if days == 0:
            day_options.append(" today")
    elif language == "es":
        day_options += (
            [f" el {absolute}", f" el pasado {absolute}"] if days else [f" el {absolute}"]
        )
        if days == 0:
            day_options += [f" este {wd}", f" este {wd}", " hoy"]
        elif days <= 6:
            day_options += [f" el pasado {wd}", f" el {wd}"]
        if days == 1:
            day_options.append(" ayer")
    elif language == "pt":
        day_options += [f" em {absolute}", f" no dia {absolute}"]
        this = "neste" if event.weekday() >= 5 else "nesta"
        last = "no último" if event.weekday() >= 5 else "na última"
        if days == 0:
            day_options += [f" {this} {wd}", f" {this} {wd}", " hoje"]
        elif days <= 6:
            day_options += [f" {last} {wd}"]
        if days == 1:
            day_options.append(" ontem")
    else:
        day_options.append(f" le {absolute}")
        if days == 0:
            day_options += [f" ce {wd}", f" {wd}"]
        elif days <= 6:
            day_options += [f" {wd} dernier", f" {wd}"]
        if days == 1:
            day_options.append(" hier")
    roll = r.random()
    if days >= 7 and roll < 0.35:
        same_month = event.month == published.month and event.year == published.year
        first = event.replace(day=1)
        with_year = f" {event.year}" if event.year != published.year else ""
        if language == "en":
            options = [f" in {month}{with_year}"] + ([" earlier this month"] if same_month else [])
        elif language == "es":
            options = [f" en {month}{' de ' + str(event.year) if with_year else ''}"]
            options += [" a principios de este mes"] if same_month and event.day <= 10 else []
        elif language == "pt":
            options = [f" em {month}{' de ' + str(event.year) if with_year else ''}"]
            options += [" no início deste mês"] if same_month and event.day <= 10 else []
        else:
            options = [f" en {month}{with_year}"] + (
                [f" début {month}"] if same_month and event.day <= 10 else []
            )
        return _When(_pick(r, options), first, "month")
    if 5 <= days <= 12 and roll < 0.45:
        last_week = {"en": " last week", "es": " la semana pasada", "pt": " na semana passada", "fr": " la semaine dernière"}  # fmt: skip
        return _When(last_week[language], None, None)
    return _When(_pick(r, day_options), event, "day")


def _future(r: random.Random, language: str) -> str:
    options = {
        "en": (" next month", " in the coming weeks", " later this year", " during an upcoming official visit", ""),
        "es": (" el próximo mes", " en las próximas semanas", " antes de fin de año", " durante una próxima visita oficial", ""),
        "pt": (" no próximo mês", " nas próximas semanas", " até o fim do ano", " durante uma próxima visita oficial", ""),
        "fr": (" le mois prochain", " dans les prochaines semaines", " d'ici la fin de l'année", " lors d'une prochaine visite officielle", ""),
    }  # fmt: skip
    return _pick(r, options[language])


# --- instruments as each language names them ----------------------------------------

# kind → (indefinite, definite, headline word, gender, plural for "separate ..."),
# and which kinds an annotator accepts for that wording (ANNOTATION.md mapping).
_Wording = tuple[str, str, str, str, str, tuple[str, ...]]
_MOU, _MOC = "memorandum_of_understanding", "memorandum_of_cooperation"
_JS, _JD = "joint_statement", "joint_declaration"
_FA, _TB = "framework_agreement", "treaty_or_binding_agreement"
_PA, _LOI, _TALKS = "partnership", "letter_of_intent", "talks"
_INSTRUMENTS: dict[str, dict[str, tuple[_Wording, ...]]] = {
    "en": {
        _MOU: (("a memorandum of understanding", "the memorandum", "MoU", "m", "memorandums of understanding", (_MOU,)),
               ("an MoU", "the MoU", "MoU", "m", "MoUs", (_MOU,)),
               ("a memorandum of understanding (MoU)", "the MoU", "MoU", "m", "memorandums of understanding", (_MOU,))),
        _MOC: (("a memorandum of cooperation", "the memorandum", "cooperation memorandum", "m", "memorandums of cooperation", (_MOC,)),
               ("a memorandum of cooperation (MoC)", "the MoC", "MoC", "m", "memorandums of cooperation", (_MOC,))),
        _JS: (("a joint statement", "the joint statement", "joint statement", "m", "joint statements", (_JS,)),),
        _JD: (("a joint declaration", "the declaration", "joint declaration", "m", "joint declarations", (_JD,)),
              ("a joint declaration of intent", "the declaration", "declaration of intent", "m", "joint declarations of intent", (_JD, _LOI))),
        _FA: (("a framework agreement", "the framework agreement", "framework", "m", "framework agreements", (_FA,)),
              ("a framework", "the framework", "framework", "m", "frameworks", (_FA,)),
              ("an action plan", "the action plan", "action plan", "m", "action plans", (_FA, _JS))),
        _TB: (("a binding agreement", "the agreement", "agreement", "m", "binding agreements", (_TB,)),
              ("an agreement", "the agreement", "agreement", "m", "agreements", (_TB,)),
              ("a treaty", "the treaty", "treaty", "m", "treaties", (_TB,))),
        _PA: (("a strategic partnership", "the partnership", "partnership", "m", "strategic partnerships", (_PA,)),
              ("a partnership", "the partnership", "partnership", "m", "partnerships", (_PA,))),
        _LOI: (("a letter of intent", "the letter of intent", "letter of intent", "m", "letters of intent", (_LOI,)),),
    },
    "es": {
        _MOU: (("un memorando de entendimiento", "el memorando", "memorando de entendimiento", "m", "memorandos de entendimiento", (_MOU,)),
               ("un memorándum de entendimiento", "el memorándum", "memorándum de entendimiento", "m", "memorandos de entendimiento", (_MOU,))),
        _MOC: (("un memorando de cooperación", "el memorando", "memorando de cooperación", "m", "memorandos de cooperación", (_MOC,)),),
        _JS: (("un comunicado conjunto", "el comunicado", "comunicado conjunto", "m", "comunicados conjuntos", (_JS,)),),
        _JD: (("una declaración conjunta", "la declaración", "declaración conjunta", "f", "declaraciones conjuntas", (_JD, _JS)),),
        _FA: (("un acuerdo marco", "el acuerdo marco", "acuerdo marco", "m", "acuerdos marco", (_FA,)),
              ("un instrumento marco", "el instrumento", "instrumento marco", "m", "instrumentos marco", (_FA,)),
              ("un plan de acción", "el plan de acción", "plan de acción", "m", "planes de acción", (_FA, _JS))),
        _TB: (("un acuerdo vinculante", "el acuerdo", "acuerdo", "m", "acuerdos vinculantes", (_TB,)),
              ("un acuerdo", "el acuerdo", "acuerdo", "m", "acuerdos", (_TB,)),
              ("un tratado", "el tratado", "tratado", "m", "tratados", (_TB,))),
        _PA: (("una alianza estratégica", "la alianza", "alianza estratégica", "f", "alianzas estratégicas", (_PA,)),
              ("una asociación estratégica", "la asociación", "asociación estratégica", "f", "asociaciones estratégicas", (_PA,))),
        _LOI: (("una carta de intención", "la carta de intención", "carta de intención", "f", "cartas de intención", (_LOI,)),),
    },
    "pt": {
        _MOU: (("um memorando de entendimento", "o memorando", "memorando de entendimento", "m", "memorandos de entendimento", (_MOU,)),),
        _MOC: (("um memorando de cooperação", "o memorando", "memorando de cooperação", "m", "memorandos de cooperação", (_MOC,)),),
        _JS: (("um comunicado conjunto", "o comunicado", "comunicado conjunto", "m", "comunicados conjuntos", (_JS,)),),
        _JD: (("uma declaração conjunta", "a declaração", "declaração conjunta", "f", "declarações conjuntas", (_JD, _JS)),),
        _FA: (("um acordo-quadro", "o acordo-quadro", "acordo-quadro", "m", "acordos-quadro", (_FA,)),
              ("um plano de ação", "o plano de ação", "plano de ação", "m", "planos de ação", (_FA, _JS))),
        _TB: (("um acordo vinculante", "o acordo", "acordo", "m", "acordos vinculantes", (_TB,)),
              ("um acordo", "o acordo", "acordo", "m", "acordos", (_TB,)),
              ("um tratado", "o tratado", "tratado", "m", "tratados", (_TB,))),
        _PA: (("uma parceria estratégica", "a parceria", "parceria estratégica", "f", "parcerias estratégicas", (_PA,)),),
        _LOI: (("uma carta de intenções", "a carta de intenções", "carta de intenções", "f", "cartas de intenções", (_LOI,)),),
    },
    "fr": {
        _MOU: (("un protocole d'accord", "le protocole d'accord", "protocole d'accord", "m", "protocoles d'accord", (_MOU,)),
               ("un mémorandum d'entente", "le mémorandum", "mémorandum d'entente", "m", "mémorandums d'entente", (_MOU,))),
        _MOC: (("un mémorandum de coopération", "le mémorandum", "mémorandum de coopération", "m", "mémorandums de coopération", (_MOC,)),),
        _JS: (("un communiqué conjoint", "le communiqué", "communiqué conjoint", "m", "communiqués conjoints", (_JS,)),),
        _JD: (("une déclaration conjointe", "la déclaration", "déclaration conjointe", "f", "déclarations conjointes", (_JD, _JS)),
              ("une déclaration d'intention conjointe", "la déclaration", "déclaration d'intention", "f", "déclarations d'intention", (_JD, _LOI))),
        _FA: (("un accord-cadre", "l'accord-cadre", "accord-cadre", "m", "accords-cadres", (_FA,)),
              ("une feuille de route", "la feuille de route", "feuille de route", "f", "feuilles de route", (_FA, _JS))),
        _TB: (("un accord contraignant", "l'accord", "accord", "m", "accords contraignants", (_TB,)),
              ("un accord", "l'accord", "accord", "m", "accords", (_TB,)),
              ("un traité", "le traité", "traité", "m", "traités", (_TB,))),
        _PA: (("un partenariat stratégique", "le partenariat", "partenariat", "m", "partenariats stratégiques", (_PA,)),),
        _LOI: (("une lettre d'intention", "la lettre d'intention", "lettre d'intention", "f", "lettres d'intention", (_LOI,)),),
    },
}  # fmt: skip
# Wordings that say the instrument is binding by themselves.
_BINDING_WORDS = (
    "binding agreement",
    "acuerdo vinculante",
    "acordo vinculante",
    "accord contraignant",
)

# Past tense of "sign" for instruments, and what statements and declarations are done with.
_VERBS = {
    "en": {"plural": ("signed", "signed", "inked", "sealed", "concluded"), "singular": ("signed", "signed", "inked", "sealed"),
           "plural_js": ("issued", "adopted"), "singular_js": ("issued", "adopted"),
           "participle": ("signed", "signed"), "present": ("sign", "sign", "ink", "seal"), "present_sg": ("signs", "inks")},
    "es": {"plural": ("firmaron", "firmaron", "suscribieron", "rubricaron"), "singular": ("firmó", "firmó", "suscribió"),
           "plural_js": ("emitieron", "adoptaron"), "singular_js": ("emitió", "adoptó"),
           "participle": ("firmado", "firmada"), "present": ("firman", "firman", "suscriben", "sellan"), "present_sg": ("firma",)},
    "pt": {"plural": ("assinaram", "assinaram", "firmaram", "celebraram"), "singular": ("assinou", "assinou", "firmou"),
           "plural_js": ("divulgaram", "adotaram"), "singular_js": ("divulgou", "adotou"),
           "participle": ("assinado", "assinada"), "present": ("assinam", "assinam", "firmam", "selam"), "present_sg": ("assina", "firma")},
    "fr": {"plural": ("ont signé", "ont signé", "ont conclu"), "singular": ("a signé", "a signé", "a conclu"),
           "plural_js": ("ont publié", "ont adopté"), "singular_js": ("a publié", "a adopté"),
           "participle": ("signé", "signée"), "present": ("signent", "signent", "concluent", "scellent"), "present_sg": ("signe",)},
}  # fmt: skip

_GENERIC = {
    "en": ("critical minerals", "critical minerals", "critical raw materials", "strategic minerals", "battery minerals"),
    "es": ("minerales críticos", "minerales críticos", "minerales estratégicos", "materias primas críticas"),
    "pt": ("minerais críticos", "minerais críticos", "minerais estratégicos", "matérias-primas críticas"),
    "fr": ("minerais critiques", "métaux critiques", "matières premières critiques", "minéraux critiques"),
}  # fmt: skip
_TOPICS = {
    "en": (" on critical minerals", " on cooperation in critical minerals", " to strengthen critical mineral supply chains", " on {generic}", " on {generic} cooperation"),
    "es": (" sobre minerales críticos", " en materia de minerales críticos", " para la cooperación en {generic}", " sobre cadenas de suministro de minerales críticos"),
    "pt": (" sobre minerais críticos", " na área de minerais críticos", " para a cooperação em {generic}", " sobre cadeias de suprimento de minerais críticos"),
    "fr": (" sur les minerais critiques", " dans le domaine des {generic}", " relatif à la coopération en matière de {generic}", " sur les chaînes d'approvisionnement en métaux critiques"),
}  # fmt: skip
# Instruments about mining in general: the annotator marks them not critical-minerals related.
_MINING_TOPICS = {
    "en": (" on cooperation in mining and geology", " on mining sector cooperation"),
    "es": (" sobre cooperación en minería y geología", " sobre cooperación en el sector minero"),
    "pt": (" sobre cooperação em mineração e geologia", " sobre cooperação no setor de mineração"),
    "fr": (" sur la coopération dans le secteur minier et la géologie", " sur la coopération minière"),
}  # fmt: skip
# Sectors of the instruments that are *not* minerals news (negative "other_sector").
_SECTORS = {
    "en": ((" on green hydrogen", "green hydrogen"), (" on liquefied natural gas supplies", "energy security"), (" on trade and investment", "trade and investment"), (" on digital cooperation", "the digital economy"), (" on health cooperation", "public health"), (" on agricultural cooperation", "food security"), (" on tourism", "tourism"), (" on higher education", "education")),
    "es": ((" sobre hidrógeno verde", "el hidrógeno verde"), (" sobre suministro de gas natural licuado", "la seguridad energética"), (" sobre comercio e inversiones", "el comercio y la inversión"), (" sobre cooperación digital", "la economía digital"), (" en materia de salud", "la salud pública"), (" sobre cooperación agrícola", "la seguridad alimentaria"), (" sobre turismo", "el turismo")),
    "pt": ((" sobre hidrogênio verde", "o hidrogênio verde"), (" sobre fornecimento de gás natural liquefeito", "a segurança energética"), (" sobre comércio e investimentos", "o comércio e os investimentos"), (" sobre cooperação digital", "a economia digital"), (" na área da saúde", "a saúde pública"), (" sobre cooperação agrícola", "a segurança alimentar"), (" sobre turismo", "o turismo")),
    "fr": ((" sur l'hydrogène vert", "l'hydrogène vert"), (" sur l'approvisionnement en gaz naturel liquéfié", "la sécurité énergétique"), (" sur le commerce et l'investissement", "le commerce et l'investissement"), (" sur la coopération numérique", "l'économie numérique"), (" dans le domaine de la santé", "la santé publique"), (" sur la coopération agricole", "la sécurité alimentaire"), (" sur le tourisme", "le tourisme")),
}  # fmt: skip


# --- template banks -----------------------------------------------------------------
# Each slot's templates state exactly the facts the slot is chosen for: the engine
# decides what an article says (who signed, when, where, which minerals) and records
# it as truth; the template only words it. Keys: A/B/C parties (…c capitalised, _of
# "of A", _in "in A"), AB all parties joined, inst/insts/inst_def the instrument,
# verb_pl/verb_sg/pp the signing verb, topic/scope/minerals/talk what it covers,
# when/where the date and place (with their leading space, or empty), SA/SB the
# signers introduced (SA_end at a sentence end, SA_short once introduced).

_T: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "lede_pair": (
            "{ABc} {verb_pl} {inst}{topic}{where}{when}{scope}.",
            "{ABc}{when} {verb_pl} {inst}{topic}{where}{scope}.",
            "The governments of {AB} have {pp} {inst}{topic}{where}{when}{scope}.",
            "Officials from {AB} {verb_pl} {inst}{topic}{where}{when}{scope}, the latest in a string of deals aimed at securing supplies of {generic}.",
            "{ABc} {verb_pl} {inst}{topic}{when}{where}{scope}, deepening cooperation as demand for {generic} grows.",
        ),
        "lede_one": (
            "{Ac} {verb_sg} {inst}{topic} with {B}{where}{when}{scope}.",
            "{A_govc}{when} {verb_sg} {inst}{topic} with {B}{where}{scope}.",
            "{Ac} {verb_sg} {inst}{topic} with {B}{when}{where}{scope}, officials said.",
        ),
        "lede_people": (
            "{SAc} and {SB} {verb_pl} {inst}{topic}{where}{when}{scope}.",
            "{SAc} and {SB}{when} {verb_pl} {inst}{topic}{where}{scope}.",
        ),
        "lede_passive": ("{Inst} between {AB}{topic} was {pp}{where}{when}{scope}.",),
        "lede_announced": (
            "{ABc} will sign {inst}{topic}{future}{scope}, {announcer} said{when_said}.",
            "{ABc} are expected to sign {inst}{topic}{future}{scope}.",
            "{ABc} have agreed to sign {inst}{topic}{future}{scope}, officials said{when_said}.",
            "{ABc} announced{when_said} that they would sign {inst}{topic}{future}{scope}.",
        ),
        "lede_announced_one": ("{Ac} plans to sign {inst}{topic} with {B}{future}{scope}, {announcer} said{when_said}.",),
        "lede_negotiation": (
            "{ABc} are negotiating {inst}{topic}{scope}, {announcer} said{when_said}.",
            "{ABc} have begun negotiations on {inst}{topic}{scope}.",
            "Negotiators from {AB} are finalising the text of {inst}{topic}{scope}, officials said{when_said}.",
        ),
        "lede_negotiation_one": (
            "{Ac} is in talks with {B} over {inst}{topic}{scope}, {announcer} said{when_said}.",
            "{Ac} is negotiating {inst}{topic} with {B}{scope}.",
        ),
        "lede_talks_people": (
            "{SAc} met {SB}{where}{when} to discuss cooperation on {talk}.",
            "{SAc} and {SB} held talks{where}{when} on {talk}.",
            "{SAc} and {SB} held a bilateral meeting{where}{when} focused on {talk}.",
        ),
        "lede_talks_pair": (
            "{ABc} held talks on {talk}{where}{when}.",
            "Ministers from {AB} discussed cooperation on {talk}{where}{when}, as both governments look to secure supply chains for the energy transition.",
        ),
        "lede_multi": (
            "{ABc} {verb_pl} {inst}{topic}{where}{when}{scope}.",
            "Ministers from {AB} {verb_pl} {inst}{topic}{where}{when}{scope}.",
            "Representatives of {AB} {verb_pl} {inst}{topic}{when}{where}{scope}, in a bid to diversify supplies of {generic}.",
        ),
        "lede_two": (
            "{Ac} {verb_sg} separate {insts} with {BC}{topic}{where}{when}{scope}.",
            "{Ac} {verb_sg} {insts}{topic} with {BC}{when}{where}{scope}.",
        ),
        "signing": (
            "{Inst_def} was {pp} by {SA} and {SB_end}{witness}.",
            "{SAc} and {SB} signed {inst_def} on behalf of their governments{witness}.",
            "{SA_full} signed for {A} and {SB_full} for {B}{witness}.",
            "The document was signed by {SA} and {SB_end}{witness}.",
        ),
        "ceremony": (
            "The signing ceremony was attended by senior officials and business leaders from both countries.",
            "The ceremony took place during a visit by a high-level delegation.",
        ),
        "scope": (
            "{Inst_def} covers exploration, processing and recycling of {minerals}.",
            "Under {inst_def}, the parties will cooperate on the exploration, extraction and refining of {minerals}, as well as geological mapping and workforce training.",
            "{Inst_def} focuses on {minerals}, with an eye on supplies for batteries, electric vehicles and renewable energy.",
            "{Inst_def} sets out cooperation along the whole value chain of {minerals}, from exploration to processing and recycling.",
        ),
        "bullets_intro": ("{Inst_def} identifies the following areas of cooperation:", "The text lists these priorities:"),
        "bullet_mineral": ("- Exploration and development of {mineral} deposits", "- Processing and refining of {mineral}", "- Investment in {mineral} projects"),
        "bullet_other": ("- Exchange of geological data", "- Training of technical staff", "- Joint research on responsible sourcing"),
        "areas": (
            "{Inst_def} provides for joint geological surveys, the exchange of technical information, investment promotion and capacity building.",
            "Areas of cooperation include regulatory exchanges, research on responsible sourcing and the development of local processing capacity.",
            "The parties agreed to set up a joint working group to identify investment opportunities and share geological data.",
        ),
        "nonbinding": (
            "{Inst_def} is not legally binding.",
            "Officials stressed that {inst_def} is non-binding and creates no financial obligations.",
            "{Inst_def} is a non-binding statement of intent.",
        ),
        "binding": (
            "{Inst_def} is legally binding and will enter into force once ratified.",
            "Unlike earlier memoranda, {inst_def} is legally binding.",
        ),
        "quote_instrument": (
            "This agreement opens a new chapter in our cooperation with {other} on {generic}.",
            "This is a concrete step towards more resilient and transparent markets for {generic}.",
            "Our companies are ready to invest, and this gives them the certainty they need.",
            "What we signed today turns years of dialogue into concrete commitments.",
        ),
        "quote_minerals": (
            "{Selfc} has the resources, and our partners bring technology and investment. Together we can build secure and responsible supply chains.",
            "We want to add value at home, not just export raw materials.",
            "Diversifying supply chains for {generic} is a priority for both our governments.",
            "No country can secure the energy transition on its own.",
        ),
        "quote_neutral": (
            "Our relationship has never been stronger.",
            "We want investment that creates jobs and respects the highest environmental and social standards.",
            "Today we are turning words into concrete projects.",
            "This visit confirms the excellent level of our bilateral relations.",
        ),
        "attribution": ('"{q}," {speaker_short} said.', '"{q}," {speaker_short} told reporters.', '"{q}," {speaker_short} said in a statement.'),
        "attribution_first": ('"{q}," said {speaker_end}.',),
        "context_minerals": (
            "{Producerc} has been seeking foreign investment to develop its {mineral_other} deposits.",
            "Demand for {mineral_other} is expected to rise sharply over the next decade as carmakers expand battery production.",
            "Prices of {mineral_other} have been volatile this year amid concerns over the concentration of supply.",
            "China dominates the refining of many {generic}, and governments in Europe, North America and Asia have sought to diversify their sources.",
            "The deal comes as governments race to secure {generic} needed for electric vehicles, wind turbines and defence equipment.",
            "Analysts say new processing capacity outside China will take years to build.",
            "Global demand for {generic} is forecast to triple by 2040 under current climate policies, according to industry estimates.",
            "Mining companies say permitting delays remain the main obstacle to new projects.",
            "Refining capacity remains concentrated in a handful of countries, a vulnerability policymakers in both capitals have highlighted.",
            "Governments have also tightened rules on foreign ownership of mining assets, adding to uncertainty for investors.",
            "Prices for several battery metals fell sharply last year, squeezing margins for miners and delaying some projects.",
            "Recycling is expected to meet only a small share of demand before the 2030s.",
            "Investors have been wary of committing capital to long-dated projects amid volatile prices.",
            "Several governments have introduced tax incentives for domestic processing.",
            "Environmental groups have called for stricter standards on water use and community consultation.",
            "Development banks have pledged to support infrastructure linked to mining projects, including railways and ports.",
        ),
        "details": (
            "The text also covers research and innovation, environmental standards and workforce training.",
            "Beyond mining, the parties committed to cooperate on recycling, traceability and responsible sourcing.",
            "It also foresees joint work on infrastructure, logistics and access to finance for new projects.",
        ),
        "follow_up": (
            "{Short} added that officials would review progress within a year.",
            "{Short} said private investment in processing would be encouraged.",
            "{Short} also stressed the importance of high environmental and social standards.",
        ),
        "working_group": (
            "A joint working group, co-chaired by officials from both governments, will oversee implementation and report annually.",
            "The two sides will exchange geological data and organise an investment forum within a year.",
        ),
        "visit_note": ("The signing took place during a three-day official visit that also included meetings with mining companies and investors.",),
        "relations": (
            "{ABc} have deepened economic ties in recent years, with bilateral trade reaching {money_bn} in {year}.",
            "Bilateral trade between {AB} was worth {money_bn} in {year}, according to official figures.",
        ),
        "policy": ("{Producerc} adopted a national strategy for {generic} in {year}, aiming to attract investment in processing and refining.",),
        "reaction": (
            "Industry groups welcomed the move, saying it would give investors more certainty.",
            "Business leaders called for the commitments to be turned quickly into concrete projects.",
        ),
        "context_neutral": (
            "Bilateral trade between the two countries has grown steadily over the past decade.",
            "The two governments have held regular consultations since establishing a joint commission.",
            "Business groups from both countries welcomed the move.",
            "Officials said further meetings would take place later in the year.",
            "Both governments have pledged to expand cooperation beyond traditional sectors.",
            "Diplomats described the atmosphere of the talks as cordial and constructive.",
            "The visit comes ahead of a regional summit scheduled for later this year.",
            "Investment flows between the two economies have picked up since the pandemic.",
        ),
        "background_same": (
            "{Inst_def} builds on {bg_inst}{bg_topic} that the two countries signed{bg_when}.",
            "The two governments had already signed {bg_inst}{bg_topic}{bg_when}.",
            "{Inst_def} follows {bg_inst}{bg_topic} signed by {bg_AB}{bg_when}.",
        ),
        "background_other": ("{Bg_whenc}, {bg_A} signed {bg_inst}{bg_topic} with {bg_C}.", "{bg_Ac} signed {bg_inst}{bg_topic} with {bg_C}{bg_when}."),
        "background_unrelated": (
            "The two countries signed a free trade agreement in {year}.",
            "{Ac} and {B} established a strategic dialogue in {year}.",
            "In {year}, the two governments signed a memorandum of understanding on renewable energy.",
        ),
        "company_offtake": ("Separately, {co1} of {c1} signed a five-year offtake agreement with {co2} of {c2} for {mineral}.",),
        "company_joint_venture": ("Separately, {co1} of {c1} and {co2} of {c2} signed an agreement to form a joint venture to develop a {mineral} project.",),
        "company_investment": ("Separately, {co1} of {c1} said it would invest {money} in a {mineral} project in {c2}.",),
        "next_steps": (
            "A joint working group will meet within six months to identify priority projects.",
            "Officials said implementation details would be worked out in the coming months.",
            "The two sides plan to hold a business forum next year to connect investors with projects.",
        ),
        "wire_credit": ("(Reporting by {reporter} in {city}; Editing by {editor})", "Reporting by {reporter}; editing by {editor}"),
        "press_contact": ("Media contact: press@{domain}", "For more information, contact the press office: press@{domain}"),
        "about_company": ("About {co}\n{co} is an exploration and development company focused on {mineral} projects in {c}.",),
        "kicker": ("Press release", "Media release", "Joint media release", "Business | Mining", "World News", "Markets"),
        "byline": ("By {reporter}",),
        "published": ("Published {dmy}", "{mdy}", "Published: {mdy}"),
        "dateline_short": ("{CITY}, {mon_day} ({outlet}) - ",),
        "dateline_full": ("{City}, {dmy} – ",),
        "headline_signed": (
            "{A_head} and {B_head} sign {inst_head} on {generic}",
            "{A_head}, {B_head} ink {min_head} {inst_head}",
            "{A_head} signs {generic} {inst_head} with {B_head}",
            "{A_head} and {B_head} seal {min_head} cooperation deal",
            "{A_head}-{B_head} {inst_head} to boost {min_head} supply chains",
            "New {inst_head} links {A_head} and {B_head} on {min_head}",
        ),
        "headline_announced": ("{A_head} and {B_head} to sign {generic} {inst_head}", "{A_head} plans {min_head} {inst_head} with {B_head}", "{A_head}, {B_head} agree to sign {inst_head} on {generic}"),
        "headline_negotiation": ("{A_head}, {B_head} negotiating {generic} {inst_head}", "{A_head} in talks with {B_head} on {min_head} {inst_head}"),
        "headline_talks": ("{A_head} and {B_head} discuss {generic} cooperation", "{A_head}, {B_head} ministers meet on {min_head}", "{Min_head} on agenda as {A_head} and {B_head} hold talks"),
        "headline_multi": ("{count} countries sign {inst_head} on {generic}", "{A_head}, {B_head} and partners adopt {generic} {inst_head}"),
        "headline_two": ("{A_head} signs {min_head} deals with {B_head} and {C_head}",),
        "headline_mining": ("{A_head} and {B_head} sign {inst_head} on mining cooperation", "{A_head}, {B_head} agree to deepen mining ties"),
        "headline_mining_talks": ("{A_head} and {B_head} discuss mining cooperation",),
        "headline_sector": ("{A_head} and {B_head} sign {inst_head}{topic}", "{A_head}, {B_head} deepen ties with {inst_head}{topic}"),
        "sector": ("{Inst_def} provides for joint projects and technical exchanges to strengthen cooperation on {generic}.", "Both governments said {inst_def} would help attract investment in {generic}."),
    },
    "es": {
        "lede_pair": (
            "{ABc} {verb_pl} {inst}{topic}{where}{when}{scope}.",
            "{ABc} {verb_pl}{when}{where} {inst}{topic}{scope}.",
            "Los gobiernos {A_of} y {B_of} {verb_pl}{when} {inst}{topic}{where}{scope}.",
            "Autoridades {A_of} y {B_of} {verb_pl} {inst}{topic}{where}{when}{scope}, en medio de la carrera global por asegurar el suministro de {generic}.",
        ),
        "lede_one": (
            "{Ac} {verb_sg} con {B} {inst}{topic}{where}{when}{scope}.",
            "El Gobierno {A_of} {verb_sg}{when} {inst}{topic} con {B}{where}{scope}.",
        ),
        "lede_people": (
            "{SAc} y {SB} {verb_pl} {inst}{topic}{where}{when}{scope}.",
            "{SAc} y {SB} {verb_pl}{when} {inst}{topic}{where}{scope}.",
        ),
        "lede_passive": ("{Inst} entre {AB}{topic} fue {pp}{where}{when}{scope}.",),
        "lede_announced": (
            "{ABc} firmarán {inst}{topic}{future}{scope}, informó{when_said} {announcer}.",
            "{ABc} acordaron firmar {inst}{topic}{future}{scope}, según anunciaron{when_said} fuentes oficiales.",
            "Los gobiernos {A_of} y {B_of} anunciaron{when_said} que firmarán {inst}{topic}{future}{scope}.",
        ),
        "lede_announced_one": ("{Ac} prevé firmar {inst}{topic} con {B}{future}{scope}, informó{when_said} {announcer}.",),
        "lede_negotiation": (
            "{ABc} negocian {inst}{topic}{scope}, informó{when_said} {announcer}.",
            "{ABc} iniciaron negociaciones sobre {inst}{topic}{scope}.",
            "Negociadores {A_of} y {B_of} ultiman el texto de {inst}{topic}{scope}, según fuentes oficiales.",
        ),
        "lede_negotiation_one": ("{Ac} negocia con {B} {inst}{topic}{scope}, informó{when_said} {announcer}.",),
        "lede_talks_people": (
            "{SAc} se reunió con {SB}{where}{when} para analizar la cooperación en {talk}.",
            "{SAc} y {SB} sostuvieron una reunión bilateral{where}{when} centrada en {talk}.",
        ),
        "lede_talks_pair": (
            "{ABc} mantuvieron conversaciones sobre {talk}{where}{when}.",
            "Ministros {A_of} y {B_of} analizaron{when}{where} la cooperación en {talk}, en un contexto de creciente demanda para la transición energética.",
        ),
        "lede_multi": (
            "{ABc} {verb_pl} {inst}{topic}{where}{when}{scope}.",
            "Ministros {AB_of} {verb_pl} {inst}{topic}{where}{when}{scope}.",
        ),
        "lede_two": ("{Ac} {verb_sg} {insts} por separado con {BC}{topic}{where}{when}{scope}.",),
        "signing": (
            "{Inst_def} fue {pp} por {SA} y {SB_end}{witness}.",
            "Firmaron el documento {SA} y {SB_end}{witness}.",
            "{SA_full} firmó en representación {A_of} y {SB_full}, en nombre {B_of}{witness}.",
        ),
        "ceremony": (
            "La ceremonia de firma contó con la presencia de altos funcionarios y empresarios de ambos países.",
            "El acto se realizó en el marco de una visita oficial de una delegación de alto nivel.",
        ),
        "scope": (
            "{Inst_def} abarca la exploración, el procesamiento y el reciclaje de {minerals}.",
            "En virtud {inst_def_of}, las partes cooperarán en la exploración, extracción y refinación de {minerals}, así como en cartografía geológica y formación técnica.",
            "El instrumento se centra en {minerals}, con vistas a abastecer la producción de baterías, vehículos eléctricos y energías renovables.",
        ),
        "bullets_intro": ("Entre las áreas de trabajo definidas se encuentran:", "El texto establece las siguientes prioridades:"),
        "bullet_mineral": ("- Exploración y desarrollo de yacimientos de {mineral}.", "- Procesamiento y refinación de {mineral}.", "- Inversiones en proyectos de {mineral}."),
        "bullet_other": ("- Intercambio de información geológica.", "- Formación de capital humano técnico.", "- Investigación conjunta sobre minería responsable."),
        "areas": (
            "{Inst_def} prevé estudios geológicos conjuntos, intercambio de información técnica, promoción de inversiones y formación de capacidades.",
            "Entre las áreas de cooperación figuran el intercambio regulatorio, la investigación sobre abastecimiento responsable y el desarrollo de capacidades locales de procesamiento.",
        ),
        "nonbinding": (
            "{Inst_def} no es jurídicamente vinculante.",
            "El texto establece expresamente que no crea obligaciones jurídicamente vinculantes para ninguna de las partes.",
        ),
        "binding": ("{Inst_def} es jurídicamente vinculante y entrará en vigor tras su ratificación.",),
        "quote_instrument": (
            "Este instrumento abre un nuevo capítulo en nuestra cooperación con {other} en {generic}.",
            "Lo que firmamos hoy convierte años de diálogo en compromisos concretos.",
        ),
        "quote_minerals": (
            "Queremos que estos minerales se procesen cada vez más en nuestro territorio.",
            "Diversificar las cadenas de suministro de {generic} es una prioridad para ambos gobiernos.",
            "Ningún país puede asegurar por sí solo su transición energética.",
            "Nosotros tenemos los recursos y nuestros socios aportan tecnología e inversión; juntos podemos construir cadenas de suministro seguras y responsables.",
        ),
        "quote_neutral": (
            "Nuestra relación nunca ha sido tan sólida.",
            "Compartimos una visión de largo plazo basada en la confianza mutua.",
            "Esta visita confirma el excelente nivel de nuestras relaciones bilaterales.",
            "Queremos inversiones que generen empleo y respeten los más altos estándares ambientales y sociales.",
            "Hoy estamos convirtiendo las palabras en proyectos concretos.",
        ),
        "attribution": ('"{q}", afirmó {speaker_short}.', '"{q}", señaló {speaker_short}.', '"{q}", dijo {speaker_short} en un comunicado.'),
        "attribution_first": ('"{q}", afirmó {speaker_end}.', '"{q}", señaló {speaker_end}.'),
        "context_minerals": (
            "{Producerc} busca atraer inversión extranjera para desarrollar sus yacimientos de {mineral_other}.",
            "Se espera que la demanda de {mineral_other} crezca con fuerza en la próxima década por la expansión de la producción de baterías.",
            "Los precios {mineral_other_of} han sido volátiles este año ante la concentración de la oferta.",
            "China domina buena parte del refinado mundial de {generic}, y los gobiernos de Europa, Norteamérica y Asia buscan diversificar sus fuentes.",
            "Se prevé que la demanda mundial de {generic} se triplique hacia 2040, según estimaciones del sector.",
            "Las empresas mineras señalan que las demoras en los permisos siguen siendo el principal obstáculo para nuevos proyectos.",
            "La capacidad de refinación sigue concentrada en un puñado de países, una vulnerabilidad que preocupa a los gobiernos.",
            "Los precios de varios metales para baterías cayeron con fuerza el año pasado, lo que redujo los márgenes de las mineras y retrasó algunos proyectos.",
            "Se espera que el reciclaje cubra solo una pequeña parte de la demanda antes de la década de 2030.",
            "Varios gobiernos han introducido incentivos tributarios para el procesamiento local.",
            "Organizaciones ambientales reclaman normas más estrictas sobre el uso del agua y la consulta a las comunidades.",
        ),
        "details": (
            "El texto también abarca la investigación e innovación, los estándares ambientales y la formación de trabajadores.",
            "Más allá de la minería, las partes se comprometieron a cooperar en reciclaje, trazabilidad y abastecimiento responsable.",
        ),
        "follow_up": (
            "{Short} agregó que los avances se evaluarán en el plazo de un año.",
            "{Short} destacó la importancia de respetar altos estándares ambientales y sociales.",
        ),
        "working_group": (
            "Un grupo de trabajo conjunto, copresidido por funcionarios de ambos gobiernos, supervisará la implementación y presentará informes anuales.",
            "Las partes intercambiarán información geológica y organizarán un foro de inversiones en el plazo de un año.",
        ),
        "visit_note": ("La firma se produjo durante una visita oficial de tres días que incluyó reuniones con empresas mineras e inversionistas.",),
        "relations": ("{ABc} han estrechado sus lazos económicos en los últimos años, con un comercio bilateral de {money_bn} en {year}.",),
        "policy": ("{Producerc} aprobó en {year} una estrategia nacional de {generic} que busca atraer inversiones en procesamiento y refinación.",),
        "reaction": (
            "Los gremios empresariales celebraron el anuncio y afirmaron que dará más certidumbre a los inversionistas.",
            "El sector privado pidió que los compromisos se traduzcan rápidamente en proyectos concretos.",
        ),
        "context_neutral": (
            "El comercio bilateral entre ambos países ha crecido de forma sostenida en la última década.",
            "Los gremios empresariales de ambos países celebraron el anuncio.",
            "Las autoridades indicaron que habrá nuevas reuniones en los próximos meses.",
            "Fuentes diplomáticas describieron el encuentro como cordial y constructivo.",
            "La visita se produce antes de una cumbre regional prevista para finales de año.",
        ),
        "background_same": (
            "{Inst_def} se basa en {bg_inst}{bg_topic} que ambos países firmaron{bg_when}.",
            "Ambos gobiernos ya habían firmado {bg_inst}{bg_topic}{bg_when}.",
        ),
        "background_other": ("{Bg_whenc}, {bg_A} firmó {bg_inst}{bg_topic} con {bg_C}.",),
        "background_unrelated": (
            "Ambos países firmaron un tratado de libre comercio en {year}.",
            "En {year}, los dos gobiernos suscribieron un memorando sobre energías renovables.",
        ),
        "company_offtake": ("Por otra parte, la empresa {co1}, {c1_of}, firmó un acuerdo de compra a cinco años con {co2}, {c2_of}, para el suministro de {mineral}.",),
        "company_joint_venture": ("Por otra parte, {co1}, {c1_of}, y {co2}, {c2_of}, firmaron un acuerdo para crear una empresa conjunta que desarrollará un proyecto de {mineral}.",),
        "company_investment": ("Por otra parte, {co1}, {c1_of}, anunció que invertirá {money} en un proyecto de {mineral} {c2_in}.",),
        "next_steps": (
            "Un grupo de trabajo conjunto se reunirá en un plazo de seis meses para identificar proyectos prioritarios.",
            "Las autoridades indicaron que los detalles de implementación se definirán en los próximos meses.",
        ),
        "wire_credit": ("Con información de {reporter}.", "Redacción: {reporter}."),
        "press_contact": ("Contacto de prensa: prensa@{domain}",),
        "about_company": ("Acerca de {co}\n{co} es una empresa de exploración y desarrollo enfocada en proyectos de {mineral} {c_in}.",),
        "kicker": ("Comunicado de prensa", "Nota de prensa", "Economía", "Minería | Noticias", "Internacional"),
        "byline": ("Por {reporter}",),
        "published": ("Publicado el {dmy}", "{dmy} | {hhmm}"),
        "dateline_short": ("{CITY}, {mon_day} ({outlet}) - ",),
        "dateline_full": ("{City}, {dmy}.- ",),
        "headline_signed": (
            "{A_head} y {B_head} firman {inst} sobre {generic}",
            "{A_head} firma con {B_head} {inst} sobre {min_head}",
            "{A_head} y {B_head} sellan cooperación en {min_head}",
        ),
        "headline_announced": ("{A_head} y {B_head} firmarán {inst} sobre {generic}", "{A_head} prevé firmar con {B_head} {inst} sobre {min_head}"),
        "headline_negotiation": ("{A_head} y {B_head} negocian {inst} sobre {generic}",),
        "headline_talks": ("{A_head} y {B_head} analizan cooperación en {generic}", "{Min_head}: ministros de {A_head} y {B_head} se reúnen"),
        "headline_multi": ("{count} países firman {inst} sobre {generic}",),
        "headline_two": ("{A_head} firma acuerdos sobre {min_head} con {B_head} y {C_head}",),
        "headline_mining": ("{A_head} y {B_head} firman {inst} de cooperación minera",),
        "headline_mining_talks": ("{A_head} y {B_head} analizan cooperación minera",),
        "headline_sector": ("{A_head} y {B_head} firman {inst}{topic}",),
        "sector": ("{Inst_def} contempla proyectos conjuntos e intercambios técnicos para fortalecer {generic}.",),
    },
    "pt": {
        "lede_pair": (
            "{ABc} {verb_pl} {inst}{topic}{where}{when}{scope}.",
            "{ABc} {verb_pl}{when}{where} {inst}{topic}{scope}.",
            "Os governos {A_of} e {B_of} {verb_pl}{when} {inst}{topic}{where}{scope}.",
        ),
        "lede_one": (
            "{Ac} {verb_sg} com {B} {inst}{topic}{where}{when}{scope}.",
            "O governo {A_of} {verb_sg}{when} {inst}{topic} com {B}{where}{scope}.",
        ),
        "lede_people": (
            "{SAc} e {SB} {verb_pl} {inst}{topic}{where}{when}{scope}.",
            "{SAc} e {SB} {verb_pl}{when} {inst}{topic}{where}{scope}.",
        ),
        "lede_passive": ("{Inst} entre {AB}{topic} foi {pp}{where}{when}{scope}.",),
        "lede_announced": (
            "{ABc} vão assinar {inst}{topic}{future}{scope}, informou{when_said} {announcer}.",
            "Os governos {A_of} e {B_of} anunciaram{when_said} que vão assinar {inst}{topic}{future}{scope}.",
        ),
        "lede_announced_one": ("{Ac} pretende assinar {inst}{topic} com {B}{future}{scope}, informou{when_said} {announcer}.",),
        "lede_negotiation": (
            "{ABc} negociam {inst}{topic}{scope}, informou{when_said} {announcer}.",
            "{ABc} iniciaram negociações sobre {inst}{topic}{scope}.",
        ),
        "lede_negotiation_one": ("{Ac} negocia com {B} {inst}{topic}{scope}, informou{when_said} {announcer}.",),
        "lede_talks_people": (
            "{SAc} reuniu-se com {SB}{where}{when} para discutir a cooperação em {talk}.",
            "{SAc} e {SB} realizaram uma reunião bilateral{where}{when} centrada em {talk}.",
        ),
        "lede_talks_pair": ("{ABc} mantiveram conversas sobre {talk}{where}{when}.",),
        "lede_multi": ("{ABc} {verb_pl} {inst}{topic}{where}{when}{scope}.", "Ministros {AB_of} {verb_pl} {inst}{topic}{where}{when}{scope}."),
        "lede_two": ("{Ac} {verb_sg}, separadamente, {insts} com {BC}{topic}{where}{when}{scope}.",),
        "signing": (
            "{Inst_def} foi {pp} {by_SA} e {SB_end}{witness}.",
            "Assinaram o documento {SA} e {SB_end}{witness}.",
            "{SA_full} assinou em nome {A_of}, e {SB_full}, em nome {B_of}{witness}.",
        ),
        "ceremony": ("A cerimônia de assinatura reuniu autoridades e empresários dos dois países.",),
        "scope": (
            "{Inst_def} abrange a pesquisa, o processamento e a reciclagem de {minerals}.",
            "Pelo texto, as partes vão cooperar na exploração, extração e refino de {minerals}, além de mapeamento geológico e capacitação técnica.",
            "O instrumento tem como foco {minerals}, com vistas ao abastecimento da produção de baterias, veículos elétricos e energias renováveis.",
        ),
        "bullets_intro": ("Entre as áreas de cooperação previstas estão:",),
        "bullet_mineral": ("- Pesquisa e desenvolvimento de jazidas de {mineral};", "- Processamento e refino de {mineral};", "- Investimentos em projetos de {mineral};"),
        "bullet_other": ("- Troca de informações geológicas;", "- Capacitação de técnicos;"),
        "areas": ("{Inst_def} prevê levantamentos geológicos conjuntos, troca de informações técnicas, promoção de investimentos e capacitação.",),
        "nonbinding": ("{Inst_def} não é juridicamente vinculante.", "O texto não cria obrigações juridicamente vinculantes para as partes."),
        "binding": ("{Inst_def} é juridicamente vinculante e entrará em vigor após a ratificação.",),
        "quote_instrument": (
            "Este instrumento abre um novo capítulo na nossa cooperação com {other} em {generic}.",
            "O que assinamos hoje transforma anos de diálogo em compromissos concretos.",
        ),
        "quote_minerals": (
            "Queremos agregar valor aqui, e não apenas exportar matéria-prima.",
            "Nós temos os recursos, e nossos parceiros trazem tecnologia e investimento.",
            "Diversificar as cadeias de suprimento de {generic} é uma prioridade para os dois governos.",
            "Nenhum país consegue garantir sozinho a sua transição energética.",
        ),
        "quote_neutral": (
            "A nossa relação nunca foi tão forte.",
            "Queremos investimentos que gerem empregos e respeitem os mais altos padrões ambientais.",
            "Compartilhamos uma visão de longo prazo baseada na confiança mútua.",
            "Hoje estamos transformando palavras em projetos concretos.",
        ),
        "attribution": ('"{q}", afirmou {speaker_short}.', '"{q}", disse {speaker_short}.'),
        "attribution_first": ('"{q}", afirmou {speaker_end}.', '"{q}", disse {speaker_end}.'),
        "context_minerals": (
            "{Producerc} busca atrair investimento estrangeiro para desenvolver suas jazidas de {mineral_other}.",
            "A demanda por {mineral_other} deve crescer com força na próxima década com a expansão da produção de baterias.",
            "A China domina boa parte do refino mundial de {generic}, e governos da Europa, da América do Norte e da Ásia tentam diversificar suas fontes.",
            "A demanda mundial por {generic} deve triplicar até 2040, segundo estimativas do setor.",
            "Mineradoras apontam a demora no licenciamento como o principal obstáculo a novos projetos.",
            "A capacidade de refino continua concentrada em poucos países, uma vulnerabilidade que preocupa os governos.",
            "Os preços de vários metais para baterias caíram com força no ano passado, reduzindo as margens das mineradoras e adiando projetos.",
            "A reciclagem deve atender apenas uma pequena parte da demanda antes da década de 2030.",
            "Vários governos criaram incentivos fiscais para o processamento local.",
            "Organizações ambientais pedem regras mais rígidas sobre o uso da água e a consulta às comunidades.",
        ),
        "details": (
            "O texto também abrange pesquisa e inovação, padrões ambientais e qualificação de trabalhadores.",
            "Além da mineração, as partes se comprometeram a cooperar em reciclagem, rastreabilidade e fornecimento responsável.",
        ),
        "follow_up": (
            "{Short} acrescentou que os avanços serão avaliados em até um ano.",
            "{Short} destacou a importância de altos padrões ambientais e sociais.",
        ),
        "working_group": ("Um grupo de trabalho conjunto, copresidido por representantes dos dois governos, vai acompanhar a implementação e apresentar relatórios anuais.",),
        "visit_note": ("A assinatura ocorreu durante uma visita oficial de três dias que incluiu encontros com mineradoras e investidores.",),
        "relations": ("{ABc} estreitaram seus laços econômicos nos últimos anos, com um comércio bilateral de {money_bn} em {year}.",),
        "policy": ("{Producerc} lançou em {year} uma estratégia nacional para {generic}, com o objetivo de atrair investimentos em processamento e refino.",),
        "reaction": (
            "Entidades empresariais elogiaram o anúncio e disseram que ele dará mais segurança aos investidores.",
            "O setor privado pediu que os compromissos se traduzam rapidamente em projetos concretos.",
        ),
        "context_neutral": (
            "O comércio bilateral entre os dois países cresceu de forma consistente na última década.",
            "Segundo as autoridades, novas reuniões devem ocorrer nos próximos meses.",
            "Fontes diplomáticas descreveram o encontro como cordial e construtivo.",
            "A visita ocorre antes de uma cúpula regional prevista para o fim do ano.",
        ),
        "background_same": (
            "{Inst_def} dá continuidade a {bg_inst}{bg_topic} que os dois países assinaram{bg_when}.",
            "Os dois governos já haviam assinado {bg_inst}{bg_topic}{bg_when}.",
        ),
        "background_other": ("{Bg_whenc}, {bg_A} assinou {bg_inst}{bg_topic} com {bg_C}.",),
        "background_unrelated": ("Os dois países assinaram um acordo de livre comércio em {year}.",),
        "company_offtake": ("Em outra frente, a empresa {co1}, {c1_of}, assinou um contrato de compra de cinco anos com a {co2}, {c2_of}, para o fornecimento de {mineral}.",),
        "company_joint_venture": ("Em outra frente, a {co1}, {c1_of}, e a {co2}, {c2_of}, assinaram um acordo para criar uma joint venture que vai desenvolver um projeto de {mineral}.",),
        "company_investment": ("Em outra frente, a {co1}, {c1_of}, anunciou que vai investir {money} em um projeto de {mineral} {c2_in}.",),
        "next_steps": ("Um grupo de trabalho conjunto vai se reunir em até seis meses para identificar projetos prioritários.",),
        "wire_credit": ("Reportagem de {reporter}.", "Com informações de {reporter}."),
        "press_contact": ("Assessoria de imprensa: imprensa@{domain}",),
        "about_company": ("Sobre a {co}\nA {co} é uma empresa de pesquisa mineral com foco em projetos de {mineral} {c_in}.",),
        "kicker": ("Nota à imprensa", "Economia", "Mineração", "Internacional"),
        "byline": ("Por {reporter}",),
        "published": ("Publicado em {ddmmyyyy} {hhmm_pt}",),
        "dateline_short": ("{CITY}, {mon_day} ({outlet}) - ",),
        "dateline_full": ("{City}, {dmy} – ",),
        "headline_signed": ("{A_head} e {B_head} assinam {inst} sobre {generic}", "{A_head} assina com {B_head} {inst} sobre {min_head}"),
        "headline_announced": ("{A_head} e {B_head} vão assinar {inst} sobre {generic}",),
        "headline_negotiation": ("{A_head} e {B_head} negociam {inst} sobre {generic}",),
        "headline_talks": ("{A_head} e {B_head} discutem cooperação em {generic}",),
        "headline_multi": ("{count} países assinam {inst} sobre {generic}",),
        "headline_two": ("{A_head} assina acordos sobre {min_head} com {B_head} e {C_head}",),
        "headline_mining": ("{A_head} e {B_head} assinam {inst} de cooperação em mineração",),
        "headline_mining_talks": ("{A_head} e {B_head} discutem cooperação em mineração",),
        "headline_sector": ("{A_head} e {B_head} assinam {inst}{topic}",),
        "sector": ("{Inst_def} prevê projetos conjuntos e intercâmbios técnicos para fortalecer {generic}.",),
    },
    "fr": {
        "lede_pair": (
            "{ABc} {verb_pl} {inst}{topic}{where}{when}{scope}.",
            "{ABc} {verb_pl}{when}{where} {inst}{topic}{scope}.",
            "Les gouvernements {A_of} et {B_of} {verb_pl}{when} {inst}{topic}{where}{scope}.",
        ),
        "lede_one": (
            "{Ac} {verb_sg} avec {B} {inst}{topic}{where}{when}{scope}.",
            "Le gouvernement {A_of} {verb_sg}{when} {inst}{topic} avec {B}{where}{scope}.",
        ),
        "lede_people": (
            "{SAc} et {SB} {verb_pl} {inst}{topic}{where}{when}{scope}.",
            "{SAc} et {SB} {verb_pl}{when} {inst}{topic}{where}{scope}.",
        ),
        "lede_passive": ("{Inst} entre {AB}{topic} a été {pp}{where}{when}{scope}.",),
        "lede_announced": (
            "{ABc} vont signer {inst}{topic}{future}{scope}, a annoncé{when_said} {announcer}.",
            "Les gouvernements {A_of} et {B_of} ont annoncé{when_said} la signature prochaine d'{inst}{topic}{future}{scope}.",
        ),
        "lede_announced_one": ("{Ac} prévoit de signer {inst}{topic} avec {B}{future}{scope}, a annoncé{when_said} {announcer}.",),
        "lede_negotiation": (
            "{ABc} négocient {inst}{topic}{scope}, a indiqué{when_said} {announcer}.",
            "{ABc} ont engagé des négociations sur {inst}{topic}{scope}.",
        ),
        "lede_negotiation_one": ("{Ac} négocie avec {B} {inst}{topic}{scope}, a indiqué{when_said} {announcer}.",),
        "lede_talks_people": (
            "{SAc} s'est entretenu{e_fem} avec {SB}{where}{when} de la coopération en matière {talk}.",
            "{SAc} et {SB} ont tenu une réunion bilatérale{where}{when} consacrée à la coopération en matière {talk}.",
        ),
        "lede_talks_pair": ("{ABc} ont tenu des discussions sur la coopération en matière {talk}{where}{when}.",),
        "lede_multi": ("{ABc} {verb_pl} {inst}{topic}{where}{when}{scope}.", "Les ministres {AB_of} {verb_pl} {inst}{topic}{where}{when}{scope}."),
        "lede_two": ("{Ac} {verb_sg} séparément deux {insts} avec {BC}{topic}{where}{when}{scope}.",),
        "signing": (
            "{Inst_def} a été {pp} par {SA} et {SB_end}{witness}.",
            "Le document a été signé par {SA} et {SB_end}{witness}.",
            "{SA_full} a signé au nom {A_of}, et {SB_full} au nom {B_of}{witness}.",
        ),
        "ceremony": ("La cérémonie de signature s'est déroulée en présence de hauts fonctionnaires et de chefs d'entreprise des deux pays.",),
        "scope": (
            "{Inst_def} couvre l'exploration, la transformation et le recyclage {minerals_de}.",
            "Le texte prévoit une coopération tout au long de la chaîne de valeur {minerals_de}, de l'exploration au raffinage.",
            "Le texte porte en particulier sur {minerals}, avec en ligne de mire la production de batteries, de véhicules électriques et d'énergies renouvelables.",
        ),
        "bullets_intro": ("Le texte définit plusieurs axes de travail :",),
        "bullet_mineral": ("- exploration et mise en valeur des gisements {mineral_de} ;", "- transformation et raffinage {mineral_de} ;"),
        "bullet_other": ("- échange de données géologiques ;", "- formation d'ingénieurs et de techniciens ;"),
        "areas": ("{Inst_def} prévoit des campagnes géologiques conjointes, des échanges d'informations techniques, la promotion des investissements et la formation.",),
        "nonbinding": ("{Inst_def} n'est pas juridiquement contraignant{e_inst}.", "Le texte ne crée pas d'obligations juridiquement contraignantes pour les parties."),
        "binding": ("{Inst_def} est juridiquement contraignant{e_inst} et entrera en vigueur après sa ratification.",),
        "quote_instrument": (
            "Ce texte ouvre un nouveau chapitre de notre coopération avec {other} dans le domaine des {generic}.",
            "Ce que nous avons signé aujourd'hui transforme des années de dialogue en engagements concrets.",
        ),
        "quote_minerals": (
            "Nous voulons que ces ressources soient de plus en plus transformées sur notre territoire.",
            "Aucun pays ne peut assurer seul sa transition énergétique.",
            "Diversifier nos approvisionnements en {generic} est une priorité pour nos deux gouvernements.",
        ),
        "quote_neutral": (
            "Notre relation n'a jamais été aussi solide.",
            "Nous voulons des investissements qui créent des emplois et respectent les normes environnementales les plus exigeantes.",
            "Nous partageons une vision de long terme fondée sur la confiance.",
            "Aujourd'hui, nous passons des paroles aux projets concrets.",
        ),
        "attribution": ("« {q} », a déclaré {speaker_short}.", "« {q} », a souligné {speaker_short}."),
        "attribution_first": ("« {q} », a déclaré {speaker_end}.", "« {q} », a souligné {speaker_end}."),
        "context_minerals": (
            "{Producerc} cherche à attirer des investissements étrangers pour mettre en valeur ses gisements {mineral_other_de}.",
            "La demande {mineral_other_de} devrait fortement augmenter au cours de la prochaine décennie avec l'essor des batteries.",
            "La Chine domine l'essentiel du raffinage mondial des {generic}, et l'Europe cherche à diversifier ses sources d'approvisionnement.",
            "La demande mondiale de {generic} pourrait tripler d'ici 2040, selon les estimations du secteur.",
            "Les compagnies minières estiment que la lenteur des procédures d'autorisation reste le principal obstacle aux nouveaux projets.",
            "Les capacités de raffinage restent concentrées dans une poignée de pays, une vulnérabilité que soulignent les gouvernements.",
            "Les prix de plusieurs métaux pour batteries ont fortement chuté l'an dernier, réduisant les marges des producteurs et retardant certains projets.",
            "Le recyclage ne devrait couvrir qu'une faible part de la demande avant les années 2030.",
            "Plusieurs gouvernements ont instauré des incitations fiscales en faveur de la transformation locale.",
            "Des organisations environnementales réclament des règles plus strictes sur l'usage de l'eau et la consultation des populations.",
        ),
        "details": (
            "Le texte couvre également la recherche et l'innovation, les normes environnementales et la formation.",
            "Au-delà de l'extraction, les parties s'engagent à coopérer sur le recyclage, la traçabilité et l'approvisionnement responsable.",
        ),
        "follow_up": (
            "{Short} a ajouté qu'un premier bilan serait dressé d'ici un an.",
            "{Short} a insisté sur le respect de normes environnementales et sociales élevées.",
        ),
        "working_group": ("Un groupe de travail conjoint, coprésidé par des représentants des deux gouvernements, suivra la mise en œuvre et présentera un rapport annuel.",),
        "visit_note": ("La signature est intervenue lors d'une visite officielle de trois jours, marquée par des rencontres avec des entreprises minières et des investisseurs.",),
        "relations": ("{ABc} ont resserré leurs liens économiques ces dernières années, avec des échanges bilatéraux de {money_bn} en {year}.",),
        "policy": ("{Producerc} a adopté en {year} une stratégie nationale pour les {generic}, destinée à attirer des investissements dans la transformation et le raffinage.",),
        "reaction": (
            "Les organisations patronales ont salué l'annonce, estimant qu'elle apportera davantage de visibilité aux investisseurs.",
            "Le secteur privé a appelé à traduire rapidement ces engagements en projets concrets.",
        ),
        "context_neutral": (
            "Les échanges commerciaux entre les deux pays ont progressé régulièrement au cours de la dernière décennie.",
            "De nouvelles réunions sont prévues dans les prochains mois, selon les autorités.",
            "Des sources diplomatiques ont décrit un entretien cordial et constructif.",
            "La visite intervient avant un sommet régional prévu en fin d'année.",
        ),
        "background_same": (
            "{Inst_def} prolonge {bg_inst}{bg_topic} que les deux pays avaient signé{bg_pp_e}{bg_when}.",
            "Les deux gouvernements avaient déjà signé {bg_inst}{bg_topic}{bg_when}.",
        ),
        "background_other": ("{Bg_whenc}, {bg_A} avait signé {bg_inst}{bg_topic} avec {bg_C}.",),
        "background_unrelated": ("Les deux pays ont signé un accord de libre-échange en {year}.",),
        "company_offtake": ("Par ailleurs, la société {co1}, basée {c1_in}, a signé un contrat d'achat sur cinq ans avec {co2}, basée {c2_in}, pour la fourniture {mineral_de}.",),
        "company_joint_venture": ("Par ailleurs, les sociétés {co1}, basée {c1_in}, et {co2}, basée {c2_in}, ont signé un accord de coentreprise pour développer un projet {mineral_de}.",),
        "company_investment": ("Par ailleurs, la société {co1}, basée {c1_in}, a annoncé un investissement de {money} dans un projet {mineral_de} {c2_in}.",),
        "next_steps": ("Un groupe de travail conjoint se réunira d'ici six mois pour identifier des projets prioritaires.",),
        "wire_credit": ("(Avec {reporter})", "Par {reporter}"),
        "press_contact": ("Contact presse : presse@{domain}",),
        "about_company": ("À propos de {co}\n{co} est une société d'exploration minière axée sur des projets {mineral_de} {c_in}.",),
        "kicker": ("Communiqué de presse", "Économie", "International", "Matières premières"),
        "byline": ("Par {reporter}",),
        "published": ("Publié le {dmy} à {hhmm_fr}",),
        "dateline_short": ("{CITY}, {mon_day} ({outlet}) - ",),
        "dateline_full": ("{City}, le {dmy} – ",),
        "headline_signed": ("{A_headc} et {B_head} signent {inst} sur les {generic}", "{A_headc} et {B_head} renforcent leur coopération dans les {generic}"),
        "headline_announced": ("{A_headc} et {B_head} vont signer {inst} sur les {generic}",),
        "headline_negotiation": ("{A_headc} et {B_head} négocient {inst} sur les {generic}",),
        "headline_talks": ("{A_headc} et {B_head} discutent de coopération dans les {generic}",),
        "headline_multi": ("{count} pays signent {inst} sur les {generic}",),
        "headline_two": ("{A_headc} signe deux accords avec {B_head} et {C_head}",),
        "headline_mining": ("{A_headc} et {B_head} signent {inst} de coopération minière",),
        "headline_mining_talks": ("{A_headc} et {B_head} discutent de coopération minière",),
        "headline_sector": ("{A_headc} et {B_head} signent {inst}{topic}",),
        "sector": ("{Inst_def} prévoit des projets communs et des échanges techniques pour renforcer {generic}.",),
    },
}  # fmt: skip


# --- countries, people and minerals as one article writes them ----------------------


@cache
def _forms(code: str, language: str) -> dict[str, str]:
    """The noun phrases one country needs in one language."""
    country = _countries()[code]
    nom = country.names[language]
    forms = {"nom": nom, "cap": _cap(nom), "of": _of(nom, language), "in": _in(nom, language)}
    if language == "fr":
        forms["head"], forms["headc"] = nom, _cap(nom)
    else:
        forms["head"] = forms["headc"] = country.headline[language]
    if language == "en":
        forms["pos"] = _possessive(code)
        gov = {"EUU": "the European Commission", "USA": "the U.S. government"}.get(
            code, f"{forms['pos']} government"
        )
        forms["gov"] = gov
    return forms


@cache
def _always_singular(code: str) -> bool:
    """Whether "A signed ... with B" agrees with A in every language (not "les États-Unis")."""
    return not any(_countries()[code].plural(language) for language in LANGUAGES)


_ARTICLES = {"es": ("el", "la"), "pt": ("o", "a"), "fr": ("le", "la")}
_TITLE_STOP = frozenset("de del da do das dos para des du à au aux of for".split())


@cache
def _title_head(title: str) -> str:
    """ "ministra de Minería" → "ministra": how a later mention titles the person."""
    words = []
    for word in title.split():
        if word in _TITLE_STOP or "'" in word:
            break
        words.append(word)
    return " ".join(words) or title


def _intro(o: _Official, language: str, r: random.Random, *, end: bool) -> str:
    """A person's first mention with title and country, as the press writes it.

    In Spanish, Portuguese and French the apposition needs a closing comma before the
    sentence goes on ("la ministra de Minería de Chile, Ana Díaz, y ..."): `end`
    leaves it off for the end of a sentence.
    """
    name, title = o.person.full, o.title(language)
    forms = _forms(o.country, language)
    if language == "en":
        if end:
            return f"{name}, {forms['pos']} {title}" if o.national else f"{name}, {title}"
        if not o.national:
            return f"{title} {name}"
        return (
            f"{forms['pos']} {title} {name}"
            if r.random() < 0.75
            else f"{title} {name} of {forms['nom']}"
        )
    article = _ARTICLES[language][o.person.female]
    where = f" {forms['of']}" if o.national else ""
    text = f"{article} {title}{where}, {name}" if r.random() < 0.7 else f"{name}, {title}{where}"
    return text if end else text + ","


def _short(o: _Official, language: str) -> str:
    if language in ("en", "fr"):
        return o.person.short
    article = _ARTICLES[language][o.person.female]
    return f"{article} {_title_head(o.title(language))} {o.person.short}"


def _witness(o: _Official, language: str, r: random.Random) -> str:
    name, title = o.person.full, o.title(language)
    forms = _forms(o.country, language)
    if language == "en":
        who = f"{forms['pos']} {title} {name}" if o.national else f"{title} {name}"
        return f" in the presence of {who}" if r.random() < 0.7 else f", witnessed by {who}"
    where = f" {forms['of']}" if o.national else ""
    if language == "es":
        article = "de la" if o.person.female else "del"
        return f", en presencia {article} {title}{where}, {name}"
    if language == "pt":
        article = "da" if o.person.female else "do"
        return f", na presença {article} {title}{where}, {name}"
    article = "de la" if o.person.female else "du"
    return f", en présence {article} {title}{where}, {name}"


def _fr_article(gendered: str) -> str:
    gender, name = gendered.split(":", 1)
    if gender == "p":
        return f"les {name}"
    if name.startswith(_VOWELS):
        return f"l'{name}"
    return f"{'la' if gender == 'f' else 'le'} {name}"


def _fr_de(gendered: str) -> str:
    name = _strip_gender(gendered)
    return f"d'{name}" if name.startswith(_VOWELS) else f"de {name}"


@dataclass(frozen=True)
class _MineralText:
    plain: str  # "lithium, copper and rare earths" (French: "le lithium, le cuivre ...")
    de: str  # French "de lithium, de cuivre ..."; the plain list elsewhere
    head: str  # one mineral for a headline
    items: tuple[tuple[str, str], ...]  # each mineral alone: (plain, French "de" form)


def _mineral_text(event: _Event, language: str, r: random.Random) -> _MineralText:
    items: list[str] = []
    for mineral_id in event.minerals:
        if mineral_id == "rare_earth_elements":
            continue
        if mineral_id == event.compound:
            items.append(_COMPOUNDS[mineral_id][language])
        else:
            items.append(_pick(r, _MINERALS[mineral_id][1][language]))
    if "rare_earth_elements" in event.minerals:
        ree = _pick(r, _MINERALS["rare_earth_elements"][1][language])
        if event.rare_earths:
            named = [_RARE_EARTHS[m][language] for m in event.rare_earths]
            if language == "fr":
                clause = _join([_fr_article(n) for n in named], language)
                ree = f"{_strip_gender(ree)} comme {clause}"
                items.append(f"p:{ree}")
            else:
                such = {"en": "such as", "es": "como", "pt": "como"}[language]
                items.append(f"{ree} {such} {_join(named, language)}")
        else:
            items.append(ree)
    if language == "fr":
        plain = _join([_fr_article(i) for i in items], language)
        de = _join([_fr_de(i) for i in items], language)
        each = tuple((_strip_gender(i), _fr_de(i)) for i in items)
        return _MineralText(
            plain, de, _strip_gender(_MINERALS[event.minerals[0]][1][language][0]), each
        )
    plain = _join(items, language)
    return _MineralText(
        plain, plain, _MINERALS[event.minerals[0]][1][language][0], tuple((i, i) for i in items)
    )


def _other_mineral(r: random.Random, exclude: Sequence[str]) -> str:
    for _ in range(20):
        mineral_id = _mineral_chooser().pick(r)
        if mineral_id not in exclude:
            return mineral_id
    return "zinc" if "zinc" not in exclude else "tin"


# Spanish and Portuguese names that are feminine or plural ("de la bauxita", "das terras
# raras"); every other mineral name is masculine singular ("del cobre", "do lítio").
_ES_PT_GENDER = {
    "tierras raras": "fp", "elementos de tierras raras": "mp", "metales del grupo del platino": "mp",
    "bauxita": "f", "potasa": "f", "fluorita": "f", "terras raras": "fp", "elementos de terras raras": "mp",
    "metais do grupo da platina": "mp",
}  # fmt: skip


def _of_mineral(name: str, language: str) -> str:
    """ "del cobre", "de las tierras raras", "do lítio", "du lithium": prices *of* a mineral
    (`name` as in _MINERALS: French names carry their gender)."""
    if language == "en":
        return f"of {name}"
    if language == "fr":
        return _of(_fr_article(name), "fr")
    gender = _ES_PT_GENDER.get(name, "m")
    if language == "es":
        return {"m": "del ", "f": "de la ", "mp": "de los ", "fp": "de las "}[gender] + name
    return {"m": "do ", "f": "da ", "mp": "dos ", "fp": "das "}[gender] + name


def _mineral_name(mineral_id: str, language: str) -> tuple[str, str]:
    """(plain name, French "de" form) of one mineral, for context and company sentences:
    the first (most common) name, which also reads well before a noun ("rare earths project")."""
    name = _MINERALS[mineral_id][1][language][0]
    return _strip_gender(name), _fr_de(name) if language == "fr" else _strip_gender(name)


# --- events -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Event:
    """One real-world event: every article that reports it shares its id and facts."""

    id: str
    kind: str
    status: str
    parties: tuple[str, ...]  # in the order the first report names them
    date: date | None  # None: a future signing or an ongoing negotiation
    precision: str  # "day" for news; "month"/"year" for instruments recalled later
    city: str | None
    place_country: str | None
    summit: str | None
    signers: tuple[_Official, ...]  # one per party: who signs, negotiates or meets
    witnesses: tuple[_Official, ...]
    minerals: tuple[str, ...]  # the instrument's scope
    rare_earths: tuple[str, ...]  # rare earths named one by one (also in the scope)
    compound: str | None  # a scope mineral named through its product
    binding: bool | None
    critical: bool
    history: _Event | None = None  # an earlier instrument a report may recall
    companion: _Event | None = None  # a second bilateral signed at the same ceremony


_KINDS = _Weighted([(_MOU, 32), (_FA, 11), (_PA, 9), (_TALKS, 16), (_JS, 6), (_JD, 6), (_MOC, 5), (_TB, 6), (_LOI, 6)])  # fmt: skip
_HISTORY_KINDS = _Weighted([(_MOU, 50), (_FA, 20), (_PA, 15), (_JD, 15)])
_SHORT_KIND = {_MOU: "memorandum", _MOC: "moc", _JS: "joint", _JD: "joint", _FA: "framework", _TB: "agreement", _PA: "partnership", _LOI: "letter", _TALKS: "talks"}  # fmt: skip
_LAGS = _Weighted([(0, 45), (1, 25), (2, 5), (3, 4), (4, 3), (5, 2), (6, 1), (8, 3), (12, 3), (18, 3), (25, 3), (35, 3)])  # fmt: skip
_MINERAL_COUNTS = _Weighted([(1, 45), (2, 30), (3, 17), (4, 8)])


def _event_id(
    parties: Sequence[str], when: date, kind: str, suffix: str, *, year_only: bool = False
) -> str:
    period = f"{when.year}" if year_only else f"{when.year}-{when.month:02d}"
    return f"{'-'.join(sorted(parties))}-{period}-{_SHORT_KIND[kind]}-{suffix}"


def _make_event(r: random.Random, index: int, published: date) -> _Event:
    """The event first reported by article `index`, drawn from its stream right after its
    metadata: a re-report rebuilds it by replaying that stream."""
    hubs, producers, anyone = _pair_choosers()
    kind = _KINDS.pick(r)
    multi = kind in (_JS, _JD, _PA, _FA, _MOU) and r.random() < 0.09
    parties: list[str]
    if multi:
        parties = [hubs.pick(r)]
        size = 3 + int(r.random() * 3)
        while len(parties) < size:
            candidate = (hubs if r.random() < 0.4 else producers).pick(r)
            if candidate not in parties:
                parties.append(candidate)
    else:
        roll = r.random()
        first, second = (
            (hubs, producers) if roll < 0.65 else (hubs, hubs) if roll < 0.85 else (anyone, anyone)
        )
        parties = [first.pick(r)]
        while len(parties) < 2:
            candidate = second.pick(r)
            if candidate not in parties:
                parties.append(candidate)
        if r.random() < 0.5:
            parties.reverse()
    if kind == _TALKS:
        status = "talks"
    elif kind in (_JS, _JD) or multi:
        status = "signed"
    else:
        roll = r.random()
        status = "signed" if roll < 0.70 else "announced" if roll < 0.85 else "under_negotiation"
    when = published - timedelta(days=_LAGS.pick(r)) if status in ("signed", "talks") else None
    city = place_country = summit = None
    if when is not None:
        roll = r.random()
        with_city = [c for c in parties if c in _cities() or c == "EUU"]
        if roll < 0.10:
            city, summit = _pick(r, _SUMMITS)
            place_country = _city_country()[city]
        elif roll < 0.85 and with_city:
            code = _pick(r, with_city)
            cities = _cities().get(code, ("Brussels",)) if code != "EUU" else ("Brussels",)
            city = cities[0] if r.random() < 0.7 else _pick(r, cities)
            place_country = _city_country()[city]
        elif roll < 0.85:
            place_country = _pick(r, parties)
    signers = tuple(_official(r, code) for code in parties)
    witnesses: tuple[_Official, ...] = ()
    if status == "signed" and not multi and r.random() < 0.25:
        led = [code for code in parties if _countries()[code].leader != "-"]
        if led:
            witnesses = (_official(r, _pick(r, led), leader=True),)
    critical = multi or r.random() > 0.04
    minerals: list[str] = []
    rare_earths: tuple[str, ...] = ()
    compound = None
    if critical and r.random() < 0.8:
        count = _MINERAL_COUNTS.pick(r)
        while len(minerals) < count:
            mineral_id = _mineral_chooser().pick(r)
            if mineral_id not in minerals:
                minerals.append(mineral_id)
        if "rare_earth_elements" in minerals and r.random() < 0.3:
            rare_earths = tuple(r.sample(sorted(_RARE_EARTHS), 1 + int(r.random() * 2)))
        with_product = [m for m in minerals if m in _COMPOUNDS]
        if with_product and r.random() < 0.15:
            compound = _pick(r, with_product)
    binding = True if kind == _TB else False if kind in (_MOU, _MOC, _LOI, _JS, _JD) else None
    history = None
    if not multi and critical and r.random() < 0.35:
        history = _history(r, index, parties, published)
    companion = None
    hosts = [code for code in parties if _always_singular(code)]
    if (
        status == "signed"
        and not multi
        and kind in (_MOU, _MOC, _LOI, _FA)
        and hosts
        and r.random() < 0.07
    ):
        host = _pick(r, hosts)
        parties = [host] + [c for c in parties if c != host]
        other = producers.pick(r)
        if other not in parties:
            companion = _Event(
                _event_id((host, other), when or published, kind, f"n{index}b"),
                kind, status, (host, other), when, "day", city, place_country, summit,
                (), (), tuple(minerals), rare_earths, compound, binding, critical,
            )  # fmt: skip
    return _Event(
        _event_id(parties, when or published, kind, f"n{index}"),
        kind, status, tuple(parties), when, "day", city, place_country, summit, signers,
        witnesses, tuple(minerals), rare_earths, compound, binding, critical, history, companion,
    )  # fmt: skip


def _history(r: random.Random, index: int, parties: list[str], published: date) -> _Event:
    """An instrument the same states (or one of them with a third) signed years before."""
    year = published.year - 1 - int(r.random() * 6)
    precision = "month" if r.random() < 0.35 else "year"
    when = date(year, 1 + int(r.random() * 12), 1) if precision == "month" else date(year, 1, 1)
    singular = [c for c in parties if _always_singular(c)]
    if r.random() < 0.55 or not singular:
        members = tuple(parties)
    else:
        first = _pick(r, singular)
        other = first
        while other in parties:
            other = _pair_choosers()[1].pick(r)
        members = (first, other)
    kind = _HISTORY_KINDS.pick(r)
    minerals = (_mineral_chooser().pick(r),) if r.random() < 0.4 else ()
    return _Event(
        _event_id(members, when, kind, f"n{index}h", year_only=True),
        kind, "signed", members, when, precision, None, None, None, (), (), minerals,
        (), None, None, True,
    )  # fmt: skip


# --- writing one agreement article -------------------------------------------------

_SCOPES = {
    "en": (", covering {m}", ", with a focus on {m}", " focused on {m}", ", including cooperation on {m}"),
    "es": (", con foco en {m}", ", que incluye proyectos de {m}", ", con énfasis en la exploración y el procesamiento de {m}"),
    "pt": (", com foco em {m}", ", que inclui projetos de {m}", ", com ênfase na exploração e no processamento de {m}"),
    "fr": (", portant notamment sur {m}", ", qui couvre {m}", ", visant à développer des projets {m_de}"),
}  # fmt: skip
_JS_PARTICIPLE = {"en": ("issued", "issued"), "es": ("emitido", "emitida"), "pt": ("divulgado", "divulgada"), "fr": ("publié", "publiée")}  # fmt: skip
_SPOKESPERSON = {"en": "a government spokesperson", "es": "un portavoz del Gobierno", "pt": "um porta-voz do governo", "fr": "un porte-parole du gouvernement"}  # fmt: skip
_COUNT_WORDS = {
    "en": ("Three", "Four", "Five", "Six"), "es": ("Tres", "Cuatro", "Cinco", "Seis"),
    "pt": ("Três", "Quatro", "Cinco", "Seis"), "fr": ("Trois", "Quatre", "Cinq", "Six"),
}  # fmt: skip
_WIRE_HUBS = {
    "en": (("London", "GBR"), ("New York", "USA"), ("Singapore", "SGP"), ("Sydney", "AUS"), ("Johannesburg", "ZAF"), ("Toronto", "CAN")),
    "es": (("Madrid", "ESP"), ("Mexico City", "MEX"), ("Bogotá", "COL"), ("Buenos Aires", "ARG"), ("Santiago", "CHL"), ("Lima", "PER")),
    "pt": (("São Paulo", "BRA"), ("Rio de Janeiro", "BRA"), ("Lisbon", "PRT"), ("Brasília", "BRA")),
    "fr": (("Paris", "FRA"), ("Brussels", "BEL"), ("Geneva", "CHE"), ("Kinshasa", "COD"), ("Rabat", "MAR")),
}  # fmt: skip
_REPORTER_REGIONS = {"en": (("en_us", "en_us"), ("en_gb", "en_gb")), "es": (("es_es", "es_es"), ("es_mx", "es_mx"), ("es_ar", "es_ar")), "pt": (("pt_br", "pt_br"), ("pt_pt", "pt_pt")), "fr": (("fr_fr", "fr_fr"),)}  # fmt: skip
_BG_TOPIC = {"en": " on critical minerals", "es": " sobre minerales críticos", "pt": " sobre minerais críticos", "fr": " sur les minerais critiques"}  # fmt: skip


def _where_phrase(city: str, language: str) -> str:
    name = _city_name(city, language)
    return {"en": " in ", "es": " en ", "pt": " em ", "fr": " à "}[language] + name


def _summit_phrase(summit: str, city: str, language: str) -> str:
    if language == "en":
        return f" on the sidelines of {summit} in {city}"
    name = _SUMMIT_NAMES[summit][("es", "pt", "fr").index(language)]
    where = _where_phrase(city, language)
    lead = {"es": " en el marco", "pt": " à margem", "fr": " en marge"}[language]
    return f"{lead} {_of(name, language)}{where}"


def _entry(
    event: _Event,
    kinds: Sequence[str],
    *,
    when: _When = _NO_DATE,
    place: tuple[str | None, str | None] = (None, None),
    signatories: Sequence[str] = (),
    witnesses: Sequence[str] = (),
    minerals: Sequence[str] = (),
    binding: bool | None = None,
    background: bool = False,
) -> dict[str, Any]:
    """One agreement of an article entry, keys in the order of tests/gold/real/README.md."""
    return {
        "event": event.id,
        "kind": kinds[0] if len(kinds) == 1 else list(kinds),
        "status": event.status,
        "date": when.date.isoformat() if when.date else None,
        "precision": when.precision,
        "place": place[0],
        "place_country": place[1],
        "parties": sorted(event.parties),
        "signatories": list(signatories),
        "witnesses": list(witnesses),
        "minerals": sorted(set(minerals)),
        "binding": binding,
        "critical": event.critical,
        "background": background,
    }


@cache
def _singular_states(countries: tuple[str, ...], language: str) -> tuple[str, ...]:
    """The states among `countries` that take a singular verb ("Chile busca", not "los
    Emiratos busca"), for sentences about one producer; China when there is none."""
    states = tuple(c for c in countries if c != "EUU" and not _countries()[c].plural(language))
    return states or ("CHN",)


@cache
def _options(language: str, slot: str, plain: bool, avoid: tuple[str, ...]) -> tuple[str, ...]:
    """The templates of a slot that fit: without generic minerals words when `plain` (all
    of them when none fits), without any of the `avoid` texts (possibly none: then the
    story leaves that paragraph out rather than say "both governments" of five)."""
    options = _T[language][slot]
    if plain:
        options = tuple(o for o in options if "{generic}" not in o) or options
    if avoid:
        fitting = tuple(o for o in options if not any(a in o for a in avoid))
        options = fitting if fitting or slot in _OPTIONAL_SLOTS else options
    return options


# Colour a story can do without; every other slot states facts and is always written.
_OPTIONAL_SLOTS = frozenset(
    "working_group visit_note relations reaction details follow_up ceremony next_steps policy "
    "context_minerals context_neutral quote_minerals quote_instrument quote_neutral "
    "background_unrelated".split()
)


class _Writer:
    """One article's paragraphs and truth, written in one language from one random stream."""

    def __init__(self, r: random.Random, language: str, published: date, outlet: str) -> None:
        self.r = r
        self.language = language
        self.t = _T[language]
        self.published = published
        self.outlet = outlet
        self.domain = _domain(outlet)
        self.paragraphs: list[str] = []
        self.agreements: list[dict[str, Any]] = []
        self.company_deals: list[dict[str, Any]] = []
        self.introduced: set[str] = set()
        self.date_in_text = False
        self.dateline_city: str | None = None
        self.title = ""
        self.used: set[str] = set()
        self.avoid: tuple[str, ...] = ()  # wordings that do not fit this story anywhere
        self.about: str | None = None  # an "About X" boilerplate that closes the article

    def template(
        self, slot: str, *, plain: bool = False, avoid: tuple[str, ...] = (), fresh: bool = False
    ) -> str:
        """One template of `slot`; `plain` avoids those naming minerals generically (for
        instruments in other sectors or about mining in general), `avoid` those containing
        any of these texts (a key the story has no value for, "both" in a plurilateral).
        A wording the article has used is taken again only when no other fits, never
        with `fresh` (then "": say nothing rather than repeat a quote)."""
        if plain or avoid or self.avoid:
            options = _options(self.language, slot, plain, avoid + self.avoid)
        else:
            options = self.t[slot]
        count = len(options)
        if not count:
            return ""
        start = int(self.r.random() * count)
        template = options[start]
        if template in self.used:  # the next wording the article has not used yet
            for step in range(1, count):
                candidate = options[(start + step) % count]
                if candidate not in self.used:
                    template = candidate
                    break
            else:
                if fresh:
                    return ""
        self.used.add(template)
        return template

    def fill(
        self, slot: str, ctx: dict[str, str], *, plain: bool = False, avoid: tuple[str, ...] = ()
    ) -> str:
        text = _tidy(self.template(slot, plain=plain, avoid=avoid).format_map(ctx))
        return text[0].upper() + text[1:] if text[:1].islower() else text

    def context(
        self,
        ctx: dict[str, str],
        countries: Sequence[str],
        exclude: Sequence[str],
        *,
        plain: bool = False,
    ) -> str:
        """One sentence of market or policy background ("" once all are used); the minerals
        it names are never the instrument's (they are "mentioned" only, ANNOTATION.md).
        `plain`: relations and diplomacy only, no minerals at all."""
        template = self.template("context_neutral" if plain else "context_minerals", fresh=True)
        if not template:
            return ""
        if "{Producerc}" in template:
            states = _singular_states(tuple(countries), self.language)
            ctx["Producerc"] = _forms(_pick(self.r, states), self.language)["cap"]
        if "{mineral_other" in template:
            other = _other_mineral(self.r, exclude)
            ctx["mineral_other"], ctx["mineral_other_de"] = _mineral_name(other, self.language)
            ctx["mineral_other_of"] = _of_mineral(
                _MINERALS[other][1][self.language][0], self.language
            )
        text = template.format_map(ctx)
        return text[0].upper() + text[1:]

    def speaker(self, o: _Official) -> tuple[str, bool]:
        """How a quote attributes `o`: the full introduction the first time, then the short form."""
        if o.person.full in self.introduced:
            return _short(o, self.language), False
        self.introduced.add(o.person.full)
        return _intro(o, self.language, self.r, end=True), True

    def quote(self, o: _Official, bank: str, ctx: dict[str, str], *, plain: bool = False) -> str:
        own = _forms(o.country, self.language)
        ctx["Selfc"], ctx["other"] = own["cap"], ctx.get("other_of_" + o.country, ctx["B"])
        template = self.template(bank, plain=plain, fresh=True)
        if not template:
            return ""
        q = _cap(template.format_map(ctx)).rstrip(".")
        said, first = self.speaker(o)
        slot = "attribution_first" if first else "attribution"
        return self.fill(slot, {"q": q, "speaker_end": said, "speaker_short": said})

    def person_name(self, regions: tuple[tuple[str, str], ...]) -> str:
        return _person(self.r, regions).full

    def top_matter(self, title: str) -> None:
        """Headline, section label, byline and publication line, as scraped pages carry them."""
        r = self.r
        if r.random() < 0.5:
            self.paragraphs.append(title)
        if r.random() < 0.2:
            self.paragraphs.append(_pick(r, self.t["kicker"]))
        if r.random() < 0.15:
            reporter = self.person_name(_REPORTER_REGIONS[self.language])
            self.paragraphs.append(self.fill("byline", {"reporter": reporter}))
        if r.random() < 0.25:
            self.paragraphs.append(self.fill("published", self.date_formats()))
            self.date_in_text = True

    def date_formats(self) -> dict[str, str]:
        d = self.published
        month = _MONTHS[self.language][d.month - 1]
        hour, minute = 7 + int(self.r.random() * 14), int(self.r.random() * 60)
        dmy = {"en": f"{d.day} {month} {d.year}", "es": f"{d.day} de {month} de {d.year}", "pt": f"{d.day} de {month} de {d.year}", "fr": f"{_day(d, 'fr')} {month} {d.year}"}[self.language]  # fmt: skip
        return {
            "dmy": dmy,
            "mdy": f"{month} {d.day}, {d.year}",
            "hhmm": f"{hour:02d}:{minute:02d}",
            "ddmmyyyy": f"{d.day:02d}/{d.month:02d}/{d.year}",
            "hhmm_pt": f"{hour:02d}h{minute:02d}",
            "hhmm_fr": f"{hour:02d}h{minute:02d}",
        }

    def dateline(
        self, place_city: str | None, parties: Sequence[str], event_city: str | None
    ) -> str:
        """A dateline, from the event's city when the text names it, else from a wire hub
        in none of the parties' countries and not the event's city: a dateline is never
        the only clue to a place."""
        r = self.r
        if r.random() >= 0.35:
            return ""
        if place_city and r.random() < 0.6:
            city = place_city
        else:
            hubs = [
                c
                for c, code in _WIRE_HUBS[self.language]
                if code not in parties and c != event_city
            ]
            if not hubs:
                return ""
            city = _pick(r, hubs)
        self.dateline_city = city
        name = _city_name(city, self.language)
        formats = self.date_formats()
        if r.random() < 0.35:
            self.date_in_text = True
            return self.fill("dateline_full", dict(formats, City=name))
        d = self.published
        month = _MONTHS[self.language][d.month - 1]
        mon_day = (
            f"{month} {d.day}"
            if self.language == "en"
            else f"{_day(d, self.language)} {month[:3] if self.language != 'fr' else month}"
        )
        return self.fill(
            "dateline_short", {"CITY": name.upper(), "mon_day": mon_day, "outlet": self.outlet}
        )

    def ending(self, ctx: dict[str, str]) -> None:
        r = self.r
        roll = r.random()
        if roll < 0.3:
            reporter = self.person_name(_REPORTER_REGIONS[self.language])
            editor = self.person_name(_REPORTER_REGIONS[self.language])
            if self.language == "en" and self.dateline_city:
                credit = f"(Reporting by {reporter} in {self.dateline_city}; Editing by {editor})"
            elif self.language == "en":
                credit = f"(Reporting by {reporter}; Editing by {editor})"
            else:
                credit = self.fill("wire_credit", {"reporter": reporter})
            self.paragraphs.append(credit)
        elif roll < 0.45:
            self.paragraphs.append(self.fill("press_contact", {"domain": self.domain}))

    def company_mention(self, parties: Sequence[str], exclude: Sequence[str]) -> None:
        """A deal between companies reported in passing: a company deal, not an agreement."""
        r, language = self.r, self.language
        kind = _pick(r, ("offtake", "offtake", "joint_venture", "investment"))
        c1 = _pick(r, parties)
        c2 = _pair_choosers()[2].pick(r)
        while c2 == c1:
            c2 = _pair_choosers()[2].pick(r)
        co1, co2 = _company(r, language), _company(r, language)
        while co2 == co1:
            co2 = _company(r, language)
        mineral_id = _other_mineral(r, exclude)
        plain, de = _mineral_name(mineral_id, language)
        f1, f2 = _forms(c1, language), _forms(c2, language)
        money = _money(r, language)
        ctx = {"co1": co1, "co2": co2, "c1": f1["nom"], "c2": f2["nom"], "c1_of": f1["of"], "c2_of": f2["of"], "c1_in": f1["in"], "c2_in": f2["in"], "mineral": plain, "mineral_de": de, "money": money}  # fmt: skip
        self.paragraphs.append(self.fill("company_" + kind, ctx))
        companies = [co1] if kind == "investment" else [co1, co2]
        self.company_deals.append(
            {
                "kind": kind,
                "status": "announced" if kind == "investment" else "signed",
                "companies": companies,
                "countries": sorted({c1, c2}),
                "minerals": [mineral_id],
                "date": None,
                "precision": None,
            }
        )
        if r.random() < 0.4:
            about = {
                "co": co1,
                "mineral": plain,
                "mineral_de": de,
                "c": f2["nom"],
                "c_in": f2["in"],
            }
            self.about = self.fill("about_company", about)

    def text(self) -> str:
        paragraphs = [*self.paragraphs, self.about] if self.about else self.paragraphs
        return "\n\n".join(p for p in paragraphs if p)


@cache
def _domain(outlet: str) -> str:
    return slug(outlet).replace("-", "") + ".example"


def _billions(r: random.Random, language: str) -> str:
    whole, tenth = 1 + int(r.random() * 40), int(r.random() * 10)
    if language == "en":
        return f"${whole}.{tenth} billion"
    if language == "es":
        return f"US$ {whole}.{tenth}00 millones"
    if language == "pt":
        return f"US$ {whole},{tenth} bilhões"
    return f"{whole},{tenth} milliards de dollars"


def _money(r: random.Random, language: str) -> str:
    amount = _pick(r, (25, 40, 50, 75, 120, 150, 200, 250, 300, 450, 500, 800))
    if language == "en":
        return f"${amount} million"
    if language == "fr":
        return f"{amount} millions de dollars"
    return f"US$ {amount} millones" if language == "es" else f"US$ {amount} milhões"


def _bg_when(history: _Event, language: str, published: date) -> tuple[str, str]:
    """How a report dates a recalled instrument (its year or month), mid and sentence-initial."""
    assert history.date is not None
    year = history.date.year
    month = _MONTHS[language][history.date.month - 1]
    if history.precision == "month":
        phrase = {"en": f"in {month} {year}", "es": f"en {month} de {year}", "pt": f"em {month} de {year}", "fr": f"en {month} {year}"}[language]  # fmt: skip
    elif year == published.year - 1:
        phrase = {"en": "last year", "es": "el año pasado", "pt": "no ano passado", "fr": "l'an dernier"}[language]  # fmt: skip
    else:
        phrase = {"en": f"in {year}", "es": f"en {year}", "pt": f"em {year}", "fr": f"en {year}"}[language]  # fmt: skip
    return " " + phrase, _cap(phrase)


_PAIR_WORDS = (
    "both", "two countries", "two governments", "two sides", "ambos", "dos países", "dos gobiernos",
    "dois países", "dois governos", "deux pays", "deux gouvernements", "bilateral",
)  # fmt: skip


def _agreement_article(
    r: random.Random,
    event: _Event,
    language: str,
    outlet: str,
    published: date,
    *,
    rereport: bool = False,
    sector: tuple[str, str] | None = None,
) -> _Writer:
    """An article reporting `event`; with `sector` (topic, subject) the same story about an
    instrument in another sector, which an annotator does not count (no agreements)."""
    w = _Writer(r, language, published, outlet)
    multi = len(event.parties) > 2
    companion = event.companion if event.companion and (not rereport or r.random() < 0.5) else None
    parties = list(event.parties)
    if not multi and companion is None and r.random() < 0.4:
        parties.reverse()
    a, b = parties[0], parties[1]
    if multi or companion is not None:  # three states or more: no "both governments"
        w.avoid = _PAIR_WORDS
    fa, fb = _forms(a, language), _forms(b, language)
    noms = [_forms(code, language)["nom"] for code in parties]
    plain = not event.critical
    generic = sector[1] if sector else _pick(r, _GENERIC[language])
    ctx: dict[str, str] = {
        "A": fa["nom"], "Ac": fa["cap"], "A_of": fa["of"], "A_in": fa["in"],
        "B": fb["nom"], "Bc": fb["cap"], "B_of": fb["of"], "B_in": fb["in"],
        "A_head": fa["head"], "A_headc": fa["headc"], "B_head": fb["head"],
        "AB": _join(noms, language), "ABc": _cap(_join(noms, language)),
        "AB_of": f"of {_join(noms, language)}" if language == "en" else _join([_forms(c, language)["of"] for c in parties], language),
        "generic": generic, "other": fb["nom"],
        "count": _COUNT_WORDS[language][min(len(parties), 6) - 3] if multi else "",
    }  # fmt: skip
    for code in parties:
        others = [_forms(c, language)["nom"] for c in parties if c != code]
        ctx["other_of_" + code] = _join(others, language)
    if language == "en":
        ctx["A_govc"] = _cap(fa["gov"])
    if companion is not None:
        fc = _forms(companion.parties[1], language)
        ctx["C_head"] = fc["head"]
        ctx["BC"] = _join([fb["nom"], fc["nom"]], language)

    # The instrument and how this report words it.
    kinds: tuple[str, ...] = (_TALKS,)
    binding: bool | None = None
    gender = "m"
    if event.kind != _TALKS:
        indef, definite, head, gender, plural, kinds = _pick(r, _INSTRUMENTS[language][event.kind])
        verbs = _VERBS[language]
        js = event.kind == _JS
        participle = _JS_PARTICIPLE[language] if js else verbs["participle"]
        ctx.update(
            inst=indef, Inst=_cap(indef), inst_def=definite, Inst_def=_cap(definite),
            inst_def_of=_of(definite, language), inst_head=head, insts=plural,
            pp=participle[gender == "f"],
            verb_pl=_pick(r, verbs["plural_js" if js else "plural"]),
            verb_sg=_pick(r, verbs["singular_js" if js else "singular"]),
            e_inst="e" if gender == "f" else "",
        )  # fmt: skip
        if any(word in indef for word in _BINDING_WORDS):
            binding = True
    if sector:
        ctx["topic"] = sector[0]
    elif event.critical:
        ctx["topic"] = _pick(r, _TOPICS[language]).format(generic=generic)
    else:
        ctx["topic"] = _pick(r, _MINING_TOPICS[language])

    # What this report says: minerals, date, place, who signed.
    minerals_text = _mineral_text(event, language, r) if event.minerals else None
    state_minerals = minerals_text is not None and r.random() < 0.85
    in_lede = state_minerals and (event.kind == _TALKS or r.random() < 0.5)
    ctx["scope"] = ""
    if in_lede and minerals_text and event.kind != _TALKS:
        ctx["scope"] = _pick(r, _SCOPES[language]).format(
            m=minerals_text.plain, m_de=minerals_text.de
        )
    generic_de = f"de {generic}" if language == "fr" else generic
    ctx["talk"] = (
        (minerals_text.de if language == "fr" else minerals_text.plain)
        if (state_minerals and minerals_text)
        else generic_de
    )
    if language == "fr" and not event.critical:
        ctx["talk"] = "de mines et de géologie"
    elif not event.critical:
        ctx["talk"] = {
            "en": "mining and geology",
            "es": "minería y geología",
            "pt": "mineração e geologia",
        }[language]
    head_mineral = minerals_text.head if (state_minerals and minerals_text) else generic
    ctx["min_head"], ctx["Min_head"] = head_mineral, _cap(head_mineral)

    when = _NO_DATE
    if event.date is not None and r.random() < (0.75 if rereport else 0.85):
        when = _when(r, language, event.date, published)
    ctx["when"] = when.phrase
    place: tuple[str | None, str | None] = (None, None)
    ctx["where"] = ""
    if event.city and r.random() < 0.75:
        if event.summit and r.random() < 0.6:
            ctx["where"] = _summit_phrase(event.summit, event.city, language)
            place = (event.city, event.place_country)
        elif r.random() < 0.12 and event.place_country in _countries():
            ctx["where"] = " " + _forms(event.place_country, language)["in"]
            place = (None, event.place_country)
        else:
            ctx["where"] = _where_phrase(event.city, language)
            place = (event.city, event.place_country)
    elif event.city is None and event.place_country and r.random() < 0.6:
        ctx["where"] = " " + _forms(event.place_country, language)["in"]
        place = (None, event.place_country)

    sa, sb = (
        (event.signers[event.parties.index(a)], event.signers[event.parties.index(b)])
        if event.signers
        else (None, None)
    )
    if sa and sb:
        intro_a, intro_b = _intro(sa, language, r, end=False), _intro(sb, language, r, end=False)
        # English introductions put the title first and need no closing comma.
        sb_end = intro_b if language == "en" else _intro(sb, language, r, end=True)
        by_sa = (
            "pel" + intro_a[:1] + intro_a[1:]
            if intro_a.startswith(("o ", "a "))
            else f"por {intro_a}"
        )
        ctx.update(by_SA=by_sa, SA=intro_a, SAc=_cap(intro_a), SB=intro_b, SB_end=sb_end, SA_full=sa.person.full, SB_full=sb.person.full, e_fem="e" if sa.person.female else "")  # fmt: skip
    signatories: list[str] = []
    witnesses: list[str] = []
    people_lede = signing_para = False
    if event.status == "signed" and not multi and companion is None and sa and sb:
        roll = r.random()
        people_lede, signing_para = roll < 0.25, 0.25 <= roll < 0.7
        if people_lede or signing_para:
            signatories = [sa.person.full, sb.person.full]
    ctx["witness"] = ""
    if signing_para and event.witnesses and r.random() < 0.8:
        ctx["witness"] = _witness(event.witnesses[0], language, r)
        witnesses = [event.witnesses[0].person.full]
    if event.status in ("announced", "under_negotiation"):
        said = _when(r, language, published - timedelta(days=int(r.random() * 2)), published)
        ctx["when_said"] = said.phrase if said.precision == "day" else ""
        ctx["future"] = _future(r, language) if event.status == "announced" else ""
        if sa and r.random() < 0.5:  # mid-sentence in English ("..., X said"), at the end elsewhere
            ctx["announcer"] = _intro(sa, language, r, end=language != "en")
        else:
            ctx["announcer"] = _SPOKESPERSON[language]

    # Headline.
    if sector:
        headline_slot = "headline_sector"
    elif plain:
        headline_slot = "headline_mining_talks" if event.kind == _TALKS else "headline_mining"
    elif multi:
        headline_slot = "headline_multi"
    elif companion is not None:
        headline_slot = "headline_two"
    else:
        headline_slot = {"signed": "headline_signed", "announced": "headline_announced", "under_negotiation": "headline_negotiation", "talks": "headline_talks"}[event.status]  # fmt: skip
    ctx.setdefault("inst_head", "")
    ctx.setdefault("inst", "")
    w.title = w.fill(headline_slot, ctx, plain=plain)
    w.top_matter(w.title)

    # Lede.
    singular_a = not _countries()[a].plural(language)
    if multi:
        slot = "lede_multi"
    elif companion is not None:
        slot = "lede_two"
    elif event.status == "signed":
        if people_lede:
            slot = "lede_people"
        else:
            roll = r.random()
            slot = (
                "lede_one"
                if roll < 0.25 and singular_a
                else "lede_passive"
                if roll < 0.45
                else "lede_pair"
            )
    elif event.status == "talks":
        slot = "lede_talks_people" if sa and r.random() < 0.6 else "lede_talks_pair"
        if slot == "lede_talks_people":
            w.introduced.update({sa.person.full, sb.person.full} if sa and sb else set())
    elif event.status == "announced":
        slot = "lede_announced_one" if singular_a and r.random() < 0.3 else "lede_announced"
    else:
        slot = "lede_negotiation_one" if singular_a and r.random() < 0.3 else "lede_negotiation"
    if people_lede or signing_para:
        w.introduced.update({sa.person.full, sb.person.full} if sa and sb else set())
    template = w.template(slot, plain=plain)
    if in_lede and "{scope}" not in template and "{talk}" not in template:
        in_lede = False  # this wording has no room for the minerals: the body states them
    if "{announcer}" in template and sa and ctx["announcer"] != _SPOKESPERSON[language]:
        w.introduced.add(sa.person.full)
    lede = _cap(template.format_map(ctx))
    w.paragraphs.append(w.dateline(place[0], event.parties, event.city) + lede)

    # Body.
    if signing_para:
        w.paragraphs.append(w.fill("signing", ctx))
    elif event.status == "signed" and not people_lede and r.random() < 0.3:
        w.paragraphs.append(w.fill("ceremony", ctx))
    if sector:
        w.paragraphs.append(w.fill("sector", ctx))
    elif event.kind != _TALKS:
        if state_minerals and not in_lede and minerals_text:
            if r.random() < 0.25:
                lines = [w.fill("bullets_intro", ctx)]
                for name, de in minerals_text.items:
                    lines.append(w.fill("bullet_mineral", {"mineral": name, "mineral_de": de}))
                lines.append(w.fill("bullet_other", ctx))
                w.paragraphs.append("\n".join(lines))
            else:
                w.paragraphs.append(
                    w.fill(
                        "scope",
                        dict(ctx, minerals=minerals_text.plain, minerals_de=minerals_text.de),
                    )
                )
        elif not state_minerals and r.random() < 0.5:
            w.paragraphs.append(w.fill("areas", ctx))
        if (
            event.binding is not None
            and binding is None
            and companion is None
            and r.random() < 0.25
        ):
            stated = w.fill("binding" if event.binding else "nonbinding", ctx)
            if stated:
                w.paragraphs.append(stated)
                binding = event.binding
    # Quotes, context and colour, interleaved as wire copy runs: none of it adds facts.
    speakers = [o for o in (sa, sb) if o is not None]
    exclude = (*event.minerals, *event.rare_earths)
    ctx["money_bn"] = _billions(r, language)
    ctx["year"] = str(published.year - 1 - int(r.random() * 4))
    blocks: list[str] = []
    for _ in range(1 + int(r.random() * 4) + 2 * (r.random() < 0.2)) if speakers else ():
        roll = r.random()
        if plain or roll < 0.25:
            bank = "quote_neutral"
        elif event.status == "signed" and roll < 0.6:
            bank = "quote_instrument"
        else:
            bank = "quote_minerals"
        speaker = _pick(r, speakers)
        quote = w.quote(speaker, bank, ctx, plain=plain)
        if not quote:
            continue
        if r.random() < 0.4:
            ctx["Short"] = _cap(_short(speaker, language))
            follow = w.fill("follow_up", ctx, plain=plain)
            quote = f"{quote} {follow}"
        blocks.append(quote)
    long_form = r.random() < 0.25  # features and official releases run long
    party_tuple = tuple(parties)
    for _ in range(2 + int(r.random() * 3) + 5 * long_form):
        sentences = []
        for _ in range(1 + (r.random() < 0.6) + (r.random() < 0.3)):
            sentences.append(w.context(ctx, party_tuple, exclude, plain=plain))
        if any(sentences):
            blocks.append(" ".join(s for s in sentences if s))
    if event.kind != _TALKS and not sector and r.random() < 0.5:
        blocks.append(w.fill("details", ctx))
    if event.status == "signed" and event.kind != _TALKS and r.random() < 0.45:
        blocks.append(w.fill("working_group", ctx))
    if event.status == "signed" and (people_lede or signing_para) and r.random() < 0.3:
        blocks.append(w.fill("visit_note", ctx))
    if not multi and r.random() < 0.5:
        blocks.append(w.fill("relations", ctx))
    states = [c for c in parties if c != "EUU" and not _countries()[c].plural(language)]
    if not plain and states and r.random() < 0.4:
        ctx["Producerc"] = _forms(_pick(r, states), language)["cap"]
        blocks.append(w.fill("policy", ctx))
    if r.random() < 0.5:
        blocks.append(w.fill("reaction", ctx))
    # Keep the first quote high in the story, shuffle the rest of the colour.
    head_blocks, tail_blocks = blocks[:1], blocks[1:]
    r.shuffle(tail_blocks)
    w.paragraphs.extend(head_blocks + tail_blocks)

    entries = [
        _entry(
            event, kinds, when=when, place=place, signatories=signatories, witnesses=witnesses,
            minerals=(*event.minerals, *event.rare_earths) if state_minerals else (),
            binding=binding if event.kind != _TALKS else None,
        )
    ]  # fmt: skip
    if companion is not None:
        entries.append(
            _entry(
                companion, kinds, when=when, place=place,
                minerals=(*companion.minerals, *companion.rare_earths) if state_minerals else (),
                binding=binding,
            )
        )  # fmt: skip
    if sector:
        entries = []
    history = event.history
    if (
        history is not None
        and not multi
        and companion is None
        and r.random() < (0.4 if rereport else 0.6)
    ):
        entries.append(_background(w, history, parties, ctx))
    elif r.random() < 0.25:
        year = str(published.year - 2 - int(r.random() * 10))
        w.paragraphs.append(w.fill("background_unrelated", dict(ctx, year=year)))
    w.agreements.extend(entries)
    if not plain and not sector and r.random() < 0.12:
        w.company_mention(parties, exclude)
    if r.random() < 0.3:
        w.paragraphs.append(w.fill("next_steps", ctx))
    w.ending(ctx)
    return w


def _background(
    w: _Writer, history: _Event, parties: Sequence[str], ctx: dict[str, str]
) -> dict[str, Any]:
    """A paragraph recalling an earlier critical-minerals instrument, and its own entry."""
    r, language = w.r, w.language
    indef, _, _, gender, _, kinds = _pick(r, _INSTRUMENTS[language][history.kind])
    if history.minerals:
        name = _pick(r, _MINERALS[history.minerals[0]][1][language])
        topic = {"en": " on ", "es": " sobre ", "pt": " sobre ", "fr": " sur "}[language]
        topic += _fr_article(name) if language == "fr" else name
    else:
        topic = _BG_TOPIC[language]
    phrase, initial = _bg_when(history, language, w.published)
    noms = [_forms(code, language)["nom"] for code in history.parties]
    local = dict(
        ctx, bg_inst=indef, bg_topic=topic, bg_when=phrase, Bg_whenc=initial,
        bg_AB=_join(noms, language), bg_A=noms[0], bg_Ac=_cap(noms[0]), bg_C=noms[-1],
        bg_pp_e="e" if gender == "f" else "",
    )  # fmt: skip
    same = set(history.parties) == set(parties)
    slot = "background_same" if same else "background_other"
    w.paragraphs.append(w.fill(slot, local, avoid=() if "inst_def" in ctx else ("nst_def}",)))
    when = _When(phrase, history.date, history.precision)
    return _entry(history, kinds, when=when, minerals=history.minerals, background=True)


# --- negatives: articles an annotator gives no agreement ------------------------------

_N: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "headline_offtake": ("{co1} signs {mineral} offtake deal with {co2}",),
        "headline_joint_venture": ("{co1}, {co2} form {mineral} joint venture",),
        "headline_supply": ("{co1} agrees {mineral} supply deal with {co2}",),
        "headline_memorandum_of_understanding": ("{co1} signs MoU with {co2} on {mineral} exploration",),
        "headline_acquisition": ("{co1} to buy {pct}% stake in {co2}",),
        "headline_investment": ("{co1} to invest {money} in {c2_head} {mineral} project",),
        "deal_offtake": ("a five-year offtake agreement with {co2} of {c2} for {mineral}",),
        "deal_joint_venture": ("an agreement with {co2} of {c2} to form a joint venture that will develop a {mineral} project",),
        "deal_supply": ("a supply agreement with {co2} of {c2} covering {qty} tonnes of {mineral} a year",),
        "deal_memorandum_of_understanding": ("a memorandum of understanding with {co2}, a state-owned company of {c2}, to explore for {mineral}",),
        "deal_acquisition": ("an agreement to acquire a {pct}% stake in {co2}, which produces {mineral} in {c2}",),
        "deal_lede": ("{co1} of {c1} said{when} it had signed {deal}.", "{co1}, based in {c1}, signed {deal}{when}."),
        "investment_lede": ("{co1} of {c1} said{when_said} it would invest {money} in a {mineral} project in {c2}, its largest commitment to date.",),
        "project": ("The {mineral} project in {c2} is expected to produce about {qty} tonnes a year once it reaches full capacity.", "A feasibility study for the {mineral} project is due to be completed next year."),
        "deal_detail": ("Financial terms were not disclosed.", "Deliveries are due to begin in {year}.", "The project is expected to start production in {year}.", "The company said the deal would help it secure long-term financing."),
        "ceo_quote": ('"{q}," said {ceo}, chief executive of {co1}.', '"{q}," {ceo}, chief executive of {co1}, said in a statement.'),
        "ceo_says": ("This is a milestone for our company and our shareholders.", "We are building a long-term partnership based on high standards.", "The project will create jobs and bring investment to the region."),
        "welcome": ("{Intro} welcomed the announcement, saying it would bring investment and jobs.",),
        "market_headline": ("{Mineral} prices {move} as {reason}", "{Mineral} market braces for weaker demand"),
        "move": ("slide", "climb", "hit two-year low", "rebound"),
        "reason": ("battery demand slows", "supply disruptions mount", "inventories build up", "Chinese buyers return"),
        "market_lede": ("Prices of {mineral} {moved} {pct}% {period}, according to data from {firm}, as {reason_long}.",),
        "moved": ("fell", "rose", "dropped", "climbed"),
        "period": ("this week", "in the past month", "since the start of the year"),
        "reason_long": ("demand from battery makers slowed", "several mines cut output", "stockpiles at ports kept growing", "buyers in China returned to the market"),
        "market_body": (
            "{Producerc} and {Producer2} account for a large share of global supply, and any change in their output moves the market.",
            "Traders said liquidity remained thin, with many buyers waiting for clearer signals on demand.",
            "The government of {Producer2} said{when_said} it was reviewing its export rules for {mineral}.",
            "Shares of {co} fell {pct2}% in early trading.",
            "Producers have announced output cuts at several operations, but analysts said the effect would take months to show.",
            "Buyers in the battery supply chain have shifted to shorter contracts, adding to volatility.",
            "Exchange data showed inventories rising for a third consecutive week.",
        ),
        "analyst_quote": ('"{q}," said {analyst}, an analyst at {firm}.',),
        "analyst_says": ("The market remains oversupplied in the short term.", "We expect prices to stabilise in the second half of the year.", "Supply discipline will decide where prices go next."),
        "visit_lede": (
            "{SAc} met {SB}{where}{when} to discuss bilateral relations, trade and investment.",
            "{SAc} held talks with {SB}{where}{when} on {agenda}.",
        ),
        "agenda": ("trade, tourism and education", "regional security and migration", "infrastructure and transport links", "cultural exchanges and visas"),
        "visit_body": (
            "The two ministers reviewed cooperation in education, tourism and infrastructure.",
            "No agreements were signed during the visit.",
            "The talks focused on increasing direct flights and easing visa requirements.",
            "Both sides agreed to keep in close contact ahead of next year's regional summit.",
            "The ministers also exchanged views on regional security and multilateral cooperation.",
            "The programme of the visit included meetings with business associations and university leaders.",
        ),
        "visit_headline": ("{A_head} and {B_head} review bilateral ties", "{A_head}'s foreign minister visits {B_head}"),
    },
    "es": {
        "headline_offtake": ("{co1} firma acuerdo de compra de {mineral} con {co2}",),
        "headline_joint_venture": ("{co1} y {co2} crean empresa conjunta de {mineral}",),
        "headline_supply": ("{co1} firma contrato de suministro de {mineral} con {co2}",),
        "headline_memorandum_of_understanding": ("{co1} firma memorando con {co2} para explorar {mineral}",),
        "headline_acquisition": ("{co1} comprará el {pct}% de {co2}",),
        "headline_investment": ("{co1} invertirá {money} en proyecto de {mineral} {c2_in}",),
        "deal_offtake": ("un acuerdo de compra a cinco años con {co2}, {c2_of}, para el suministro de {mineral}",),
        "deal_joint_venture": ("un acuerdo con {co2}, {c2_of}, para crear una empresa conjunta que desarrollará un proyecto de {mineral}",),
        "deal_supply": ("un contrato de suministro con {co2}, {c2_of}, por {qty} toneladas anuales de {mineral}",),
        "deal_memorandum_of_understanding": ("un memorando de entendimiento con la estatal {co2}, {c2_of}, para explorar yacimientos de {mineral}",),
        "deal_acquisition": ("un acuerdo para adquirir el {pct}% de {co2}, que produce {mineral} {c2_in}",),
        "deal_lede": ("La empresa {co1}, {c1_of}, firmó{when} {deal}.", "{co1}, {c1_of}, anunció{when} la firma de {deal}."),
        "investment_lede": ("La empresa {co1}, {c1_of}, anunció{when_said} que invertirá {money} en un proyecto de {mineral} {c2_in}.",),
        "project": ("Se espera que el proyecto de {mineral} {c2_in} produzca unas {qty} toneladas anuales cuando alcance su plena capacidad.",),
        "deal_detail": ("No se revelaron los términos financieros.", "Las entregas comenzarán en {year}.", "Se prevé que el proyecto entre en producción en {year}."),
        "ceo_quote": ('"{q}", afirmó {ceo}, {ceo_title} de {co1}.',),
        "ceo_says": ("Es un hito para nuestra compañía y nuestros accionistas.", "El proyecto creará empleo y traerá inversiones a la región."),
        "welcome": ("{Intro} celebró el anuncio y destacó su impacto en el empleo.",),
        "market_headline": ("Precios de {mineral} {move} ante {reason}",),
        "move": ("caen", "suben", "tocan mínimos de dos años", "repuntan"),
        "reason": ("menor demanda de baterías", "problemas de suministro", "acumulación de inventarios"),
        "market_lede": ("Los precios {mineral_of} {moved} un {pct}% {period}, según datos de {firm}, debido a {reason_long}.",),
        "moved": ("cayeron", "subieron", "retrocedieron"),
        "period": ("esta semana", "en el último mes", "en lo que va del año"),
        "reason_long": ("la menor demanda de los fabricantes de baterías", "recortes de producción en varias minas", "el aumento de los inventarios"),
        "market_body": (
            "{Producerc} y {Producer2} concentran una parte importante de la oferta mundial.",
            "Los operadores señalaron que la liquidez sigue siendo escasa.",
            "El gobierno {Producer2_of} informó{when_said} que revisa sus normas de exportación de {mineral}.",
            "Varios productores anunciaron recortes de producción, aunque los analistas prevén que el efecto tardará meses en notarse.",
            "Los inventarios en bolsa aumentaron por tercera semana consecutiva.",
        ),
        "analyst_quote": ('"{q}", dijo {analyst}, analista de {firm}.',),
        "analyst_says": ("El mercado sigue con exceso de oferta en el corto plazo.", "Esperamos que los precios se estabilicen en el segundo semestre."),
        "visit_lede": ("{SAc} se reunió con {SB}{where}{when} para repasar la agenda bilateral, el comercio y las inversiones.",),
        "agenda": ("comercio, turismo y educación",),
        "visit_body": (
            "Ambos ministros revisaron la cooperación en educación, turismo e infraestructura.",
            "Durante la visita no se firmaron acuerdos.",
            "Los ministros también intercambiaron opiniones sobre seguridad regional y cooperación multilateral.",
            "El programa de la visita incluyó reuniones con gremios empresariales y rectores universitarios.",
        ),
        "visit_headline": ("{A_head} y {B_head} repasan su relación bilateral",),
    },
    "pt": {
        "headline_offtake": ("{co1} assina contrato de compra de {mineral} com {co2}",),
        "headline_joint_venture": ("{co1} e {co2} criam joint venture de {mineral}",),
        "headline_supply": ("{co1} fecha contrato de fornecimento de {mineral} com {co2}",),
        "headline_memorandum_of_understanding": ("{co1} assina memorando com {co2} para pesquisar {mineral}",),
        "headline_acquisition": ("{co1} vai comprar {pct}% da {co2}",),
        "headline_investment": ("{co1} vai investir {money} em projeto de {mineral} {c2_in}",),
        "deal_offtake": ("um contrato de compra de cinco anos com a {co2}, {c2_of}, para o fornecimento de {mineral}",),
        "deal_joint_venture": ("um acordo com a {co2}, {c2_of}, para criar uma joint venture que vai desenvolver um projeto de {mineral}",),
        "deal_supply": ("um contrato de fornecimento com a {co2}, {c2_of}, de {qty} toneladas anuais de {mineral}",),
        "deal_memorandum_of_understanding": ("um memorando de entendimento com a estatal {co2}, {c2_of}, para pesquisar jazidas de {mineral}",),
        "deal_acquisition": ("um acordo para adquirir {pct}% da {co2}, que produz {mineral} {c2_in}",),
        "deal_lede": ("A {co1}, {c1_of}, assinou{when} {deal}.", "A mineradora {co1}, {c1_of}, anunciou{when} a assinatura de {deal}."),
        "investment_lede": ("A {co1}, {c1_of}, anunciou{when_said} que vai investir {money} em um projeto de {mineral} {c2_in}.",),
        "project": ("O projeto de {mineral} {c2_in} deve produzir cerca de {qty} toneladas por ano quando atingir a capacidade plena.",),
        "deal_detail": ("Os termos financeiros não foram divulgados.", "As entregas devem começar em {year}."),
        "ceo_quote": ('"{q}", disse {ceo}, {ceo_title} da {co1}.',),
        "ceo_says": ("É um marco para a nossa empresa.", "O projeto vai gerar empregos e trazer investimentos para a região."),
        "welcome": ("{Intro} comemorou o anúncio e destacou a geração de empregos.",),
        "market_headline": ("Preços de {mineral} {move} com {reason}",),
        "move": ("caem", "sobem", "recuam"),
        "reason": ("demanda mais fraca por baterias", "problemas de oferta", "estoques elevados"),
        "market_lede": ("Os preços {mineral_of} {moved} {pct}% {period}, segundo dados da {firm}, em razão de {reason_long}.",),
        "moved": ("caíram", "subiram", "recuaram"),
        "period": ("nesta semana", "no último mês", "no acumulado do ano"),
        "reason_long": ("uma demanda mais fraca das fabricantes de baterias", "cortes de produção em várias minas", "estoques elevados nos portos"),
        "market_body": (
            "{Producerc} e {Producer2} respondem por uma parcela importante da oferta mundial.",
            "Segundo operadores, a liquidez continua baixa.",
            "Vários produtores anunciaram cortes de produção, mas analistas avaliam que o efeito levará meses.",
            "Os estoques em bolsa subiram pela terceira semana consecutiva.",
        ),
        "analyst_quote": ('"{q}", disse {analyst}, analista da {firm}.',),
        "analyst_says": ("O mercado segue com excesso de oferta no curto prazo.", "Esperamos estabilidade dos preços no segundo semestre."),
        "visit_lede": ("{SAc} reuniu-se com {SB}{where}{when} para discutir a agenda bilateral, o comércio e os investimentos.",),
        "agenda": ("comércio, turismo e educação",),
        "visit_body": (
            "Os dois ministros trataram da cooperação em educação, turismo e infraestrutura.",
            "Nenhum acordo foi assinado durante a visita.",
            "Os ministros também trocaram impressões sobre segurança regional e cooperação multilateral.",
            "A agenda da visita incluiu encontros com entidades empresariais e reitores de universidades.",
        ),
        "visit_headline": ("{A_head} e {B_head} discutem relação bilateral",),
    },
    "fr": {
        "headline_offtake": ("{co1} signe un contrat d'achat {mineral_de} avec {co2}",),
        "headline_joint_venture": ("{co1} et {co2} créent une coentreprise dans {mineral_art}",),
        "headline_supply": ("{co1} signe un contrat de fourniture {mineral_de} avec {co2}",),
        "headline_memorandum_of_understanding": ("{co1} signe un protocole d'accord avec {co2} pour l'exploration {mineral_de}",),
        "headline_acquisition": ("{co1} va racheter {pct} % de {co2}",),
        "headline_investment": ("{co1} va investir {money} dans un projet {mineral_de} {c2_in}",),
        "deal_offtake": ("un contrat d'achat sur cinq ans avec {co2}, basée {c2_in}, pour la fourniture {mineral_de}",),
        "deal_joint_venture": ("un accord avec {co2}, basée {c2_in}, en vue de créer une coentreprise pour développer un projet {mineral_de}",),
        "deal_supply": ("un contrat de fourniture avec {co2}, basée {c2_in}, portant sur {qty} tonnes {mineral_de} par an",),
        "deal_memorandum_of_understanding": ("un protocole d'accord avec la société publique {co2}, basée {c2_in}, pour l'exploration de gisements {mineral_de}",),
        "deal_acquisition": ("un accord pour acquérir {pct} % de {co2}, qui produit {mineral_du} {c2_in}",),
        "deal_lede": ("La société {co1}, basée {c1_in}, a signé{when} {deal}.", "Le groupe {co1}, basé {c1_in}, a annoncé{when} la signature d'{deal}."),
        "investment_lede": ("La société {co1}, basée {c1_in}, a annoncé{when_said} un investissement de {money} dans un projet {mineral_de} {c2_in}.",),
        "project": ("Le projet {mineral_de} {c2_in} devrait produire environ {qty} tonnes par an à pleine capacité.",),
        "deal_detail": ("Les conditions financières n'ont pas été dévoilées.", "Les premières livraisons sont prévues en {year}."),
        "ceo_quote": ("« {q} », a déclaré {ceo}, {ceo_title} de {co1}.",),
        "ceo_says": ("C'est une étape majeure pour notre entreprise.", "Le projet créera des emplois et attirera des investissements dans la région."),
        "welcome": ("{Intro} a salué l'annonce, soulignant ses retombées en matière d'emploi.",),
        "market_headline": ("Les prix {mineral_du} {move} sur fond de {reason}",),
        "move": ("reculent", "progressent", "rebondissent"),
        "reason": ("ralentissement de la demande de batteries", "tensions sur l'offre", "stocks élevés"),
        "market_lede": ("Les prix {mineral_du} ont {moved} de {pct} % {period}, selon les données {firm_de}, en raison {reason_long}.",),
        "moved": ("reculé", "progressé", "baissé"),
        "period": ("cette semaine", "sur le mois écoulé", "depuis le début de l'année"),
        "reason_long": ("d'une demande plus faible des fabricants de batteries", "de réductions de production dans plusieurs mines", "de stocks élevés dans les ports"),
        "market_body": (
            "{Producerc} et {Producer2} assurent une part importante de l'offre mondiale.",
            "Selon les négociants, la liquidité reste faible.",
            "Plusieurs producteurs ont annoncé des réductions de production, dont l'effet devrait mettre des mois à se faire sentir.",
            "Les stocks en Bourse ont augmenté pour la troisième semaine consécutive.",
        ),
        "analyst_quote": ("« {q} », a estimé {analyst}, analyste chez {firm}.",),
        "analyst_says": ("Le marché reste excédentaire à court terme.", "Nous anticipons une stabilisation des prix au second semestre."),
        "visit_lede": ("{SAc} s'est entretenu{e_fem} avec {SB}{where}{when} des relations bilatérales, du commerce et de l'investissement.",),
        "agenda": ("commerce, tourisme et éducation",),
        "visit_body": (
            "Les deux ministres ont passé en revue la coopération dans l'éducation, le tourisme et les infrastructures.",
            "Aucun accord n'a été signé lors de cette visite.",
            "Les ministres ont également échangé sur la sécurité régionale et la coopération multilatérale.",
            "Le programme de la visite comprenait des rencontres avec des organisations patronales et des présidents d'université.",
        ),
        "visit_headline": ("{A_headc} et {B_head} font le point sur leurs relations bilatérales",),
    },
}  # fmt: skip
_CEO_TITLES = {"es": ("director ejecutivo", "directora ejecutiva"), "pt": ("presidente-executivo", "presidente-executiva"), "fr": ("directeur général", "directrice générale")}  # fmt: skip
_COMPANY_DEAL_KINDS = ("offtake", "joint_venture", "supply", "memorandum_of_understanding", "acquisition", "investment")  # fmt: skip
_FIRMS = ("Commodities Research", "Analytics", "Metals Intelligence", "Market Insights")


def _colour(
    w: _Writer,
    ctx: dict[str, str],
    countries: Sequence[str],
    exclude: Sequence[str],
    count: int,
    *,
    plain: bool = False,
) -> None:
    """`count` background paragraphs of one to three sentences, none repeated."""
    r = w.r
    for _ in range(count):
        sentences = [
            w.context(ctx, countries, exclude, plain=plain)
            for _ in range(1 + (r.random() < 0.6) + (r.random() < 0.3))
        ]
        if any(sentences):
            w.paragraphs.append(" ".join(s for s in sentences if s))


def _fill_n(w: _Writer, slot: str, ctx: dict[str, str]) -> str:
    return _cap(_tidy(_pick(w.r, _N[w.language][slot]).format_map(ctx)))


def _pair(r: random.Random) -> tuple[str, str]:
    hubs, producers, anyone = _pair_choosers()
    a = (hubs if r.random() < 0.6 else anyone).pick(r)
    b = producers.pick(r)
    while b == a:
        b = anyone.pick(r)
    return a, b


def _company_article(r: random.Random, language: str, outlet: str, published: date) -> _Writer:
    """A deal between companies (or a company and a state firm) that names countries."""
    w = _Writer(r, language, published, outlet)
    kind = _pick(r, _COMPANY_DEAL_KINDS)
    c1, c2 = _pair(r)
    co1, co2 = _company(r, language), _company(r, language)
    while co2 == co1:
        co2 = _company(r, language)
    mineral_id = _mineral_chooser().pick(r)
    plain, de = _mineral_name(mineral_id, language)
    article_form = (
        _fr_article(_pick(r, _MINERALS[mineral_id][1]["fr"])) if language == "fr" else plain
    )
    f1, f2 = _forms(c1, language), _forms(c2, language)
    when = _NO_DATE
    if kind != "investment" and r.random() < 0.7:
        when = _when(r, language, published - timedelta(days=_LAGS.pick(r)), published)
    said = _when(r, language, published, published)
    ctx = {
        "co1": co1, "co2": co2, "c1": f1["nom"], "c2": f2["nom"], "c1_of": f1["of"], "c2_of": f2["of"],
        "c1_in": f1["in"], "c2_in": f2["in"], "c2_head": f2["head"], "mineral": plain, "Mineral": _cap(plain),
        "mineral_de": de, "mineral_art": article_form, "mineral_du": _of(article_form, "fr"), "money": _money(r, language),
        "pct": str(_pick(r, (10, 15, 19.9, 25, 30, 40, 51))), "qty": _pick(r, ("5,000", "10,000", "20,000", "50,000")),
        "when": when.phrase, "when_said": said.phrase if said.precision == "day" else "",
        "year": str(published.year + 1 + int(r.random() * 3)),
    }  # fmt: skip
    if language != "en":
        ctx["qty"] = ctx["qty"].replace(",", ".")
    w.title = _fill_n(w, "headline_" + kind, ctx)
    w.top_matter(w.title)
    if kind == "investment":
        lede = _fill_n(w, "investment_lede", ctx)
    else:
        ctx["deal"] = _fill_n(w, "deal_" + kind, ctx)
        ctx["deal"] = ctx["deal"][:1].lower() + ctx["deal"][1:]
        lede = _fill_n(w, "deal_lede", ctx)
    w.paragraphs.append(w.dateline(None, (c1, c2), None) + lede)
    w.paragraphs.append(_fill_n(w, "deal_detail", ctx))
    if r.random() < 0.7:
        w.paragraphs.append(_fill_n(w, "project", ctx))
    ceo = _person(r, _countries()[c1].name_regions)
    ceo_title = _CEO_TITLES[language][ceo.female] if language in _CEO_TITLES else "chief executive"
    q = _fill_n(w, "ceo_says", ctx).rstrip(".")
    w.paragraphs.append(_fill_n(w, "ceo_quote", dict(ctx, q=q, ceo=ceo.full, ceo_title=ceo_title)))
    if r.random() < 0.4:
        minister = _official(r, c2)
        intro = _intro(minister, language, r, end=False)
        w.paragraphs.append(_fill_n(w, "welcome", dict(ctx, Intro=_cap(intro))))
    ctx["generic"] = _pick(r, _GENERIC[language])
    _colour(w, ctx, (c1, c2), (mineral_id,), 2 + int(r.random() * 2))
    if r.random() < 0.5:
        w.about = w.fill("about_company", {"co": co1, "mineral": plain, "mineral_de": de, "c": f2["nom"], "c_in": f2["in"]})  # fmt: skip
    else:
        w.ending(ctx)
    countries = sorted({c1, c2})
    w.company_deals.append(
        {
            "kind": kind,
            "status": "announced" if kind == "investment" else "signed",
            "companies": [co1] if kind == "investment" else [co1, co2],
            "countries": countries,
            "minerals": [mineral_id],
            "date": when.date.isoformat() if when.date else None,
            "precision": when.precision,
        }
    )
    return w


def _market_article(r: random.Random, language: str, outlet: str, published: date) -> _Writer:
    """Prices and supply: minerals and producing countries, no instrument."""
    w = _Writer(r, language, published, outlet)
    mineral_id = _mineral_chooser().pick(r)
    plain, de = _mineral_name(mineral_id, language)
    of = _of_mineral(_MINERALS[mineral_id][1][language][0], language)
    _, producers, _ = _pair_choosers()
    p1 = producers.pick(r)
    p2 = producers.pick(r)
    while p2 == p1:
        p2 = producers.pick(r)
    f1, f2 = _forms(p1, language), _forms(p2, language)
    said = _when(r, language, published, published)
    firm = f"{_pick(r, _COMPANY_STEMS)} {_pick(r, _FIRMS)}"
    ctx = {
        "mineral": plain, "Mineral": _cap(plain), "mineral_de": de, "mineral_du": of, "mineral_of": of,
        "Producerc": f1["cap"], "Producer2": f2["nom"], "Producer2_of": f2["of"], "firm": firm,
        "firm_de": f"d'{firm}" if firm.startswith(_VOWELS) else f"de {firm}",
        "pct": str(3 + int(r.random() * 25)), "pct2": str(2 + int(r.random() * 9)), "co": _company(r, language),
        "when_said": said.phrase if said.precision == "day" else "",
    }  # fmt: skip
    for slot in ("move", "reason", "moved", "period", "reason_long"):
        ctx[slot] = _fill_n(w, slot, ctx)
        if language != "en" or slot != "move":
            ctx[slot] = ctx[slot][:1].lower() + ctx[slot][1:]
    w.title = _fill_n(w, "market_headline", ctx)
    w.top_matter(w.title)
    w.paragraphs.append(w.dateline(None, (p1, p2), None) + _fill_n(w, "market_lede", ctx))
    body = list(_N[language]["market_body"])
    r.shuffle(body)
    for template in body[: 3 + int(r.random() * 3)]:
        w.paragraphs.append(_cap(template.format_map(ctx)))
    analyst = _person(r, _REPORTER_REGIONS[language]).full
    q = _fill_n(w, "analyst_says", ctx).rstrip(".")
    w.paragraphs.append(_fill_n(w, "analyst_quote", dict(ctx, q=q, analyst=analyst)))
    ctx["generic"] = _pick(r, _GENERIC[language])
    _colour(w, ctx, (p1, p2), (mineral_id,), 2 + int(r.random() * 2))
    w.ending(ctx)
    return w


def _sector_article(r: random.Random, language: str, outlet: str, published: date) -> _Writer:
    """Two governments sign an instrument in another sector (energy, trade, health...)."""
    a, b = _pair(r)
    kind = _pick(r, (_MOU, _MOU, _TB, _JD, _MOC, _LOI))
    when = published - timedelta(days=_LAGS.pick(r))
    cities = _cities().get(a) or _cities().get(b)
    city = cities[0] if cities and r.random() < 0.6 else None
    signers = (_official(r, a, diplomat=True), _official(r, b, diplomat=True))
    event = _Event(
        f"{a}-{b}-sector", kind, "signed", (a, b), when, "day", city,
        _city_country()[city] if city else None, None, signers, (), (), (), None, None, False,
    )  # fmt: skip
    sector = _pick(r, _SECTORS[language])
    return _agreement_article(r, event, language, outlet, published, sector=sector)


def _visit_article(r: random.Random, language: str, outlet: str, published: date) -> _Writer:
    """A ministerial visit with no minerals topic and no outcome."""
    w = _Writer(r, language, published, outlet)
    a, b = _pair(r)
    fa, fb = _forms(a, language), _forms(b, language)
    sa, sb = _official(r, a, diplomat=True), _official(r, b, diplomat=True)
    when = _when(r, language, published - timedelta(days=_LAGS.pick(r)), published)
    cities = _cities().get(b)
    where = _where_phrase(cities[0], language) if cities and r.random() < 0.6 else ""
    intro_a = _intro(sa, language, r, end=False)
    ctx = {
        "SAc": _cap(intro_a), "SB": _intro(sb, language, r, end=False), "where": where, "when": when.phrase,
        "e_fem": "e" if sa.person.female else "", "A_head": fa["head"], "A_headc": fa["headc"],
        "B_head": fb["head"], "B": fb["nom"],
    }  # fmt: skip
    ctx["agenda"] = _fill_n(w, "agenda", ctx)
    w.introduced.update({sa.person.full, sb.person.full})
    w.title = _fill_n(w, "visit_headline", ctx)
    w.top_matter(w.title)
    w.paragraphs.append(w.dateline(None, (a, b), None) + _fill_n(w, "visit_lede", ctx))
    body = list(_N[language]["visit_body"])
    r.shuffle(body)
    w.paragraphs.extend(body[: 2 + int(r.random() * 2)])
    for speaker in (sa, sb)[: 1 + int(r.random() * 2)]:
        quote = w.quote(speaker, "quote_neutral", ctx)
        if quote:
            w.paragraphs.append(quote)
    ctx.update(
        ABc=_cap(_join([fa["nom"], fb["nom"]], language)),
        AB=_join([fa["nom"], fb["nom"]], language),
    )
    ctx.update(money_bn=_billions(r, language), year=str(published.year - 1 - int(r.random() * 3)))
    if r.random() < 0.6:
        w.paragraphs.append(w.fill("relations", ctx))
    _colour(w, ctx, (a, b), (), 1 + int(r.random() * 2), plain=True)
    w.ending(ctx)
    return w


# --- the corpus ---------------------------------------------------------------------

_LANGUAGE_CHOICE = _Weighted(list(zip(LANGUAGES, LANGUAGE_WEIGHTS, strict=True)))
_NEGATIVE_CHOICE = _Weighted(list(zip(NEGATIVE_KINDS, NEGATIVE_WEIGHTS, strict=True)))
_REREPORT_LAGS = _Weighted([(0, 40), (1, 35), (2, 15), (3, 10)])
_PUBLISHED_DAYS = (LAST_PUBLISHED - FIRST_PUBLISHED).days + 1


@dataclass(frozen=True)
class _Head:
    """What an article is, drawn first from its stream: cheap to replay for a re-report."""

    r: random.Random  # the article's stream, positioned after these draws
    role: str  # event | rereport | negative
    language: str
    outlet: str
    published: date


def _head(seed: int, index: int) -> _Head:
    r = _rng(seed, index)
    roll = r.random()
    role = "negative" if roll < NEGATIVE_SHARE else "rereport" if roll < NEGATIVE_SHARE + REREPORT_SHARE else "event"  # fmt: skip
    language = _LANGUAGE_CHOICE.pick(r)
    outlet = _pick(r, _OUTLETS[language])
    published = FIRST_PUBLISHED + timedelta(days=int(r.random() * _PUBLISHED_DAYS))
    return _Head(r, role, language, outlet, published)


def _url_slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", ascii_title.lower()).strip("-")[:90].rstrip("-")


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def generate_article(index: int, seed: int) -> GeneratedArticle:
    """Article `index` of the corpus of `seed`: the same for any corpus size."""
    if index < 0:
        raise ValueError("article indexes start at 0")
    head = _head(seed, index)
    r, language, outlet, published = head.r, head.language, head.outlet, head.published
    negative: str | None = None
    if head.role == "negative":
        negative = _NEGATIVE_CHOICE.pick(r)
        write = {"company_deal": _company_article, "market": _market_article, "other_sector": _sector_article, "no_outcome": _visit_article}[negative]  # fmt: skip
        w = write(r, language, outlet, published)
    else:
        first: _Head | None = None
        if head.role == "rereport":
            # An earlier article's event, reported again by another outlet a few days later.
            back = index - 1 - int(r.random() * 200)
            while back >= 0:
                first = _head(seed, back)
                if first.role == "event":
                    break
                first, back = None, back - 1
        if first is not None:
            published = first.published + timedelta(days=_REREPORT_LAGS.pick(r))
            if outlet == first.outlet:
                outlet = _pick(r, [o for o in _OUTLETS[language] if o != first.outlet])
            event = _make_event(first.r, back, first.published)
        else:
            event = _make_event(r, index, published)
        w = _agreement_article(r, event, language, outlet, published, rereport=first is not None)
    url = f"https://www.{w.domain}/{published:%Y/%m/%d}/{_url_slug(w.title)}-{index}"
    facts = {
        "url": url,
        "outlet": outlet,
        "language": language,
        "published_date": published.isoformat(),
        "published_date_source": "text" if w.date_in_text else "url",
        "split": None,
        "negative": negative,
        "agreements": w.agreements,
        "company_deals": w.company_deals,
    }
    return GeneratedArticle(url, outlet, language, published, w.title, w.text(), facts)


def generate_articles(count: int, seed: int) -> Iterator[GeneratedArticle]:
    """Articles 0 .. count-1, one at a time: nothing but the current article is held."""
    for index in range(count):
        yield generate_article(index, seed)


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def write_corpus(
    directory: Path,
    count: int,
    seed: int,
    *,
    shard_size: int = 10_000,
    workers: int | None = None,
    texts: bool = False,
    on_articles: Callable[[int], None] | None = None,
) -> CorpusFiles:
    """Write `count` articles as `.jsonl` feed shards and their facts as truth.jsonl.

    Layout: DIR/articles/articles-00001.jsonl ... (only feed files, so the folder can be
    given to read_sources or `cmw load` as is) and DIR/truth.jsonl (one article entry
    per line, in article order, keyed by url). Each shard is written by one process
    holding one article at a time, so memory does not grow with `count`; `workers`
    processes write shards side by side (default: one per core, one when there is a
    single shard). The bytes do not depend on `workers`. Shards left by an earlier,
    larger corpus in DIR are removed.

    `texts` also writes each article's text as DIR/texts/<article_file_name(url)>, the
    layout `cmw eval DIR/truth.jsonl` reads. `on_articles` is told how many articles
    each finished shard held (for a progress bar).
    """
    if count < 0 or shard_size < 1:
        raise ValueError("count must be >= 0 and shard_size >= 1")
    directory = Path(directory)
    articles_dir = directory / ARTICLES_DIR
    articles_dir.mkdir(parents=True, exist_ok=True)
    texts_dir = directory / TEXTS_DIR if texts else None
    stale = [*articles_dir.glob(f"{SHARD_PREFIX}*.jsonl"), *directory.glob(".truth-*.part")]
    if texts_dir:
        texts_dir.mkdir(exist_ok=True)
        stale += texts_dir.glob("*.txt")
    for path in stale:
        path.unlink()
    tasks = [
        _ShardTask(
            articles_dir, directory, number, start, min(start + shard_size, count), seed, texts_dir
        )
        for number, start in enumerate(range(0, count, shard_size), start=1)
    ]
    workers = min(workers or os.cpu_count() or 1, len(tasks))
    context = _worker_context()
    done = []
    with contextlib.ExitStack() as stack:
        if workers > 1 and context is not None:
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers, mp_context=context))
            finished: Iterator[tuple[Path, Path]] = pool.map(_write_shard, tasks)
        else:
            finished = map(_write_shard, tasks)
        for task, written in zip(tasks, finished, strict=True):
            done.append(written)
            if on_articles:
                on_articles(task.stop - task.start)
    truth_path = directory / TRUTH_FILE
    with truth_path.open("wb") as truth:
        for _, part in done:
            with part.open("rb") as handle:
                shutil.copyfileobj(handle, truth)
            part.unlink()
    return CorpusFiles(directory, articles_dir, tuple(s for s, _ in done), truth_path, count, seed)


def _worker_context() -> multiprocessing.context.BaseContext | None:
    """Forked workers, which inherit the loaded reference data and never re-run the
    caller's script (spawned ones would, without an `if __name__` guard); None where
    the platform cannot fork: write in this process."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


@dataclass(frozen=True)
class _ShardTask:
    articles_dir: Path
    directory: Path
    number: int
    start: int
    stop: int
    seed: int
    texts_dir: Path | None = None


def _write_shard(task: _ShardTask) -> tuple[Path, Path]:
    """Articles start..stop-1 into one feed shard and one part of the truth."""
    shard = task.articles_dir / f"{SHARD_PREFIX}{task.number:05d}.jsonl"
    part = task.directory / f".truth-{task.number:05d}.part"
    with (
        shard.open("w", encoding="utf-8", newline="\n") as feed,
        part.open("w", encoding="utf-8", newline="\n") as truth,
    ):
        for index in range(task.start, task.stop):
            article = generate_article(index, task.seed)
            feed.write(_dumps(article.feed_record()) + "\n")
            truth.write(_dumps(article.facts) + "\n")
            if task.texts_dir:
                text_file = task.texts_dir / article_file_name(article.url)
                text_file.write_text(article.text, encoding="utf-8", newline="\n")
    return shard, part


def write_feed(path: Path, indexes: range, seed: int) -> None:
    """Articles `indexes` of the corpus of `seed` as one feed file, without their truth
    (what a nightly receives after the corpus: e.g. range(count, count + count // 100))."""
    with Path(path).open("w", encoding="utf-8", newline="\n") as feed:
        for index in indexes:
            feed.write(_dumps(generate_article(index, seed).feed_record()) + "\n")


def read_truth(path: Path) -> Iterator[dict[str, Any]]:
    """The article entries of a truth.jsonl, one at a time (for `cmw eval` at scale)."""
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
