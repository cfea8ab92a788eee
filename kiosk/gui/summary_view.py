"""The end-of-session summary: counts and names per status, export (CSV, Excel, PDF)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.domain import SessionSummary
from kiosk.core.doubt import Doubt
from kiosk.gui.accessibility import name_controls
from kiosk.gui.style import STATUS_PALETTE


class SummaryView(QWidget):
    export_requested = Signal()
    done_requested = Signal()
    sign_off_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        self.title = QLabel(self.tr("Session ended"))
        self.title.setObjectName("title")
        layout.addWidget(self.title)
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("subtitle")
        layout.addWidget(self.subtitle)
        grid = QGridLayout()
        self.groups: dict[str, tuple[QGroupBox, QListWidget]] = {}
        names = {
            "present": self.tr("Present"),
            "late": self.tr("Late"),
            "excused": self.tr("Excused"),
            "absent": self.tr("Absent"),
        }
        for i, (key, label) in enumerate(names.items()):
            box = QGroupBox(label)
            colour = STATUS_PALETTE[key].text
            box.setStyleSheet(f"QGroupBox {{ font-weight: bold; color: {colour}; }}")
            inner = QVBoxLayout(box)
            lst = QListWidget()
            lst.setAccessibleName(label)
            lst.setWordWrap(True)  # a long note wraps instead of hiding behind a scroll bar
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            inner.addWidget(lst)
            grid.addWidget(box, 0, i)
            self.groups[key] = (box, lst)
        layout.addLayout(grid, 1)
        self._message = QLabel("")
        self._message.setWordWrap(True)
        layout.addWidget(self._message)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.done_button = QPushButton(self.tr("&New session"))
        self.done_button.setObjectName("primary")
        buttons.addWidget(self.export_button)
        self.sign_off_button = QPushButton(self.tr("&Confirm register…"))
        buttons.addWidget(self.sign_off_button)
        self.sign_off_button.clicked.connect(self.sign_off_requested)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)
        self.export_button.clicked.connect(self.export_requested)
        self.done_button.clicked.connect(self.done_requested)
        self.summary: SessionSummary | None = None
        self.unanswered: tuple[Doubt, ...] = ()  # the camera's questions nobody answered (to the sign-off)
        name_controls(self)

    def show_summary(self, summary: SessionSummary, *, unanswered: tuple[Doubt, ...] = ()) -> None:
        """``unanswered``: faces the kiosk asked about that nobody answered: shown among the
        absent with a question mark, and in the sign-off's doubtful list."""
        self.summary = summary
        self.unanswered = unanswered
        asked = {d.student.id for d in unanswered}
        info = summary.class_info
        started = summary.session.started_at.astimezone()
        ended = summary.session.ended_at.astimezone() if summary.session.ended_at else None
        self.title.setText(self.tr("Session ended: %s") % f"{info.code} — {info.name}")
        span = f"{started:%Y-%m-%d %H:%M}" + (f"–{ended:%H:%M}" if ended else "")
        self.subtitle.setText(span)
        counts = summary.counts
        rows = {
            "present": [(s.name, m) for s, m in summary.present],
            "late": [(s.name, m) for s, m in summary.late],
            "excused": [(s.name, m) for s, m in summary.excused],
        }
        for key, (box, lst) in self.groups.items():
            lst.clear()
            base = box.title().split(" (")[0]
            box.setTitle(f"{base} ({counts[key]})")
            if key == "absent":
                for s in sorted(summary.absent, key=lambda s: s.name):
                    lst.addItem(
                        f"{s.name}  " + self.tr("(seen? see the sign-off)") if s.id in asked else s.name
                    )
                continue
            for name, mark in sorted(rows[key], key=lambda r: r[0]):
                when = f"{mark.marked_at.astimezone():%H:%M}"
                note = f" — {mark.note}" if mark.note else ""
                lst.addItem(f"{name}  {when}{note}")
        self._message.clear()

    def show_message(self, text: str) -> None:
        self._message.setText(text)

    @property
    def message_text(self) -> str:
        return self._message.text()

    def focus_first(self) -> None:
        self.done_button.setFocus()
