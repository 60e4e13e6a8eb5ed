"""documents: canonical source location and the metadata the input declared

The same file under another spelling of its path is recognised by its resolved
location, and `cmw reprocess` re-extracts with exactly what the input gave.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DECLARED = (
    ("declared_title", sa.Text(), "The title the input itself gave (feed, HTML)."),
    ("declared_published_date", sa.Date(), "The publication date the input gave."),
    ("declared_publisher", sa.Text(), "The publisher the input gave."),
    ("declared_language", sa.Text(), "The language the input gave."),
)


def upgrade() -> None:
    op.add_column(
        "documents",
        sa.Column(
            "source_location",
            sa.Text(),
            nullable=True,
            comment="The canonical identity of that place (resolved absolute path, or the feed's"
            " URL): the same file under any spelling of its path is the same location.",
        ),
        schema="staging",
    )
    # Documents loaded before this revision were stored under the path as given.
    op.execute("update staging.documents set source_location = source_uri")
    op.alter_column("documents", "source_location", nullable=False, schema="staging")
    op.alter_column(
        "documents",
        "source_uri",
        comment="Where the text was first read from, as shown to analysts: the path relative"
        " to the source folder, or the feed's URL.",
        existing_comment="Where the text was first read from.",
        existing_type=sa.Text(),
        existing_nullable=False,
        schema="staging",
    )
    for name, type_, comment in _DECLARED:
        op.add_column("documents", sa.Column(name, type_, comment=comment), schema="staging")
    op.add_column(
        "rejected_inputs",
        sa.Column(
            "source_location", sa.Text(), comment="The input's canonical location (see documents)."
        ),
        schema="staging",
    )


def downgrade() -> None:
    op.drop_column("rejected_inputs", "source_location", schema="staging")
    for name, _, _ in reversed(_DECLARED):
        op.drop_column("documents", name, schema="staging")
    op.alter_column(
        "documents",
        "source_uri",
        comment="Where the text was first read from.",
        existing_comment="Where the text was first read from, as shown to analysts: the path"
        " relative to the source folder, or the feed's URL.",
        existing_type=sa.Text(),
        existing_nullable=False,
        schema="staging",
    )
    op.drop_column("documents", "source_location", schema="staging")
