"""Visitors and ``kiosk faces find``: real photos, the real dlib-offline models, SQLite and PostgreSQL.

A pupil of another class in front of the kiosk is named ("Ana Ruiz (class 10A) is here") and
not marked in this class; ``kiosk faces find`` names the right student school-wide; a student
who withdrew consent is found by neither.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine

from kiosk.app.enrollment import EnrollmentService
from kiosk.app.roster import RosterService
from kiosk.app.session import AttendanceSessionService
from kiosk.cli.main import main
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.db.engine import build_engine
from kiosk.infra.db.repo.changes import RosterChange
from kiosk.infra.db.store import DirectStore
from kiosk.infra.recognition.images import load_image
from kiosk.infra.recognition.index import IndexCache
from kiosk.infra.recognition.pipeline import FacePipeline
from tests.conftest import FACES_DIR, offline_profile_data_dir

pytestmark = [pytest.mark.recognition, pytest.mark.slow]
PEOPLE = FACES_DIR / "people"


@pytest.fixture
def school(tmp_path: Path, dlib_models_dir: Path, db_url: str) -> Iterator[tuple[Settings, Engine]]:
    """Class 9B (Ben, person01) and class 10A (Ana, person02; Carl, person03), all enrolled."""
    data = offline_profile_data_dir(tmp_path, dlib_models_dir)
    settings = load_settings(data_dir=data, database_url=db_url)
    engine = build_engine(settings)
    roster = RosterService(engine)
    roster.add_class("9B", "Year 9 B")
    roster.add_class("10A", "Year 10 A")
    enroll = EnrollmentService(roster, FacePipeline(settings), match_threshold=0.95)
    for sid, name, code, person in (
        ("S1", "Ben Ortiz", "9B", "person01"),
        ("S2", "Ana Ruiz", "10A", "person02"),
        ("S3", "Carl Diaz", "10A", "person03"),
    ):
        roster.add_student(student_id=sid, name=name, class_code=code, consent=True, consent_by="test")
        enroll.enroll_paths(sid, [PEOPLE / person / "1.jpg"])
    yield settings, engine
    engine.dispose()


def _session(settings: Settings, engine: Engine, tmp_path: Path, lookup: bool) -> AttendanceSessionService:
    recognition = replace(settings.recognition, school_wide_lookup=lookup, dlib_in_subprocess=False)
    return AttendanceSessionService(
        DirectStore(engine),
        FacePipeline(replace(settings, recognition=recognition)),
        IndexCache(tmp_path / "indexes"),
        recognition=recognition,
        late_grace_minutes=5,
        kiosk_id="test",
    )


_CLOCK = [1000.0]  # frame times (monotonic seconds) across calls


def _show(service: AttendanceSessionService, person: str, frames: int = 4) -> list[str]:
    """The same photo as consecutive frames (the votes need several); the notices shown. Each
    person comes 30 s after the last one: the previous face's track has gone by then."""
    image = load_image(PEOPLE / person / "2.jpg")
    notices: list[str] = []
    _CLOCK[0] += 30.0
    for i in range(frames):
        _CLOCK[0] += 0.3
        notices += service.process_frame(image, timestamp=_CLOCK[0], seq=i).notices
    return notices


def test_a_visitor_is_named_and_not_marked(school: tuple[Settings, Engine], tmp_path: Path) -> None:
    settings, engine = school
    service = _session(settings, engine, tmp_path, lookup=True)
    service.start("9B")
    assert _show(service, "person01") == []  # Ben, of this class: marked, no notice
    notices = _show(service, "person02")
    assert notices == ["Ana Ruiz (class 10A) is here"]  # once, however many frames
    assert _show(service, "person02") == []
    summary = service.end()
    assert [s.student_id for s, _ in summary.present + summary.late] == ["S1"]  # Ana is not marked here
    assert "S2" not in {s.student_id for s in summary.absent}  # nor listed: she is not on this roster
    assert service.visitors is not None
    line = service.visitors.summary_line()
    assert line.startswith("Visitors (not marked in this class): Ana Ruiz (class 10A, ")

    # Switched off (the default): the face stays unknown, nobody is named.
    quiet = _session(settings, engine, tmp_path, lookup=False)
    quiet.start("9B")
    assert _show(quiet, "person02") == [] and quiet.visitors is None
    quiet.end()


def test_a_withdrawn_student_is_neither_named_nor_found(
    school: tuple[Settings, Engine], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings, engine = school
    base = ["--data-dir", str(settings.data_dir), "--database", settings.database.url]
    photo = str(PEOPLE / "person03" / "2.jpg")
    capsys.readouterr()
    assert main([*base, "faces", "find", photo]) == 0
    out = capsys.readouterr().out
    assert "1. Carl Diaz (S3), class 10A: similarity" in out, out
    assert "Match: Carl Diaz, class 10A." in out, out

    # The session's school-wide index is built while Carl still consents ...
    service = _session(settings, engine, tmp_path, lookup=True)
    service.start("9B")
    assert _show(service, "person03", frames=1) == []  # one sighting: not named yet
    RosterService(engine).set_consent("S3", given=False, by="parent", actor="office")
    # ... and the withdrawal, as the listener announces it, takes him out at once.
    service.on_roster_change(RosterChange("10A", service_student(engine, "S3"), "withdrawn"))
    assert _show(service, "person03") == []
    assert service.visitors is not None and service.visitors.visitors == []
    service.end()

    capsys.readouterr()
    assert main([*base, "faces", "find", photo]) == 0
    out = capsys.readouterr().out
    assert "Carl" not in out, out
    assert "No match" in out, out
    assert "2 students with consent" in out, out

    # Bad input: one clear line, non-zero.
    assert main([*base, "faces", "find", str(tmp_path / "missing.jpg")]) != 0
    assert main([*base, "faces", "find", str(FACES_DIR / "groups" / "couple.jpg")]) != 0
    err = capsys.readouterr().err
    assert "faces were found in the photo" in err, err


def test_a_withdrawal_nobody_announced_is_not_named(school: tuple[Settings, Engine], tmp_path: Path) -> None:
    settings, engine = school
    service = _session(settings, engine, tmp_path, lookup=True)
    service.start("9B")
    assert _show(service, "person03", frames=2) == []  # the index is built, two sightings of Carl
    RosterService(engine).set_consent("S3", given=False, by="parent", actor="office")  # no notification
    assert _show(service, "person03", frames=2) == []
    assert service.visitors is not None and service.visitors.visitors == []
    service.end()


def service_student(engine: Engine, student_id: str) -> uuid.UUID:
    return next(s.id for s in RosterService(engine).list_students() if s.student_id == student_id)
