"""Small dialogs: an error with its hint, the manual override, the admin PIN."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.app.admin_pin import verify_pin
from kiosk.core.domain import AttendanceStatus, StudentInfo
from kiosk.core.errors import KioskError
from kiosk.core.records import MarkMethod
from kiosk.gui.accessibility import name_controls
from kiosk.gui.messages import error_text, teacher_hint

log = logging.getLogger(__name__)


__all__ = [
    "STATUSES",
    "ManualMarkDialog",
    "PinDialog",
    "StatusChoice",
    "ask",
    "error_text",
    "method_text",
    "show_error",
    "status_text",
]


def show_error(parent: QWidget | None, exc: KioskError, title: str | None = None) -> QMessageBox:
    """A non-blocking message box (``open``), so tests and the event loop keep running."""
    log.info("Shown to the user: %s", exc.message)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("MainWindow", "Attendance kiosk"))
    box.setText(exc.message)
    hint = teacher_hint(exc.hint)
    if hint:
        box.setInformativeText(hint)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def ask(parent: QWidget, title: str, question: str, on_yes: Callable[[], None]) -> QMessageBox:
    """A Yes/No question that does not block the event loop (No is the default)."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.accepted.connect(on_yes)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def status_text(status: AttendanceStatus | None, widget: QWidget | None = None) -> str:
    """The translated name of a status (absent when there is no mark yet); one context for all screens."""
    names = {
        AttendanceStatus.PRESENT: QCoreApplication.translate("Status", "Present"),
        AttendanceStatus.LATE: QCoreApplication.translate("Status", "Late"),
        AttendanceStatus.ABSENT: QCoreApplication.translate("Status", "Absent"),
        AttendanceStatus.EXCUSED: QCoreApplication.translate("Status", "Excused"),
    }
    return names[status or AttendanceStatus.ABSENT]


def method_text(method: MarkMethod) -> str:
    """How a mark was made, translated, as the records screens show it (empty: not marked)."""
    names = {
        MarkMethod.CAMERA: QCoreApplication.translate("Method", "camera"),
        MarkMethod.CONFIRMED: QCoreApplication.translate("Method", "camera, confirmed"),
        MarkMethod.HAND: QCoreApplication.translate("Method", "by hand"),
        MarkMethod.CARD: QCoreApplication.translate("Method", "card"),
        MarkMethod.PIN: QCoreApplication.translate("Method", "PIN"),
        MarkMethod.NONE: "",
    }
    return names[method]


STATUSES = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.ABSENT,
    AttendanceStatus.EXCUSED,
)


class StatusChoice(QWidget):
    """Present / late / absent / excused as a row of big toggle buttons, none chosen at first
    (a stray Enter must not mark anyone); ``changed`` when a choice is made."""

    changed = Signal()

    def __init__(self, *, height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[AttendanceStatus, QPushButton] = {}
        for status in STATUSES:
            button = QPushButton(status_text(status, self))
            button.setCheckable(True)
            button.setMinimumHeight(height)
            self.group.addButton(button)
            self.buttons[status] = button
            row.addWidget(button)
        self.group.buttonToggled.connect(lambda *_: self.changed.emit())

    @property
    def chosen(self) -> AttendanceStatus | None:
        return next((status for status, button in self.buttons.items() if button.isChecked()), None)


class ManualMarkDialog(QDialog):
    """Present / late / absent / excused with an optional note; the teacher's word wins over the
    camera. Nothing is pre-selected (a stray Enter must not mark anyone): Save waits for a choice."""

    CHOICES = STATUSES

    def __init__(
        self,
        student: StudentInfo,
        current: AttendanceStatus | None,
        photo: QPixmap | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.student = student
        self.setWindowTitle(self.tr("Mark by hand"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        if photo is not None and not photo.isNull():
            pic = QLabel()
            pic.setPixmap(
                photo.scaled(
                    96, 96, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
            head.addWidget(pic)
        name = QLabel(f"<b>{student.name}</b><br>{student.student_id}")
        name.setObjectName("subtitle")
        head.addWidget(name, 1)
        layout.addLayout(head)
        layout.addWidget(QLabel(self.tr("Now: %s") % status_text(current, self)))
        if not student.consent_given:
            layout.addWidget(
                QLabel(self.tr("No consent for face recognition: this student is always marked by hand."))
            )
        self.choice = StatusChoice(height=64)
        self.buttons = self.choice.buttons
        layout.addWidget(self.choice)
        layout.addWidget(QLabel(self.tr("Note (optional):")))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("e.g. doctor's appointment"))
        self.note.setMaxLength(500)
        layout.addWidget(self.note)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self._ok = box.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setText(self.tr("Save"))
        self._ok.setEnabled(False)
        self.choice.changed.connect(lambda: self._ok.setEnabled(self.chosen is not None))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.note.setAccessibleName(self.tr("Note (optional):").rstrip(":"))
        name_controls(self)
        self.buttons[self.CHOICES[0]].setFocus()

    @property
    def chosen(self) -> AttendanceStatus | None:
        return self.choice.chosen

    @property
    def status(self) -> AttendanceStatus:
        """The chosen status (Save is enabled only once one is chosen)."""
        chosen = self.chosen
        if chosen is None:
            raise RuntimeError("no status chosen yet")
        return chosen

    def choose(self, status: AttendanceStatus, note: str = "") -> None:
        """Select a status and a note (used by keyboard shortcuts and tests)."""
        self.buttons[status].setChecked(True)
        self.note.setText(note)


class PinDialog(QDialog):
    """Asks for the admin PIN; ``accepted`` only when it matches the stored hash."""

    def __init__(self, stored_hash: str, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hash = stored_hash
        self.setWindowTitle(self.tr("Admin PIN"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(purpose))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setMaxLength(12)
        layout.addWidget(self.pin)
        self.message = QLabel("")
        self.message.setObjectName("error")
        self.message.hide()
        layout.addWidget(self.message)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self._check)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.pin.setAccessibleName(self.tr("Admin PIN"))
        name_controls(self)
        self.failures = 0

    def _check(self) -> None:
        if verify_pin(self.pin.text(), self._hash):
            self.accept()
            return
        self.failures += 1
        log.warning("Wrong admin PIN entered (%d)", self.failures)
        self.message.setText(self.tr("That PIN is not right. Try again."))
        self.message.show()
        self.pin.clear()
        self.pin.setFocus()
