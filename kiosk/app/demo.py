"""``kiosk demo``: the whole kiosk on a machine with no camera, no network and no server.

A throwaway data folder gets the embedded SQLite database, the ``dlib-offline`` model (its
weights ship on PyPI), a demo class whose students are enrolled from photos shipped in
``resources/demo/faces``, and a sample camera stream made on the fly from *other* photos of
the same people plus one stranger who is never enrolled.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.app.bootstrap import FaceModels, KioskServices, build_services, prepare_environment
from kiosk.app.demo_video import Actor, SyntheticVideo, default_timeline, write_classroom_video
from kiosk.core.errors import KioskError
from kiosk.infra.config import Settings, load_settings, write_user_settings

log = logging.getLogger(__name__)

DEMO_FACES = Path(__file__).resolve().parents[2] / "resources" / "demo" / "faces"
DEMO_CLASS = "DEMO"
ENROLL_PHOTOS = ("2.jpg", "3.jpg", "4.jpg")
VIDEO_PHOTO = "1.jpg"
STRANGER = "stranger"

# Invented names for the anonymised people; the folder names are the student ids.
DEMO_STUDENTS: tuple[tuple[str, str, bool], ...] = (
    ("person01", "Ada Lovelace", True),
    ("person02", "Alan Turing", True),
    ("person03", "Grace Hopper", True),
    ("person04", "Edsger Dijkstra", True),
    ("person05", "Barbara Liskov", True),
    ("person06", "Donald Knuth", False),  # enrolled, but stays out of the stream: absent
)


@dataclass(frozen=True)
class DemoSetup:
    settings: Settings
    class_code: str
    video: SyntheticVideo
    models: FaceModels  # loaded for the enrollment: the headless run reuses them
    expected_present: frozenset[str]  # student ids who appear in the stream
    stranger_label: str


def demo_settings(data_dir: Path | None) -> Settings:
    folder = data_dir or Path(tempfile.mkdtemp(prefix="kiosk-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    # Written into the demo's own folder only: the user's real configuration is untouched.
    write_user_settings(
        folder / "config.toml",
        {"recognition": {"profile": "dlib-offline"}, "database": {"url": ""}, "kiosk": {"id": "demo-kiosk"}},
    )
    return load_settings(data_dir=folder, env={})


def prepare_demo(data_dir: Path | None = None, *, seed: int = 0) -> DemoSetup:
    """Create (or reuse) the demo data: database, enrolled class, sample stream."""
    if not DEMO_FACES.is_dir():
        raise KioskError(
            f"The demo photos are missing ({DEMO_FACES}).",
            "Reinstall the kiosk from a complete copy of the project.",
        )
    settings = demo_settings(data_dir)
    prepare_environment(settings)
    services = build_services(settings)  # the embedded database, its schema up to date
    try:
        _add_and_enroll(services)
    finally:
        services.close()
    models = services.models

    appearing = [sid for sid, _n, appears in DEMO_STUDENTS if appears]
    actors = [Actor(sid, DEMO_FACES / sid / VIDEO_PHOTO) for sid in appearing]
    actors.insert(2, Actor(STRANGER, DEMO_FACES / STRANGER / VIDEO_PHOTO))  # the stranger walks in mid-way
    video_path = settings.data_dir / "demo-classroom.mp4"
    # 10 fps: a steady camera-like stream that every frame of can be recognised on a 2-core PC.
    labels = [a.label for a in actors]
    # Faces about 150 px wide, as at a classroom kiosk where students step up to the camera.
    timeline = default_timeline(labels, seed=seed, face_width=(140, 160))
    video = write_classroom_video(actors, video_path, timeline=timeline, fps=10.0, seed=seed)
    return DemoSetup(settings, DEMO_CLASS, video, models, frozenset(appearing), STRANGER)


def _add_and_enroll(services: KioskServices) -> None:
    """The demo class and its students, each enrolled from three photos (skipped when done before)."""
    roster = services.roster()
    if DEMO_CLASS not in {c.code for c in roster.list_classes()}:
        roster.add_class(DEMO_CLASS, "Demo class", teacher="Demo teacher", starts_at=None)
    known = {st.student_id for st in roster.list_students(class_code=DEMO_CLASS)}
    for sid, name, _appears in DEMO_STUDENTS:
        if sid not in known:
            roster.add_student(
                student_id=sid, name=name, class_code=DEMO_CLASS, consent=True, consent_by="demo data"
            )
    service = services.enrollment()  # loads the dlib-offline models
    enrolled = {st.student_id for st in roster.list_students(class_code=DEMO_CLASS) if st.encoding_count}
    for sid, _name, _appears in DEMO_STUDENTS:
        if sid not in enrolled:
            service.enroll_paths(sid, [DEMO_FACES / sid / p for p in ENROLL_PHOTOS])
