"""attendance_records.source also accepts ``confirmed`` (a doubtful camera match the teacher confirmed)

Revision ID: 0013_confirmed
Revises: 0012_lookalikes
Create Date: 2026-11-30

Issue 14: a face the kiosk is not sure of (close to the threshold, a look-alike pair, a
liveness check in doubt) is asked about; the teacher's "Yes" marks it with source
``confirmed``. Only the CHECK on ``source`` changes, rebuilt as 0010_consent does (SQLite
rebuilds the table from the full definition below: a revision that adds a column to
attendance_records before this one must add it here too).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0013_confirmed"
down_revision = "0012_lookalikes"
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
OLD_SOURCES = ("auto", "manual", "card", "pin")
NEW_SOURCES = ("auto", "manual", "card", "pin", "confirmed")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _records_table(sources: tuple[str, ...]) -> sa.Table:
    """attendance_records as it must stand, for SQLite's batch rebuild (reflection drops CHECKs)."""
    return sa.Table(
        "attendance_records",
        sa.MetaData(),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("details", _JSON, nullable=True),
        sa.Column("face_box", _JSON, nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=True),  # revision 0005_records
        sa.Column("corrected_by", sa.String(length=200), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["attendance_sessions.id"],
                                name="fk_attendance_records_session_id_attendance_sessions", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["student_id"], ["students.id"],
                                name="fk_attendance_records_student_id_students", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_attendance_records"),
        sa.UniqueConstraint("session_id", "student_id", name="uq_attendance_records_session_student"),
        sa.CheckConstraint(_in("status", ("present", "late", "absent", "excused")),
                           name="ck_attendance_records_attendance_status"),
        sa.CheckConstraint(_in("source", sources), name="ck_attendance_records_mark_source"),
        sa.Index("ix_attendance_records_marked_at", "marked_at"),
        sa.Index("ix_attendance_records_student", "student_id"),
        sa.Index("ix_attendance_records_session_student_status", "session_id", "student_id", "status"),
    )


def _set_sources(sources: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        # Rebuilt from the full definition above, with the new CHECK in it.
        with op.batch_alter_table("attendance_records", copy_from=_records_table(sources), recreate="always"):
            pass
    else:
        op.drop_constraint(op.f("ck_attendance_records_mark_source"), "attendance_records", type_="check")
        op.create_check_constraint(
            op.f("ck_attendance_records_mark_source"), "attendance_records", _in("source", sources)
        )


def upgrade() -> None:
    _set_sources(NEW_SOURCES)


def downgrade() -> None:
    # A confirmed mark was a camera match: it goes back to being an automatic one.
    op.execute("UPDATE attendance_records SET source = 'auto' WHERE source = 'confirmed'")
    _set_sources(OLD_SOURCES)
