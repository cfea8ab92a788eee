"""attendance counts per student and day and per session, kept by triggers, for the reports

Revision ID: 0014_session_counts
Revises: 0013_confirmed
Create Date: 2026-11-30

A whole school's term report counted half a million records (a parallel scan, 270-680 ms on
PostgreSQL); a class's term, 13,000. ``attendance_day_counts`` holds, per (class of the
session, UTC day of the session's start, student), the student's marks by status: a
student's day in one row instead of one per period, so the term reads 90,000 small rows
for the whole school and 2,250 for a class, through the primary key (class, day, student)
or the index on the day. The reports combine these rows for the whole UTC days of their
range with the records themselves for the hours at its ends (a local day is not a UTC day),
see :mod:`kiosk.infra.db.repo.reports`. An index on the student serves a pupil's erasure.

``attendance_session_counts`` holds each session's marks by status: the class report's
weekly chart reads 540 rows for a class's term instead of counting its 13,000 records.

Both are kept by triggers, in the statement that changes a record, whoever makes it: a kiosk's mark,
a correction, the sync worker's bulk insert, COPY, a retention purge, a pupil's erasure
(the cascade), a migration. Application code never writes the table, so no path can forget.

- PostgreSQL: statement-level triggers with transition tables (one aggregated upsert per
  statement, not one per row: a COPY of a day's 6,000 records is one upsert of 1,000 rows);
  rows in key order so two writers never wait on each other in a cycle;
- SQLite: row-level triggers (in-process, cheap);
- a record's delete decrements, never deletes the row (so it never races an insert); the
  readers skip rows whose counts are all zero;
- deleting a session first deletes its records (a BEFORE trigger), so their trigger still
  sees the session's class and day; moving a session (class or start) moves its day counts.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_session_counts"
down_revision = "0013_confirmed"  # after 0013_confirmed: its SQLite table rebuild would drop these triggers
branch_labels = None
depends_on = None

DAYS = "attendance_day_counts"
SESSIONS = "attendance_session_counts"
STATUSES = ("present", "late", "absent", "excused")
_PG_DAY = "(s.started_at AT TIME ZONE 'UTC')::date"
_LITE_DAY = "date(s.started_at)"  # started_at is naive UTC text on SQLite: date() is its UTC day


def _sums(alias: str, *, named: bool = False) -> str:
    return ", ".join(
        f"sum(CASE WHEN {alias}.status = '{s}' THEN 1 ELSE 0 END)" + (f" AS {s}" if named else "")
        for s in STATUSES
    )


def _columns(key: str) -> str:
    return f"{key}, " + ", ".join(STATUSES)


def _add_on_conflict(key: str, target: str) -> str:
    added = ", ".join(f"{s} = {target}.{s} + excluded.{s}" for s in STATUSES)
    return f"ON CONFLICT ({key}) DO UPDATE SET {added}"


# The two tables: their key, and that key computed from a record ``r`` and its session ``s``.
_DAY_KEY = "class_id, day, student_id"
_SESSION_KEY = "session_id"


# --- PostgreSQL --------------------------------------------------------------------------


def _pg_add(rows: str) -> str:
    """Add the records of the transition table ``rows`` to both tables (keys in order)."""
    return f"""
        INSERT INTO {DAYS} AS c ({_columns(_DAY_KEY)})
        SELECT s.class_id, {_PG_DAY}, r.student_id, {_sums("r")}
        FROM {rows} r JOIN attendance_sessions s ON s.id = r.session_id
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        {_add_on_conflict(_DAY_KEY, "c")};
        INSERT INTO {SESSIONS} AS c ({_columns(_SESSION_KEY)})
        SELECT r.session_id, {_sums("r")} FROM {rows} r GROUP BY 1 ORDER BY 1
        {_add_on_conflict(_SESSION_KEY, "c")};"""


def _pg_subtract(rows: str) -> str:
    taken = ", ".join(f"{s} = c.{s} - d.{s}" for s in STATUSES)
    return f"""
        UPDATE {DAYS} AS c SET {taken}
        FROM (SELECT s.class_id, {_PG_DAY} AS day, r.student_id, {_sums("r", named=True)}
              FROM {rows} r JOIN attendance_sessions s ON s.id = r.session_id
              GROUP BY 1, 2, 3 ORDER BY 1, 2, 3) d
        WHERE c.class_id = d.class_id AND c.day = d.day AND c.student_id = d.student_id;
        UPDATE {SESSIONS} AS c SET {taken}
        FROM (SELECT r.session_id, {_sums("r", named=True)} FROM {rows} r GROUP BY 1 ORDER BY 1) d
        WHERE c.session_id = d.session_id;"""


_CHANGED = (
    "(SELECT o.* FROM {side} o JOIN {other} n ON n.id = o.id "
    "WHERE (o.status, o.session_id, o.student_id) IS DISTINCT FROM (n.status, n.session_id, n.student_id))"
)


def _pg_function(name: str, body: str, returns: str = "NULL") -> str:
    return f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN {body}
        RETURN {returns};
    END $$"""


