"""Doubtful faces asked, not guessed, in the real window (offscreen) on a video of real faces;
the greeting a pupil sees after each mark."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.core.domain import AttendanceMark, AttendanceStatus, FaceBox, MarkSource, StudentInfo
from kiosk.core.doubt import Doubt, DoubtReason
from kiosk.gui.accessibility import unnamed_controls
from kiosk.gui.app import build_gui
from kiosk.gui.doubt_prompts import DoubtPrompt, SomeoneElseDialog, greeting_for
from kiosk.gui.live_view import LiveView
from kiosk.gui.translations import install_translations, remove_translations
from kiosk.infra.config import Settings
from kiosk.infra.db.engine import build_engine
from kiosk.infra.db.models import AttendanceRecord
from tests.gui.conftest import ENROLLED, Classroom

ANA = StudentInfo(uuid.uuid4(), "S-1", "Ana Ruiz", "9B", consent_given=True)


def doubt_about(student: StudentInfo = ANA) -> Doubt:
    return Doubt(
        uuid.uuid4(), 1, FaceBox(10, 10, 80, 80), student, 0.953, (DoubtReason.LOOKALIKE,), datetime.now(UTC)
    )


def mark_at(hour: int, minute: int, status: AttendanceStatus) -> AttendanceMark:
    local = datetime(2026, 1, 12, hour, minute).astimezone()  # this computer's wall clock
    return AttendanceMark(uuid.uuid4(), uuid.uuid4(), ANA.id, status, local.astimezone(UTC))


def in_view(view: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())


def test_greeting_text_names_the_pupil_and_the_time(qtbot: QtBot) -> None:
    view = LiveView()
    qtbot.addWidget(view)
    assert greeting_for(mark_at(8, 29, AttendanceStatus.PRESENT), ANA) == (
        "Welcome, Ana — present 08:29",
        "present",
    )
    assert greeting_for(mark_at(8, 41, AttendanceStatus.LATE), ANA) == (
        "Welcome, Ana — late 08:41",
        "late",
    )
    view.show()
    view.greeting.greet("Welcome, Ana — present 08:29", "present", 0.5)
    assert view.greeting.shown_text == "Welcome, Ana — present 08:29"
    # Beside the roster, never over it.
    assert not in_view(view, view.greeting).intersects(in_view(view, view.roster))
    qtbot.waitUntil(lambda: not view.greeting.isVisible(), timeout=3000)  # gone after its seconds


def test_prompts_are_named_reachable_by_keyboard_and_answered_with_one_tap(qtbot: QtBot) -> None:
    view = LiveView()
    qtbot.addWidget(view)
    view.show()
    eva = StudentInfo(uuid.uuid4(), "S-2", "Eva Ruiz", "9B", consent_given=True)
    first, second = doubt_about(), doubt_about(eva)
    view.doubts.set_doubts([first, second])
    prompt = view.doubts.prompt_for("Ana Ruiz")
    assert prompt is not None and prompt.question.text() == "Is this Ana Ruiz?"
    assert "look-alike" in prompt.why.text()
    assert prompt.yes.accessibleName() == "Yes, this is Ana Ruiz"
    assert unnamed_controls(view.doubts) == []
    assert all(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in (prompt.yes, prompt.no, prompt.other))
    with qtbot.waitSignal(view.doubts.answered) as answered:
        qtbot.mouseClick(prompt.yes, Qt.MouseButton.LeftButton)
    assert answered.args == [first.id, "yes"]
    # The same questions again (the next frame): the prompts stay, none is added twice.
    view.doubts.set_doubts([first, second])
    assert len(view.doubts.prompts) == 2 and view.doubts.prompts[first.id] is prompt
    view.doubts.set_doubts([second])
    assert list(view.doubts.prompts) == [second.id] and view.doubts.isVisible()
    view.doubts.set_doubts([])
    assert not view.doubts.isVisible()


def test_someone_else_lists_the_students_to_choose_from(qtbot: QtBot) -> None:
    bob = StudentInfo(uuid.uuid4(), "S-3", "Bob Stone", "9B", consent_given=True)
    dialog = SomeoneElseDialog(doubt_about(), [bob])
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled() and dialog.chosen is None
    dialog.choose("Bob Stone")
    assert dialog.ok.isEnabled() and dialog.chosen == bob.id


@pytest.mark.gui
@pytest.mark.recognition
@pytest.mark.slow
@pytest.mark.usefixtures("no_leaked_threads")
def test_the_teacher_answers_the_live_prompts_yes_marks_confirmed_no_marks_nobody(
    qtbot: QtBot, classroom: Classroom, gui_settings: Settings
) -> None:
    # Bands so wide that every face the camera recognises is asked about.
    recognition = replace(gui_settings.recognition, doubt_similarity_bands={"Dlib-chip": 0.5})
    settings = replace(gui_settings, recognition=recognition)
    gui = build_gui(settings, pipeline=classroom.pipeline, camera=str(classroom.video.path))
    window, ctl = gui.window, gui.session
    qtbot.addWidget(window)
    try:
        sv = window.start_view
        qtbot.waitUntil(sv.start_button.isEnabled, timeout=15_000)
        qtbot.mouseClick(sv.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.live_view, timeout=10_000)
        lv = window.live_view
        recognition_worker = ctl.recognition
        assert recognition_worker is not None
        with qtbot.waitSignal(recognition_worker.source_finished, timeout=60_000):
            pass
        names = {classroom.students[label].name for label in ENROLLED}
        qtbot.waitUntil(
            lambda: {p.doubt.student.name for p in lv.doubts.prompts.values()} == names, timeout=5000
        )
        assert lv.roster.counts[AttendanceStatus.PRESENT] == 0  # asked, not guessed
        assert lv.greeting.text() in ("Please see your teacher", "")  # shown a few seconds after each ask

        yes_to, no_to, unanswered = (classroom.students[label] for label in ENROLLED)
        prompt = lv.doubts.prompt_for(yes_to.name)
        assert prompt is not None
        qtbot.mouseClick(prompt.yes, Qt.MouseButton.LeftButton)  # one tap
        qtbot.waitUntil(lambda: lv.roster.counts[AttendanceStatus.PRESENT] == 1, timeout=5000)
        first = yes_to.name.split()[0]
        assert lv.greeting.shown_text.startswith(f"Welcome, {first} — present ")
        prompt = lv.doubts.prompt_for(no_to.name)
        assert prompt is not None
        qtbot.mouseClick(prompt.no, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: lv.doubts.prompt_for(no_to.name) is None, timeout=2000)
        assert [d.student.name for d in ctl.service.pending_doubts()] == [unanswered.name]  # type: ignore[union-attr]

        qtbot.mouseClick(lv.end_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: ctl.prompt is not None and ctl.prompt.isVisible(), timeout=5000)
        qtbot.mouseClick(ctl.prompt.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary_view, timeout=10_000)
        assert [d.student.name for d in window.summary_view.unanswered] == [unanswered.name]
        # The sign-off lists the unanswered face as doubtful, with why.
        qtbot.mouseClick(window.summary_view.sign_off_button, Qt.MouseButton.LeftButton)
        records = gui.records
        assert records is not None
        qtbot.waitUntil(
            lambda: records.controller is not None and records.controller.signoff is not None, timeout=10_000
        )
        dialog = records.controller.signoff  # type: ignore[union-attr]
        assert dialog is not None
        doubtful = dialog.names_in("doubtful")
        assert len(doubtful) == 1 and doubtful[0].startswith(unanswered.name) and "asked" in doubtful[0]
        dialog.reject()
    finally:
        window.close()
        if ctl.prompt is not None and ctl.service is not None:
            qtbot.mouseClick(ctl.prompt.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
        gui.shutdown()
        QApplication.processEvents()

    engine = build_engine(settings)
    with engine.connect() as conn:
        rows = conn.execute(select(AttendanceRecord.student_id, AttendanceRecord.source)).all()
    engine.dispose()
    assert rows == [(yes_to.id, MarkSource.CONFIRMED)]  # No and the unanswered face: nobody marked


@pytest.mark.parametrize(
    ("language", "question", "greeting"),
    [
        ("de", "Ist das Ana Ruiz?", "Willkommen, Ana — verspätet 08:41"),
        ("es", "¿Es Ana Ruiz?", "Hola, Ana — tarde 08:41"),
    ],
)
def test_prompts_and_greetings_are_translated(
    qtbot: QtBot, tmp_path: Path, language: str, question: str, greeting: str
) -> None:
    app = QApplication.instance()
    assert app is not None
    installed = install_translations(app, language, tmp_path / "cache")
    try:
        assert installed, "the translation did not load (lrelease missing?)"
        prompt = DoubtPrompt(doubt_about())
        qtbot.addWidget(prompt)
        assert prompt.question.text() == question
        assert greeting_for(mark_at(8, 41, AttendanceStatus.LATE), ANA)[0] == greeting
    finally:
        remove_translations(app, installed)
