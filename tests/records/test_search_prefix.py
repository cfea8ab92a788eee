"""Search as people type: prefix matches first, in index order (migration 0015_search_prefix),
then the substring and typo matches; on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Engine, delete, select, text

from kiosk.app.records import RecordsService
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.models import Student


def _add(engine: Engine, people: list[tuple[str, str]]) -> None:
    with unit_of_work(session_factory(engine)) as s:
        s.add_all([Student(student_id=sid, name=name) for sid, name in people])


def _names(records: RecordsService, query: str, limit: int = 20) -> list[str]:
    return [f.student.name for f in records.search_students(query, limit=limit)]


def test_names_starting_with_the_text_come_first_then_surnames_then_the_rest(
    engine: Engine, records: RecordsService
) -> None:
    _add(
        engine,
        [
            ("S-1", "Rosemary Hall"),  # "mar" inside a word: last
            ("S-2", "Marta Zeller"),
            ("S-3", "Ann Marsh"),  # a surname starting with "mar"
            ("S-4", "Mario Adams"),
            ("S-5", "Omar Khan"),  # inside a word
            ("S-6", "Mar Ng"),
        ],
    )
    # By the matched key ("mar ng" < "mario adams" < "marsh" < "marta zeller"), then the rest.
    assert _names(records, "mar") == [
        "Mar Ng",
        "Mario Adams",
        "Ann Marsh",
        "Marta Zeller",
        "Omar Khan",
        "Rosemary Hall",
    ]
    assert _names(records, "mar", limit=2) == ["Mar Ng", "Mario Adams"]
    assert _names(records, "ann mar") == ["Ann Marsh"]  # from a word on, over the space


def test_prefix_ignores_accents_and_case(engine: Engine, records: RecordsService) -> None:
    _add(engine, [("S-1", "Zoë Ållen"), ("S-2", "Björn ZOELLER"), ("S-3", "Chloé Núñez"), ("S-4", "Al Zoo")])
    assert _names(records, "ZOE") == ["Zoë Ållen", "Björn ZOELLER"]
    assert _names(records, "nun") == ["Chloé Núñez"]
    assert _names(records, "allen") == ["Zoë Ållen"]


def test_a_student_id_prefix_finds_the_student(engine: Engine, records: RecordsService) -> None:
    _add(engine, [("AB-1001", "Ada Lovelace"), ("AB-1002", "Alan Turing"), ("CD-2001", "Grace Hopper")])
    assert [f.student.student_id for f in records.search_students("ab-100")] == ["AB-1001", "AB-1002"]
    assert _names(records, "cd-2") == ["Grace Hopper"]


def test_infix_and_typo_matches_fill_the_page_after_the_prefix_ones(
    engine: Engine, records: RecordsService
) -> None:
    _add(engine, [("S-1", "Edsger Dijkstra"), ("S-2", "Jan Stra"), ("S-3", "Alan Turing")])
    assert _names(records, "stra") == ["Jan Stra", "Edsger Dijkstra"]  # prefix, then infix
    assert _names(records, "dijkstar") == ["Edsger Dijkstra"]  # no prefix, no substring: a typo
    assert _names(records, "ring") == ["Alan Turing"]


def test_keys_follow_renames_and_deletes(engine: Engine, records: RecordsService) -> None:
    _add(engine, [("S-1", "Zoë Martin"), ("S-2", "Zola Kent")])
    with unit_of_work(session_factory(engine)) as s:
        row = s.scalar(select(Student).where(Student.student_id == "S-1"))
        assert row is not None
        row.name = "Émile Martin"
    assert _names(records, "zo") == ["Zola Kent"]
    assert _names(records, "emi") == ["Émile Martin"]
    with unit_of_work(session_factory(engine)) as s:
        s.execute(delete(Student).where(Student.student_id == "S-2"))
    assert _names(records, "zo") == []
    assert _names(records, "kent") == []
    with engine.connect() as conn:  # nothing of a deleted student stays in the key table
        keys = conn.execute(text("SELECT count(*) FROM student_name_keys WHERE student_code = 'S-2'"))
        assert keys.scalar_one() == 0
