"""SQLite's typo search (migration 0016_search_words) finds what counting the trigrams of
every name finds: the same names, in the same order, on both of its ways to ask the index."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, text

from kiosk.app.records import RecordsService
from kiosk.core.text_search import WORD_SIMILARITY_THRESHOLD, normalise_name, word_similarity
from kiosk.infra.db import schema
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.models import Student
from kiosk.infra.db.repo import search

GIVEN = ["Zoë", "Seán", "Marie-Claire", "Jean-Luc", "Ana", "Björn", "Chloé", "Tomás", "Ngozi", "Ida"]
PARTS = ["stein", "mar", "wald", "dijk", "ka", "ra", "tin", "en", "son", "ova", "brien", "kow"]


def _people(n: int) -> list[tuple[str, str]]:
    rng = random.Random(7)
    people = []
    for i in range(n):
        surname = "".join(rng.choice(PARTS) for _ in range(rng.randint(2, 3))).capitalize()
        # Word edges behind signs: O'Brien, Smith-Jones, St. John.
        surname = rng.choice(["", "", "", "O'", "St. ", "Mac"]) + surname + rng.choice(["", "", "-Kowal"])
        people.append((f"T-{i:04d}", f"{rng.choice(GIVEN)} {surname}"))
    return people


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, list[tuple[str, str]]]]:
    path: Path = tmp_path_factory.mktemp("typos") / "kiosk.db"
    engine = create_engine(f"sqlite:///{path}")
    schema.upgrade(engine)
    people = _people(600)
    with unit_of_work(session_factory(engine)) as s:
        s.add_all([Student(student_id=sid, name=name) for sid, name in people])
    yield engine, people
    engine.dispose()


def _counted(query: str, people: list[tuple[str, str]]) -> list[str]:
    """Every name's similarity, as the rule says: not a substring, over the threshold, best first."""
    q = normalise_name(query)
    scored = [
        (word_similarity(q, normalise_name(name)), name, sid)
        for sid, name in people
        if q not in normalise_name(name)
    ]
    ranked = sorted(
        (s for s in scored if s[0] >= WORD_SIMILARITY_THRESHOLD), key=lambda s: (-s[0], s[1].casefold(), s[2])
    )
    return [sid for _, _, sid in ranked]


# Misspelt names of the generated school (two letters swapped), some behind signs.
QUERIES = [
    "o'martni",
    "st brienbrein",
    "st. enbrein",
    "jean luc raovo",
    "sontni kowal",
    "waldtinbrein",
    "marsonkwo",
    "ovaenar",
    "stiendijkstein",
    "steinmra",
    "zoe maka",
    "obrein",  # finds nothing: too far from any name
]


@pytest.mark.parametrize("ask_by", ["index", "counting"])
def test_the_typo_search_finds_what_counting_every_name_finds(
    school: tuple[Engine, list[tuple[str, str]]], ask_by: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, people = school
    if ask_by == "counting":  # the way for queries with too many trigram combinations
        monkeypatch.setattr(search, "MATCH_CLAUSES", 0)
    some_found = 0
    with session_factory(engine)() as session:
        for query in QUERIES:
            expected = _counted(query, people)
            assert len(expected) < search.SQLITE_CANDIDATES  # so the search ranks all of them
            found = [
                f.student.student_id for f in search._similar_sqlite(session, normalise_name(query), 500)
            ]
            assert found == expected, query
            some_found += bool(found)
    assert some_found == len(QUERIES) - 1


def test_the_words_follow_renames_and_survive_a_downgrade(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'kiosk.db'}")
    try:
        schema.upgrade(engine)
        records = RecordsService(engine)
        with unit_of_work(session_factory(engine)) as s:
            s.add(Student(student_id="S-1", name="Siobhán O'Brien-Kowalska"))
        with engine.connect() as conn:
            words = conn.execute(text("SELECT name_words FROM student_name_fts")).scalar_one()
        assert words == " siobhan o brien kowalska "
        assert [f.student.student_id for f in records.search_students("kowalsak")] == ["S-1"]
        with engine.begin() as conn:
            conn.execute(text("UPDATE students SET name = 'Ada Lovelace', name_search = 'ada lovelace'"))
        assert [f.student.student_id for f in records.search_students("lovelase")] == ["S-1"]
        assert records.search_students("kowalsak") == []

        cfg = schema.alembic_config()
        with engine.begin() as conn:  # back to the index as 0007 made it
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0015_search_prefix")
        with engine.connect() as conn:
            columns = [row[1] for row in conn.execute(text("PRAGMA table_info(student_name_fts)"))]
            assert "name_words" not in columns
            assert (
                conn.execute(text("SELECT name_search FROM student_name_fts")).scalar_one() == "ada lovelace"
            )
        schema.upgrade(engine)
        assert [f.student.student_id for f in records.search_students("lovelase")] == ["S-1"]
    finally:
        engine.dispose()
