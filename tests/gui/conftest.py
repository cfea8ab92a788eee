"""Fixtures for the GUI tests: real Qt widgets offscreen, real SQLite, real dlib models, a real video.

Expensive things are built once per test session: the dlib-offline weights and models, a
database with a class whose students are enrolled from real photos, and a classroom video
made from *other* photos of the same people plus one who is in the class but not enrolled.
Each test gets its own copy of that database file, so tests never see each other's marks.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine

from kiosk.app.bootstrap import prepare_environment
from kiosk.app.database import Database
from kiosk.app.demo_video import Actor, SyntheticClassroom, SyntheticVideo, default_timeline
from kiosk.app.enrollment import EnrollmentService
from kiosk.app.roster import RosterService
from kiosk.core.domain import StudentInfo
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import classes, students
from kiosk.infra.recognition import weights
from kiosk.infra.recognition.pipeline import FacePipeline

PEOPLE = Path(__file__).resolve().parents[1] / "data" / "faces" / "people"
CLASS_CODE = "9B"
ENROLLED = ("person01", "person02", "person03")  # enrolled from photos 2-4, seen in the video (photo 1)
NOT_ENROLLED = "person05"  # in the class with consent, never enrolled: seen in the video, never marked
NO_CONSENT = "person06"  # in the class without consent: not in the video, marked by hand


def student_id(label: str) -> str:
    return f"S-{label[-2:]}"


def person_name(label: str) -> str:
    return f"Student {label[-2:]}"


@dataclass(frozen=True)
class Classroom:
    settings: Settings  # shared data folder (weights, index cache); database_url per test
    template_db: Path
    pipeline: FacePipeline
    video: SyntheticVideo
    students: dict[str, StudentInfo]  # by label


def _photo(label: str, n: int) -> Path:
    return PEOPLE / label / f"{n}.jpg"


@pytest.fixture(scope="session")
def classroom(tmp_path_factory: pytest.TempPathFactory) -> Classroom:
    if not PEOPLE.is_dir():
        pytest.skip(f"test photos missing: {PEOPLE}")
    root = tmp_path_factory.mktemp("gui-classroom")
    db_path = root / "template.db"
    settings = load_settings(
        data_dir=root / "data", database_url=f"sqlite:///{db_path}", env={"KIOSK_PROFILE": "dlib-offline"}
    )
    prepare_environment(settings)
    weights.install_offline(settings.weights_dir)
    pipeline = FacePipeline(settings)
    engine: Engine = Database.open(settings).engine
    sessions = session_factory(engine)
    infos: dict[str, StudentInfo] = {}
    with unit_of_work(sessions) as s:
        classes.add_class(s, CLASS_CODE, "Biology 9B", teacher="Ms Rivera", starts_at=None)
        for label in (*ENROLLED, NOT_ENROLLED, NO_CONSENT):
            infos[label] = students.add_student(
                s,
                student_id=student_id(label),
                name=person_name(label),
                class_code=CLASS_CODE,
                consent=label != NO_CONSENT,
                consent_by="parent" if label != NO_CONSENT else None,
            )
    threshold = settings.recognition.threshold_for(pipeline.model_name)
    service = EnrollmentService(RosterService(engine), pipeline, match_threshold=threshold)
    for label in ENROLLED:
        result = service.enroll_paths(student_id(label), [_photo(label, n) for n in (2, 3, 4)])
        assert len(result.accepted) >= 2, result.rejected
        infos[label] = result.student
    engine.dispose()

    labels = [*ENROLLED, NOT_ENROLLED]
    actors = [Actor(label, _photo(label, 1)) for label in labels]
    timeline = default_timeline(labels, seed=3, on_screen_s=(3.2, 3.6), overlap_chance=0.5)
    video = SyntheticClassroom(actors, timeline, seed=3).write(root / "classroom.mp4")
    return Classroom(settings, db_path, pipeline, video, infos)


@pytest.fixture
def gui_settings(classroom: Classroom, tmp_path: Path) -> Settings:
    """The classroom's settings on a fresh copy of its database."""
    db = tmp_path / "kiosk.db"
    shutil.copyfile(classroom.template_db, db)
    return load_settings(
        data_dir=classroom.settings.data_dir,
        database_url=f"sqlite:///{db}",
        env={"KIOSK_PROFILE": "dlib-offline"},
    )


KIOSK_THREAD_PREFIXES = ("kiosk-", "kiosk_")


def kiosk_threads() -> list[str]:
    return [
        t.name for t in threading.enumerate() if t.name.startswith(KIOSK_THREAD_PREFIXES) and t.is_alive()
    ]


@pytest.fixture
def no_leaked_threads() -> Iterator[None]:
    """Every test must stop the threads it started (capture, database and model runners)."""
    before = set(kiosk_threads())
    yield
    leaked = [name for name in kiosk_threads() if name not in before]
    assert not leaked, f"threads left running: {leaked}"
