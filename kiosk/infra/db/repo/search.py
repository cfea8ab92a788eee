"""Find students by part of their name: case- and accent-insensitive, typo-tolerant.

Both databases search ``students.name_search`` (the name lower-cased without accents; on
PostgreSQL a trigger fills it with ``unaccent``, on SQLite the application does). First a
substring match (``LIKE '%zoe%'``), by name; only when that finds fewer than asked for, and
the query has four letters or more, similar names fill the rest:

- PostgreSQL: ``'dijkstar' <% name_search`` (pg_trgm word similarity), ranked by it; both
  steps are served by the trigram GIN index of migration 0005_records;
- SQLite has no trigram index: rows sharing enough of the query's trigrams (``instr`` in
  SQL) are ranked in Python with the same word similarity as pg_trgm.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal, select
from sqlalchemy.orm import Session

from kiosk.core.reports import Found, StudentRef
from kiosk.core.text_search import WORD_SIMILARITY_THRESHOLD, normalise_name, word_similarity
from kiosk.infra.db.models import SchoolClass, Student

FUZZY_MIN_LENGTH = 4  # below this, trigram similarity matches nearly anything
SQLITE_CANDIDATES = 200


def _ref(row: Any) -> StudentRef:
    return StudentRef(row[0], row[1], row[2], row[3], bool(row[4]))


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _select(*extra: Any) -> Select[Any]:
    return select(
        Student.id, Student.student_id, Student.name, SchoolClass.code, Student.is_active, *extra
    ).outerjoin(SchoolClass, SchoolClass.id == Student.class_id)


def search_students(session: Session, text: str, *, limit: int = 20) -> list[Found]:
    """Best matches first: substring matches (by name), then similar names (by similarity)."""
    query = normalise_name(text)
    if not query:
        return []
    contains = Student.name_search.like(_like_pattern(query), escape="\\")
    # Sorted on lower(name), which no index offers: the planner filters through the trigram
    # index and sorts the matches, instead of walking a name index past thousands of misses.
    stmt = _select().where(contains).order_by(func.lower(Student.name), Student.student_id).limit(limit)
    found = [Found(_ref(row), 1.0) for row in session.execute(stmt)]
    if len(found) >= limit or len(query) < FUZZY_MIN_LENGTH:
        return found
    if session.get_bind().dialect.name == "postgresql":
        similar = _similar_postgres(session, query, contains, limit - len(found))
    else:
        similar = _similar_sqlite(session, query, contains, limit - len(found))
    return found + similar


def _similar_postgres(session: Session, query: str, contains: ColumnElement[bool], limit: int) -> list[Found]:
    score = func.word_similarity(query, Student.name_search)
    stmt = (
        _select(score)
        .where(literal(query).op("<%")(Student.name_search), ~contains)
        .order_by(score.desc(), func.lower(Student.name))
        .limit(limit)
    )
    return [Found(_ref(row), float(row[5] or 0.0)) for row in session.execute(stmt)]


def _similar_sqlite(session: Session, query: str, contains: ColumnElement[bool], limit: int) -> list[Found]:
    grams = sorted({word[i : i + 3] for word in query.split() for i in range(len(word) - 2)})
    if not grams:
        return []
    shared = sum((func.instr(Student.name_search, g) > 0 for g in grams), start=literal(0))
    # A one-letter typo spoils at most three of a word's trigrams: ask for half of them.
    needed = max(1, len(grams) // 2)
    candidates: list[Any] = session.execute(
        _select(Student.name_search)
        .where(shared >= needed, ~contains)
        .order_by(shared.desc())
        .limit(SQLITE_CANDIDATES)
    ).all()  # type: ignore[assignment]
    scored = [(word_similarity(query, str(row[5])), row) for row in candidates]
    similar = sorted(
        ((score, row) for score, row in scored if score >= WORD_SIMILARITY_THRESHOLD),
        key=lambda sr: (-sr[0], str(sr[1][2]).casefold(), sr[1][1]),
    )
    return [Found(_ref(row), score) for score, row in similar[:limit]]
