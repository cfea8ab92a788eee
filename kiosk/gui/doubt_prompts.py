"""The live screen's feedback: a question per doubtful face, and a large greeting after each mark.

- :class:`DoubtPanel`: one small prompt per open question ("Is this Ana Ruiz? Yes / No /
  Someone else"), beside the roster; never a modal dialog, so the camera keeps running and
  the teacher answers when they have a moment.
- :class:`GreetingBanner`: "Welcome, Ana — present 08:29" under the picture for a few
  seconds, so a pupil sees at once when the kiosk took them for someone else.
- :class:`SomeoneElseDialog`: the teacher picks who it really was.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.domain import AttendanceMark, AttendanceStatus, StudentInfo
from kiosk.core.doubt import Doubt, DoubtReason
from kiosk.gui.style import BUTTON_FILLS, ON_FILL, STATUS_PALETTE


def first_name(name: str) -> str:
    return (name.split() or [name])[0]


class DoubtPrompt(QFrame):
    """One question: "Is this Ana Ruiz?" with Yes, No and Someone else."""

    answered = Signal(object, object)  # doubt id, "yes" | "no" | "other"

    def __init__(self, doubt: Doubt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doubt = doubt
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        name = doubt.student.name
        self.question = QLabel(self.tr("Is this %1?").replace("%1", name))
        self.question.setWordWrap(True)
        font = QFont(self.question.font())
        font.setBold(True)
        self.question.setFont(font)
        layout.addWidget(self.question)
        self.why = QLabel(reasons_text(doubt.reasons))
        self.why.setWordWrap(True)
        layout.addWidget(self.why)
        buttons = QHBoxLayout()
        self.yes = QPushButton(self.tr("Yes"))
        self.yes.setObjectName("primary")
        self.no = QPushButton(self.tr("No"))
        self.other = QPushButton(self.tr("Someone else…"))
        # Spoken names say whom the answer is about: several prompts may be open at once.
        self.yes.setAccessibleName(self.tr("Yes, this is %1").replace("%1", name))
        self.no.setAccessibleName(self.tr("No, this is not %1").replace("%1", name))
        self.other.setAccessibleName(self.tr("Someone else, not %1").replace("%1", name))
        for button, answer in ((self.yes, "yes"), (self.no, "no"), (self.other, "other")):
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.clicked.connect(lambda _=False, a=answer: self.answered.emit(self.doubt.id, a))
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.setAccessibleName(self.question.text())


def reasons_text(reasons: Iterable[DoubtReason]) -> str:
    """Why the kiosk asks, in the window's language (one context: the prompt and the sign-off share it)."""
    words = {
        DoubtReason.NEAR_THRESHOLD: QCoreApplication.translate("DoubtPrompt", "the match is weak"),
        DoubtReason.SMALL_MARGIN: QCoreApplication.translate(
            "DoubtPrompt", "another student looks almost as similar"
        ),
        DoubtReason.LOOKALIKE: QCoreApplication.translate("DoubtPrompt", "a recorded look-alike"),
        DoubtReason.NOT_LIVE: QCoreApplication.translate("DoubtPrompt", "may be a photo or a screen"),
        DoubtReason.LIVENESS_UNSURE: QCoreApplication.translate("DoubtPrompt", "liveness not certain"),
    }
    return "; ".join(words[r] for r in reasons)


class DoubtPanel(QWidget):
    """The open questions, oldest first; prompts stay put while others come and go (no lost focus)."""

    answered = Signal(object, object)  # doubt id, "yes" | "no" | "other"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.prompts: dict[uuid.UUID, DoubtPrompt] = {}
        self.setAccessibleName(self.tr("Faces the kiosk is not sure of"))
        self.hide()

    def set_doubts(self, doubts: Sequence[Doubt]) -> None:
        wanted = {d.id: d for d in doubts}
        for doubt_id in [i for i in self.prompts if i not in wanted]:
            self.remove(doubt_id)
        for doubt in doubts:
            if doubt.id not in self.prompts:
                prompt = DoubtPrompt(doubt, self)
                prompt.answered.connect(self.answered)
                self._layout.addWidget(prompt)
                self.prompts[doubt.id] = prompt
            else:
                self.prompts[doubt.id].doubt = doubt  # a newer box of the same face
        self.setVisible(bool(self.prompts))

    def remove(self, doubt_id: uuid.UUID) -> None:
        prompt = self.prompts.pop(doubt_id, None)
        if prompt is not None:
            self._layout.removeWidget(prompt)
            prompt.hide()
            prompt.deleteLater()
        self.setVisible(bool(self.prompts))

    def prompt_for(self, name: str) -> DoubtPrompt | None:
        return next((p for p in self.prompts.values() if p.doubt.student.name == name), None)


class GreetingBanner(QLabel):
    """A large line under the picture for a few seconds: the pupil sees whom the kiosk marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Greeting"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def greet(self, text: str, kind: str, seconds: float) -> None:
        """``kind``: "present", "late" or "teacher" (the colour; the words say it too)."""
        fill = {
            "present": STATUS_PALETTE["present"].fill,
            "late": STATUS_PALETTE["late"].fill,
        }.get(kind, BUTTON_FILLS["danger"])
        size = max(24, round(self.fontInfo().pixelSize() * 2.2))  # the screen's body size, larger
        self.setStyleSheet(
            f"QLabel {{ background: {fill}; color: {ON_FILL}; font-size: {size}px; font-weight: bold;"
            " border-radius: 8px; padding: 10px; }"
        )
        self.setText(text)
        self.show()
        self._timer.start(max(500, round(seconds * 1000)))

    @property
    def shown_text(self) -> str:
        return self.text() if self.isVisible() else ""


def greeting_for(mark: AttendanceMark, student: StudentInfo | None) -> tuple[str, str]:
    """("Welcome, Ana — present 08:29", "present") for a mark; the time in this computer's zone."""
    name = first_name(student.name) if student is not None else ""
    at = _local_time(mark.marked_at)
    if mark.status is AttendanceStatus.LATE:
        text = QCoreApplication.translate("GreetingBanner", "Welcome, %1 — late %2")
        return text.replace("%1", name).replace("%2", at), "late"
    text = QCoreApplication.translate("GreetingBanner", "Welcome, %1 — present %2")
    return text.replace("%1", name).replace("%2", at), "present"


def see_your_teacher() -> str:
    return QCoreApplication.translate("GreetingBanner", "Please see your teacher")


def _local_time(when: datetime) -> str:
    return (when.astimezone() if when.tzinfo else when).strftime("%H:%M")


def beep() -> None:
    """A short tone. QSoundEffect needs QtMultimedia, which PySide6-Essentials (the kiosk's Qt)
    does not ship; the system bell works everywhere (silent where there is none)."""
    QApplication.beep()


class SomeoneElseDialog(QDialog):
    """ "Someone else": the teacher picks who the face really was (marked by hand)."""

    def __init__(self, doubt: Doubt, students: Sequence[StudentInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who is it?"))
        self.setModal(False)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("The camera took this face for %1. Who is it?").replace("%1", doubt.student.name))
        )
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Students not marked yet"))
        for student in students:
            item = QListWidgetItem(student.name)
            item.setData(Qt.ItemDataRole.UserRole, student.id)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Mark this student"))
        self.ok.setEnabled(False)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(lambda item, _old: self.ok.setEnabled(item is not None))
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(box)

    @property
    def chosen(self) -> uuid.UUID | None:
        item = self.list.currentItem()
        chosen = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        return chosen if isinstance(chosen, uuid.UUID) else None

    def choose(self, name: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).text() == name:
                self.list.setCurrentRow(i)
                return
