"""Find students by part of their name: case- and accent-insensitive, typo-tolerant.

PostgreSQL: ``pg_trgm`` + ``unaccent`` (migration 0003_records): a substring match
(``LIKE '%zoe%'``) and a word-similarity match (``'dijkstar' <% name``), both served by the
trigram GIN index on ``kiosk_unaccent(lower(name))``, ranked by similarity.

SQLite has no trigram index: a substring match on the stored ``name_search`` column, and
for a query of four letters or more, candidates sharing some of its trigrams (``instr``,
in SQL) are ranked in Python with the same word similarity as pg_trgm.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, select
from sqlalchemy.orm import Session

from kiosk.core.reports import Found, StudentRef
from kiosk.core.text_search import WORD_SIMILARITY_THRESHOLD, normalise_name, word_similarity
from kiosk.infra.db.models import SchoolClass, Student

FUZZY_MIN_LENGTH = 4  # below this, trigram similarity matches nearly anything
SQLITE_CANDIDATES = 500


def _ref(row: Any) -> StudentRef:
    return StudentRef(row[0], row[1], row[2], row[3], bool(row[4]))


def _score(value: Any) -> float:
    return float(value or 0.0)


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _columns() -> tuple[ColumnElement[object], ...]:
    return (Student.id, Student.student_id, Student.name, SchoolClass.code, Student.is_active)  # type: ignore[return-value]


def search_students(session: Session, text: str, *, limit: int = 20) -> list[Found]:
    """Best matches first: substring matches (by name), then similar names (by similarity)."""
    query = normalise_name(text)
    if not query:
        return []
    if session.get_bind().dialect.name == "postgresql":
        return _search_postgres(session, query, limit)
    return _search_sqlite(session, query, limit)


def _search_postgres(session: Session, query: str, limit: int) -> list[Found]:
    name = func.kiosk_unaccent(func.lower(Student.name))
    contains = name.like(_like_pattern(query), escape="\\")
    matches: ColumnElement[bool] = contains
    if len(query) >= FUZZY_MIN_LENGTH:
        matches = contains | literal(query).op("<%")(name)
    score = case((contains, 1.0), else_=func.word_similarity(query, name))
    stmt = (
        select(*_columns(), score.label("score"))
        .outerjoin(SchoolClass, SchoolClass.id == Student.class_id)
        .where(matches)
        .order_by(score.desc(), Student.name, Student.student_id)
        .limit(limit)
    )
    return [Found(_ref(row), _score(row[5])) for row in session.execute(stmt)]


def _search_sqlite(session: Session, query: str, limit: int) -> list[Found]:
    base = select(*_columns()).outerjoin(SchoolClass, SchoolClass.id == Student.class_id)
    contains = Student.name_search.like(_like_pattern(query), escape="\\")
    found = [
        Found(_ref(row), 1.0)
        for row in session.execute(
            base.where(contains).order_by(Student.name, Student.student_id).limit(limit)
        )
    ]
    if len(found) >= limit or len(query) < FUZZY_MIN_LENGTH:
        return found
    grams = sorted({word[i : i + 3] for word in query.split() for i in range(len(word) - 2)})
    if not grams:
        return found
    shared = sum((func.instr(Student.name_search, g) > 0 for g in grams), start=literal(0))
    needed = max(1, len(grams) // 3)
    candidates = session.execute(
        select(*_columns(), Student.name_search)
        .outerjoin(SchoolClass, SchoolClass.id == Student.class_id)
        .where(shared >= needed, ~contains)
        .order_by(shared.desc())
        .limit(SQLITE_CANDIDATES)
    ).all()
    scored = [(word_similarity(query, str(row[5])), row) for row in candidates]
    similar = sorted(
        ((score, row) for score, row in scored if score >= WORD_SIMILARITY_THRESHOLD),
        key=lambda sr: (-sr[0], sr[1][2], sr[1][1]),
    )
    found.extend(Found(_ref(row), score) for score, row in similar[: limit - len(found)])
    return found
