"""etl_runs step timings: how long each step of a run took

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 03:33:38.626879
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "etl_runs",
        sa.Column(
            "step_seconds",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
            comment='Wall-clock seconds per step, e.g. {"ingest": 1.2, "dbt_build": 14.0}.',
        ),
        schema="staging",
    )


def downgrade() -> None:
    op.drop_column("etl_runs", "step_seconds", schema="staging")
