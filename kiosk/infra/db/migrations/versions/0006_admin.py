"""classes can be archived (kept with their history, hidden from the class list)

Revision ID: 0006_admin
Revises: 0005_records
Create Date: 2026-11-30

Follows 0005_records, the newest revision on main when this was rebased; another revision in
progress elsewhere may need re-chaining at merge.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_admin"
down_revision = "0005_records"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: NULL is "not archived"; ADD COLUMN needs no batch mode on SQLite.
    op.add_column("classes", sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("classes") as batch:
        batch.drop_column("archived_at")
