"""the attendance record: sign-off, corrections, report indexes and name search

Revision ID: 0005_records
Revises: 0004
Create Date: 2026-11-30

- sessions: who confirmed the register and when (a signed-off session is locked);
- records: when, by whom and why a mark was corrected after the fact;
- indexes the reports need: sessions by start (the whole school's day or term) and a
  covering index of a session's records (student, status) for index-only scans;
- search: ``students.name_search``, the name without accents or case, on every database.
  SQLite: filled in here for existing rows and kept by the application (column default and
  the ORM). PostgreSQL: ``pg_trgm`` + ``unaccent``; a trigger keeps the column equal to
  ``kiosk_unaccent(lower(name))`` whoever writes the row (COPY included), and a trigram GIN
  index on it serves ``LIKE '%zoe%'`` and word similarity. The trigram index is on the
  column, not on the expression: rechecking an expression index calls unaccent() on every
  candidate row, which measured 2-4x slower over 100,000 names. ``unaccent()`` itself is only
  STABLE (its dictionary could change), so the wrapper names the dictionary and is declared
  IMMUTABLE, the documented pattern, which also lets it be indexed should that ever pay.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.core.text_search import normalise_name

revision = "0005_records"
down_revision = "0004"
branch_labels = None
depends_on = None

TRIGRAM_INDEX = "ix_students_name_search_trgm"


def upgrade() -> None:
    with op.batch_alter_table("attendance_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signed_off_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("signed_off_by", sa.String(length=200), nullable=True))
        batch_op.create_index("ix_attendance_sessions_started", ["started_at"], unique=False)

    with op.batch_alter_table("attendance_records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("corrected_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("correction_reason", sa.Text(), nullable=True))
        batch_op.create_index(
            "ix_attendance_records_session_student_status",
            ["session_id", "student_id", "status"],
            unique=False,
        )

    with op.batch_alter_table("students", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("name_search", sa.String(length=200), server_default="", nullable=False)
        )
        batch_op.create_index("ix_students_name_search", ["name_search"], unique=False)

    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        students = sa.table("students", sa.column("id", sa.Uuid()), sa.column("name"), sa.column("name_search"))
        rows = conn.execute(sa.select(students.c.id, students.c.name)).all()
        if rows:
            conn.execute(
                students.update().where(students.c.id == sa.bindparam("row_id")),
                [{"row_id": row_id, "name_search": normalise_name(name)} for row_id, name in rows],
            )
        return

    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute(
        """
        CREATE OR REPLACE FUNCTION kiosk_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
        """
    )
    op.execute(
        """
        CREATE OR REPLACE FUNCTION kiosk_students_name_search() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            NEW.name_search := left(regexp_replace(btrim(lower(kiosk_unaccent(lower(NEW.name)))), '[[:space:]]+', ' ', 'g'), 200);
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER students_name_search BEFORE INSERT OR UPDATE OF name, name_search ON students "
        "FOR EACH ROW EXECUTE FUNCTION kiosk_students_name_search()"
    )
    op.execute("UPDATE students SET name_search = name_search")  # the trigger fills existing rows
    op.execute(f"CREATE INDEX {TRIGRAM_INDEX} ON students USING gin (name_search gin_trgm_ops)")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
        op.execute("DROP TRIGGER IF EXISTS students_name_search ON students")
        op.execute("DROP FUNCTION IF EXISTS kiosk_students_name_search()")
        op.execute("DROP FUNCTION IF EXISTS kiosk_unaccent(text)")
    with op.batch_alter_table("students", schema=None) as batch_op:
        batch_op.drop_index("ix_students_name_search")
        batch_op.drop_column("name_search")
    with op.batch_alter_table("attendance_records", schema=None) as batch_op:
        batch_op.drop_index("ix_attendance_records_session_student_status")
        batch_op.drop_column("correction_reason")
        batch_op.drop_column("corrected_by")
        batch_op.drop_column("corrected_at")
    with op.batch_alter_table("attendance_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_attendance_sessions_started")
        batch_op.drop_column("signed_off_by")
        batch_op.drop_column("signed_off_at")
