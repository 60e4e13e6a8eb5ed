"""Gold annotations: what a careful annotator says each document reports.

Two formats, one model (`GoldDocument`), one set of conventions (the project's
ANNOTATION guide, restated in tests/gold/README.md):

- self-written gold (`documents:`): each entry names its text file in the repository
  and lists every person and organisation too (tests/gold/*.yaml);
- real-article facts (`articles:`): each entry names an article by its URL; the text
  lives in a git-ignored folder, one file per URL (`article_file_name`), and persons and
  organisations are not annotated (tests/gold/real/README.md). An article whose text is
  missing is skipped and counted, never scored as a miss.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from etl import config
from etl.keys import person_key
from etl.model import SourceDocument
from etl.read import InputFile, make_document, read_file


@dataclass(frozen=True)
class GoldAgreement:
    kinds: tuple[str, ...]  # acceptable kinds; the first is the strict answer
    status: str
    parties: frozenset[str]
    event_date: date | None
    signatories: frozenset[str]  # person keys
    witnesses: frozenset[str]
    minerals: frozenset[str]
    critical: bool
    background: bool
    event: str | None = None  # the real-world event: the same id in every report of it
    place: str | None = None  # city, English exonym
    binding: bool | None = None


@dataclass(frozen=True)
class GoldCommitment:
    kind: str
    value_text: str
    amount: float
    amount_high: float | None
    unit: str
    qualifier: str
    target_year: int | None
    mineral: str | None
    country: str | None
    owner: str | None  # a country code, or a name as written
    agreement: frozenset[str] | None  # the party set of the agreement it belongs to


@dataclass(frozen=True)
class GoldCompanyDeal:
    kind: str
    status: str
    companies: tuple[str, ...]
    countries: frozenset[str]
    minerals: frozenset[str]
    event_date: date | None = None


@dataclass(frozen=True)
class GoldDocument:
    name: str  # for messages: the file name, or the article's URL
    source: SourceDocument
    language: str | None
    # Self-written gold: the date the extractor should read off the text (scored).
    # Real articles: the feed's date, given to the extractor, so not scored (None here).
    published_date: date | None
    # None when not annotated (real articles): the document is not scored for them.
    persons: frozenset[str] | None
    organizations: tuple[str, ...] | None
    agreements: tuple[GoldAgreement, ...]
    commitments: tuple[GoldCommitment, ...] | None = None
    company_deals: tuple[GoldCompanyDeal, ...] | None = None
    negative: str | None = None  # why a real article reports no agreement
    split: str | None = None  # development | heldout, for real articles
    # Real articles: the feed gives the publication date (not scored), and agreements
    # are annotated with their place (scored).
    is_real_article: bool = False
    # Self-written documents whose agreements carry a `place` key are scored on places
    # too (the older ones were written without places).
    places_annotated: bool = False

    @property
    def file(self) -> Path:
        """Kept for messages that name the file."""
        return Path(self.name)


@dataclass
class GoldSet:
    documents: list[GoldDocument]
    missing_texts: list[str] = field(default_factory=list)  # URLs whose text is not here


def article_file_name(url: str) -> str:
    """The text file of a real article in the texts folder: one file per URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16] + ".txt"


class GoldNotFound(FileNotFoundError):
    """No gold file given and none by default, or a gold document that is not there."""


def default_gold_path() -> Path:
    """The project's gold set, in the checkout etl runs from: an installed cmw has none."""
    if config.DEFAULT_GOLD_FILE is None:
        raise GoldNotFound(
            "an installed cmw ships no gold set (it lives in the repository's tests/gold/):"
            " name the gold file, e.g. `cmw eval tests/gold/annotations.yaml` in a checkout"
        )
    return config.DEFAULT_GOLD_FILE


def load_gold(path: Path, *, texts: Path | None = None, split: str | None = None) -> GoldSet:
    """Read a gold file of either format (and the files it includes).

    `texts` is the folder of real articles' texts (default: `texts/` beside the facts
    file); `split` keeps only the articles of that split. A `.jsonl` file holds one
    article entry per line: the truth `cmw bench generate` writes (too large for YAML).
    """
    if path.suffix == ".jsonl":
        from etl.corpus import read_truth  # the corpus module imports this one

        return _load_articles(list(read_truth(path)), texts or path.parent / "texts", split)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if "articles" in data:
        return _load_articles(data["articles"] or [], texts or path.parent / "texts", split)
    gold = GoldSet([_gold_document(entry) for entry in data.get("documents") or []])
    for included in data.get("include") or []:
        more = load_gold(path.parent / included)
        gold.documents += more.documents
    return gold


