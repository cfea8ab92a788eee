"""face encodings remember the sha256 of the photo they came from (re-imports enroll nothing twice)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: encodings from before, from the webcam and from migrations have no source file.
    # ADD COLUMN needs no batch mode on SQLite.
    op.add_column("face_encodings", sa.Column("source_sha256", sa.String(length=64), nullable=True))
    op.create_index(
        "ix_face_encodings_student_hash", "face_encodings", ["student_id", "source_sha256"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_face_encodings_student_hash", table_name="face_encodings")
    with op.batch_alter_table("face_encodings") as batch:
        batch.drop_column("source_sha256")
