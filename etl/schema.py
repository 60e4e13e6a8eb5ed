"""The `staging` schema, owned by Alembic: the tables the ETL writes.

This MetaData is the single definition: migrations are written from it, and
`alembic check` (run by the tests) fails when the two drift apart.

Primary keys, no foreign keys (since migration 0007). A landing schema's rows are written
by one loader, a document and its extraction in one transaction (etl/load.py), and
replaced the same way; checking each row's document and run again, row by row, halved
the load rate. Orphans are what dbt's tests look for instead, once per build
(`belongs_to` and `relationships` on the stg_etl__ models), as dlt and the Meltano
Postgres target leave their landing tables without foreign keys too.
"""

from __future__ import annotations

from sqlalchemy import (
    REAL,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    Numeric,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

STAGING_SCHEMA = "staging"

# Named constraints, so migrations can drop and rename them by name.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",  # PostgreSQL cuts names at 63 bytes
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(schema=STAGING_SCHEMA, naming_convention=NAMING_CONVENTION)


def _load_columns() -> list[Column]:
    """Every landed row says which run loaded it and when."""
    return [
        Column(
            "load_id",
            Text,
            nullable=False,
            comment="The ETL run (staging.etl_runs.run_id) that loaded this row.",
        ),
        Column(
            "loaded_at",
            DateTime(timezone=True),
            nullable=False,
            server_default=text("now()"),
            comment="When this row was loaded (UTC).",
        ),
    ]


def _document_id_column() -> Column:
    """Extraction rows belong to their document (staging.documents.document_id)."""
    return Column("document_id", Text, primary_key=True)


etl_runs = Table(
    "etl_runs",
    metadata,
    Column("run_id", Text, primary_key=True),
    Column("command", Text, nullable=False, comment="The cmw command that started the run."),
    Column("started_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", Text, nullable=False, server_default=text("'running'")),
    Column("extractor_version", Text, nullable=False),
    Column("documents_seen", Integer, nullable=False, server_default=text("0")),
    Column("documents_loaded", Integer, nullable=False, server_default=text("0")),
    Column("documents_unchanged", Integer, nullable=False, server_default=text("0")),
    Column("documents_rejected", Integer, nullable=False, server_default=text("0")),
    Column("mentions_loaded", Integer, nullable=False, server_default=text("0")),
    Column("agreements_loaded", Integer, nullable=False, server_default=text("0")),
    Column("message", Text, comment="Summary, or the error that failed the run."),
    Column(
        "step_seconds",
        JSONB,
        nullable=False,
        server_default=text("'{}'::jsonb"),
        comment='Wall-clock seconds per step, e.g. {"ingest": 1.2, "dbt_build": 14.0}.',
    ),
    Column(
        "build_outcome",
        Text,
        comment="What the run did to the marts: built them, or skipped the build because"
        " nothing they are made from had changed; null when it did not get that far.",
    ),
    Column(
        "code_fingerprint",
        Text,
        comment="SHA-256 of the code the marts were built with (dbt project, reference data,"
        " extractor version, rule variables, dbt version) when the run built them or found"
        " them current; a change means a full refresh.",
    ),
    Column(
        "data_fingerprint",
        Text,
        comment="The stored documents the marts were built from: how many, and a hash of"
        " each with the run that last extracted it.",
    ),
    CheckConstraint("status in ('running', 'succeeded', 'failed')", name="status"),
    CheckConstraint("build_outcome in ('built', 'skipped')", name="build_outcome"),
    comment="One row per ETL run: when, what it did, and how it ended.",
)

documents = Table(
    "documents",
    metadata,
    Column("document_id", Text, primary_key=True),
    Column("content_sha256", Text, nullable=False, unique=True),
    Column(
        "source_uri",
        Text,
        nullable=False,
        comment="Where the text was first read from, as shown to analysts: the path relative"
        " to the source folder, or the feed's URL.",
    ),
    Column(
        "source_location",
        Text,
        nullable=False,
        comment="The canonical identity of that place (resolved absolute path, or the feed's"
        " URL): the same file under any spelling of its path is the same location.",
    ),
    Column("input_format", Text, nullable=False),
    Column("title", Text),
    Column("language", Text),
    Column("published_date", Date),
    Column("publisher", Text),
    Column("body", Text, nullable=False, comment="Normalised text; mention offsets point here."),
    Column("declared_title", Text, comment="The title the input itself gave (feed, HTML)."),
    Column("declared_published_date", Date, comment="The publication date the input gave."),
    Column("declared_publisher", Text, comment="The publisher the input gave."),
    Column("declared_language", Text, comment="The language the input gave."),
    Column("extractor_version", Text, nullable=False),
    *_load_columns(),
    CheckConstraint("input_format in ('txt', 'md', 'html', 'jsonl')", name="input_format"),
    comment="One row per distinct document text (identified by its SHA-256).",
)

rejected_inputs = Table(
    "rejected_inputs",
    metadata,
    Column("reject_id", Integer, primary_key=True, autoincrement=True),
    Column("source_uri", Text, nullable=False),
    Column("source_location", Text, comment="The input's canonical location (see documents)."),
    Column("reason_code", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("content_sha256", Text),
    Column("duplicate_of_document_id", Text),
    *_load_columns(),
    comment="Inputs that did not become documents, with the reason (one row per run and input).",
)

input_files = Table(
    "input_files",
    metadata,
    Column(
        "source_location",
        Text,
        primary_key=True,
        comment="The input file's canonical location (resolved absolute path, see documents).",
    ),
    Column("size_bytes", BigInteger, nullable=False, comment="Its size when it was read."),
    Column(
        "mtime_ns",
        BigInteger,
        nullable=False,
        comment="Its modification time when it was read, in nanoseconds since the epoch.",
    ),
    Column(
        "inode",
        Numeric,
        nullable=False,
        comment="Its inode number when it was read: a file replaced by another one of the"
        " same size and time (a copy that keeps times) is read again.",
    ),
    Column(
        "documents",
        Integer,
        nullable=False,
        comment="How many documents it held, every one loaded or found unchanged.",
    ),
    *_load_columns(),
    comment="Input files whose every document is stored, as they were when read: a later"
    " run skips a file still at the same location with the same size, modification time"
    " and inode, without opening it (`--reread` reads it anyway). A file with a rejected"
    " input is not listed, so it is read again. The ETL's own bookkeeping: dbt does not"
    " read it.",
)

mentions = Table(
    "mentions",
    metadata,
    _document_id_column(),
    Column("mention_index", Integer, primary_key=True),
    Column("mention_kind", Text, nullable=False),
    Column("surface_text", Text, nullable=False),
    Column("normalized_key", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("confidence", REAL, nullable=False),
    Column("attributes", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("extractor_version", Text, nullable=False),
    *_load_columns(),
    CheckConstraint(
        "mention_kind in ('country', 'person', 'organization', 'mineral', 'location',"
        " 'money', 'quantity', 'date')",
        name="mention_kind",
    ),
    CheckConstraint("char_start >= 0 and char_end > char_start", name="offsets"),
    comment="Entities and values found in a document, with character offsets into its body.",
)

extracted_agreements = Table(
    "extracted_agreements",
    metadata,
    _document_id_column(),
    Column("agreement_index", Integer, primary_key=True),
    Column("agreement_kind", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("title", Text),
    Column("event_date", Date),
    Column("event_date_precision", Text),
    Column("location_city", Text),
    Column("location_country_code", Text),
    Column("is_legally_binding", Boolean),
    Column("is_critical_minerals_related", Boolean, nullable=False),
    Column("is_background", Boolean, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("confidence", REAL, nullable=False),
    Column("extractor_version", Text, nullable=False),
    *_load_columns(),
    CheckConstraint(
        "event_date_precision in ('day', 'month', 'year')", name="event_date_precision"
    ),
    CheckConstraint("char_start >= 0 and char_end > char_start", name="offsets"),
    comment="Agreement events as each document reports them, before cross-document merging.",
)


extracted_agreement_participants = Table(
    "extracted_agreement_participants",
    metadata,
    Column("document_id", Text, primary_key=True),
    Column("agreement_index", Integer, primary_key=True),
    Column("participant_kind", Text, primary_key=True),
    Column("participant_key", Text, primary_key=True),
    Column("role", Text, primary_key=True),
    Column("participant_name", Text, nullable=False),
    Column("country_code", Text),
    Column("title", Text),
    Column("organization_key", Text),
    *_load_columns(),
    CheckConstraint(
        "participant_kind in ('country', 'person', 'organization')", name="participant_kind"
    ),
    CheckConstraint(
        "role in ('party', 'signatory', 'witness', 'attendee', 'mentioned')", name="role"
    ),
    comment="Who took part in each extracted agreement, and in which role.",
)

extracted_agreement_minerals = Table(
    "extracted_agreement_minerals",
    metadata,
    Column("document_id", Text, primary_key=True),
    Column("agreement_index", Integer, primary_key=True),
    Column("mineral_id", Text, primary_key=True),
    *_load_columns(),
    comment="The minerals each extracted agreement covers.",
)

extracted_commitments = Table(
    "extracted_commitments",
    metadata,
    _document_id_column(),
    Column("commitment_index", Integer, primary_key=True),
    Column("commitment_kind", Text, nullable=False),
    Column("value_text", Text, nullable=False, comment="The amount as written."),
    Column(
        "amount",
        Numeric,
        nullable=False,
        comment="Money in units of the currency; quantities in metric tonnes.",
    ),
    Column("amount_high", Numeric, comment="The upper bound of a range."),
    Column(
        "unit",
        Text,
        nullable=False,
        comment="ISO 4217 code for money; t_per_year or t for quantities (or an energy unit).",
    ),
    Column("qualifier", Text, nullable=False),
    Column("target_year", Integer, comment="The year it is due, online, reached or produced."),
    Column("mineral_id", Text),
    Column("country_code", Text, comment="Where it happens."),
    Column("owner_key", Text, comment="Country code or organisation key of who commits."),
    Column("owner_name", Text, comment="Who commits, as written."),
    Column("owner_kind", Text, comment="country, or the organisation's kind."),
    Column(
        "agreement_index",
        Integer,
        comment="The extracted agreement (of the same document) it belongs to.",
    ),
    Column(
        "company_deal_index",
        Integer,
        comment="The extracted company deal (of the same document) it is stated for.",
    ),
    Column("evidence_text", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("value_start", Integer, nullable=False),
    Column("value_end", Integer, nullable=False),
    Column("confidence", REAL, nullable=False),
    Column("extractor_version", Text, nullable=False),
    *_load_columns(),
    CheckConstraint(
        "commitment_kind in ('investment', 'financing', 'grant', 'capacity', 'production',"
        " 'offtake')",
        name="commitment_kind",
    ),
    CheckConstraint(
        "qualifier in ('exact', 'up_to', 'at_least', 'about', 'range')", name="qualifier"
    ),
    CheckConstraint("char_start >= 0 and char_end > char_start", name="offsets"),
    CheckConstraint(
        "value_start >= 0 and value_end > value_start",
        name="value_offsets",
    ),
    comment="Amounts of money and capacities as each document states them, before merging.",
)

extracted_company_deals = Table(
    "extracted_company_deals",
    metadata,
    _document_id_column(),
    Column("deal_index", Integer, primary_key=True),
    Column("deal_kind", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("event_date", Date),
    Column("event_date_precision", Text),
    Column("location_city", Text),
    Column("location_country_code", Text),
    Column("is_critical_minerals_related", Boolean, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("confidence", REAL, nullable=False),
    Column("extractor_version", Text, nullable=False),
    *_load_columns(),
    CheckConstraint(
        "deal_kind in ('memorandum_of_understanding', 'offtake', 'joint_venture', 'investment',"
        " 'acquisition', 'supply', 'other')",
        name="deal_kind",
    ),
    CheckConstraint(
        "event_date_precision in ('day', 'month', 'year')", name="event_date_precision"
    ),
    CheckConstraint("char_start >= 0 and char_end > char_start", name="offsets"),
    comment="Deals between companies, or a company and a state, as each document reports them.",
)


extracted_company_deal_participants = Table(
    "extracted_company_deal_participants",
    metadata,
    Column("document_id", Text, primary_key=True),
    Column("deal_index", Integer, primary_key=True),
    Column("participant_kind", Text, primary_key=True),
    Column("participant_key", Text, primary_key=True),
    Column("participant_name", Text, nullable=False),
    Column("organization_kind", Text, comment="company, government_body...; null for a country."),
    Column(
        "country_code",
        Text,
        comment="A company's headquarters country, where the text or the reference data"
        " says it; a state's or public body's own country.",
    ),
    *_load_columns(),
    CheckConstraint("participant_kind in ('country', 'organization')", name="participant_kind"),
    comment="The sides of each extracted company deal.",
)

extracted_company_deal_minerals = Table(
    "extracted_company_deal_minerals",
    metadata,
    Column("document_id", Text, primary_key=True),
    Column("deal_index", Integer, primary_key=True),
    Column("mineral_id", Text, primary_key=True),
    *_load_columns(),
    comment="The minerals each extracted company deal is about.",
)

# A document's extraction: every table whose rows belong to one stored document (keyed by
# its document_id first), written with it and replaced with it on re-extraction.
EXTRACTION_TABLES = (
    mentions,
    extracted_agreements,
    extracted_agreement_participants,
    extracted_agreement_minerals,
    extracted_commitments,
    extracted_company_deals,
    extracted_company_deal_participants,
    extracted_company_deal_minerals,
)
