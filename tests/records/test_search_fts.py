"""SQLite's FTS5 trigram index of the names (migration 0007_search_fts) stays in step with
the students whoever writes them, and the search answers the same through it."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import create_engine, select, text

from kiosk.app.records import RecordsService
from kiosk.core.text_search import normalise_name
from kiosk.infra.db import schema
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.models import Student


def _ids(service: RecordsService, query: str) -> list[str]:
    return [f.student.student_id for f in service.search_students(query)]


def test_the_index_follows_inserts_renames_deletes_and_vacuum(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'kiosk.db'}")
    try:
        schema.upgrade(engine)
        service = RecordsService(engine)
        with unit_of_work(session_factory(engine)) as s:  # through the ORM
            s.add_all(
                [
                    Student(student_id="S-1", name="Zoë Martin"),
                    Student(student_id="S-2", name="Edsger Dijkstra"),
                    Student(student_id="S-3", name="Alan Turing"),
                ]
            )
        with engine.begin() as conn:  # a raw INSERT (a bulk import) is indexed too
            conn.execute(
                text("INSERT INTO students (id, student_id, name, name_search) VALUES (:id, 'S-4', :n, :ns)"),
                {"id": uuid.uuid4().hex, "n": "Chloé Núñez", "ns": normalise_name("Chloé Núñez")},
            )
        assert _ids(service, "zoe") == ["S-1"]
        assert _ids(service, "nunez") == ["S-4"]
        assert _ids(service, "dijkstar") == ["S-2"]  # a typo: candidates from the index
        assert _ids(service, "an") == ["S-3"]  # under three letters: read without the index

        with unit_of_work(session_factory(engine)) as s:
            zoe = s.scalar(select(Student).where(Student.student_id == "S-1"))
            assert zoe is not None
            zoe.name = "Émile Zola"
            zoe.student_id = "S-1b"
            turing = s.scalar(select(Student).where(Student.student_id == "S-3"))
            s.delete(turing)
        with engine.connect() as conn:
            conn.execute(text("VACUUM"))  # may renumber the students' rowids: the index keeps its own
        assert _ids(service, "zoe") == []
        assert _ids(service, "emile") == ["S-1b"]
        assert _ids(service, "turing") == []
        assert _ids(service, "nunez") == ["S-4"]
        with engine.connect() as conn:
            indexed = conn.execute(text("SELECT count(*) FROM student_name_fts")).scalar_one()
            keys = conn.execute(text("SELECT count(*) FROM student_name_fts_rows")).scalar_one()
        assert indexed == keys == 3
    finally:
        engine.dispose()


def test_the_first_page_of_a_common_substring_is_in_name_order(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'kiosk.db'}")
    try:
        schema.upgrade(engine)
        # Two prefix matches, then the substring matches sorted inside the FTS index.
        names = [f"Amar{chr(ord('z') - i)} Test" for i in range(25)] + [
            "Ómar Last",
            "Mara First",
            "Ann Marsh",
        ]
        with unit_of_work(session_factory(engine)) as s:
            s.add_all([Student(student_id=f"S-{i:02}", name=n) for i, n in enumerate(names)])
        found = [f.student.name for f in RecordsService(engine).search_students("mar")]
        with engine.connect() as conn:
            infix = [
                row[0]
                for row in conn.execute(
                    text(
                        "SELECT name FROM students WHERE name NOT IN ('Mara First', 'Ann Marsh') "
                        "ORDER BY lower(name), student_id LIMIT 18"
                    )
                )
            ]
        assert found == ["Mara First", "Ann Marsh", *infix]
    finally:
        engine.dispose()
