"""The live screen: the video with boxes, the roster panel, and the session's controls."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from kiosk.gui.accessibility import name_controls
from kiosk.gui.doubt_prompts import DoubtPanel, GreetingBanner
from kiosk.gui.roster_view import RosterPanel
from kiosk.gui.style import notice_text
from kiosk.gui.video_widget import VideoWidget


class LiveView(QWidget):
    end_requested = Signal()
    manual_requested = Signal()
    pin_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        top = QHBoxLayout()
        self._title = QLabel("")
        self._title.setObjectName("title")
        top.addWidget(self._title, 1)
        self.pin_button = QPushButton(self.tr("Check in with P&IN…"))
        self.pin_button.setToolTip(self.tr("Pupils without face recognition: your name and your PIN"))
        self.manual_button = QPushButton(self.tr("&Mark by hand…"))
        self.end_button = QPushButton(self.tr("&End session"))
        self.end_button.setObjectName("danger")
        top.addWidget(self.pin_button)
        top.addWidget(self.manual_button)
        top.addWidget(self.end_button)
        layout.addLayout(top)
        self._warnings = QLabel("")
        self._warnings.setObjectName("warning")
        self._warnings.setWordWrap(True)
        self._warnings.hide()
        layout.addWidget(self._warnings)

        self.splitter = QSplitter()
        self.video = VideoWidget()
        self.video.setAccessibleName(self.tr("Camera picture with the faces recognised"))
        self.roster = RosterPanel()
        self.roster.setMinimumWidth(320)
        self._sized = False
        # Under the picture, not over the roster: the greeting after each mark (issue 14).
        self.greeting = GreetingBanner()
        picture = QWidget()
        picture_layout = QVBoxLayout(picture)
        picture_layout.setContentsMargins(0, 0, 0, 0)
        picture_layout.addWidget(self.video, 1)
        picture_layout.addWidget(self.greeting)
        # Above the roster: a small prompt per face the kiosk is not sure of (never modal).
        self.doubts = DoubtPanel()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.doubts)
        side_layout.addWidget(self.roster, 1)
        self.splitter.addWidget(picture)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)

        self.manual_button.clicked.connect(self.manual_requested)
        self.pin_button.clicked.connect(self.pin_requested)
        self.end_button.clicked.connect(self.end_requested)
        self.setTabOrder(self.roster.list, self.manual_button)
        self.setTabOrder(self.manual_button, self.end_button)
        name_controls(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # video two thirds, roster one third, whatever the screen size
            self._sized = True
            width = max(1, self.splitter.width())
            self.splitter.setSizes([width * 2 // 3, width - width * 2 // 3])

    def show_session(self, title: str, warnings: list[str]) -> None:
        """A new session: its title, its warnings (hidden when none), no video yet."""
        self._title.setText(title)
        self._warnings.setText(notice_text("warning", "\n".join(warnings)))
        self._warnings.setVisible(bool(warnings))
        self.video.clear()

    @property
    def warnings_text(self) -> str:
        return self._warnings.text()

    @property
    def warnings_shown(self) -> bool:
        return self._warnings.isVisible()

    def focus_first(self) -> None:
        self.roster.list.setFocus()
