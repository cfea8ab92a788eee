"""Render each main screen to a PNG with sample data, offscreen: for review without a camera.

The data is real: a throwaway data folder with the embedded SQLite database, a class with
sample students (photo thumbnails cut from the demo photos), a session with marks made
through the store, and a camera frame rendered by the synthetic classroom from the same
photos. No face models are loaded: the boxes come from the synthetic video's ground truth.
"""

from __future__ import annotations

import logging
import os
import tempfile
import uuid
from collections.abc import Callable
from datetime import time, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app.bootstrap import build_services
from kiosk.app.demo_heads import locate_face
from kiosk.app.demo_video import Actor, Appearance, SyntheticClassroom
from kiosk.app.enrollment import thumbnail_jpeg
from kiosk.app.readiness import class_readiness
from kiosk.app.session import FaceResult, RosterEntry
from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource, StudentInfo
from kiosk.core.errors import InvalidInput
from kiosk.gui.dialogs import ManualMarkDialog
from kiosk.gui.enrollment_view import EnrollmentDialog
from kiosk.gui.main_window import MainWindow
from kiosk.gui.screenshots_records import records_report, records_sessions
from kiosk.gui.style import BOX_COLOURS, Look, stylesheet
from kiosk.gui.video_widget import Overlay
from kiosk.infra.camera import CameraDevice, Image
from kiosk.infra.config import load_settings
from kiosk.infra.recognition.images import load_image

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
PHOTO_FOLDERS = (ROOT / "resources" / "demo" / "faces", ROOT / "tests" / "data" / "faces" / "people")
SIZES = {"720p": (1280, 720), "1080p": (1920, 1080)}
NAMES = ("Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth")


def _people() -> list[Path]:
    for folder in PHOTO_FOLDERS:
        if folder.is_dir():
            people = sorted(p for p in folder.iterdir() if p.is_dir() and (p / "1.jpg").is_file())
            if len(people) >= 3:
                return people[: len(NAMES)]
    raise InvalidInput(
        "No sample photos found for the screenshots.",
        f"Expected folders of photos in {PHOTO_FOLDERS[0]} (part of the repository).",
    )


class _Sample:
    """The sample class, its students, a finished session and a camera frame."""

    def __init__(self, data_dir: Path) -> None:
        self.settings = load_settings(data_dir=data_dir, env={})
        # The embedded SQLite file, schema created; the face models are never loaded here.
        self.services = build_services(self.settings)
        self.store = self.services.store
        people = _people()
        roster = self.services.roster()
        self.students: list[StudentInfo] = []
        roster.add_class("9B", "Biology 9B", teacher="Ms Rivera", starts_at=time(8, 30))
        roster.add_class("10A", "Chemistry 10A", teacher="Mr Okafor", starts_at=time(10, 15))
        for i, folder in enumerate(people):
            consent = i != len(people) - 1  # the last one has no consent: marked by hand
            info = roster.add_student(
                student_id=f"S-{1001 + i}", name=NAMES[i], class_code="9B", consent=consent
            )
            photo = load_image(folder / "2.jpg")
            box = locate_face(photo)
            if box is not None:
                roster.set_photo(info.id, thumbnail_jpeg(photo, box))
            self.students.append(info)
        self.people = people
        self.session = self.store.open_session("9B", started_by="ms.rivera", kiosk_id="room-12")
        start = self.session.started_at
        self.marks: dict[uuid.UUID, AttendanceMark] = {}
        plan = [
            (0, AttendanceStatus.PRESENT, MarkSource.AUTO, 0.97, 0, None),
            (1, AttendanceStatus.PRESENT, MarkSource.AUTO, 0.95, 1, None),
            (2, AttendanceStatus.LATE, MarkSource.AUTO, 0.96, 9, None),
            (len(people) - 1, AttendanceStatus.EXCUSED, MarkSource.MANUAL, None, 2, "doctor's appointment"),
        ]
        for index, status, source, conf, minutes, note in plan:
            student = self.students[index]
            mark = AttendanceMark(
                id=uuid.uuid4(),
                session_id=self.session.id,
                student_uuid=student.id,
                status=status,
                marked_at=start + timedelta(minutes=minutes),
                source=source,
                confidence=conf,
                note=note,
            )
            self.marks[student.id] = self.store.mark(mark, actor="ms.rivera")
        self.photos = self.store.photos([s.id for s in self.students])
        self.frame, self.faces = self._frame()

    def _frame(self) -> tuple[Image, tuple[FaceResult, ...]]:
        """Two people in front of the camera: one recognised, one stranger (not in the class)."""
        known, stranger = self.people[0], self.people[-1]
        actors = [Actor("known", known / "1.jpg"), Actor("stranger", stranger / "3.jpg")]
        timeline = [
            Appearance("known", 0.0, 4.0, (0.3, 0.45), (0.3, 0.45), face_width=150),
            Appearance("stranger", 0.0, 4.0, (0.72, 0.45), (0.72, 0.45), face_width=140),
        ]
        video = SyntheticClassroom(actors, timeline, size=(960, 540), noise=1.0)
        index = int(2.0 * video.fps)
        faces = []
        for visible in video.visible(index):
            if visible.label == "known":
                faces.append(FaceResult(visible.box, "confirmed", self.students[0], 0.97))
            else:
                faces.append(FaceResult(visible.box, "unknown", None, 0.41))
        return video.frame(index), tuple(faces)

    def roster(self) -> list[RosterEntry]:
        return [RosterEntry(s, self.marks.get(s.id)) for s in sorted(self.students, key=lambda s: s.name)]

    def close(self) -> None:
        self.services.close()


