"""staging keeps its primary keys and drops its foreign keys: the loader writes a
document and its extraction in one transaction, and dbt's tests look for orphans once per
build instead of PostgreSQL checking every row's document and run as it is loaded

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 23:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_RUNS = ("etl_runs", ["run_id"])
_DOCUMENTS = ("documents", ["document_id"])
_AGREEMENTS = ("extracted_agreements", ["document_id", "agreement_index"])
_DEALS = ("extracted_company_deals", ["document_id", "deal_index"])

# (table, local columns, (referred table, referred columns), on delete), as 0001-0006 made them.
_FOREIGN_KEYS = [
    *(
        (table, ["load_id"], _RUNS, None)
        for table in (
            "documents",
            "rejected_inputs",
            "input_files",
            "mentions",
            "extracted_agreements",
            "extracted_agreement_participants",
            "extracted_agreement_minerals",
            "extracted_commitments",
            "extracted_company_deals",
            "extracted_company_deal_participants",
            "extracted_company_deal_minerals",
        )
    ),
    *(
        (table, ["document_id"], _DOCUMENTS, "CASCADE")
        for table in (
            "mentions",
            "extracted_agreements",
            "extracted_commitments",
            "extracted_company_deals",
        )
    ),
    (
        "extracted_agreement_participants",
        ["document_id", "agreement_index"],
        _AGREEMENTS,
        "CASCADE",
    ),
    ("extracted_agreement_minerals", ["document_id", "agreement_index"], _AGREEMENTS, "CASCADE"),
    ("extracted_company_deal_participants", ["document_id", "deal_index"], _DEALS, "CASCADE"),
    ("extracted_company_deal_minerals", ["document_id", "deal_index"], _DEALS, "CASCADE"),
]


def _name(table: str, columns: list[str]) -> str:
    return f"fk_{table}_{columns[0]}"  # the MetaData's naming convention


def upgrade() -> None:
    for table, columns, _, _ in _FOREIGN_KEYS:
        op.drop_constraint(_name(table, columns), table, type_="foreignkey", schema="staging")


def downgrade() -> None:
    for table, columns, (referred, referred_columns), ondelete in _FOREIGN_KEYS:
        op.create_foreign_key(
            _name(table, columns),
            table,
            referred,
            columns,
            referred_columns,
            source_schema="staging",
            referent_schema="staging",
            ondelete=ondelete,
        )
