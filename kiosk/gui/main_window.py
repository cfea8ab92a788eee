"""The main window: the three screens in a stack, the status bar, kiosk mode."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QSizePolicy, QStackedWidget, QWidget

from kiosk import __version__
from kiosk.gui.accessibility import name_controls
from kiosk.gui.live_view import LiveView
from kiosk.gui.start_view import StartView
from kiosk.gui.style import Look, stylesheet
from kiosk.gui.summary_view import SummaryView


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" when space runs out (full text in its tooltip).

    The status bar holds four of them and the Admin button: on a 1280-wide screen the long
    database line must give way, never push the button off the window.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        # its full width when there is room, down to a few letters when there is not
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right() + 24
        return QSize(width, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("Wi…") + 24, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        margins = self.contentsMargins()
        room = max(0, self.width() - margins.left() - margins.right() - 20)  # 20: the style's padding
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        super().setText(shown)


class MainWindow(QMainWindow):
    """Layout only; the controllers (session, camera, status bar) drive it through its methods.

    ``close_requested`` is emitted instead of closing while the controller has work to
    finish (a session running); the controller calls :meth:`allow_close` and closes again.
    """

    close_requested = Signal()
    admin_requested = Signal()
    records_requested = Signal()

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
        self._db_status = ElidedLabel(self.tr("Database: connecting…"))
        self._model_status = ElidedLabel(self.tr("Model: loading…"))
        self._camera_status = ElidedLabel(self.tr("Camera: off"))
        self._fps_status = ElidedLabel("")
        # The database line (the longest) takes what is left and is shortened first; the
        # model, camera and rates keep their words.
        self._db_status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addWidget(self._db_status, 1)
        for label in (self._model_status, self._camera_status, self._fps_status):
            label.setStyleSheet("border-left: 1px solid #8a8a8a;")
            bar.addWidget(label)
        bar.setContentsMargins(0, 0, 6, 0)
        bar.addPermanentWidget(QLabel(f"v{__version__}"))  # which release runs here, for support calls
        self.admin_button = QPushButton(self.tr("A&dmin…"))
        self.admin_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.admin_button.setAccessibleName(self.tr("Admin settings"))
        self.admin_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.records_button = QPushButton(self.tr("Rec&ords…"))
        self.records_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.records_button.setAccessibleName(self.tr("Attendance records"))
        self.records_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        bar.addPermanentWidget(self.records_button)
        self.records_button.clicked.connect(self.records_requested)
        bar.addPermanentWidget(self.admin_button)
        self.admin_button.clicked.connect(self.admin_requested)
        QShortcut(QKeySequence(Qt.Key.Key_F11), self, self.admin_requested.emit)
        # Ctrl+Q spelled out: some platforms bind no key to the standard Quit; closing asks first.
        QShortcut(QKeySequence("Ctrl+Q"), self, self.close)

        self.kiosk_mode = False
        self._may_close = True
        self.look = Look.for_screen(self.screen(), touch=False)
        self.apply_look(self.look)
        name_controls(self)

    # --- screens ------------------------------------------------------------------------
    def show_start(self) -> None:
        self.stack.setCurrentWidget(self.start_view)
        self.start_view.focus_first()

    def show_live(self) -> None:
        self.stack.setCurrentWidget(self.live_view)
        self.live_view.focus_first()

    def show_screen(self, screen: QWidget) -> None:
        """Show another screen (the records), added to the stack on first use."""
        if self.stack.indexOf(screen) < 0:
            self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)

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
        return self._db_status.full_text()

    @property
    def model_status(self) -> str:
        return self._model_status.full_text()

    @property
    def camera_status(self) -> str:
        return self._camera_status.full_text()

    # --- how it looks -------------------------------------------------------------------
    def apply_look(self, look: Look) -> None:
        """Type sizes for this screen (and kiosk mode's larger controls)."""
        self.look = look
        self.setStyleSheet(stylesheet(look))

    # --- kiosk mode ---------------------------------------------------------------------
    def set_kiosk_mode(self, on: bool) -> None:
        """Full screen with large controls; leaving it goes through the admin PIN."""
        self.kiosk_mode = on
        self.apply_look(Look.for_screen(self.screen(), touch=on))
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
