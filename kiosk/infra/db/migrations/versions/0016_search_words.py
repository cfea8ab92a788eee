"""student search on SQLite: the FTS5 index also holds each name's words between spaces

Revision ID: 0016_search_words
Revises: 0015_search_prefix
Create Date: 2026-11-30

SQLite only. The typo search ranks names with pg_trgm's word similarity, whose trigrams
include each word's edges: "dijkstra" has " di" and "ra " besides its inner "dij" ... "tra".
The index of 0007_search_fts held only ``name_search`` as it is, where the first word has no
space before it and the last none after, so the search could ask it for inner trigrams only:
a misspelt "steinadka" then had all 12,453 names holding "stein" (of 100,000) as candidates,
and the search's p95 was 35 ms.

``name_words`` is the name's words between single spaces, padded with one space at each
end (" o brien smith " for "o'brien smith"), indexed beside ``name_search``. Edge trigrams
are then in the index, and a candidate needs enough of ALL the query's trigrams but the
"  s" ones (no text holds two spaces before a letter): 5 of 9 for "steinadka" instead of 3
of 7. Word edges are the spaces and the signs in ``WORD_SEPARATORS``, those names are
written with (SQLite has no regular expressions to map every other sign).

``name_search`` stays as it was for the substring match ("o'b" finds "O'Brien", as
PostgreSQL's LIKE does). FTS5 cannot add a column: the table and its triggers are made
again and filled from ``students``; ``student_name_fts_rows`` (the rows' keys) is kept.
"""

from __future__ import annotations

from alembic import op

revision = "0016_search_words"
down_revision = "0015_search_prefix"
branch_labels = None
depends_on = None

FTS = "student_name_fts"
ROWS = "student_name_fts_rows"
# Signs between the words of names; the search (kiosk.infra.db.repo.search) relies on them.
WORD_SEPARATORS = "'’`-‐–.,/()"
_ROW_OF = f"(SELECT row_id FROM {ROWS} WHERE student_id = {{}}.id)"


def _words_of(expr: str) -> str:
    """SQL: ``' ' || expr || ' '`` with every separator made a space."""
    for sign in WORD_SEPARATORS:
        expr = f"replace({expr}, '{sign.replace(chr(39), chr(39) * 2)}', ' ')"
    return f"' ' || {expr} || ' '"


def _statements(with_words: bool) -> list[str]:
    """The index, its vocabulary, its triggers and its first fill, as 0007 made them
    (``with_words=False``) or with ``name_words``."""
    words_column = "name_words, " if with_words else ""

    def values(row: str) -> str:
        words = f"{_words_of(f'{row}.name_search')}, " if with_words else ""
        return f"{row}.name_search, {words}lower({row}.name), {row}.student_id, {row}.id"

    columns = f"rowid, name_search, {words_column}sort_name, student_id, student"
    set_words = f"name_words = {_words_of('new.name_search')}, " if with_words else ""
    return [
        # lower(): SQLite's, the same as the ORDER BY lower(name) of the search without the index.
        f"""CREATE VIRTUAL TABLE {FTS} USING fts5(
            name_search, {words_column}sort_name UNINDEXED, student_id UNINDEXED, student UNINDEXED,
            tokenize = 'trigram'
        )""",
        f"CREATE VIRTUAL TABLE {FTS}_vocab USING fts5vocab({FTS}, 'row')",
        f"""CREATE TRIGGER {FTS}_insert AFTER INSERT ON students BEGIN
            INSERT INTO {ROWS} (student_id) VALUES (new.id);
            INSERT INTO {FTS} ({columns}) VALUES ({_ROW_OF.format("new")}, {values("new")});
        END""",
        f"""CREATE TRIGGER {FTS}_update AFTER UPDATE OF name, name_search, student_id ON students BEGIN
            UPDATE {FTS} SET name_search = new.name_search, {set_words}sort_name = lower(new.name),
                student_id = new.student_id
                WHERE rowid = {_ROW_OF.format("new")};
        END""",
        f"""CREATE TRIGGER {FTS}_delete AFTER DELETE ON students BEGIN
            DELETE FROM {FTS} WHERE rowid = {_ROW_OF.format("old")};
            DELETE FROM {ROWS} WHERE student_id = old.id;
        END""",
        f"""INSERT INTO {FTS} ({columns})
            SELECT r.row_id, {values("s")} FROM {ROWS} r JOIN students s ON s.id = r.student_id""",
    ]


def _remake(with_words: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {FTS}_{trigger}")
    op.execute(f"DROP TABLE IF EXISTS {FTS}_vocab")
    op.execute(f"DROP TABLE IF EXISTS {FTS}")
    for statement in _statements(with_words):
        op.execute(statement)


def upgrade() -> None:
    _remake(with_words=True)


def downgrade() -> None:
    _remake(with_words=False)
