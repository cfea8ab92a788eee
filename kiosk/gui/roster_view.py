"""The roster panel: each student's photo, name and status, and the counts."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.app.session import RosterEntry
from kiosk.core.domain import AttendanceStatus, MarkSource
from kiosk.core.text_search import name_matches
from kiosk.gui.dialogs import status_text
from kiosk.gui.style import ON_FILL, STATUS_PALETTE

THUMB = 56


def thumbnail(data: bytes | None, name: str, size: int = THUMB) -> QPixmap:
    """The student's photo, or their initials on a grey square when there is none."""
    pix = QPixmap()
    if data and pix.loadFromData(data):
        return pix.scaled(
            size,
            size,
            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        ).copy(0, 0, size, size)
    pix = QPixmap(size, size)
    pix.fill(QColor(200, 204, 210))
    painter = QPainter(pix)
    font = QFont()
    font.setPixelSize(size // 3)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(70, 70, 80))
    initials = "".join(part[:1] for part in name.split()[:2]).upper() or "?"
    painter.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, initials)
    painter.end()
    return pix


class RosterPanel(QWidget):
    student_activated = Signal(object)  # uuid.UUID of the student to mark by hand

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        chips = QHBoxLayout()
        chips.setSpacing(6)
        self.count_labels: dict[AttendanceStatus, QLabel] = {}
        for status in (
            AttendanceStatus.PRESENT,
            AttendanceStatus.LATE,
            AttendanceStatus.EXCUSED,
            AttendanceStatus.ABSENT,
        ):
            chip = QLabel("")
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setStyleSheet(
                f"background: {STATUS_PALETTE[status.value].fill}; color: {ON_FILL}; border-radius: 6px; padding: 4px;"
            )
            chips.addWidget(chip, 1)
            self.count_labels[status] = chip
        layout.addLayout(chips)
        self.counts: dict[AttendanceStatus, int] = {s: 0 for s in AttendanceStatus}
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Find a student (accents and typos are fine)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        layout.addWidget(self.filter)
        self._names: dict[uuid.UUID, str] = {}
        self.list = QListWidget()
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName(self.tr("Roster: press Enter on a student to mark by hand"))
        layout.addWidget(self.list, 1)
        self._thumbs: dict[uuid.UUID, QPixmap] = {}
        self._items: dict[uuid.UUID, QListWidgetItem] = {}
        self.list.itemActivated.connect(self._activated)

    def set_photos(self, photos: dict[uuid.UUID, bytes], names: dict[uuid.UUID, str]) -> None:
        self._thumbs = {sid: thumbnail(photos.get(sid), name) for sid, name in names.items()}
        for sid, item in self._items.items():
            if sid in self._thumbs:
                item.setIcon(QIcon(self._thumbs[sid]))

    def photo(self, student_uuid: uuid.UUID) -> QPixmap | None:
        return self._thumbs.get(student_uuid)

    def set_entries(self, entries: list[RosterEntry]) -> None:
        current = self.selected_student
        self.list.clear()
        self._items = {}
        for entry in entries:
            item = QListWidgetItem(self._text(entry))
            sid = entry.student.id
            item.setData(Qt.ItemDataRole.UserRole, sid)
            pix = self._thumbs.get(sid) or thumbnail(None, entry.student.name)
            item.setIcon(QIcon(pix))
            colour = QColor(STATUS_PALETTE[(entry.status or AttendanceStatus.ABSENT).value].text)
            item.setForeground(QBrush(colour))  # AA contrast on the list; the status is in words too
            item.setToolTip(self.tr("Press Enter or double-click to mark by hand"))
            self.list.addItem(item)
            self._items[sid] = item
            if sid == current:
                self.list.setCurrentItem(item)
        self._names = {entry.student.id: entry.student.name for entry in entries}
        self._apply_filter(self.filter.text())
        self._show_counts(entries)

    def _apply_filter(self, text: str) -> None:
        for sid, item in self._items.items():
            item.setHidden(not name_matches(text, self._names.get(sid, "")))

    def visible_names(self) -> list[str]:
        return [self._names[sid] for sid, item in self._items.items() if not item.isHidden()]

    def _text(self, entry: RosterEntry) -> str:
        status = status_text(entry.status, self)
        mark = entry.mark
        detail = ""
        if mark is not None:
            local = mark.marked_at.astimezone()
            detail = f" {local:%H:%M}"
            if mark.source is MarkSource.MANUAL:
                detail += " " + self.tr("(by hand)")
            elif mark.confidence is not None:
                detail += f" ({mark.confidence:.2f})"
        elif not entry.student.consent_given:
            detail = " " + self.tr("(no consent: mark by hand)")
        return f"{entry.student.name}\n{status}{detail}"

    def _show_counts(self, entries: list[RosterEntry]) -> None:
        counts = {s: 0 for s in AttendanceStatus}
        for e in entries:
            counts[e.status or AttendanceStatus.ABSENT] += 1
        self.counts = counts
        for status, chip in self.count_labels.items():
            chip.setText(f"<b style='font-size: 150%'>{counts[status]}</b><br>{status_text(status, self)}")
            chip.setAccessibleName(f"{status_text(status, self)}: {counts[status]}")

    @property
    def selected_student(self) -> uuid.UUID | None:
        item = self.list.currentItem()
        if item is None:
            return None
        value = item.data(Qt.ItemDataRole.UserRole)
        return value if isinstance(value, uuid.UUID) else None

    def _activated(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(value, uuid.UUID):
            self.student_activated.emit(value)
