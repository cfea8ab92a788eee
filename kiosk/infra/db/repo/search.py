"""Find students by part of their name: case- and accent-insensitive, typo-tolerant.

The rule, in the order results come:

1. prefix: a word of the name (and the words after it: "zoe sm") or the student id STARTS
   with the query; by the matched key, then ``name_search``, then the student id. A range
   read of ``student_name_keys`` (migration 0015_search_prefix) in index order: LIMIT stops
   after the page, however common the fragment;
2. only when those do not fill the page, the rest below (its matches minus those found).

Then both databases search ``students.name_search`` (the name lower-cased without accents; on
PostgreSQL a trigger fills it with ``unaccent``, on SQLite the application does). First a
substring match (``LIKE '%zoe%'``), by name; only when that finds fewer than asked for, and
the query has four letters or more, similar names fill the rest:

- PostgreSQL: ``'dijkstar' <% name_search`` (pg_trgm word similarity), ranked by it; both
  steps are served by the trigram GIN index of migration 0005_records;
- SQLite: the FTS5 ``trigram`` index of migrations 0007_search_fts and 0016_search_words.
  A query of three letters or more is matched and its first page sorted in the index
  (shorter ones read the names: the index has nothing under three letters); for similar
  names the index gives the rows holding enough of the query's trigrams (word edges
  included) to reach pg_trgm's threshold, asked as ANDs of them when there are few
  combinations, else through the rarest ones and counted; those are ranked in Python with
  the same word similarity as pg_trgm.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, Uuid, column, func, literal, select, table
from sqlalchemy.orm import Session

from kiosk.core.reports import Found, StudentRef
from kiosk.core.text_search import (
    WORD_SIMILARITY_THRESHOLD,
    normalise_name,
    trigrams,
    trigrams_to_match,
    word_similarity,
)
from kiosk.infra.db.models import SchoolClass, Student

FUZZY_MIN_LENGTH = 4  # below this, trigram similarity matches nearly anything
FTS_MIN_LENGTH = 3  # the trigram index finds nothing for a shorter query
SQLITE_CANDIDATES = 200  # the index's best rows ranked in Python
MATCH_CLAUSES = 16  # ANDs of trigrams one typo search may ask FTS5 for, over its tiers

# SQLite's FTS5 trigram index and its vocabulary (migrations 0007_search_fts, 0016_search_words;
# not ORM models).
_fts = table(
    "student_name_fts",
    column("rowid", Integer),
    column("name_search"),
    column("name_words"),
    column("sort_name"),
    column("student_id"),
    column("student", Uuid),
)
_vocab = table("student_name_fts_vocab", column("term"), column("doc", Integer))
# Every name suffix at a word and the lower-cased student id (migration 0015_search_prefix).
_keys = table(
    "student_name_keys", column("key"), column("sort_name"), column("student_code"), column("student", Uuid)
)


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
    """Best matches first: prefix matches, then substring matches (by name), then similar names."""
    query = normalise_name(text)
    if not query or limit <= 0:
        return []
    found = _prefix_matches(session, query, limit)
    if len(found) >= limit:
        return found
    # Every prefix match is in ``found`` (the page is not full): the rest, without them.
    seen = {f.student.uuid for f in found}
    rest = _contains_or_similar(session, query, limit + len(found))
    return found + [f for f in rest if f.student.uuid not in seen][: limit - len(found)]


def _prefix_matches(session: Session, query: str, limit: int) -> list[Found]:
    # key >= 'zoe' AND key < 'zof': the range of keys starting with the query, in byte order
    # on both databases (PostgreSQL: COLLATE "C"), so it is the index's order.
    after = query[:-1] + chr(ord(query[-1]) + 1)
    ids: list[Any] = []
    wanted = limit * 2  # a student matched by two words comes twice: read on until enough
    while True:
        page = (
            select(_keys.c.student)
            .where(_keys.c.key >= query, _keys.c.key < after)
            .order_by(_keys.c.key, _keys.c.sort_name, _keys.c.student_code, _keys.c.student)
            .limit(wanted)
        )
        rows = session.execute(page).scalars().all()
        ids = list(dict.fromkeys(rows))
        if len(ids) >= limit or len(rows) < wanted:
            break
        wanted *= 2
    ids = ids[:limit]
    if not ids:
        return []
    by_id = {row[0]: row for row in session.execute(_select().where(Student.id.in_(ids)))}
    return [Found(_ref(by_id[i]), 1.0) for i in ids if i in by_id]


def _contains_or_similar(session: Session, query: str, limit: int) -> list[Found]:
    contains = Student.name_search.like(_like_pattern(query), escape="\\")
    # Sorted on lower(name), which no index offers: the planner filters through the trigram
    # index and sorts the matches, instead of walking a name index past thousands of misses.
    sqlite = session.get_bind().dialect.name != "postgresql"
    if sqlite and len(query) >= FTS_MIN_LENGTH:
        # The index's phrase match is the substring match; the first page is sorted inside
        # it (same order, see migration 0007_search_fts), then only those students are read.
        page = (
            select(_fts.c.student)
            .where(_fts.c.name_search.op("MATCH")(_phrase(query)))
            .order_by(_fts.c.sort_name, _fts.c.student_id)
            .limit(limit)
        )
        stmt = _select().where(Student.id.in_(page.scalar_subquery()))
    else:
        stmt = _select().where(contains)
    stmt = stmt.order_by(func.lower(Student.name), Student.student_id).limit(limit)
    found = [Found(_ref(row), 1.0) for row in session.execute(stmt)]
    if len(found) >= limit or len(query) < FUZZY_MIN_LENGTH:
        return found
    if not sqlite:
        similar = _similar_postgres(session, query, contains, limit - len(found))
    else:
        similar = _similar_sqlite(session, query, limit - len(found))
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


def _phrase(text: str) -> str:
    """An FTS5 phrase: the text as it is (trigram: a substring), its quotes doubled."""
    return '"' + text.replace('"', '""') + '"'


def _similar_sqlite(session: Session, query: str, limit: int) -> list[Found]:
    wanted = trigrams(query)
    if not wanted:
        return []
    # A name ranks when it shares 60% of the query's trigrams (pg_trgm's threshold). All but
    # the "  s" ones (a word's first letter) are in the index's ``name_words`` (migration
    # 0016_search_words): a candidate holds at least ``needed`` of those.
    grams = sorted(g for g in wanted if not g.startswith("  "))
    needed = max(1, trigrams_to_match(len(wanted)) - (len(wanted) - len(grams)))
    vocab = select(_vocab.c.term, _vocab.c.doc).where(_vocab.c.term.in_(grams))
    held = {str(term): int(doc) for term, doc in session.execute(vocab)}
    grams = sorted(
        (g for g in grams if held.get(g)), key=lambda g: held[g]
    )  # rarest first; no name holds the others
    if len(grams) < needed:
        return []
    # The candidates: those holding the most of them, down to ``needed``, SQLITE_CANDIDATES at most.
    tiers = range(len(grams), needed - 1, -1)
    not_substring = ~_fts.c.name_search.like(_like_pattern(query), escape="\\")  # found as such
    if sum(math.comb(len(grams), tier) for tier in tiers) <= MATCH_CLAUSES:
        ids = _candidates_by_index(session, grams, tiers, not_substring)
    else:
        ids = _candidates_by_counting(session, grams, held, needed, not_substring)
    candidates: list[Any] = session.execute(_select(Student.name_search).where(Student.id.in_(ids))).all()  # type: ignore[assignment]
    return [Found(_ref(row), score) for score, row in _rank(query, candidates)[:limit]]


def _candidates_by_index(
    session: Session, grams: list[str], tiers: range, not_substring: ColumnElement[bool]
) -> list[Any]:
    """All in the index: rows holding ``tier`` of the trigrams are an OR of ANDs (postings
    merged inside FTS5, no name read), asked from all of them down until the page is full."""
    found: dict[Any, None] = {}
    for tier in tiers:
        expression = " OR ".join(
            "(" + " AND ".join(_phrase(g) for g in combination) + ")"
            for combination in itertools.combinations(grams, tier)
        )
        # This tier's rows include the last one's (all of them: there were fewer than a page).
        stmt = select(_fts.c.student).where(_fts.c.name_words.op("MATCH")(expression), not_substring)
        for student in session.execute(stmt.limit(SQLITE_CANDIDATES)).scalars():
            found.setdefault(student)
        if len(found) >= SQLITE_CANDIDATES:
            break
    return list(found)[:SQLITE_CANDIDATES]


def _candidates_by_counting(
    session: Session, grams: list[str], held: dict[str, int], needed: int, not_substring: ColumnElement[bool]
) -> list[Any]:
    """Too many combinations for one FTS5 query: a row holding ``needed`` of the trigrams holds
    one of ANY len - needed + 1 of them (it misses len - needed at most), so the index reads
    the postings of the rarest ones, and each of those rows is counted. The same candidates
    as counting the trigrams of every name, without reading every name."""
    rarest = grams[: len(grams) - needed + 1]
    shared = sum((func.instr(_fts.c.name_words, g) > 0 for g in grams), start=literal(0))
    stmt = (
        select(_fts.c.student)
        .where(
            _fts.c.name_words.op("MATCH")(" OR ".join(_phrase(g) for g in rarest)),
            shared >= needed,
            not_substring,
        )
        .order_by(shared.desc())
        .limit(SQLITE_CANDIDATES)
    )
    return list(session.execute(stmt).scalars())


def _rank(query: str, candidates: list[Any]) -> list[tuple[float, Any]]:
    scored = [(word_similarity(query, str(row[5])), row) for row in candidates]
    return sorted(
        ((score, row) for score, row in scored if score >= WORD_SIMILARITY_THRESHOLD),
        key=lambda sr: (-sr[0], str(sr[1][2]).casefold(), sr[1][1]),
    )
