"""The main window: the three screens in a stack, the status bar, kiosk mode."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QStackedWidget, QWidget

from kiosk.gui.live_view import LiveView
from kiosk.gui.start_view import StartView
from kiosk.gui.style import stylesheet
from kiosk.gui.summary_view import SummaryView


class MainWindow(QMainWindow):
    """Layout only; the controllers (session, camera, status bar) drive it through its methods.

    ``close_requested`` is emitted instead of closing while the controller has work to
    finish (a session running); the controller calls :meth:`allow_close` and closes again.
    """

    close_requested = Signal()
    admin_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Attendance kiosk"))
        self.setMinimumSize(1024, 640)
        self.resize(1280, 720)
        self.stack = QStackedWidget()
        self.start_view = StartView()
        self.live_view = LiveView()
        self.summary_view = SummaryView()
        for view in (self.start_view, self.live_view, self.summary_view):
            self.stack.addWidget(view)
        self.setCentralWidget(self.stack)

        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        self._db_status = QLabel(self.tr("Database: connecting…"))
        self._model_status = QLabel(self.tr("Model: loading…"))
        self._camera_status = QLabel(self.tr("Camera: off"))
        self._fps_status = QLabel("")
        for label in (self._db_status, self._model_status, self._camera_status, self._fps_status):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addWidget(label)
        bar.setStyleSheet("QStatusBar QLabel { border-right: 1px solid #b0b0b0; padding: 0 10px; }")
        self.admin_button = QPushButton(self.tr("Admin…"))
        self.admin_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        bar.addPermanentWidget(self.admin_button)
        self.admin_button.clicked.connect(self.admin_requested)
        QShortcut(QKeySequence(Qt.Key.Key_F11), self, self.admin_requested.emit)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Quit), self, self.close)

        self.kiosk_mode = False
        self._may_close = True

    # --- screens ------------------------------------------------------------------------
    def show_start(self) -> None:
        self.stack.setCurrentWidget(self.start_view)
        self.start_view.focus_first()

    def show_live(self) -> None:
        self.stack.setCurrentWidget(self.live_view)
        self.live_view.focus_first()

    def show_summary(self) -> None:
        self.stack.setCurrentWidget(self.summary_view)
        self.summary_view.focus_first()

    # --- status bar -------------------------------------------------------------------
    def set_database_status(self, text: str) -> None:
        self._db_status.setText(text)

    def set_model_status(self, text: str) -> None:
        self._model_status.setText(text)

    def set_camera_status(self, text: str) -> None:
        self._camera_status.setText(text)

    def set_rates(self, text: str) -> None:
        """Camera and recognition frame rates."""
        self._fps_status.setText(text)

    @property
    def database_status(self) -> str:
        return self._db_status.text()

    @property
    def model_status(self) -> str:
        return self._model_status.text()

    @property
    def camera_status(self) -> str:
        return self._camera_status.text()

    # --- kiosk mode ---------------------------------------------------------------------
    def set_kiosk_mode(self, on: bool) -> None:
        """Full screen with large controls; leaving it goes through the admin PIN."""
        self.kiosk_mode = on
        self.setStyleSheet(stylesheet(touch=on))
        if on:
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
            self.showFullScreen()
        else:
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, False)
            self.showNormal()

    # --- closing ------------------------------------------------------------------------
    def hold_close(self, hold: bool) -> None:
        self._may_close = not hold

    def allow_close(self) -> None:
        self._may_close = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close:
            event.accept()
            return
        event.ignore()
        self.close_requested.emit()
