"""The status bar: database, model, camera, and the frame rates, refreshed once a second."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from kiosk.core.errors import KioskError
from kiosk.core.ports import AttendanceStore
from kiosk.gui.main_window import MainWindow
from kiosk.gui.runner import OpRunner

STATUS_INTERVAL_MS = 1000
DB_STATUS_EVERY = 3  # status ticks between database status checks


class StatusBarController(QObject):
    """Writes the window's status bar; asks the store for its state on the database runner.

    ``rates`` gives the current camera and recognition frame rates (``None``: not running).
    """

    def __init__(
        self,
        window: MainWindow,
        db: OpRunner,
        store: Callable[[], AttendanceStore | None],
        rates: Callable[[], tuple[float | None, float | None]],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._db = db
        self._store = store
        self._rates = rates
        self._ticks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(STATUS_INTERVAL_MS)
        self._timer.timeout.connect(self._on_tick)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    # --- the model ------------------------------------------------------------------------
    def model_loading(self, profile: str) -> None:
        self._window.set_model_status(self.tr("Model: %s (loading…)") % profile)

    def model_ready(self, profile: str) -> None:
        self._window.set_model_status(self.tr("Model: %s") % profile)

    def model_missing(self, profile: str) -> None:
        self._window.set_model_status(self.tr("Model: %s not installed") % profile)

    # --- the camera and the database --------------------------------------------------------
    def camera_state(self, text: str) -> None:
        self._window.set_camera_status(text)

    def database_unavailable(self) -> None:
        self._window.set_database_status(self.tr("Database: unavailable"))

    def refresh_database(self) -> None:
        """Ask the store for its state, unless the database runner is busy (never queue up)."""
        store = self._store()
        if store is None or self._db.busy:
            return
        self._db.query(store.status_line, self._on_database_line, self._on_database_error, what="The status")

    def _on_database_line(self, line: str) -> None:
        self._window.set_database_status(self.tr("Database: %s") % line)

    def _on_database_error(self, exc: KioskError) -> None:
        self._on_database_line(exc.message)

    def _on_tick(self) -> None:
        camera, recognition = self._rates()
        parts = []
        if camera is not None:
            parts.append(self.tr("Camera %.0f fps") % camera)
        if recognition is not None:
            parts.append(self.tr("recognition %.1f fps") % recognition)
        self._window.set_rates(" · ".join(parts))
        self._ticks += 1
        if self._ticks % DB_STATUS_EVERY == 0:
            self.refresh_database()
