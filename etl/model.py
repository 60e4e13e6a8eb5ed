"""Typed records passed between the stages: read → extract → load.

Every stage takes and returns these frozen dataclasses, so a stage can be tested
on its own and the database never sees a half-built object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

# --- read ------------------------------------------------------------------

InputFormat = Literal["txt", "md", "html", "jsonl"]


@dataclass(frozen=True)
class SourceDocument:
    """One readable input document, its text normalised, before extraction."""

    # How the warehouse shows where the text came from: the path relative to the source
    # folder named, the feed's `url`, or `feed.jsonl#L12` for a feed line without one.
    source_uri: str
    # The canonical identity of that place: the resolved absolute path (the same for any
    # spelling of it), `/abs/feed.jsonl#L12`, or the feed's `url`.
    source_location: str
    text: str  # normalised text: the offsets of every mention point into this string
    content_sha256: str  # SHA-256 of `text`; the document's identity
    input_format: InputFormat
    # Metadata the input itself carried (JSONL fields, HTML meta tags); None when absent.
    title: str | None = None
    published_date: date | None = None
    publisher: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = ()  # e.g. "decoded as Latin-1"

    @property
    def document_id(self) -> str:
        return document_id_for(self.content_sha256)


def document_id_for(content_sha256: str) -> str:
    """Deterministic document id: the same text gives the same id on any machine."""
    return "doc_" + content_sha256[:16]


RejectReason = Literal[
    "empty",
    "binary",
    "undecodable",
    "too_large",
    "malformed_json",
    "missing_text",
    "no_text_extracted",
    "unsupported_extension",
    "unreadable",
    "duplicate_content",
    "extraction_failed",
    "not_a_file",
    "load_failed",
]


@dataclass(frozen=True)
class RejectedInput:
    """An input that could not become a document, with a reason an operator can act on."""

    source_uri: str
    reason_code: RejectReason
    reason: str
    source_location: str | None = None
    content_sha256: str | None = None
    duplicate_of_document_id: str | None = None


# --- extract ---------------------------------------------------------------

MentionKind = Literal[
    "country", "person", "organization", "mineral", "location", "money", "quantity", "date"
]


@dataclass(frozen=True)
class Mention:
    """A span of the document text recognised as an entity or a value.

    `key` is the normalised value: ISO 3166-1 alpha-3 for countries, the mineral slug,
    a person key (see `person_key`), an organization key, an ISO date, "USD 1100000000"
    for money, "50000 t/year" for quantities.
    """

    kind: MentionKind
    text: str
    key: str
    char_start: int
    char_end: int
    sentence_start: int
    sentence_end: int
    confidence: float
    # Kind-specific detail: title, organization_key, country_code, acronym,
    # organization_kind, currency, amount, unit, precision...
    attributes: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


ParticipantKind = Literal["country", "person", "organization"]
ParticipantRole = Literal["party", "signatory", "witness", "attendee", "mentioned"]


@dataclass(frozen=True)
class Participant:
    kind: ParticipantKind
    key: str  # country code, person key or organization key
    role: ParticipantRole
    name: str  # as written (most complete form in the document)
    country_code: str | None = None
    title: str | None = None  # persons: "Minister of Mining"
    organization_key: str | None = None  # persons: the body they speak for


AgreementKind = Literal[
    "memorandum_of_understanding",
    "memorandum_of_cooperation",
    "joint_statement",
    "joint_declaration",
    "framework_agreement",
    "treaty_or_binding_agreement",
    "partnership",
    "letter_of_intent",
    "talks",
]
AgreementStatus = Literal["signed", "announced", "under_negotiation", "talks"]
DatePrecision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class AgreementFact:
    """One agreement event as one document reports it (not yet merged across documents)."""

    kind: AgreementKind
    status: AgreementStatus
    title: str | None
    event_date: date | None
    event_date_precision: DatePrecision | None
    location_city: str | None
    location_country_code: str | None
    is_legally_binding: bool | None
    is_critical_minerals_related: bool
    # True when the document only recalls an earlier instrument ("in August the two
    # countries signed..."): it is that earlier event, not news of a new one.
    is_background: bool
    participants: tuple[Participant, ...]
    minerals: tuple[str, ...]  # mineral slugs
    evidence_text: str
    char_start: int  # offsets of evidence_text in the document text
    char_end: int
    confidence: float
    # False when the text only says "an agreement", "a deal", "a memorandum": the kind is
    # a default, and reports of the same signing that name it may call it anything.
    is_kind_named: bool = True


CommitmentKind = Literal["investment", "financing", "grant", "capacity", "production", "offtake"]
Qualifier = Literal["exact", "up_to", "at_least", "about", "range"]


@dataclass(frozen=True)
class Commitment:
    """One stated amount or capacity: who commits it, where, about what, by when."""

    kind: CommitmentKind
    value_text: str  # as written: "US$1.1 billion", "50.000 toneladas anuales"
    amount: float  # money in units of the currency; quantities in metric tonnes
    amount_high: float | None  # the upper bound of a range, else None
    unit: str  # ISO 4217 code for money; "t_per_year", "t", or an energy unit ("GWh", "MW")
    qualifier: Qualifier
    target_year: int | None  # the year it is due, online, reached (or was produced)
    mineral_id: str | None
    country_code: str | None  # where it happens
    owner_key: str | None  # country code or organisation key of who commits, invests, produces
    owner_name: str | None  # as written
    owner_kind: str | None  # "country", or the organisation kind (company, government_body...)
    agreement_index: int | None  # index in Extraction.agreements of the agreement it belongs to
    evidence_text: str  # the sentence
    char_start: int  # offsets of evidence_text in the document text
    char_end: int
    value_start: int  # offsets of value_text in the document text
    value_end: int
    confidence: float


CompanyDealKind = Literal[
    "memorandum_of_understanding",
    "offtake",
    "joint_venture",
    "investment",
    "acquisition",
    "supply",
    "other",
]
DealParticipantKind = Literal["organization", "country"]


@dataclass(frozen=True)
class DealParticipant:
    """A side of a company deal: a company, or the state or public body on the other side."""

    kind: DealParticipantKind
    key: str  # organisation key, or country code
    name: str  # as written
    organization_kind: str | None  # company, government_body...; None for a country
    # A company's headquarters country, where the text or the reference data says it;
    # a public body's or a state's own country.
    country_code: str | None


@dataclass(frozen=True)
class CompanyDealFact:
    """One deal between companies, or a company and a state, as one document reports it."""

    kind: CompanyDealKind
    status: AgreementStatus
    event_date: date | None
    event_date_precision: DatePrecision | None
    location_city: str | None
    location_country_code: str | None
    is_critical_minerals_related: bool
    participants: tuple[DealParticipant, ...]
    minerals: tuple[str, ...]  # mineral slugs
    # Indexes in Extraction.commitments of the amounts the text states for this deal.
    commitment_indexes: tuple[int, ...]
    evidence_text: str  # the sentence that reports the deal
    char_start: int  # offsets of evidence_text in the document text
    char_end: int
    confidence: float

    @property
    def companies(self) -> tuple[str, ...]:
        return tuple(
            p.name
            for p in self.participants
            if p.kind == "organization" and p.organization_kind == "company"
        )


@dataclass(frozen=True)
class Extraction:
    """Everything the extractor reads out of one document."""

    extractor_version: str
    language: str | None  # ISO 639-1
    title: str | None
    published_date: date | None
    publisher: str | None
    mentions: tuple[Mention, ...]
    agreements: tuple[AgreementFact, ...]
    commitments: tuple[Commitment, ...] = ()
    company_deals: tuple[CompanyDealFact, ...] = ()
