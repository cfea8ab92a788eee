"""on SQLite, face vectors may be stored sealed (encrypted): the length CHECK accepts both forms

Revision ID: 0008_sealed
Revises: 0007_search_fts
Create Date: 2026-11-30

The embedded SQLite database now keeps face vectors and thumbnails encrypted
(kiosk/infra/db/sealing.py): a sealed vector is MAGIC + nonce + ciphertext + tag, 32 bytes
longer than the plain one and starting with the bytes ``KSV1``. The CHECK of revision 0003
is widened on SQLite to accept exactly that form as well; PostgreSQL keeps plain vectors and
the strict rule. No data changes here: Alembic has no key; the kiosk seals old plain rows
at start (sealing.seal_plain_rows), idempotently.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_sealed"
down_revision = "0007_search_fts"
branch_labels = None
depends_on = None

STRICT = "length(vector) = 4 * dimension"
WIDE = "length(vector) = 4 * dimension OR (substr(vector, 1, 4) = X'4B535631' AND length(vector) = 4 * dimension + 32)"

_columns = (
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("student_id", sa.Uuid(), nullable=False),
    sa.Column("model_name", sa.String(length=64), nullable=False),
    sa.Column("dimension", sa.Integer(), nullable=False),
    sa.Column("vector", sa.LargeBinary(), nullable=False),
    sa.Column("quality", sa.Float(), nullable=True),
    sa.Column("source", sa.String(length=200), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column("source_sha256", sa.String(length=64), nullable=True),  # revision 0004
)


def _table(rule: str) -> sa.Table:
    """The table as it stands, for batch mode (reflection would drop the CHECK constraints)."""
    return sa.Table(
        "face_encodings",
        sa.MetaData(),
        *(c._copy() for c in _columns),  # Column.copy() is deprecated
        sa.CheckConstraint("dimension > 0", name="ck_face_encodings_dimension_positive"),
        sa.CheckConstraint(rule, name="ck_face_encodings_vector_length"),
        sa.ForeignKeyConstraint(
            ["student_id"], ["students.id"], name="fk_face_encodings_student_id_students", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_face_encodings"),
        sa.Index("ix_face_encodings_student_model", "student_id", "model_name"),
        sa.Index("ix_face_encodings_student_hash", "student_id", "source_sha256"),
    )


def _replace_rule(old: str, new: str) -> None:
    with op.batch_alter_table("face_encodings", copy_from=_table(old), recreate="always") as batch_op:
        batch_op.drop_constraint(op.f("ck_face_encodings_vector_length"), type_="check")
        batch_op.create_check_constraint(op.f("ck_face_encodings_vector_length"), new)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _replace_rule(STRICT, WIDE)


def downgrade() -> None:
    # Fails on sealed rows (the strict rule refuses them): decrypt first, or keep this revision.
    if op.get_bind().dialect.name == "sqlite":
        _replace_rule(WIDE, STRICT)
