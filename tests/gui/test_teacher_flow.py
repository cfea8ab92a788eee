"""The teacher's whole session in the real window, offscreen, on a video of real faces."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.core.domain import AttendanceStatus, MarkSource
from kiosk.gui.app import KioskGui, build_gui
from kiosk.infra.config import Settings
from kiosk.infra.db.engine import build_engine, session_factory, unit_of_work
from kiosk.infra.db.models import AttendanceRecord
from kiosk.infra.db.repo import audit
from tests.gui.conftest import CLASS_CODE, ENROLLED, NO_CONSENT, NOT_ENROLLED, Classroom

pytestmark = [
    pytest.mark.gui,
    pytest.mark.recognition,
    pytest.mark.slow,
    pytest.mark.usefixtures("no_leaked_threads"),
]


def click_yes(qtbot: QtBot, box: QMessageBox | None) -> None:
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=2000)
    button = box.button(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def close_gui(qtbot: QtBot, gui: KioskGui) -> None:
    gui.window.close()
    if gui.session.prompt is not None and gui.session.service is not None:
        click_yes(qtbot, gui.session.prompt)
    qtbot.waitUntil(lambda: not gui.window.isVisible(), timeout=10_000)
    gui.shutdown()


def test_teacher_flow_marks_enrolled_students_once(
    qtbot: QtBot,
    classroom: Classroom,
    gui_settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gui = build_gui(gui_settings, pipeline=classroom.pipeline, camera=str(classroom.video.path))
    window, ctl = gui.window, gui.session
    qtbot.addWidget(window)
    sv = window.start_view
    try:
        # The start screen: classes from the database, the models ready, the preview running.
        qtbot.waitUntil(sv.start_button.isEnabled, timeout=15_000)
        assert sv.class_code == CLASS_CODE
        qtbot.waitUntil(lambda: sv.preview.frames_shown > 0, timeout=10_000)
        qtbot.mouseClick(sv.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.live_view, timeout=10_000)
        lv = window.live_view
        assert lv.warnings_shown  # one student without consent, one not enrolled: said on screen
        assert "consent" in lv.warnings_text
        qtbot.waitUntil(lambda: lv.roster.list.count() == 5, timeout=5000)

        # The video plays at its own rate while recognition runs on its own thread.
        recognition = ctl.recognition
        capture = ctl.capture
        assert recognition is not None and capture is not None
        with qtbot.waitSignal(recognition.source_finished, timeout=60_000):
            pass
        assert lv.video.frames_shown >= classroom.video.frame_count * 0.6  # the view kept the camera's pace
        assert recognition.frames_processed > 0
        qtbot.waitUntil(lambda: lv.roster.counts[AttendanceStatus.PRESENT] == 3, timeout=5000)

        # Manual overrides: the student without consent is excused, one recognised student is corrected.
        no_consent = classroom.students[NO_CONSENT]
        dialog = ctl.manual.open(no_consent.id)
        assert dialog is not None
        dialog.choose(AttendanceStatus.EXCUSED, "dentist")
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
            Qt.MouseButton.LeftButton,
        )
        corrected = classroom.students[ENROLLED[2]]
        lv.roster.list.setCurrentRow(
            next(i for i in range(5) if lv.roster.list.item(i).data(Qt.ItemDataRole.UserRole) == corrected.id)
        )
        qtbot.mouseClick(lv.manual_button, Qt.MouseButton.LeftButton)
        # Through the guard (no accounts here: open to the teacher at the screen).
        qtbot.waitUntil(
            lambda: ctl.manual.dialog is not None and ctl.manual.dialog.student.id == corrected.id,
            timeout=5000,
        )
        dialog = ctl.manual.dialog
        assert dialog is not None and dialog.student.id == corrected.id
        dialog.choose(AttendanceStatus.ABSENT, "left early")
        dialog.accept()
        qtbot.waitUntil(lambda: lv.roster.counts[AttendanceStatus.EXCUSED] == 1, timeout=5000)
        qtbot.waitUntil(lambda: lv.roster.counts[AttendanceStatus.PRESENT] == 2, timeout=5000)

        # End the session: asked first, then the summary.
        qtbot.mouseClick(lv.end_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: ctl.prompt is not None, timeout=5000)
        click_yes(qtbot, ctl.prompt)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary_view, timeout=10_000)
        summary = ctl.summary
        assert summary is not None
        assert summary.counts == {"present": 2, "late": 0, "excused": 1, "absent": 2}
        out = tmp_path / "attendance.csv"
        ctl.export(out)
        qtbot.waitUntil(out.exists, timeout=5000)
        with out.open(encoding="utf-8-sig", newline="") as fh:
            rows = {r["student_id"]: r for r in csv.DictReader(fh)}
        assert rows[classroom.students[NO_CONSENT].student_id]["status"] == "excused"
        assert rows[classroom.students[NO_CONSENT].student_id]["note"] == "dentist"
        assert rows[corrected.student_id]["status"] == "absent"
        # The same summary as a PDF (drawn by Qt); a name of no known format is one clear message.
        pdf = ctl.export(tmp_path / "attendance.pdf")
        assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
        monkeypatch.setattr("kiosk.gui.session_controller.show_error", lambda *_a: None)  # no modal box
        assert ctl.export(tmp_path / "attendance.txt") is None
        assert ctl.last_error is not None and "unknown format" in ctl.last_error.message
    finally:
        close_gui(qtbot, gui)

    # The database: each enrolled student marked once by the camera, the stranger never.
    engine = build_engine(gui_settings)
    try:
        with unit_of_work(session_factory(engine)) as s:
            records = list(s.scalars(select(AttendanceRecord)))
            entries = audit.entries(s, action="attendance.override")
        by_student = {}
        for r in records:
            assert r.student_id not in by_student, "a student was marked twice"
            by_student[r.student_id] = r
        for label in ENROLLED[:2]:
            record = by_student[classroom.students[label].id]
            assert record.source is MarkSource.AUTO
            assert record.status is AttendanceStatus.PRESENT
            assert record.confidence is not None and record.confidence >= 0.93
        assert classroom.students[NOT_ENROLLED].id not in by_student
        overridden = by_student[corrected.id]
        assert overridden.source is MarkSource.MANUAL and overridden.status is AttendanceStatus.ABSENT
        assert {e["entity_id"] for e in entries} == {str(no_consent.id), str(corrected.id)}
        override = next(e for e in entries if e["entity_id"] == str(corrected.id))
        assert override["details"]["from"] == "present" and override["details"]["to"] == "absent"
        assert override["details"]["note"] == "left early"
    finally:
        engine.dispose()