_PG_MOVE = f"""
        UPDATE {DAYS} AS c SET {", ".join(f"{s} = c.{s} - d.{s}" for s in STATUSES)}
        FROM (SELECT r.student_id, {_sums("r", named=True)}
              FROM attendance_records r WHERE r.session_id = NEW.id GROUP BY 1 ORDER BY 1) d
        WHERE c.class_id = OLD.class_id AND c.day = (OLD.started_at AT TIME ZONE 'UTC')::date
          AND c.student_id = d.student_id;
        INSERT INTO {DAYS} AS c ({_columns(_DAY_KEY)})
        SELECT NEW.class_id, (NEW.started_at AT TIME ZONE 'UTC')::date, r.student_id, {_sums("r")}
        FROM attendance_records r WHERE r.session_id = NEW.id GROUP BY 3 ORDER BY 3
        {_add_on_conflict(_DAY_KEY, "c")};"""

PG_STATEMENTS = [
    _pg_function("kiosk_counts_insert", _pg_add("new_rows")),
    _pg_function("kiosk_counts_delete", _pg_subtract("old_rows")),
    # Only the rows whose status, session or student changed (a note or details edit: nothing).
    _pg_function(
        "kiosk_counts_update",
        _pg_subtract(_CHANGED.format(side="old_rows", other="new_rows"))
        + _pg_add(_CHANGED.format(side="new_rows", other="old_rows")),
    ),
    # Transition tables allow one event per trigger and no column list: three triggers.
    "CREATE TRIGGER attendance_counts_insert AFTER INSERT ON attendance_records "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kiosk_counts_insert()",
    "CREATE TRIGGER attendance_counts_delete AFTER DELETE ON attendance_records "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kiosk_counts_delete()",
    "CREATE TRIGGER attendance_counts_update AFTER UPDATE ON attendance_records "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION kiosk_counts_update()",
    # A session's records go first, while the session still says which class and day.
    _pg_function(
        "kiosk_counts_session_delete", "DELETE FROM attendance_records WHERE session_id = OLD.id;", "OLD"
    ),
    "CREATE TRIGGER attendance_counts_session_delete BEFORE DELETE ON attendance_sessions "
    "FOR EACH ROW EXECUTE FUNCTION kiosk_counts_session_delete()",
    # A session moved to another class or day takes its day counts along.
    _pg_function("kiosk_counts_session_move", _PG_MOVE),
    "CREATE TRIGGER attendance_counts_session_move AFTER UPDATE OF class_id, started_at "
    "ON attendance_sessions FOR EACH ROW WHEN (OLD.class_id IS DISTINCT FROM NEW.class_id "
    "OR OLD.started_at IS DISTINCT FROM NEW.started_at) EXECUTE FUNCTION kiosk_counts_session_move()",
]
PG_TRIGGERS = {
    "attendance_counts_insert": "attendance_records",
    "attendance_counts_delete": "attendance_records",
    "attendance_counts_update": "attendance_records",
    "attendance_counts_session_delete": "attendance_sessions",
    "attendance_counts_session_move": "attendance_sessions",
}
PG_FUNCTIONS = (
    "kiosk_counts_insert",
    "kiosk_counts_delete",
    "kiosk_counts_update",
    "kiosk_counts_session_delete",
    "kiosk_counts_session_move",
)

# --- SQLite: row-level triggers ------------------------------------------------------------


def _lite_add(row: str) -> str:
    flags = ", ".join(f"{row}.status = '{s}'" for s in STATUSES)
    # WHERE in both: SQLite's upsert after INSERT ... SELECT needs one to parse.
    return f"""INSERT INTO {DAYS} ({_columns(_DAY_KEY)})
        SELECT s.class_id, {_LITE_DAY}, {row}.student_id, {flags}
        FROM attendance_sessions s WHERE s.id = {row}.session_id
        {_add_on_conflict(_DAY_KEY, DAYS)};
        INSERT INTO {SESSIONS} ({_columns(_SESSION_KEY)}) SELECT {row}.session_id, {flags} WHERE true
        {_add_on_conflict(_SESSION_KEY, SESSIONS)};"""


