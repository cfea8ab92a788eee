"""The correction dialog (a past mark, with a reason) and the teacher's sign-off screen."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.domain import AttendanceStatus
from kiosk.core.doubt import Doubt
from kiosk.core.records import REASON_MAX_LENGTH, RecordLine, SessionDetail
from kiosk.gui.dialogs import STATUSES, StatusChoice, status_text
from kiosk.gui.doubt_prompts import reasons_text


class CorrectionDialog(QDialog):
    """Change one mark of a past session. Nothing pre-selected; Save needs a status and a reason."""

    def __init__(self, line: RecordLine, *, signed_off: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = line
        self.setWindowTitle(self.tr("Correct a mark"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{line.name}</b> ({line.student_id})"))
        layout.addWidget(QLabel(self.tr("Now: %s") % status_text(line.status, self)))
        if signed_off:
            layout.addWidget(
                QLabel(self.tr("This register was signed off: the change is recorded with your reason."))
            )
        self.choice = StatusChoice(height=48)
        self.buttons = self.choice.buttons
        layout.addWidget(self.choice)
        layout.addWidget(QLabel(self.tr("Reason for the change (required):")))
        self.reason = QLineEdit()
        self.reason.setMaxLength(REASON_MAX_LENGTH)
        self.reason.setPlaceholderText(self.tr("e.g. note from the office"))
        layout.addWidget(self.reason)
        layout.addWidget(QLabel(self.tr("Excuse (for excused, optional):")))
        self.excuse = QLineEdit()
        self.excuse.setMaxLength(REASON_MAX_LENGTH)
        layout.addWidget(self.excuse)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self._ok = box.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setText(self.tr("Save"))
        self._ok.setEnabled(False)
        self.choice.changed.connect(self._update)
        self.reason.textChanged.connect(lambda *_: self._update())
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def _update(self) -> None:
        self._ok.setEnabled(self.chosen is not None and bool(self.reason.text().strip()))

    @property
    def chosen(self) -> AttendanceStatus | None:
        return self.choice.chosen

    def can_save(self) -> bool:
        return self._ok.isEnabled()

    def choose(self, status: AttendanceStatus, reason: str, excuse: str = "") -> None:
        self.buttons[status].setChecked(True)
        self.reason.setText(reason)
        self.excuse.setText(excuse)


class SignOffDialog(QDialog):
    """The register at the end of a session: present / late / absent / doubtful, one-tap fixes,
    then "Confirm register", after which the marks are locked.

    ``fix_requested(student_uuid, status)`` and ``confirm_requested`` go to the controller,
    which stores the change and calls :meth:`show_detail` again.
    """

    fix_requested = Signal(object, object)  # uuid.UUID, AttendanceStatus
    confirm_requested = Signal()

    def __init__(
        self, detail: SessionDetail, parent: QWidget | None = None, *, asked: Sequence[Doubt] = ()
    ) -> None:
        """``asked``: faces the kiosk asked about during the session and nobody answered: those
        students (still unmarked) are listed as doubtful, with why the camera was unsure."""
        super().__init__(parent)
        self._asked = {d.student.id: d for d in asked}
        self.setWindowTitle(self.tr("Confirm the register"))
        self.setModal(True)
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        self._title = QLabel("")
        self._title.setObjectName("subtitle")
        layout.addWidget(self._title)
        layout.addWidget(
            QLabel(self.tr("Tap a name, then the right status. Doubtful: the camera was not sure."))
        )
        grid = QGridLayout()
        self.lists: dict[str, QListWidget] = {}
        for col, (key, label) in enumerate(
            (
                ("present", self.tr("Present")),
                ("late", self.tr("Late")),
                ("absent", self.tr("Absent / excused")),
                ("doubtful", self.tr("Doubtful")),
            )
        ):
            grid.addWidget(QLabel(f"<b>{label}</b>"), 0, col)
            lst = QListWidget()
            lst.itemClicked.connect(self._picked)
            grid.addWidget(lst, 1, col)
            self.lists[key] = lst
        layout.addLayout(grid, 1)
        fixes = QHBoxLayout()
        self._selected = QLabel(self.tr("No one chosen."))
        fixes.addWidget(self._selected, 1)
        self.fix_buttons: dict[AttendanceStatus, QPushButton] = {}
        for status in STATUSES:
            button = QPushButton(status_text(status, self))
            button.setMinimumHeight(48)
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, s=status: self._fix(s))
            fixes.addWidget(button)
            self.fix_buttons[status] = button
        layout.addLayout(fixes)
        box = QDialogButtonBox()
        self.confirm = box.addButton(self.tr("Confirm register"), QDialogButtonBox.ButtonRole.AcceptRole)
        later = box.addButton(self.tr("Later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.confirm.clicked.connect(self.confirm_requested)
        later.clicked.connect(self.reject)
        layout.addWidget(box)
        self._student: uuid.UUID | None = None
        self.show_detail(detail)

    def show_detail(self, detail: SessionDetail) -> None:
        o = detail.overview
        self._title.setText(
            f"{o.class_code} {o.class_name}: "
            + self.tr("present %1, late %2, absent %3, excused %4")
            .replace("%1", str(o.present))
            .replace("%2", str(o.late))
            .replace("%3", str(o.absent))
            .replace("%4", str(o.excused))
        )
        for lst in self.lists.values():
            lst.clear()
        for line in detail.lines:
            question = self._asked.get(line.student_uuid) if line.marked_at is None else None
            key = (
                "doubtful"
                if line.doubtful or question is not None
                else {
                    AttendanceStatus.PRESENT: "present",
                    AttendanceStatus.LATE: "late",
                }.get(line.status, "absent")
            )
            text = (
                line.name
                if line.status is not AttendanceStatus.EXCUSED
                else f"{line.name} ({self.tr('excused')})"
            )
            if question is not None:  # the camera saw someone like them; nobody answered
                text = f"{line.name} ({self.tr('asked: %1').replace('%1', reasons_text(question.reasons))})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, line.student_uuid)
            self.lists[key].addItem(item)
        self._student = None
        self._selected.setText(self.tr("No one chosen."))
        for button in self.fix_buttons.values():
            button.setEnabled(False)

    def names_in(self, key: str) -> list[str]:
        lst = self.lists[key]
        return [lst.item(i).text() for i in range(lst.count())]

    def pick(self, name: str) -> None:
        """Choose a student by name (what a tap does; used by tests)."""
        for lst in self.lists.values():
            for i in range(lst.count()):
                if lst.item(i).text().startswith(name):
                    self._picked(lst.item(i))
                    return

    def _picked(self, item: QListWidgetItem) -> None:
        self._student = item.data(Qt.ItemDataRole.UserRole)
        self._selected.setText(item.text())
        for button in self.fix_buttons.values():
            button.setEnabled(True)

    def _fix(self, status: AttendanceStatus) -> None:
        if self._student is not None:
            self.fix_requested.emit(self._student, status)
