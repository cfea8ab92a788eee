"""Checking in with a PIN at the kiosk: the pupil picks their name and types their PIN.

The non-biometric way in (issue 12), beside the QR card the camera reads and the teacher's
tap. While the PIN pad is open face matching pauses, so the face of the pupil typing is not
analysed. The check itself (and the lock after five wrong PINs) is in the session service.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.app.session import AttendanceSessionService
from kiosk.core.domain import AttendanceMark, StudentInfo
from kiosk.core.errors import KioskError
from kiosk.gui.accessibility import name_controls
from kiosk.gui.main_window import MainWindow
from kiosk.gui.runner import Changes, OpRunner

log = logging.getLogger(__name__)

FACE_PAUSE_SECONDS = 120.0  # at most; resumed as soon as the PIN pad closes


class PinCheckinDialog(QDialog):
    def __init__(self, students: list[StudentInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check in with PIN"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.student = QComboBox()
        for s in students:
            self.student.addItem(s.name, str(s.id))
        form.addRow(self.tr("&Your name:"), self.student)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), self.pin))
        form.addRow(self.tr("&PIN:"), self.pin)
        layout.addLayout(form)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        name_controls(self)

    @property
    def chosen(self) -> uuid.UUID | None:
        data = self.student.currentData()
        return uuid.UUID(data) if data else None


class PinCheckinController(QObject):
    def __init__(
        self, window: MainWindow, db: OpRunner, service: Callable[[], AttendanceSessionService | None]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._db = db
        self._service = service
        self.dialog: PinCheckinDialog | None = None
        window.live_view.pin_requested.connect(self.open)

    def open(self) -> PinCheckinDialog | None:
        service = self._service()
        if service is None or service.session is None:
            return None
        with_pin = service.codes.pin_students
        students = [e.student for e in service.roster() if e.student.id in with_pin and e.mark is None]
        dialog = PinCheckinDialog(students, self._window)
        if not students:
            dialog.message.setText(self.tr("Nobody still to check in has a PIN: ask the teacher."))
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        dialog.buttons.accepted.connect(self.submit)
        dialog.finished.connect(lambda _result: service.resume_faces())
        service.pause_faces(FACE_PAUSE_SECONDS)
        self.dialog = dialog
        dialog.open()
        return dialog

    def submit(self) -> None:
        dialog, service = self.dialog, self._service()
        if dialog is None or service is None:
            return
        student, pin = dialog.chosen, dialog.pin.text()
        dialog.pin.clear()
        if student is None:
            return

        def work() -> AttendanceMark | None:
            return service.pin_checkin(student, pin)

        def done(_mark: AttendanceMark | None) -> None:
            dialog.accept()

        def failed(exc: KioskError) -> None:
            dialog.message.setText(exc.message + (f" {exc.hint}" if exc.hint else ""))

        self._db.mutate(work, Changes(marks=True), done, failed, what="Checking in with a PIN")
