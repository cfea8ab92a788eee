"""student search on SQLite: an FTS5 trigram index of the normalised names

Revision ID: 0007_search_fts
Revises: 0006_admin
Create Date: 2026-11-30

SQLite only (PostgreSQL has its trigram GIN index since 0005_records, unchanged here).
Without an index, ``LIKE '%zoe%'`` and the typo search read all the names (100-200 ms over
100,000 students). FTS5's ``trigram`` tokenizer (SQLite >= 3.34) indexes every three
letters of ``students.name_search``, so a substring of three letters or more, and the
candidates of the typo search, come from the index.

- ``student_name_fts``: the FTS5 table. Beside the indexed text it keeps, unindexed, what
  the search sorts by and returns (``lower(name)``, ``student_id``, the student's key): the
  first page of a common substring ("mar": one name in eight) is sorted inside the index,
  without a lookup of every matching student;
- ``student_name_fts_rows``: one integer key per student for the FTS rows. The students'
  key is a UUID, and SQLite's implicit rowid of ``students`` may be renumbered by VACUUM,
  so the FTS rows cannot use either; this table's INTEGER PRIMARY KEY is stable;
- ``student_name_fts_vocab``: how many names hold each trigram (FTS5's own counts), so
  the typo search asks the index for its query's rarest trigrams;
- triggers on ``students`` keep both in step, whoever writes the row (the ORM, the bulk
  import, a raw INSERT), in the same transaction.

Neither table is in the ORM models: :data:`kiosk.infra.db.schema.DIALECT_ONLY_TABLE_PREFIX`
keeps them out of schema comparisons.
"""

from __future__ import annotations

from alembic import op

revision = "0007_search_fts"
down_revision = "0006_admin"
branch_labels = None
depends_on = None

FTS = "student_name_fts"
ROWS = "student_name_fts_rows"
_ROW_OF = f"(SELECT row_id FROM {ROWS} WHERE student_id = {{}}.id)"

_FTS_VALUES = "new.name_search, lower(new.name), new.student_id, new.id"

STATEMENTS = [
    f"""CREATE TABLE {ROWS} (
        row_id INTEGER PRIMARY KEY,
        student_id CHAR(32) NOT NULL UNIQUE
    )""",
    # lower(): SQLite's, the same as the ORDER BY lower(name) of the search without the index.
    f"""CREATE VIRTUAL TABLE {FTS} USING fts5(
        name_search, sort_name UNINDEXED, student_id UNINDEXED, student UNINDEXED,
        tokenize = 'trigram'
    )""",
    f"CREATE VIRTUAL TABLE {FTS}_vocab USING fts5vocab({FTS}, 'row')",
    f"""CREATE TRIGGER {FTS}_insert AFTER INSERT ON students BEGIN
        INSERT INTO {ROWS} (student_id) VALUES (new.id);
        INSERT INTO {FTS} (rowid, name_search, sort_name, student_id, student)
            VALUES ({_ROW_OF.format("new")}, {_FTS_VALUES});
    END""",
    f"""CREATE TRIGGER {FTS}_update AFTER UPDATE OF name, name_search, student_id ON students BEGIN
        UPDATE {FTS} SET name_search = new.name_search, sort_name = lower(new.name),
            student_id = new.student_id
            WHERE rowid = {_ROW_OF.format("new")};
    END""",
    f"""CREATE TRIGGER {FTS}_delete AFTER DELETE ON students BEGIN
        DELETE FROM {FTS} WHERE rowid = {_ROW_OF.format("old")};
        DELETE FROM {ROWS} WHERE student_id = old.id;
    END""",
    f"INSERT INTO {ROWS} (student_id) SELECT id FROM students",
    f"""INSERT INTO {FTS} (rowid, name_search, sort_name, student_id, student)
        SELECT r.row_id, s.name_search, lower(s.name), s.student_id, s.id
        FROM {ROWS} r JOIN students s ON s.id = r.student_id""",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {FTS}_{trigger}")
    op.execute(f"DROP TABLE IF EXISTS {FTS}_vocab")
    op.execute(f"DROP TABLE IF EXISTS {FTS}")
    op.execute(f"DROP TABLE IF EXISTS {ROWS}")