def _grab(widget: QWidget, path: Path, size: tuple[int, int]) -> Path:
    app = QApplication.instance()
    widget.resize(*size)
    widget.show()
    for _ in range(5):
        if app is not None:
            app.processEvents()
    if not widget.grab().save(str(path)):
        raise InvalidInput(f"Cannot write {path}.", "Choose a folder you can write to with --out.")
    widget.hide()
    return path


def _window(sample: _Sample, look: Look) -> MainWindow:
    window = MainWindow()
    window.apply_look(look)
    window.set_database_status(window.tr("Database: %s") % "Local database")
    window.set_model_status(window.tr("Model: %s") % "dlib-offline")
    window.set_camera_status(window.tr("Camera: %s") % window.tr("live"))
    window.set_rates("Camera 15 fps · recognition 6.2 fps")
    return window


def render_all(out_dir: Path, *, sizes: dict[str, tuple[int, int]] | None = None) -> list[Path]:
    """Write start, live, roster, manual override, enrollment and summary PNGs into ``out_dir``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(["kiosk-screenshots"])
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-screens-") as tmp:
        sample = _Sample(Path(tmp))
        try:
            for size_name, size in (sizes or SIZES).items():
                # the big screen also shows kiosk mode's large controls; type sized for each screen
                look = Look(touch=size_name == "1080p", screen_height=size[1])
                for name, render in _RENDERERS.items():
                    widget = render(sample, look)
                    try:
                        hint = widget.sizeHint()
                        dialog_size = (max(hint.width(), 640), max(hint.height(), 360))
                        target_size = dialog_size if name in _DIALOGS else size
                        written.append(_grab(widget, out_dir / f"{name}-{size_name}.png", target_size))
                    finally:
                        widget.close()
                        widget.deleteLater()
                assert app is not None
                app.processEvents()
        finally:
            sample.close()
    log.info("Wrote %d screenshots to %s", len(written), out_dir)
    return written


def _start(sample: _Sample, look: Look) -> QWidget:
    window = _window(sample, look)
    sv = window.start_view
    sv.set_classes(sample.store.list_classes(), "9B")
    sv.set_cameras(
        [CameraDevice(0, "HD Pro Webcam C920", "/dev/video0"), CameraDevice(2, "Integrated Camera")], "0"
    )
    sv.show_database_state(sv.tr("Database ready: %n class(es).", "", 2))
    sv.show_model_state(sv.tr("Face recognition ready (%s).") % "dlib-offline")
    sv.set_start_enabled(True)
    sv.show_class_readiness(class_readiness(sample.store, "9B", "Dlib"))  # nobody enrolled in the sample
    sv.preview.set_frame(sample.frame)
    window.show_start()
    return window


def _live(sample: _Sample, look: Look) -> QWidget:
    window = _window(sample, look)
    lv = window.live_view
    lv.show_session(
        "9B — Biology 9B", ["1 student(s) without consent are never recognised: mark them by hand."]
    )
    names = {s.id: s.name for s in sample.students}
    lv.roster.set_photos(sample.photos, names)
    lv.roster.set_entries(sample.roster())
    lv.video.set_frame(sample.frame)
    lv.video.set_faces(sample.faces)
    window.show_live()
    return window


def _roster(sample: _Sample, look: Look) -> QWidget:
    window = _live(sample, look)
    assert isinstance(window, MainWindow)
    lv = window.live_view
    lv.splitter.setSizes([1, 1])  # the roster panel wide: the screenshot is about it
    lv.roster.list.setCurrentRow(3)
    return window


def _manual(sample: _Sample, look: Look) -> QWidget:
    student = sample.students[-1]
    roster_photo = None
    from kiosk.gui.roster_view import thumbnail

    roster_photo = thumbnail(sample.photos.get(student.id), student.name, 96)
    dialog = ManualMarkDialog(student, AttendanceStatus.EXCUSED, roster_photo)
    dialog.setStyleSheet(stylesheet(look))
    dialog.choose(AttendanceStatus.EXCUSED, "doctor's appointment")
    return dialog


def _enrollment(sample: _Sample, look: Look) -> QWidget:
    dialog = EnrollmentDialog()
    dialog.setStyleSheet(stylesheet(look))
    dialog.set_students(sample.students, sample.store.list_classes(), "9B")
    dialog.select_student(sample.students[2].student_id)
    dialog.camera.set_frame(sample.frame)
    known = sample.faces[0]
    dialog.camera.set_overlays([Overlay(known.box, BOX_COLOURS["confirmed"], "")])
    dialog.set_feedback(True, dialog.tr("Good: press Take photo."))
    dialog.take_button.setEnabled(True)
    for n in (2, 3, 4):
        dialog.add_shot(load_image(sample.people[2] / f"{n}.jpg", max_side=320), f"camera-{n - 1}")
    dialog.set_shot_count(3)
    dialog.enroll_button.setEnabled(True)
    dialog.result_label.setText(
        dialog.tr(
            "⚠ Possible duplicate: %s looks like %s (%s), similarity %.2f. Check it is the right student."
        )
        % ("camera-2", sample.students[4].name, sample.students[4].student_id, 0.94)
    )
    return dialog


def _summary(sample: _Sample, look: Look) -> QWidget:
    window = _window(sample, look)
    sample.store.close_session(sample.session.id)
    window.summary_view.show_summary(sample.store.summary(sample.session.id))
    window.summary_view.show_message(window.tr("Saved to %s") % "~/attendance-9B.csv")
    window.show_summary()
    return window


_RENDERERS: dict[str, Callable[[_Sample, Look], QWidget]] = {
    "start": _start,
    "live": _live,
    "roster": _roster,
    "manual-override": _manual,
    "enrollment": _enrollment,
    "summary": _summary,
    "records": records_sessions,
    "records-report": records_report,
}
_DIALOGS = {"manual-override", "enrollment"}
