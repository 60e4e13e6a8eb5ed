"""etl_runs build outcome and marts fingerprint: a nightly with nothing new skips the build

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 00:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "etl_runs",
        sa.Column(
            "build_outcome",
            sa.Text(),
            nullable=True,
            comment="What the run did to the marts: built them, or skipped the build because"
            " nothing they are made from had changed; null when it did not get that far.",
        ),
        schema="staging",
    )
    op.add_column(
        "etl_runs",
        sa.Column(
            "marts_fingerprint",
            sa.Text(),
            nullable=True,
            comment="SHA-256 of everything the marts are built from (stored documents and their"
            " extraction runs, reference data, dbt project, extractor version, rule variables)"
            " when the run built the marts or found them current.",
        ),
        schema="staging",
    )
    op.create_check_constraint(
        op.f("ck_etl_runs_build_outcome"),
        "etl_runs",
        "build_outcome in ('built', 'skipped')",
        schema="staging",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_etl_runs_build_outcome"), "etl_runs", schema="staging")
    op.drop_column("etl_runs", "marts_fingerprint", schema="staging")
    op.drop_column("etl_runs", "build_outcome", schema="staging")
