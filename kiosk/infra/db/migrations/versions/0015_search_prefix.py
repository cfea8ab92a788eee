"""student search, prefix first: a key table of every name word onward and the student id

Revision ID: 0015_search_prefix
Revises: 0014_session_counts
Create Date: 2026-11-30

Search as people type works prefix-first: the names having a word that STARTS with the
typed text come first. ``student_name_keys`` holds, per student, every suffix of
``students.name_search`` that starts at a word ("zoe ann smith", "ann smith", "smith") and
the lower-cased student id, in an index ordered (key, name_search, student id): the first page
of "zoe" (5,631 of 100,000 names hold it) is a range read of 20 index rows that stops early,
where the substring match reads and sorts all of them.

Both databases keep the table in step with triggers, whoever writes ``students`` (the ORM,
COPY, a raw INSERT). PostgreSQL: ``key`` and ``sort_name`` are ``COLLATE "C"`` so that the
range ``key >= 'zoe' AND key < 'zof'`` and its order are byte order (SQLite's BINARY: the
same order on both). SQLite triggers allow no loops nor CTEs: each of ``MAX_WORDS - 1``
statements adds the suffix after the first word of the keys already there (a name of more
words still has its first ``MAX_WORDS`` words as keys, and the substring match for the rest).

Not an ORM model (the schema comparison skips it, see kiosk.infra.db.schema).
"""

from __future__ import annotations

from alembic import op

revision = "0015_search_prefix"
down_revision = "0014_session_counts"
branch_labels = None
depends_on = None

KEYS = "student_name_keys"
MAX_WORDS = 8  # SQLite: suffixes of the first MAX_WORDS words

_SQLITE_TABLE = f"""CREATE TABLE {KEYS} (
    key VARCHAR(200) NOT NULL,
    sort_name VARCHAR(200) NOT NULL,
    student_code VARCHAR(64) NOT NULL,
    student CHAR(32) NOT NULL,
    PRIMARY KEY (key, sort_name, student_code, student)
) WITHOUT ROWID"""


def _sqlite_fill(where: str) -> list[str]:
    """Statements writing the keys of the students selected by ``where`` (on ``s``)."""
    name_rows = (
        f"INSERT OR IGNORE INTO {KEYS} (key, sort_name, student_code, student) "
        f"SELECT s.name_search, s.name_search, s.student_id, s.id FROM students s WHERE s.name_search <> '' AND {where}"
    )
    # The suffix after the first word of each key already there (run MAX_WORDS - 1 times).
    suffix = (
        f"INSERT OR IGNORE INTO {KEYS} (key, sort_name, student_code, student) "
        f"SELECT substr(k.key, instr(k.key, ' ') + 1), k.sort_name, k.student_code, k.student "
        f"FROM {KEYS} k JOIN students s ON s.id = k.student WHERE instr(k.key, ' ') > 0 AND {where}"
    )
    id_row = (
        f"INSERT OR IGNORE INTO {KEYS} (key, sort_name, student_code, student) "
        f"SELECT lower(s.student_id), s.name_search, s.student_id, s.id FROM students s WHERE {where}"
    )
    return [name_rows, *[suffix] * (MAX_WORDS - 1), id_row]


def _sqlite_upgrade() -> None:
    op.execute(_SQLITE_TABLE)
    op.execute(f"CREATE INDEX ix_{KEYS}_student ON {KEYS} (student)")
    for statement in _sqlite_fill("1 = 1"):
        op.execute(statement)
    new = ";\n".join(_sqlite_fill("s.id = new.id"))
    op.execute(f"CREATE TRIGGER {KEYS}_insert AFTER INSERT ON students BEGIN\n{new};\nEND")
    op.execute(
        f"CREATE TRIGGER {KEYS}_update AFTER UPDATE OF name, name_search, student_id ON students BEGIN\n"
        f"DELETE FROM {KEYS} WHERE student = old.id;\n{new};\nEND"
    )
    op.execute(f"CREATE TRIGGER {KEYS}_delete AFTER DELETE ON students BEGIN DELETE FROM {KEYS} WHERE student = old.id; END")


# Every suffix of name_search at a word, and the id; used by the trigger and the first fill.
_PG_KEYS_OF = """
    SELECT array_to_string(w[i:], ' '), {s}.name_search, {s}.student_id, {s}.id
    FROM (SELECT string_to_array({s}.name_search, ' ') AS w) words, generate_subscripts(words.w, 1) AS i
    WHERE {s}.name_search <> ''
    UNION SELECT lower({s}.student_id), {s}.name_search, {s}.student_id, {s}.id
"""


def _pg_upgrade() -> None:
    op.execute(f"""CREATE TABLE {KEYS} (
        key VARCHAR(200) COLLATE "C" NOT NULL,
        sort_name VARCHAR(200) COLLATE "C" NOT NULL,
        student_code VARCHAR(64) COLLATE "C" NOT NULL,
        student UUID NOT NULL REFERENCES students (id) ON DELETE CASCADE,
        PRIMARY KEY (key, sort_name, student_code, student)
    )""")
    op.execute(f"CREATE INDEX ix_{KEYS}_student ON {KEYS} (student)")
    op.execute(f"""
        CREATE OR REPLACE FUNCTION kiosk_student_name_keys() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                DELETE FROM {KEYS} WHERE student = OLD.id;
            END IF;
            INSERT INTO {KEYS} (key, sort_name, student_code, student)
            {_PG_KEYS_OF.format(s="NEW")}
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$
    """)
    op.execute(
        f"CREATE TRIGGER {KEYS}_sync AFTER INSERT OR UPDATE OF name, name_search, student_id ON students "
        "FOR EACH ROW EXECUTE FUNCTION kiosk_student_name_keys()"
    )
    op.execute(
        f"INSERT INTO {KEYS} (key, sort_name, student_code, student) "
        f"SELECT k.* FROM students s, LATERAL ({_PG_KEYS_OF.format(s='s')}) k ON CONFLICT DO NOTHING"
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _pg_upgrade()
    else:
        _sqlite_upgrade()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {KEYS}_sync ON students")
        op.execute("DROP FUNCTION IF EXISTS kiosk_student_name_keys()")
    else:
        for trigger in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {KEYS}_{trigger}")
    op.execute(f"DROP TABLE IF EXISTS {KEYS}")
