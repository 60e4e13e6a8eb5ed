"""etl_runs build outcome and fingerprints: a nightly with nothing new skips the build

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
            "code_fingerprint",
            sa.Text(),
            nullable=True,
            comment="SHA-256 of the code the marts were built with (dbt project, reference data,"
            " extractor version, rule variables, dbt version) when the run built them or found"
            " them current; a change means a full refresh.",
        ),
        schema="staging",
    )
    op.add_column(
        "etl_runs",
        sa.Column(
            "data_fingerprint",
            sa.Text(),
            nullable=True,
            comment="The stored documents the marts were built from: how many, and a hash of"
            " each with the run that last extracted it.",
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
    op.drop_column("etl_runs", "data_fingerprint", schema="staging")
    op.drop_column("etl_runs", "code_fingerprint", schema="staging")
    op.drop_column("etl_runs", "build_outcome", schema="staging")
