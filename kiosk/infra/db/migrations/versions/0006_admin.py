"""classes can be archived (kept with their history, hidden from the class list)

Revision ID: 0006_admin
Revises: 0004
Create Date: 2026-11-30

Numbered 0006 beside other work in progress (0005); it follows 0004, the newest revision on
main when it was written. The integrator renumbers and re-chains it at merge.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_admin"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: NULL is "not archived"; ADD COLUMN needs no batch mode on SQLite.
    op.add_column("classes", sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("classes") as batch:
        batch.drop_column("archived_at")
