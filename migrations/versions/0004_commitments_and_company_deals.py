"""commitments and company deals: the amounts, capacities and company deals each
document states, landed beside its agreements and replaced with them on re-extraction

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 22:21:24.770475
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "extracted_commitments",
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("commitment_index", sa.Integer(), nullable=False),
        sa.Column("commitment_kind", sa.Text(), nullable=False),
        sa.Column("value_text", sa.Text(), nullable=False, comment="The amount as written."),
        sa.Column(
            "amount",
            sa.Numeric(),
            nullable=False,
            comment="Money in units of the currency; quantities in metric tonnes.",
        ),
        sa.Column(
            "amount_high", sa.Numeric(), nullable=True, comment="The upper bound of a range."
        ),
        sa.Column(
            "unit",
            sa.Text(),
            nullable=False,
            comment="ISO 4217 code for money; t_per_year or t for quantities (or an energy unit).",
        ),
        sa.Column("qualifier", sa.Text(), nullable=False),
        sa.Column(
            "target_year",
            sa.Integer(),
            nullable=True,
            comment="The year it is due, online, reached or produced.",
        ),
        sa.Column("mineral_id", sa.Text(), nullable=True),
        sa.Column("country_code", sa.Text(), nullable=True, comment="Where it happens."),
        sa.Column(
            "owner_key",
            sa.Text(),
            nullable=True,
            comment="Country code or organisation key of who commits.",
        ),
        sa.Column("owner_name", sa.Text(), nullable=True, comment="Who commits, as written."),
        sa.Column(
            "owner_kind", sa.Text(), nullable=True, comment="country, or the organisation's kind."
        ),
        sa.Column(
            "agreement_index",
            sa.Integer(),
            nullable=True,
            comment="The extracted agreement (of the same document) it belongs to.",
        ),
        sa.Column(
            "company_deal_index",
            sa.Integer(),
            nullable=True,
            comment="The extracted company deal (of the same document) it is stated for.",
        ),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("value_start", sa.Integer(), nullable=False),
        sa.Column("value_end", sa.Integer(), nullable=False),
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
            "commitment_kind in ('investment', 'financing', 'grant', 'capacity', 'production', 'offtake')",
            name=op.f("ck_extracted_commitments_commitment_kind"),
        ),
        sa.CheckConstraint(
            "qualifier in ('exact', 'up_to', 'at_least', 'about', 'range')",
            name=op.f("ck_extracted_commitments_qualifier"),
        ),
        sa.CheckConstraint(
            "char_start >= 0 and char_end > char_start",
            name=op.f("ck_extracted_commitments_offsets"),
        ),
        sa.CheckConstraint(
            "value_start >= 0 and value_end > value_start",
            name=op.f("ck_extracted_commitments_value_offsets"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["staging.documents.document_id"],
            name=op.f("fk_extracted_commitments_document_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["load_id"], ["staging.etl_runs.run_id"], name=op.f("fk_extracted_commitments_load_id")
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "commitment_index", name=op.f("pk_extracted_commitments")
        ),
        schema="staging",
        comment="Amounts of money and capacities as each document states them, before merging.",
    )
    op.create_table(
        "extracted_company_deals",
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("deal_index", sa.Integer(), nullable=False),
        sa.Column("deal_kind", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("event_date_precision", sa.Text(), nullable=True),
        sa.Column("location_city", sa.Text(), nullable=True),
        sa.Column("location_country_code", sa.Text(), nullable=True),
        sa.Column("is_critical_minerals_related", sa.Boolean(), nullable=False),
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
            "deal_kind in ('memorandum_of_understanding', 'offtake', 'joint_venture', 'investment', 'acquisition', 'supply', 'other')",
            name=op.f("ck_extracted_company_deals_deal_kind"),
        ),
        sa.CheckConstraint(
            "event_date_precision in ('day', 'month', 'year')",
            name=op.f("ck_extracted_company_deals_event_date_precision"),
        ),
        sa.CheckConstraint(
            "char_start >= 0 and char_end > char_start",
            name=op.f("ck_extracted_company_deals_offsets"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["staging.documents.document_id"],
            name=op.f("fk_extracted_company_deals_document_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["load_id"],
            ["staging.etl_runs.run_id"],
            name=op.f("fk_extracted_company_deals_load_id"),
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "deal_index", name=op.f("pk_extracted_company_deals")
        ),
        schema="staging",
        comment="Deals between companies, or a company and a state, as each document reports them.",
    )
    op.create_table(
        "extracted_company_deal_minerals",
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("deal_index", sa.Integer(), nullable=False),
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
            ["document_id", "deal_index"],
            [
                "staging.extracted_company_deals.document_id",
                "staging.extracted_company_deals.deal_index",
            ],
            name=op.f("fk_extracted_company_deal_minerals_document_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["load_id"],
            ["staging.etl_runs.run_id"],
            name=op.f("fk_extracted_company_deal_minerals_load_id"),
        ),
        sa.PrimaryKeyConstraint(
            "document_id",
            "deal_index",
            "mineral_id",
            name=op.f("pk_extracted_company_deal_minerals"),
        ),
        schema="staging",
        comment="The minerals each extracted company deal is about.",
    )
    op.create_table(
        "extracted_company_deal_participants",
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("deal_index", sa.Integer(), nullable=False),
        sa.Column("participant_kind", sa.Text(), nullable=False),
        sa.Column("participant_key", sa.Text(), nullable=False),
        sa.Column("participant_name", sa.Text(), nullable=False),
        sa.Column(
            "organization_kind",
            sa.Text(),
            nullable=True,
            comment="company, government_body...; null for a country.",
        ),
        sa.Column(
            "country_code",
            sa.Text(),
            nullable=True,
            comment="A company's headquarters country, where the text or the reference data says it; a state's or public body's own country.",
        ),
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
            "participant_kind in ('country', 'organization')",
            name=op.f("ck_extracted_company_deal_participants_participant_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id", "deal_index"],
            [
                "staging.extracted_company_deals.document_id",
                "staging.extracted_company_deals.deal_index",
            ],
            name=op.f("fk_extracted_company_deal_participants_document_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["load_id"],
            ["staging.etl_runs.run_id"],
            name=op.f("fk_extracted_company_deal_participants_load_id"),
        ),
        sa.PrimaryKeyConstraint(
            "document_id",
            "deal_index",
            "participant_kind",
            "participant_key",
            name=op.f("pk_extracted_company_deal_participants"),
        ),
        schema="staging",
        comment="The sides of each extracted company deal.",
    )


def downgrade() -> None:
    op.drop_table("extracted_company_deal_participants", schema="staging")
    op.drop_table("extracted_company_deal_minerals", schema="staging")
    op.drop_table("extracted_company_deals", schema="staging")
    op.drop_table("extracted_commitments", schema="staging")
