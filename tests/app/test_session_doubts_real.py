"""Doubtful matches on real photos, the dlib-offline models and real SQLite and PostgreSQL.

Two students recorded as look-alikes (as the enrollment override records twins) are never
marked automatically: the teacher is asked. The teacher's Yes is stored with source
``confirmed`` (the database's CHECK allows it: revision 0013_confirmed), and the records
and their exports show it so.
"""

from __future__ import annotations

import csv
import uuid
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from sqlalchemy import Engine

from kiosk.app.enrollment import EnrollmentService
from kiosk.app.exports import session_table, summary_table, write_csv
from kiosk.app.records import RecordsService
from kiosk.app.roster import RosterService
from kiosk.app.session import AttendanceSessionService, FrameResult
from kiosk.core.domain import MarkSource, StudentInfo
from kiosk.core.doubt import DoubtReason
from kiosk.core.records import MarkMethod
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.db.engine import build_engine, session_factory, unit_of_work
from kiosk.infra.db.repo import classes, students
from kiosk.infra.db.store import DirectStore
from kiosk.infra.recognition.images import load_image
from kiosk.infra.recognition.index import IndexCache
from kiosk.infra.recognition.pipeline import FacePipeline
from tests.conftest import FACES_DIR, offline_profile_data_dir

pytestmark = [pytest.mark.recognition, pytest.mark.slow]
PEOPLE = FACES_DIR / "people"
STEP = 0.25


@pytest.fixture
def school(
    db_url: str, tmp_path: Path, dlib_models_dir: Path
) -> tuple[Settings, Engine, dict[str, StudentInfo]]:
    data_dir = offline_profile_data_dir(tmp_path, dlib_models_dir)
    settings = load_settings(data_dir=data_dir, database_url=db_url)
    engine = build_engine(settings)
    with unit_of_work(session_factory(engine)) as s:
        classes.add_class(s, "7A", "Physics 7A")
        for sid, name in (("S01", "Ana Ruiz"), ("S02", "Eva Ruiz"), ("S03", "Bob Stone")):
            students.add_student(
                s, student_id=sid, name=name, class_code="7A", consent=True, consent_by="parent"
            )
    pipeline = FacePipeline(settings)
    enrollment = EnrollmentService(
        RosterService(engine),
        pipeline,
        match_threshold=settings.recognition.threshold_for(pipeline.model_name),
    )
    infos = {}
    for sid, person in (("S01", "person01"), ("S02", "person02"), ("S03", "person03")):
        result = enrollment.enroll_paths(sid, [PEOPLE / person / f"{n}.jpg" for n in (2, 3, 4)])
        assert len(result.accepted) >= 2, result.rejected
        infos[sid] = result.student
    yield settings, engine, infos
    engine.dispose()


def service_for(
    settings: Settings, engine: Engine, tmp_path: Path, pairs: frozenset[frozenset[uuid.UUID]]
) -> AttendanceSessionService:
    return AttendanceSessionService(
        DirectStore(engine),
        FacePipeline(settings),
        IndexCache(tmp_path / "indexes"),
        recognition=settings.recognition,
        late_grace_minutes=5,
        kiosk_id="room-7",
        actor="ms.rivera",
        lookalikes=lambda: pairs,
    )


def show(
    service: AttendanceSessionService, image: npt.NDArray[np.uint8], frames: int, start: float
) -> list[FrameResult]:
    return [service.process_frame(image, timestamp=start + n * STEP, seq=n) for n in range(frames)]


def test_a_lookalike_pair_is_never_auto_marked_and_yes_is_stored_as_confirmed(
    school: tuple[Settings, Engine, dict[str, StudentInfo]], tmp_path: Path
) -> None:
    settings, engine, infos = school
    ana, eva, bob = infos["S01"], infos["S02"], infos["S03"]
    # Without a recorded pair, the same faces are marked by the camera.
    plain = service_for(settings, engine, tmp_path, frozenset())
    plain.start("7A")
    results = show(plain, load_image(PEOPLE / "person01" / "1.jpg"), 12, 0.0)
    results += show(plain, load_image(PEOPLE / "person02" / "1.jpg"), 12, 10.0)
    assert {m.student_uuid: m.source for r in results for m in r.new_marks} == {
        ana.id: MarkSource.AUTO,
        eva.id: MarkSource.AUTO,
    }
    assert plain.pending_doubts() == ()
    plain.end()

    service = service_for(settings, engine, tmp_path, frozenset({frozenset({ana.id, eva.id})}))
    session = service.start("7A")
    # Photo 1 of each: never seen at enrollment.
    results = show(service, load_image(PEOPLE / "person01" / "1.jpg"), 12, 0.0)
    results += show(service, load_image(PEOPLE / "person02" / "1.jpg"), 12, 10.0)
    results += show(service, load_image(PEOPLE / "person03" / "1.jpg"), 12, 20.0)
    automatic = {m.student_uuid for r in results for m in r.new_marks}
    assert ana.id not in automatic and eva.id not in automatic
    assert automatic == {bob.id}  # the student outside the pair is marked as before
    asked = {d.student.id: d for d in service.pending_doubts()}
    assert set(asked) == {ana.id, eva.id}
    assert all(DoubtReason.LOOKALIKE in d.reasons for d in asked.values())

    mark = service.confirm_doubt(asked[ana.id].id, actor="ms.rivera")
    assert mark is not None and mark.source is MarkSource.CONFIRMED
    service.reject_doubt(asked[eva.id].id)
    summary = service.end()
    assert {s.name for s, _ in summary.present} == {"Ana Ruiz", "Bob Stone"}

    detail = RecordsService(engine).session(session.id)
    methods = {line.name: line.method for line in detail.lines}
    assert methods == {
        "Ana Ruiz": MarkMethod.CONFIRMED,
        "Bob Stone": MarkMethod.CAMERA,
        "Eva Ruiz": MarkMethod.NONE,
    }
    rows = session_table(detail).rows
    assert [r[5] for r in rows if r[3] == "Ana Ruiz"] == ["confirmed"]
    written = write_csv(session_table(detail), tmp_path / "session.csv")
    assert "confirmed" in written.read_text(encoding="utf-8")
    with write_csv(summary_table(summary), tmp_path / "summary.csv").open(
        encoding="utf-8-sig", newline=""
    ) as fh:
        methods_now = {row["name"]: row["method"] for row in csv.DictReader(fh)}
    assert methods_now["Ana Ruiz"] == "confirmed" and methods_now["Bob Stone"] == "camera"
