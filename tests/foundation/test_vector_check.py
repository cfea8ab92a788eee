"""A malformed face vector (its byte length not 4 x dimension) on both databases.

Revision 0003 adds ``CHECK (length(vector) = 4 * dimension)``; rows already breaking it are
removed by the upgrade and reported (an audit entry per row, without the bytes, and one
warning), not a failed upgrade. Galleries skip and report such a row instead of failing the
whole class (a database upgraded by an older kiosk, or a row written around the check).
"""

from __future__ import annotations

import json
import logging
import uuid
from pathlib import Path

import numpy as np
import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import IntegrityError

from kiosk.infra.db import schema
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import encodings

MODEL = "Facenet512"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def bare_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Engine:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    else:
        url = str(request.getfixturevalue("empty_pg_url"))
    engine = create_engine(url)
    request.addfinalizer(engine.dispose)
    return engine


def upgrade_to(engine: Engine, revision: str) -> None:
    cfg = schema.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def class_with_vectors(engine: Engine) -> tuple[uuid.UUID, uuid.UUID]:
    """Class 9B with two consenting students, each with one good 512-value vector."""
    rng = np.random.default_rng(1)
    # Raw rows: the ORM model is the newest schema's (students and encodings carry columns of
    # later revisions), and these tests run on older ones.
    lite = engine.dialect.name != "postgresql"
    made = []
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO classes (id, code, name) VALUES (1, '9B', 'Biology 9B')"))
        for n in ("ada", "alan"):
            student = uuid.uuid4()
            conn.execute(
                text(
                    "INSERT INTO students (id, student_id, name, class_id, is_active, consent_given) "
                    "VALUES (:id, :sid, :name, 1, :yes, :yes)"
                ),
                {"id": student.hex if lite else student, "sid": n, "name": n.title(), "yes": True},
            )
            made.append(student)
    for student in made:
        insert_raw_vector(engine, student, rng.normal(size=512).astype("<f4").tobytes())
    return made[0], made[1]


def insert_raw_vector(engine: Engine, student: uuid.UUID, vector: bytes, dimension: int = 512) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO face_encodings (student_id, model_name, dimension, vector, created_at) "
                "VALUES (:s, :m, :d, :v, CURRENT_TIMESTAMP)"
            ),
            {
                "s": student if engine.dialect.name == "postgresql" else student.hex,
                "m": MODEL,
                "d": dimension,
                "v": vector,
            },
        )


def test_the_database_refuses_a_vector_of_the_wrong_length(bare_engine: Engine) -> None:
    schema.upgrade(bare_engine)
    ada, _ = class_with_vectors(bare_engine)
    with pytest.raises(IntegrityError):
        insert_raw_vector(bare_engine, ada, b"\x00" * 5)
    insert_raw_vector(bare_engine, ada, np.ones(512, dtype="<f4").tobytes())  # the right length is fine


def test_upgrade_removes_and_reports_rows_breaking_the_check(
    bare_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    upgrade_to(bare_engine, "0002")
    _, alan = class_with_vectors(bare_engine)
    insert_raw_vector(bare_engine, alan, b"\x01\x02\x03\x04\x05")
    with caplog.at_level(logging.WARNING):
        schema.upgrade(bare_engine)
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("1 face encoding" in w and "wrong length" in w for w in warnings), warnings
    assert not any("\\x01" in w or "AQIDBAU" in w for w in warnings)
    with bare_engine.connect() as conn:
        lengths = conn.execute(text("SELECT length(vector) FROM face_encodings ORDER BY id")).scalars().all()
        audit = conn.execute(
            text(
                "SELECT action, entity, details FROM audit_log WHERE action = 'face_encoding.invalid_removed'"
            )
        ).all()
    assert lengths == [2048, 2048]
    assert len(audit) == 1
    details = audit[0][2] if isinstance(audit[0][2], dict) else json.loads(audit[0][2])
    assert details["student"] == str(alan) and details["bytes"] == 5 and details["dimension"] == 512
    assert "vector" not in details
    with unit_of_work(session_factory(bare_engine)) as s:
        assert encodings.load_gallery(s, MODEL, class_code="9B").size == 2


def test_gallery_skips_and_reports_a_bad_row_instead_of_failing_the_class(
    bare_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    upgrade_to(bare_engine, "0002")  # no CHECK yet: what an older kiosk's database may hold
    ada, alan = class_with_vectors(bare_engine)
    insert_raw_vector(bare_engine, alan, b"\x01\x02\x03\x04\x05")
    nan = np.ones(512, dtype="<f4")
    nan[3] = np.nan
    insert_raw_vector(bare_engine, ada, nan.tobytes())
    with caplog.at_level(logging.WARNING), unit_of_work(session_factory(bare_engine)) as s:
        gallery = encodings.load_gallery(s, MODEL, class_code="9B")
    assert gallery.size == 2 and gallery.vectors.shape == (2, 512)
    assert sorted(gallery.student_ids) == sorted([ada, alan])
    assert len(gallery.skipped) == 2
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("5 bytes" in w and str(alan) in w for w in warnings), warnings
    assert any("not finite" in w for w in warnings), warnings
