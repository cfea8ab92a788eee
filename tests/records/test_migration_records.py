"""Migration 0005_records on a database that already holds students and marks: the search
column is filled for existing names, existing marks keep their values, nothing is signed off."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from kiosk.app.records import RecordsService
from kiosk.infra.db import schema


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.db'}"
    return str(request.getfixturevalue("empty_pg_url"))


def test_upgrade_from_0004_fills_the_search_column(empty_url: str) -> None:
    engine = create_engine(empty_url)
    try:
        cfg = schema.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0004")
        sid, sess = uuid.uuid4(), uuid.uuid4()
        lite = engine.dialect.name == "sqlite"
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO classes (id, code, name) VALUES (1, '9B', 'Biology')"))
            conn.execute(
                text(
                    "INSERT INTO students (id, student_id, name, class_id) VALUES (:id, 'S-1', 'Zoë Ærø', 1)"
                ),
                {"id": sid.hex if lite else sid},
            )
            conn.execute(
                text("INSERT INTO attendance_sessions (id, class_id, started_at) VALUES (:id, 1, :at)"),
                {"id": sess.hex if lite else sess, "at": datetime(2026, 9, 7, 8, tzinfo=UTC)},
            )
        schema.upgrade(engine)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT name_search FROM students")).scalar_one() == "zoe aero"
        service = RecordsService(engine)
        assert [f.student.student_id for f in service.search_students("zoe")] == ["S-1"]
        assert [f.student.student_id for f in service.search_students("AERO")] == ["S-1"]
        if not lite:  # on PostgreSQL a trigger keeps the column, whoever writes (COPY, raw SQL)
            with engine.begin() as conn:
                conn.execute(
                    text(
                        "INSERT INTO students (id, student_id, name) VALUES (:id, 'S-2', '  Chloé   NÚÑEZ ')"
                    ),
                    {"id": uuid.uuid4()},
                )
                conn.execute(text("UPDATE students SET name = 'Zoë Ærø-Smith' WHERE student_id = 'S-1'"))
            assert [f.student.student_id for f in service.search_students("chloe nunez")] == ["S-2"]
            assert [f.student.student_id for f in service.search_students("aero-smith")] == ["S-1"]
        (overview,) = service.list_sessions()
        assert not overview.signed_off and overview.absent == 1 and overview.corrected == 0
    finally:
        engine.dispose()
