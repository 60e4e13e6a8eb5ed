"""staging initial tables: documents, extraction output, run log, rejected inputs

Revision ID: 0001
Revises:
Create Date: 2026-11-23 03:24:27.521401
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "etl_runs",
        sa.Column("run_id", sa.Text(), nullable=False),
        sa.Column(
            "command", sa.Text(), nullable=False, comment="The cmw command that started the run."
        ),
        sa.Column(
            "started_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.Text(), server_default=sa.text("'running'"), nullable=False),
        sa.Column("extractor_version", sa.Text(), nullable=False),
        sa.Column("documents_seen", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("documents_loaded", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("documents_unchanged", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("documents_rejected", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("mentions_loaded", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("agreements_loaded", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column(
            "message",
            sa.Text(),
            nullable=True,
            comment="Summary, or the error that failed the run.",
        ),
        sa.CheckConstraint(
            "status in ('running', 'succeeded', 'failed')", name=op.f("ck_etl_runs_status")
        ),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_etl_runs")),
        schema="staging",
        comment="One row per ETL run: when, what it did, and how it ended.",
    )
    op.create_table(
        "documents",
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("content_sha256", sa.Text(), nullable=False),
        sa.Column(
            "source_uri", sa.Text(), nullable=False, comment="Where the text was first read from."
        ),
        sa.Column("input_format", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("language", sa.Text(), nullable=True),
        sa.Column("published_date", sa.Date(), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column(
            "body",
            sa.Text(),
            nullable=False,
            comment="Normalised text; mention offsets point here.",
        ),
        sa.Column("extractor_version", sa.Text(), nullable=False),
        sa.Column(
            "load_id",
            sa.Text(),
            nullable=False,
            comment="The ETL run (staging.etl_runs.run_id) that loaded this row.",
        ),
        sa.Column(
            "loaded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was loaded (UTC).",
        ),
        sa.CheckConstraint(
            "input_format in ('txt', 'md', 'html', 'jsonl')", name=op.f("ck_documents_input_format")
        ),
        sa.ForeignKeyConstraint(
            ["load_id"], ["staging.etl_runs.run_id"], name=op.f("fk_documents_load_id")
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_documents")),
        sa.UniqueConstraint("content_sha256", name=op.f("uq_documents_content_sha256")),
        schema="staging",
        comment="One row per distinct document text (identified by its SHA-256).",
    )
    op.create_table(
        "rejected_inputs",
        sa.Column("reject_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source_uri", sa.Text(), nullable=False),
        sa.Column("reason_code", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("content_sha256", sa.Text(), nullable=True),
        sa.Column("duplicate_of_document_id", sa.Text(), nullable=True),
        sa.Column(
            "load_id",
            sa.Text(),
            nullable=False,
            comment="The ETL run (staging.etl_runs.run_id) that loaded this row.",
        ),
        sa.Column(
            "loaded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was loaded (UTC).",
        ),
        sa.ForeignKeyConstraint(
            ["load_id"], ["staging.etl_runs.run_id"], name=op.f("fk_rejected_inputs_load_id")
        ),
        sa.PrimaryKeyConstraint("reject_id", name=op.f("pk_rejected_inputs")),
        schema="staging",
        comment="Inputs that did not become documents, with the reason (one row per run and input).",
    )
    op.create_table(
        "extracted_agreements",
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("agreement_index", sa.Integer(), nullable=False),
        sa.Column("agreement_kind", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("event_date_precision", sa.Text(), nullable=True),
        sa.Column("location_city", sa.Text(), nullable=True),
        sa.Column("location_country_code", sa.Text(), nullable=True),
        sa.Column("is_legally_binding", sa.Boolean(), nullable=True),
        sa.Column("is_critical_minerals_related", sa.Boolean(), nullable=False),
        sa.Column("is_background", sa.Boolean(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.REAL(), nullable=False),
        sa.Column("extractor_version", sa.Text(), nullable=False),
        sa.Column(
            "load_id",
            sa.Text(),
            nullable=False,
            comment="The ETL run (staging.etl_runs.run_id) that loaded this row.",
        ),
        sa.Column(
            "loaded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was loaded (UTC).",
        ),
        sa.CheckConstraint(
            "event_date_precision in ('day', 'month', 'year')",
            name=op.f("ck_extracted_agreements_event_date_precision"),
        ),
        sa.CheckConstraint(
            "char_start >= 0 and char_end > char_start",
            name=op.f("ck_extracted_agreements_offsets"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["staging.documents.document_id"],
            name=op.f("fk_extracted_agreements_document_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["load_id"], ["staging.etl_runs.run_id"], name=op.f("fk_extracted_agreements_load_id")
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "agreement_index", name=op.f("pk_extracted_agreements")
        ),
        schema="staging",
        comment="Agreement events as each document reports them, before cross-document merging.",
    )
    op.create_table(
        "mentions",
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("mention_index", sa.Integer(), nullable=False),
        sa.Column("mention_kind", sa.Text(), nullable=False),
        sa.Column("surface_text", sa.Text(), nullable=False),
        sa.Column("normalized_key", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.REAL(), nullable=False),
        sa.Column(
            "attributes",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("extractor_version", sa.Text(), nullable=False),
        sa.Column(
            "load_id",
            sa.Text(),
            nullable=False,
            comment="The ETL run (staging.etl_runs.run_id) that loaded this row.",
        ),
        sa.Column(
            "loaded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was loaded (UTC).",
        ),
        sa.CheckConstraint(
            "mention_kind in ('country', 'person', 'organization', 'mineral', 'location', 'money', 'quantity', 'date')",
            name=op.f("ck_mentions_mention_kind"),
        ),
        sa.CheckConstraint(
            "char_start >= 0 and char_end > char_start", name=op.f("ck_mentions_offsets")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["staging.documents.document_id"],
            name=op.f("fk_mentions_document_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["load_id"], ["staging.etl_runs.run_id"], name=op.f("fk_mentions_load_id")
        ),
        sa.PrimaryKeyConstraint("document_id", "mention_index", name=op.f("pk_mentions")),
        schema="staging",
        comment="Entities and values found in a document, with character offsets into its body.",
    )
    op.create_table(
        "extracted_agreement_minerals",
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("agreement_index", sa.Integer(), nullable=False),
        sa.Column("mineral_id", sa.Text(), nullable=False),
        sa.Column(
            "load_id",
            sa.Text(),
            nullable=False,
            comment="The ETL run (staging.etl_runs.run_id) that loaded this row.",
        ),
        sa.Column(
            "loaded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was loaded (UTC).",
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "agreement_index"],
            [
                "staging.extracted_agreements.document_id",
                "staging.extracted_agreements.agreement_index",
            ],
            name=op.f("fk_extracted_agreement_minerals_document_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["load_id"],
            ["staging.etl_runs.run_id"],
            name=op.f("fk_extracted_agreement_minerals_load_id"),
        ),
        sa.PrimaryKeyConstraint(
            "document_id",
            "agreement_index",
            "mineral_id",
            name=op.f("pk_extracted_agreement_minerals"),
        ),
        schema="staging",
        comment="The minerals each extracted agreement covers.",
    )
    op.create_table(
        "extracted_agreement_participants",
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("agreement_index", sa.Integer(), nullable=False),
        sa.Column("participant_kind", sa.Text(), nullable=False),
        sa.Column("participant_key", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("participant_name", sa.Text(), nullable=False),
        sa.Column("country_code", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("organization_key", sa.Text(), nullable=True),
        sa.Column(
            "load_id",
            sa.Text(),
            nullable=False,
            comment="The ETL run (staging.etl_runs.run_id) that loaded this row.",
        ),
        sa.Column(
            "loaded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="When this row was loaded (UTC).",
        ),
        sa.CheckConstraint(
            "participant_kind in ('country', 'person', 'organization')",
            name=op.f("ck_extracted_agreement_participants_participant_kind"),
        ),
        sa.CheckConstraint(
            "role in ('party', 'signatory', 'witness', 'attendee', 'mentioned')",
            name=op.f("ck_extracted_agreement_participants_role"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "agreement_index"],
            [
                "staging.extracted_agreements.document_id",
                "staging.extracted_agreements.agreement_index",
            ],
            name=op.f("fk_extracted_agreement_participants_document_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["load_id"],
            ["staging.etl_runs.run_id"],
            name=op.f("fk_extracted_agreement_participants_load_id"),
        ),
        sa.PrimaryKeyConstraint(
            "document_id",
            "agreement_index",
            "participant_kind",
            "participant_key",
            "role",
            name=op.f("pk_extracted_agreement_participants"),
        ),
        schema="staging",
        comment="Who took part in each extracted agreement, and in which role.",
    )


def downgrade() -> None:
    op.drop_table("extracted_agreement_participants", schema="staging")
    op.drop_table("extracted_agreement_minerals", schema="staging")
    op.drop_table("mentions", schema="staging")
    op.drop_table("extracted_agreements", schema="staging")
    op.drop_table("rejected_inputs", schema="staging")
    op.drop_table("documents", schema="staging")
    op.drop_table("etl_runs", schema="staging")
