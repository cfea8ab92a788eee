"""Wires the live screen's questions and greetings to the session (issue 14).

Each recognition result brings the open questions (:attr:`FrameResult.doubts`): the panel
shows one prompt per question. Yes marks the student (source ``confirmed``), No marks
nobody, Someone else lets the teacher pick the student (marked by hand). Answers need a
teacher (the same guard as marks by hand): a pupil must not confirm their own doubtful face.
New marks bring a greeting with the pupil's name and time; a face that was asked about or
refused brings "Please see your teacher".
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.app.session import AttendanceSessionService, FrameResult
from kiosk.core.authz import Action
from kiosk.core.domain import AttendanceMark, StudentInfo
from kiosk.core.doubt import Doubt
from kiosk.core.errors import KioskError
from kiosk.gui.dialogs import show_error
from kiosk.gui.doubt_prompts import SomeoneElseDialog, beep, greeting_for, see_your_teacher
from kiosk.gui.main_window import MainWindow
from kiosk.gui.runner import Changes, OpRunner
from kiosk.infra.config import GuiSettings

log = logging.getLogger(__name__)


class LiveFeedback(QObject):
    def __init__(
        self,
        window: MainWindow,
        db: OpRunner,
        service: Callable[[], AttendanceSessionService | None],
        actor: Callable[[], str],
        settings: GuiSettings,
        *,
        guard: Callable[[Action, Callable[[], object]], None] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._db = db
        self._service = service
        self._actor = actor
        self._settings = settings
        self._guard = guard or (lambda _action, then: then())
        self.someone_else: SomeoneElseDialog | None = None
        self.last_error: KioskError | None = None
        self._answering: set[uuid.UUID] = set()  # sent to the session, not yet done: not shown again
        window.live_view.doubts.answered.connect(self.answer)

    # --- results ------------------------------------------------------------------------
    def on_result(self, result: FrameResult) -> None:
        lv = self._window.live_view
        lv.doubts.set_doubts([d for d in result.doubts if d.id not in self._answering])
        service = self._service()
        roster = {e.student.id: e.student for e in service.roster()} if service and result.new_marks else {}
        for mark in result.new_marks:
            self.greet_mark(mark, roster.get(mark.student_uuid))
        if result.new_doubts or result.refused:
            self.greet(see_your_teacher(), "teacher")

    def greet_mark(self, mark: AttendanceMark, student: StudentInfo | None) -> None:
        text, kind = greeting_for(mark, student)
        self.greet(text, kind)

    def greet(self, text: str, kind: str) -> None:
        self._window.live_view.greeting.greet(text, kind, self._settings.greeting_seconds)
        if self._settings.sound:
            beep()

    def reset(self) -> None:
        """A new session, or the end of one: no prompts, no greeting."""
        self._answering.clear()
        self._window.live_view.doubts.set_doubts([])
        self._window.live_view.greeting.hide()
        if self.someone_else is not None:
            self.someone_else.close()
            self.someone_else = None

    # --- answers ------------------------------------------------------------------------
    def answer(self, doubt_id: uuid.UUID, answer: str) -> None:
        """A prompt's Yes / No / Someone else (a teacher's, checked by the guard)."""
        self._guard(Action.HAND_MARK, lambda: self._answer(doubt_id, answer))

    def _doubt(self, doubt_id: uuid.UUID) -> Doubt | None:
        prompt = self._window.live_view.doubts.prompts.get(doubt_id)
        return prompt.doubt if prompt is not None else None

    def _answer(self, doubt_id: uuid.UUID, answer: str) -> None:
        service, doubt = self._service(), self._doubt(doubt_id)
        if service is None or doubt is None:
            return
        if answer == "no":
            service.reject_doubt(doubt_id)  # nothing stored: no database call
            self._window.live_view.doubts.remove(doubt_id)
        elif answer == "yes":
            self._confirm(service, doubt_id, None)
        else:
            self._pick_someone_else(service, doubt)

    def _confirm(
        self, service: AttendanceSessionService, doubt_id: uuid.UUID, student_uuid: uuid.UUID | None
    ) -> None:
        self._answering.add(doubt_id)
        self._window.live_view.doubts.remove(doubt_id)
        actor = self._actor()

        def saved(mark: AttendanceMark | None) -> None:
            self._answering.discard(doubt_id)
            if mark is not None:
                student = next(
                    (e.student for e in service.roster() if e.student.id == mark.student_uuid), None
                )
                self.greet_mark(mark, student)

        def failed(exc: KioskError) -> None:
            self._answering.discard(doubt_id)
            self.last_error = exc
            show_error(self._window, exc)

        self._db.mutate(
            lambda: service.confirm_doubt(doubt_id, student_uuid, actor=actor),
            Changes(marks=True),
            saved,
            failed,
            what="Saving the mark",
        )

    def _pick_someone_else(self, service: AttendanceSessionService, doubt: Doubt) -> None:
        unmarked = [
            e.student for e in service.roster() if e.mark is None and e.student.id != doubt.student.id
        ]
        dialog = SomeoneElseDialog(doubt, unmarked, self._window)

        def chosen() -> None:
            if dialog.chosen is not None:
                self._confirm(service, doubt.id, dialog.chosen)

        dialog.accepted.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        self.someone_else = dialog
        dialog.open()