def _lite_subtract(row: str) -> str:
    taken = ", ".join(f"{s} = {s} - ({row}.status = '{s}')" for s in STATUSES)
    return f"""UPDATE {DAYS} SET {taken}
        WHERE student_id = {row}.student_id AND (class_id, day) =
            (SELECT s.class_id, {_LITE_DAY} FROM attendance_sessions s WHERE s.id = {row}.session_id);
        UPDATE {SESSIONS} SET {taken} WHERE session_id = {row}.session_id;"""


def _lite_session_count(status: str) -> str:
    return (
        f"(SELECT count(*) FROM attendance_records r WHERE r.session_id = new.id "
        f"AND r.student_id = {DAYS}.student_id AND r.status = '{status}')"
    )


SQLITE_STATEMENTS = [
    f"""CREATE TRIGGER attendance_counts_insert AFTER INSERT ON attendance_records BEGIN
        {_lite_add("new")}
    END""",
    f"""CREATE TRIGGER attendance_counts_delete AFTER DELETE ON attendance_records BEGIN
        {_lite_subtract("old")}
    END""",
    f"""CREATE TRIGGER attendance_counts_update AFTER UPDATE OF status, session_id, student_id
        ON attendance_records
        WHEN old.status IS NOT new.status OR old.session_id IS NOT new.session_id
            OR old.student_id IS NOT new.student_id
    BEGIN
        {_lite_subtract("old")}
        {_lite_add("new")}
    END""",
    """CREATE TRIGGER attendance_counts_session_delete BEFORE DELETE ON attendance_sessions BEGIN
        DELETE FROM attendance_records WHERE session_id = old.id;
    END""",
    f"""CREATE TRIGGER attendance_counts_session_move AFTER UPDATE OF class_id, started_at
        ON attendance_sessions
        WHEN old.class_id IS NOT new.class_id OR date(old.started_at) IS NOT date(new.started_at)
    BEGIN
        UPDATE {DAYS} SET {", ".join(f"{s} = {s} - {_lite_session_count(s)}" for s in STATUSES)}
        WHERE class_id = old.class_id AND day = date(old.started_at)
          AND student_id IN (SELECT student_id FROM attendance_records WHERE session_id = new.id);
        INSERT INTO {DAYS} ({_columns(_DAY_KEY)})
        SELECT new.class_id, date(new.started_at), r.student_id, {_sums("r")}
        FROM attendance_records r WHERE r.session_id = new.id GROUP BY r.student_id
        {_add_on_conflict(_DAY_KEY, DAYS)};
    END""",
]
SQLITE_TRIGGERS = tuple(PG_TRIGGERS)


def _backfill(day: str) -> list[str]:
    return [
        f"""INSERT INTO {DAYS} ({_columns(_DAY_KEY)})
        SELECT s.class_id, {day}, r.student_id, {_sums("r")}
        FROM attendance_records r JOIN attendance_sessions s ON s.id = r.session_id
        GROUP BY 1, 2, 3""",
        f"""INSERT INTO {SESSIONS} ({_columns(_SESSION_KEY)})
        SELECT r.session_id, {_sums("r")} FROM attendance_records r GROUP BY 1""",
    ]


def _counts() -> list[sa.Column[int]]:
    return [sa.Column(s, sa.Integer(), server_default="0", nullable=False) for s in STATUSES]


def upgrade() -> None:
    op.create_table(
        DAYS,
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        *_counts(),
        sa.ForeignKeyConstraint(
            ["class_id"],
            ["classes.id"],
            name=op.f("fk_attendance_day_counts_class_id_classes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["students.id"],
            name=op.f("fk_attendance_day_counts_student_id_students"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("class_id", "day", "student_id", name=op.f("pk_attendance_day_counts")),
    )
    op.create_index("ix_attendance_day_counts_day", DAYS, ["day"], unique=False)
    op.create_index("ix_attendance_day_counts_student", DAYS, ["student_id"], unique=False)
    op.create_table(
        SESSIONS,
        sa.Column("session_id", sa.Uuid(), nullable=False),
        *_counts(),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["attendance_sessions.id"],
            name=op.f("fk_attendance_session_counts_session_id_attendance_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_attendance_session_counts")),
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in _backfill(_PG_DAY if postgres else _LITE_DAY):
        op.execute(statement)
    for statement in PG_STATEMENTS if postgres else SQLITE_STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for trigger, table in PG_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        for function in PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    else:
        for trigger in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_table(SESSIONS)
    op.drop_index("ix_attendance_day_counts_student", table_name=DAYS)
    op.drop_index("ix_attendance_day_counts_day", table_name=DAYS)
    op.drop_table(DAYS)
