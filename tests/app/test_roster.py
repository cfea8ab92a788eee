"""The roster service on real SQLite and PostgreSQL, and its one offline refusal rule."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import time
from pathlib import Path
from typing import cast

import numpy as np
import pytest
from sqlalchemy import Engine

from kiosk.app.enrollment import EnrollmentService
from kiosk.app.errors import as_kiosk_error, explain_database_failure
from kiosk.app.roster import NewEncoding, RosterService, parse_start_time
from kiosk.core.errors import (
    Conflict,
    ConsentRequired,
    DatabaseError,
    DatabaseUnavailable,
    InvalidInput,
    NotFound,
    OfflineRefused,
)
from kiosk.infra.config import DatabaseSettings
from kiosk.infra.db.engine import build_engine_for_url, parse_database_url
from kiosk.infra.recognition.pipeline import FacePipeline

UNREACHABLE = "postgresql+psycopg://kiosk@127.0.0.1:1/kiosk"  # nothing listens on port 1


def unit_vectors(n: int, dim: int = 8, seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    rows = rng.standard_normal((n, dim)).astype(np.float32)
    return list(rows / np.linalg.norm(rows, axis=1, keepdims=True))


@pytest.fixture
def roster(engine: Engine) -> RosterService:
    return RosterService(engine)


@pytest.fixture
def offline_engine() -> Iterator[Engine]:
    engine = build_engine_for_url(
        parse_database_url(UNREACHABLE), DatabaseSettings(connect_timeout_seconds=2)
    )
    yield engine
    engine.dispose()


def test_classes_and_students_round_trip_as_domain_values(roster: RosterService) -> None:
    added = roster.add_class("9B", "Biology 9B", teacher="Ms Rivera", starts_at=parse_start_time("08:30"))
    assert added.starts_at == time(8, 30)
    assert [c.code for c in roster.list_classes()] == ["9B"]
    assert roster.get_class("9B").teacher == "Ms Rivera"

    ada = roster.add_student(student_id="S1", name="Ada", class_code="9B", consent=True, consent_by="mum")
    roster.add_student(student_id="S2", name="Bob", class_code="9B")
    assert [s.student_id for s in roster.list_students(class_code="9B")] == ["S1", "S2"]
    assert [s.student_id for s in roster.list_students(search="bo")] == ["S2"]
    assert roster.find_student("S1") == roster.get_student("S1")
    assert roster.find_student("nobody") is None
    assert roster.student_by_uuid(ada.id).name == "Ada"
    assert roster.student_ids([ada.id, uuid.uuid4()]) == {ada.id: "S1"}


def test_enrollment_data_is_stored_in_one_go_and_withdrawal_deletes_it(roster: RosterService) -> None:
    roster.add_class("9B", "Biology 9B")
    ada = roster.add_student(student_id="S1", name="Ada", class_code="9B", consent=True)
    new = [NewEncoding(v, f"photo:{i}.jpg") for i, v in enumerate(unit_vectors(3))]
    after = roster.store_encodings(ada, "TestNet", new, thumbnail=b"\xff\xd8jpeg")
    assert after.encoding_count == 3
    assert roster.encoding_counts() == {"TestNet": 3}
    gallery = roster.gallery("TestNet", class_code="9B")
    assert gallery.student_ids == (ada.id,) * 3 and gallery.vectors.shape == (3, 8)
    assert roster.photos([ada.id]) == {ada.id: b"\xff\xd8jpeg"}

    withdrawn = roster.set_consent("S1", given=False, by="mum", actor="office")
    assert not withdrawn.consent_given and withdrawn.encoding_count == 0
    assert roster.photos([ada.id]) == {}
    # Consent withdrawn after the photos were looked at: refused inside the transaction, nothing kept.
    with pytest.raises(ConsentRequired):
        roster.store_encodings(ada, "TestNet", new)
    assert roster.encoding_counts() == {}

    roster.delete_student("S1", actor="office")
    with pytest.raises(NotFound):
        roster.get_student("S1")


def test_bad_input_and_conflicts_are_kiosk_errors_and_store_nothing(roster: RosterService) -> None:
    roster.add_class("9B", "Biology 9B")
    roster.add_student(student_id="S1", name="Ada", class_code="9B", email="ada@school.org")
    with pytest.raises(Conflict):
        roster.add_class("9B", "Again")
    with pytest.raises(Conflict):
        roster.add_student(student_id="S1", name="Ada again", class_code="9B")
    with pytest.raises(Conflict):
        roster.add_student(student_id="S2", name="Bea", class_code="9B", email="ada@school.org")
    with pytest.raises(NotFound):
        roster.add_student(student_id="S3", name="Cy", class_code="10A")
    with pytest.raises(InvalidInput):
        roster.add_student(student_id="S4", name="x" * 500, class_code="9B")
    with pytest.raises(InvalidInput):
        parse_start_time("half past eight")
    assert [s.student_id for s in roster.list_students()] == ["S1"]


def test_every_roster_change_is_refused_while_postgresql_is_unreachable(offline_engine: Engine) -> None:
    roster = RosterService(offline_engine)
    changes = {
        "Adding a class": lambda: roster.add_class("9B", "Biology 9B"),
        "Adding a student": lambda: roster.add_student(student_id="S1", name="Ada", class_code=None),
        "Recording consent": lambda: roster.set_consent("S1", given=True, by="mum", actor="office"),
        "Withdrawing consent": lambda: roster.set_consent("S1", given=False, by="mum", actor="office"),
        "Deleting a student": lambda: roster.delete_student("S1", actor="office"),
        "Changing a student's photo": lambda: roster.set_photo(uuid.uuid4(), None),
    }
    for what, change in changes.items():
        with pytest.raises(OfflineRefused) as refused:
            change()
        assert refused.value.message.startswith(f"{what} needs the school's database")
        assert "nothing was saved" in refused.value.message
        assert "attendance keeps working" in refused.value.hint
    # Reads are not changes: they say plainly where the server is and that it cannot be reached.
    with pytest.raises(DatabaseUnavailable) as unreachable:
        roster.list_students()
    assert not isinstance(unreachable.value, OfflineRefused)
    assert "127.0.0.1:1 cannot be reached" in unreachable.value.message


def test_enrollment_is_refused_offline_before_any_photo_is_looked_at(
    offline_engine: Engine, tmp_path: Path
) -> None:
    # The refusal comes before the face models are needed: no pipeline is loaded for this test.
    service = EnrollmentService(
        RosterService(offline_engine), cast(FacePipeline, object()), match_threshold=0.9
    )
    with pytest.raises(OfflineRefused) as refused:
        service.enroll("S1", [("1.jpg", tmp_path / "1.jpg")])
    assert refused.value.message.startswith("Enrolling a student needs the school's database")


def test_a_broken_sqlite_file_is_a_database_error_not_an_offline_refusal(tmp_path: Path) -> None:
    path = tmp_path / "not-a-database.db"
    path.write_bytes(b"this is not SQLite" * 100)
    engine = build_engine_for_url(parse_database_url(f"sqlite:///{path}"), DatabaseSettings())
    try:
        with pytest.raises(DatabaseError) as failed:
            RosterService(engine).add_class("9B", "Biology 9B")
    finally:
        engine.dispose()
    assert not isinstance(failed.value, OfflineRefused)
    assert "not a usable SQLite database" in failed.value.message


def test_one_translation_of_driver_failures_for_the_cli_and_the_window(
    offline_engine: Engine,
) -> None:
    from sqlalchemy.exc import OperationalError

    try:
        with offline_engine.connect():
            pass
    except OperationalError as exc:
        error = explain_database_failure(exc, UNREACHABLE)  # the CLI
        shown = as_kiosk_error(exc, "Reading the classes", database_url=UNREACHABLE)  # the window
    assert isinstance(error, DatabaseUnavailable) and "127.0.0.1:1" in error.message
    assert type(shown) is type(error) and shown.message == error.message
    assert explain_database_failure(ValueError("a bug"), UNREACHABLE) is None
    bug = as_kiosk_error(ValueError("a bug"), "Reading the classes")
    assert "failed unexpectedly (ValueError)" in bug.message
