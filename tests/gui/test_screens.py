"""Kiosk mode and its PIN, camera faults, an empty class, closing mid-session, enrollment, screenshots."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.app.admin_pin import hash_pin
from kiosk.app.enrollment import LookalikeRefused
from kiosk.core.domain import AttendanceStatus, StudentInfo
from kiosk.gui.app import KioskGui, build_gui
from kiosk.gui.login_dialog import LoginDialog
from kiosk.gui.screenshots import render_all
from kiosk.infra.config import GuiSettings, Settings
from kiosk.infra.db.engine import build_engine, session_factory, unit_of_work
from kiosk.infra.db.models import AttendanceSession
from kiosk.infra.db.repo import attendance, classes, encodings, lookalikes, students
from tests.gui.conftest import CLASS_CODE, ENROLLED, NO_CONSENT, PEOPLE, Classroom

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("no_leaked_threads")]


@pytest.fixture
def open_gui(qtbot: QtBot, classroom: Classroom) -> Iterator[list[KioskGui]]:
    """Windows opened by a test; each is closed (and its threads stopped) afterwards."""
    opened: list[KioskGui] = []
    yield opened
    for gui in opened:
        gui.shutdown()
        gui.window.allow_close()
        gui.window.close()


def start(
    qtbot: QtBot, classroom: Classroom, settings: Settings, opened: list[KioskGui], **kwargs: object
) -> KioskGui:
    gui = build_gui(settings, pipeline=classroom.pipeline, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(gui.window)
    opened.append(gui)
    qtbot.waitUntil(gui.window.start_view.start_button.isEnabled, timeout=15_000)
    return gui


def start_session(qtbot: QtBot, gui: KioskGui, class_code: str = CLASS_CODE) -> None:
    sv = gui.window.start_view
    sv.class_combo.setCurrentIndex(sv.class_combo.findData(class_code))
    qtbot.mouseClick(sv.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: gui.session.service is not None or gui.session.last_error is not None, timeout=10_000
    )
    assert gui.session.service is not None, gui.session.last_error


def test_kiosk_mode_needs_the_admin_pin_to_leave(
    qtbot: QtBot, classroom: Classroom, gui_settings: Settings, open_gui: list[KioskGui]
) -> None:
    # The old single admin PIN became the account "admin" on this first start (same PIN).
    settings = dataclasses.replace(
        gui_settings, gui=GuiSettings(kiosk_mode=True, admin_pin_hash=hash_pin("2468"))
    )
    gui = start(qtbot, classroom, settings, open_gui)
    window = gui.window
    assert window.kiosk_mode and window.windowState() & Qt.WindowState.WindowFullScreen
    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: isinstance(gui.admin.dialog, LoginDialog), timeout=5000)
    login = gui.admin.dialog
    assert isinstance(login, LoginDialog)
    qtbot.waitUntil(login.isVisible, timeout=2000)
    login.name.setText("admin")
    qtbot.keyClicks(login.pin, "1111")
    qtbot.keyClick(login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: login.failures == 1, timeout=5000)
    assert login.isVisible() and login.message.isVisible()
    qtbot.keyClicks(login.pin, "2468")
    qtbot.keyClick(login.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: gui.admin.dialog is not login, timeout=5000)
    menu = gui.admin.dialog
    assert menu is not None
    leave = next(b for b in menu.findChildren(QPushButton) if b.text() == "Leave kiosk mode")
    qtbot.mouseClick(leave, Qt.MouseButton.LeftButton)
    assert not window.kiosk_mode and not window.windowState() & Qt.WindowState.WindowFullScreen


def test_unreadable_video_file_is_said_on_screen(
    qtbot: QtBot, classroom: Classroom, gui_settings: Settings, open_gui: list[KioskGui], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"this is not a video" * 100)
    gui = start(qtbot, classroom, gui_settings, open_gui, camera=str(broken))
    start_session(qtbot, gui)
    video = gui.window.live_view.video
    qtbot.waitUntil(lambda: "broken.mp4" in video.message, timeout=10_000)
    assert gui.window.camera_status == "Camera: failed"


def test_missing_camera_is_said_on_screen_and_retried(
    qtbot: QtBot, classroom: Classroom, gui_settings: Settings, open_gui: list[KioskGui]
) -> None:
    gui = start(qtbot, classroom, gui_settings, open_gui, camera="7")  # no /dev/video7 here
    start_session(qtbot, gui)
    video = gui.window.live_view.video
    qtbot.waitUntil(lambda: "No camera at index 7" in video.message, timeout=10_000)
    assert "Retrying" in video.message
    assert "[camera]" not in video.message and "KIOSK_" not in video.message  # words for teachers
    assert gui.window.camera_status == "Camera: reconnecting"


def test_class_with_nobody_enrolled_is_explained(
    qtbot: QtBot, classroom: Classroom, gui_settings: Settings, open_gui: list[KioskGui]
) -> None:
    engine = build_engine(gui_settings)
    with unit_of_work(session_factory(engine)) as s:
        classes.add_class(s, "EMPTY", "Nobody yet")
    engine.dispose()
    gui = start(qtbot, classroom, gui_settings, open_gui)
    start_session(qtbot, gui, "EMPTY")
    assert "Nobody is in this class" in gui.window.live_view.warnings_text


def test_closing_mid_session_asks_then_ends_it_keeping_the_marks(
    qtbot: QtBot, classroom: Classroom, gui_settings: Settings, open_gui: list[KioskGui]
) -> None:
    gui = start(qtbot, classroom, gui_settings, open_gui, camera=str(classroom.video.path))
    start_session(qtbot, gui)
    student = classroom.students[NO_CONSENT]
    saved: list[object] = []
    gui.session.manual.mark(student.id, AttendanceStatus.PRESENT, "came in late, no camera", saved.append)
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    gui.window.close()
    box = gui.session.prompt
    assert box is not None and gui.window.isVisible()
    qtbot.waitUntil(box.isVisible, timeout=2000)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert gui.window.isVisible() and gui.session.service is not None  # "No" keeps the session
    gui.window.close()
    box = gui.session.prompt
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=2000)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not gui.window.isVisible(), timeout=10_000)
    engine = build_engine(gui_settings)
    try:
        with unit_of_work(session_factory(engine)) as s:
            sessions = list(s.query(AttendanceSession))
            assert len(sessions) == 1 and sessions[0].ended_at is not None
            marks = attendance.marks_for_session(s, sessions[0].id)
        assert [(m.student_uuid, m.status) for m in marks if m.student_uuid == student.id] == [
            (student.id, AttendanceStatus.PRESENT)
        ]
    finally:
        engine.dispose()


@pytest.mark.recognition
def test_enrollment_dialog_live_shot_consent_lookalikes_and_the_same_photo_twice(
    qtbot: QtBot, classroom: Classroom, gui_settings: Settings, open_gui: list[KioskGui]
) -> None:
    gui = start(qtbot, classroom, gui_settings, open_gui, camera=str(classroom.video.path))
    qtbot.mouseClick(gui.window.start_view.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: gui.session.enrollment is not None, timeout=5000)  # after the guard
    ctl = gui.session.enrollment
    dialog = ctl.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.student_combo.count() == 6, timeout=5000)

    # A student without consent: refused, with the reason, nothing stored.
    dialog.select_student(classroom.students[NO_CONSENT].student_id)
    ctl.import_photos([PEOPLE / "person06" / "2.jpg"])
    qtbot.waitUntil(dialog.enroll_button.isEnabled, timeout=10_000)
    qtbot.mouseClick(dialog.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Not enrolled" in dialog.result_label.text(), timeout=10_000)
    assert "consent" in dialog.result_label.text()

    # A new student, added in the dialog, whose photo looks like an enrolled student.
    qtbot.waitUntil(lambda: dialog.student_combo.isEnabled(), timeout=1000)
    dialog.student_combo.setCurrentIndex(0)
    dialog._chosen(0)
    ctl.shots.clear()
    dialog.clear_shots()
    qtbot.keyClicks(dialog.student_id, "S-99")
    qtbot.keyClicks(dialog.name, "Look Alike")
    dialog.class_combo.setCurrentIndex(dialog.class_combo.findData(CLASS_CODE))
    dialog.consent.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.chosen is not None and dialog.chosen.student_id == "S-99", timeout=5000)

    # A live, quality-checked shot from the camera (the video), then an imported photo.
    # The button follows the live verdict (a new one every 0.4 s), so press it while it is enabled.
    def take_when_good() -> bool:
        if dialog.take_button.isEnabled():
            qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
        return len(ctl.shots) == 1

    qtbot.waitUntil(take_when_good, timeout=20_000)
    ctl.import_photos([PEOPLE / "person01" / "5.jpg"])
    qtbot.mouseClick(dialog.enroll_button, Qt.MouseButton.LeftButton)
    # Student 01's face under a new student: refused, saying who it looks like, nothing stored.
    qtbot.waitUntil(lambda: isinstance(ctl.last_error, LookalikeRefused), timeout=20_000)
    text = dialog.result_label.text()
    assert text.startswith("Not enrolled") and "looks like Student 01 (S-01, class 9B), similarity" in text
    assert dialog.lookalike_button.isVisible() and ctl.last_result is None
    assert classroom_student(gui_settings, "S-99").encoding_count == 0

    # The admin's explicit word that they are look-alikes: enrolled, the pair recorded.
    qtbot.mouseClick(dialog.lookalike_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.last_result is not None, timeout=20_000)
    result = ctl.last_result
    assert result.student.student_id == "S-99" and len(result.accepted) >= 1
    assert any(d.other.id == classroom.students["person01"].id and d.recorded for d in result.duplicates)
    assert "recorded as look-alikes" in dialog.result_label.text()
    assert not dialog.lookalike_button.isVisible()

    # The same photo file again: nothing added, and the dialog says why.
    ctl.last_result = None
    ctl.import_photos([PEOPLE / "person01" / "5.jpg"])
    qtbot.mouseClick(dialog.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.last_result is not None, timeout=20_000)
    assert ctl.last_result.accepted == ()
    assert "already enrolled from this photo" in dialog.result_label.text()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ctl.dialog is None, timeout=5000)
    engine = build_engine(gui_settings)
    try:
        with unit_of_work(session_factory(engine)) as s:
            assert encodings.student_models(s, classroom.students[NO_CONSENT].id) == {}
            s99 = students.get_student(s, "S-99")
            assert s99.encoding_count == len(result.accepted)
            assert frozenset({s99.id, classroom.students["person01"].id}) in lookalikes.pairs(s)
    finally:
        engine.dispose()


def classroom_student(settings: Settings, student_id: str) -> StudentInfo:
    engine = build_engine(settings)
    try:
        with unit_of_work(session_factory(engine)) as s:
            return students.get_student(s, student_id)
    finally:
        engine.dispose()


def test_screenshots_render_every_screen(tmp_path: Path) -> None:
    paths = render_all(tmp_path, sizes={"720p": (1280, 720)})
    assert {p.name for p in paths} == {
        f"{n}-720p.png"
        for n in (
            "start",
            "live",
            "roster",
            "manual-override",
            "enrollment",
            "summary",
            "records",
            "records-report",
        )
    }
    for path in paths:
        image = QImage(str(path))
        assert not image.isNull() and image.width() >= 640
    assert QImage(str(tmp_path / "live-720p.png")).size().toTuple() == (1280, 720)


def test_manual_dialog_keyboard_only(qtbot: QtBot, classroom: Classroom) -> None:
    from kiosk.gui.dialogs import ManualMarkDialog

    dialog = ManualMarkDialog(classroom.students[NO_CONSENT], None)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.chosen is None and not ok.isEnabled()  # no pre-selected status
    assert AttendanceStatus.LATE in dialog.buttons
    dialog.buttons[AttendanceStatus.EXCUSED].click()
    assert ok.isEnabled()
    qtbot.keyClicks(dialog.note, "trip")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.status is AttendanceStatus.EXCUSED and dialog.note.text() == "trip"


def test_missing_weights_are_explained_and_never_swapped_for_another_model(
    qtbot: QtBot, tmp_path: Path, open_gui: list[KioskGui], classroom: Classroom
) -> None:
    from kiosk.infra.config import load_settings

    settings = load_settings(data_dir=tmp_path / "data", env={"KIOSK_PROFILE": "facenet512"})
    gui = build_gui(settings)
    qtbot.addWidget(gui.window)
    open_gui.append(gui)
    sv = gui.window.start_view
    qtbot.waitUntil(lambda: "Face recognition is off" in sv.model_text, timeout=15_000)
    assert "kiosk models fetch" in sv.model_text and "dlib-offline" in sv.model_text
    assert gui.ctx.models.loaded is None  # no silent fallback to the offline profile
    assert gui.window.model_status == "Model: facenet512 not installed"


@pytest.mark.recognition
@pytest.mark.slow
def test_auto_end_runs_a_whole_session_on_a_video(
    qtbot: QtBot, classroom: Classroom, gui_settings: Settings, open_gui: list[KioskGui]
) -> None:
    """The demo's path: class and camera given, the session starts by itself and ends with the video."""
    gui = build_gui(
        gui_settings,
        pipeline=classroom.pipeline,
        class_code=CLASS_CODE,
        camera=str(classroom.video.path),
        auto_end=True,
    )
    qtbot.addWidget(gui.window)
    open_gui.append(gui)
    qtbot.waitUntil(lambda: gui.session.summary is not None, timeout=60_000)
    assert gui.window.stack.currentWidget() is gui.window.summary_view
    present = {s.student_id for s, _ in gui.session.summary.present}
    assert present == {classroom.students[label].student_id for label in ENROLLED}
