"""input_files: a run skips an input file unchanged since every document of it was stored

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 03:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "input_files",
        sa.Column(
            "source_location",
            sa.Text(),
            nullable=False,
            comment="The input file's canonical location (resolved absolute path, see documents).",
        ),
        sa.Column(
            "size_bytes", sa.BigInteger(), nullable=False, comment="Its size when it was read."
        ),
        sa.Column(
            "mtime_ns",
            sa.BigInteger(),
            nullable=False,
            comment="Its modification time when it was read, in nanoseconds since the epoch.",
        ),
        sa.Column(
            "inode",
            sa.Numeric(),
            nullable=False,
            comment="Its inode number when it was read: a file replaced by another one of the"
            " same size and time (a copy that keeps times) is read again.",
        ),
        sa.Column(
            "documents",
            sa.Integer(),
            nullable=False,
            comment="How many documents it held, every one loaded or found unchanged.",
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
        sa.ForeignKeyConstraint(
            ["load_id"], ["staging.etl_runs.run_id"], name=op.f("fk_input_files_load_id")
        ),
        sa.PrimaryKeyConstraint("source_location", name=op.f("pk_input_files")),
        schema="staging",
        comment="Input files whose every document is stored, as they were when read: a later"
        " run skips a file still at the same location with the same size, modification time"
        " and inode, without opening it (`--reread` reads it anyway). A file with a rejected"
        " input is not listed, so it is read again. The ETL's own bookkeeping: dbt does not"
        " read it.",
    )


def downgrade() -> None:
    # Nothing else refers to the table: dropping it forgets which files were read, and the
    # next run reads every file again (the content hash keeps that free of duplicates).
    op.drop_table("input_files", schema="staging")