def _gold_document(entry: dict) -> GoldDocument:
    root = _repository_root()
    file = root / entry["file"]
    if not file.is_file():
        raise GoldNotFound(
            f"gold document {entry['file']} is not in {root}: gold files name"
            " their documents relative to the repository root (run cmw eval from the checkout)"
        )
    source = next(d for d in read_file(file) if isinstance(d, SourceDocument))
    return GoldDocument(
        name=file.name,
        source=source,
        language=entry.get("language"),
        published_date=_as_date(entry.get("published_date")),
        persons=frozenset(entry.get("persons") or ()),
        organizations=tuple(entry.get("organizations") or ()),
        agreements=tuple(
            _gold_agreement(a, person_names=False) for a in entry.get("agreements") or ()
        ),
        commitments=_gold_commitments(entry["commitments"]) if "commitments" in entry else None,
        company_deals=(
            _gold_company_deals(entry["company_deals"]) if "company_deals" in entry else None
        ),
        places_annotated=any("place" in a for a in entry.get("agreements") or ()),
    )


def _repository_root() -> Path:
    """What self-written gold entries name their files relative to (`seeds/...`,
    `tests/gold/docs/...`): the checkout etl runs from, or for an installed cmw the
    current directory (run it from the checkout that holds the gold set)."""
    return config.SOURCE_CHECKOUT or Path.cwd()


def _load_articles(entries: list[dict], texts: Path, split: str | None) -> GoldSet:
    gold = GoldSet([])
    for entry in entries:
        if split and entry.get("split") != split:
            continue
        url = entry["url"]
        path = texts / article_file_name(url)
        if not path.is_file():
            gold.missing_texts.append(url)
            continue
        document = make_document(
            InputFile(path, url, url),
            path.read_text(encoding="utf-8"),
            "txt",
            published_date=_as_date(entry.get("published_date")),
            publisher=entry.get("outlet"),
        )
        if not isinstance(document, SourceDocument):
            gold.missing_texts.append(url)
            continue
        gold.documents.append(
            GoldDocument(
                name=url,
                source=document,
                language=entry.get("language"),
                published_date=None,
                persons=None,
                organizations=None,
                agreements=tuple(
                    _gold_agreement(a, person_names=True) for a in entry.get("agreements") or ()
                ),
                company_deals=(
                    _gold_company_deals(entry["company_deals"])
                    if "company_deals" in entry
                    else None
                ),
                negative=entry.get("negative"),
                split=entry.get("split"),
                is_real_article=True,
            )
        )
    return gold


def _gold_agreement(a: dict, *, person_names: bool) -> GoldAgreement:
    """`person_names`: signatories are written as names (real articles), else as keys."""
    kinds = a["kind"] if isinstance(a["kind"], list) else [a["kind"]]

    def people(values) -> frozenset[str]:
        return frozenset(person_key(v) if person_names else v for v in values or ())

    return GoldAgreement(
        kinds=tuple(kinds),
        status=a["status"],
        parties=frozenset(a.get("parties") or ()),
        event_date=_as_date(a.get("date")),
        signatories=people(a.get("signatories")),
        witnesses=people(a.get("witnesses")),
        minerals=frozenset(a.get("minerals") or ()),
        critical=bool(a.get("critical", True)),
        background=bool(a.get("background", False)),
        event=a.get("event"),
        place=a.get("place"),
        binding=a.get("binding"),
    )


def _as_date(value: object) -> date | None:
    """YAML gives a date, or a string when the date was quoted."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _gold_commitments(items: list[dict] | None) -> tuple[GoldCommitment, ...]:
    return tuple(
        GoldCommitment(
            kind=c["kind"],
            value_text=str(c.get("value_text") or ""),
            amount=float(c["amount"]),
            amount_high=float(c["amount_high"]) if c.get("amount_high") is not None else None,
            unit=c["unit"],
            qualifier=c.get("qualifier") or "exact",
            target_year=c.get("target_year"),
            mineral=c.get("mineral"),
            country=c.get("country"),
            owner=str(c["owner"]) if c.get("owner") is not None else None,
            agreement=frozenset(c["agreement"]) if c.get("agreement") else None,
        )
        for c in items or ()
    )


def _gold_company_deals(items: list[dict] | None) -> tuple[GoldCompanyDeal, ...]:
    return tuple(
        GoldCompanyDeal(
            kind=d["kind"],
            status=d.get("status") or "signed",
            companies=tuple(d.get("companies") or ()),
            countries=frozenset(d.get("countries") or ()),
            minerals=frozenset(d.get("minerals") or ()),
            event_date=_as_date(d.get("date")),
        )
        for d in items or ()
    )
