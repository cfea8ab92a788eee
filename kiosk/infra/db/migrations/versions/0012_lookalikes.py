"""look-alike pairs: students an admin recorded as looking alike (twins), never marked automatically

Revision ID: 0012_lookalikes
Revises: 0011_class_teachers
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_lookalikes"
down_revision = "0011_class_teachers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lookalike_pairs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_a", sa.Uuid(), nullable=False),
        sa.Column("student_b", sa.Uuid(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("student_a <> student_b", name=op.f("ck_lookalike_pairs_two_students")),
        sa.ForeignKeyConstraint(["student_a"], ["students.id"],
                                name=op.f("fk_lookalike_pairs_student_a_students"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["student_b"], ["students.id"],
                                name=op.f("fk_lookalike_pairs_student_b_students"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lookalike_pairs")),
        sa.UniqueConstraint("student_a", "student_b", name=op.f("uq_lookalike_pairs_student_a_student_b")),
    )
    op.create_index("ix_lookalike_pairs_student_b", "lookalike_pairs", ["student_b"])


def downgrade() -> None:
    op.drop_index("ix_lookalike_pairs_student_b", table_name="lookalike_pairs")
    op.drop_table("lookalike_pairs")
