"""The teacher's marks by hand: pick a student in the roster, choose a status, save it.

A saved mark is a mutation on the database runner: the roster refreshes from the
:class:`~kiosk.gui.runner.Changes` it reports, like it does for the camera's marks.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.app.session import AttendanceSessionService
from kiosk.core.authz import Account, Action
from kiosk.core.domain import AttendanceMark, AttendanceStatus
from kiosk.core.errors import KioskError
from kiosk.gui.dialogs import ManualMarkDialog, show_error
from kiosk.gui.main_window import MainWindow
from kiosk.gui.runner import Changes, OpRunner

log = logging.getLogger(__name__)


class ManualMarkController(QObject):
    def __init__(
        self,
        window: MainWindow,
        db: OpRunner,
        service: Callable[[], AttendanceSessionService | None],
        actor: Callable[[], str],
        *,
        guard: Callable[[Action, Callable[[], object]], None] | None = None,
        account: Callable[[], Account | None] = lambda: None,
    ) -> None:
        """``account``: who is signed in (the service refuses a teacher another class's marks)."""
        super().__init__(window)
        self._window = window
        self._db = db
        self._service = service
        self._actor = actor
        self._account = account
        self._guard = guard or (lambda _action, then: then())  # marks by hand need a teacher
        self.dialog: ManualMarkDialog | None = None
        self.last_error: KioskError | None = None
        roster = window.live_view.roster
        window.live_view.manual_requested.connect(self._on_manual_requested)
        roster.student_activated.connect(
            lambda student: self._guard(Action.HAND_MARK, lambda: self.open(student))
        )

    def _on_manual_requested(self) -> None:
        selected = self._window.live_view.roster.selected_student
        if selected is None:
            show_error(
                self._window,
                KioskError(
                    self.tr("Choose a student in the list first."), self.tr("Then press Mark by hand again.")
                ),
            )
            return
        self._guard(Action.HAND_MARK, lambda: self.open(selected))

    def open(self, student_uuid: uuid.UUID) -> ManualMarkDialog | None:
        """The dialog for one student of the running session (``None``: no session, not in it)."""
        service = self._service()
        if service is None:
            return None
        entry = next((e for e in service.roster() if e.student.id == student_uuid), None)
        if entry is None:
            return None
        photo = self._window.live_view.roster.photo(student_uuid)
        dialog = ManualMarkDialog(entry.student, entry.status, photo, self._window)
        dialog.accepted.connect(lambda: self.mark(student_uuid, dialog.status, dialog.note.text()))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def mark(
        self,
        student_uuid: uuid.UUID,
        status: AttendanceStatus,
        note: str = "",
        on_done: Callable[[AttendanceMark], None] | None = None,
    ) -> None:
        service = self._service()
        if service is None:
            return

        def saved(mark: AttendanceMark) -> None:
            log.info("Manual mark saved: %s", mark.status.value)
            if on_done is not None:
                on_done(mark)

        account = self._account()
        self._db.mutate(
            lambda: service.manual_mark(
                student_uuid, status, note=note or None, actor=self._actor(), account=account
            ),
            Changes(marks=True),
            saved,
            self._failed,
            what="Saving the mark",
        )

    def _failed(self, exc: KioskError) -> None:
        self.last_error = exc
        show_error(self._window, exc)
