"""Check in with PIN in the real window, offscreen (issue 12: the way in without a face)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.app.checkin import CheckinAdmin
from kiosk.core.domain import MarkSource
from kiosk.gui.app import build_gui
from kiosk.infra.config import Settings
from kiosk.infra.db.engine import build_engine, session_factory, unit_of_work
from kiosk.infra.db.models import AttendanceRecord
from tests.gui.conftest import CLASS_CODE, NO_CONSENT, Classroom
from tests.gui.test_teacher_flow import close_gui

pytestmark = [
    pytest.mark.gui,
    pytest.mark.recognition,
    pytest.mark.slow,
    pytest.mark.usefixtures("no_leaked_threads"),
]


def test_a_pupil_without_consent_checks_in_with_a_pin(
    qtbot: QtBot, classroom: Classroom, gui_settings: Settings
) -> None:
    pupil = classroom.students[NO_CONSENT]
    engine = build_engine(gui_settings)
    try:
        CheckinAdmin(engine).set_pin(pupil.student_id, "2468", actor="office")
    finally:
        engine.dispose()
    gui = build_gui(gui_settings, pipeline=classroom.pipeline, camera=str(classroom.video.path))
    window, ctl = gui.window, gui.session
    qtbot.addWidget(window)
    try:
        sv = window.start_view
        qtbot.waitUntil(sv.start_button.isEnabled, timeout=15_000)
        assert sv.class_code == CLASS_CODE
        qtbot.mouseClick(sv.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.live_view, timeout=10_000)
        lv = window.live_view
        qtbot.mouseClick(lv.pin_button, Qt.MouseButton.LeftButton)
        dialog = ctl.pin_checkin.dialog
        assert dialog is not None and dialog.isVisible()
        assert ctl.service is not None and ctl.service.codes.faces_paused(time.monotonic())
        assert [dialog.student.itemText(i) for i in range(dialog.student.count())] == [pupil.name]
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        dialog.pin.setText("1111")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "not right" in dialog.message.text(), timeout=5000)
        dialog.pin.setText("2468")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
        assert not ctl.service.codes.faces_paused(time.monotonic())  # matching resumes at once
        qtbot.waitUntil(
            lambda: any(
                e.student.id == pupil.id and e.mark is not None
                for e in ctl.service.roster()  # type: ignore[union-attr]
            ),
            timeout=5000,
        )
    finally:
        close_gui(qtbot, gui)
    engine = build_engine(gui_settings)
    try:
        with unit_of_work(session_factory(engine)) as s:
            record = s.scalars(select(AttendanceRecord).where(AttendanceRecord.student_id == pupil.id)).one()
            assert record.source is MarkSource.PIN
    finally:
        engine.dispose()
