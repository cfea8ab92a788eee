"""``kiosk demo`` with a display: the window opens at once, the sample class is prepared behind it.

Preparing the demo (its database, enrolling the sample students from photos, writing the
sample stream) takes 10-20 s. Run before the window, it left the screen empty for that
long; here the start screen shows straight away with a progress bar and what is being
done, the preparation runs on a background thread, and the session then starts by itself
on the sample stream with the models the enrollment already loaded (not loaded twice).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from kiosk.app.bootstrap import KioskServices, build_services
from kiosk.app.demo import DemoSetup, demo_settings, prepare_demo
from kiosk.core.errors import KioskError
from kiosk.gui.app import KioskGui, build_gui, set_language
from kiosk.gui.main_window import MainWindow
from kiosk.gui.messages import error_text
from kiosk.gui.runner import OpRunner
from kiosk.infra.config import Settings

log = logging.getLogger(__name__)


class DemoWindow(QObject):
    """The window first, then the demo's data, then the kiosk running on it (``gui``)."""

    def __init__(self, settings: Settings, *, prepare: Callable[[Path], DemoSetup] = prepare_demo) -> None:
        """``settings`` from :func:`kiosk.app.demo.demo_settings` (quick: the demo's own config file)."""
        super().__init__()
        self.settings = settings
        self.window = MainWindow()
        self.gui: KioskGui | None = None
        self.error: KioskError | None = None
        self._runner = OpRunner("kiosk-demo", self)
        sv = self.window.start_view
        sv.show_database_state(self.tr("Preparing the demo class and its sample camera stream…"))
        sv.show_model_state(self.tr("Loading face models and enrolling the sample students…"), loading=True)
        sv.set_start_enabled(False)
        self.window.show_start()
        self.window.show()
        self.services: KioskServices | None = None  # the kiosk's, once the demo is prepared
        data = self.settings.data_dir

        def prepare_and_open() -> tuple[DemoSetup, KioskServices]:
            setup = prepare(data)
            # The models that enrolled the sample class serve the session: loaded once.
            return setup, build_services(setup.settings, models=setup.models)

        self._runner.query(prepare_and_open, self._prepared, self._failed, what="Preparing the demo")

    def _prepared(self, prepared: tuple[DemoSetup, KioskServices]) -> None:
        self._runner.shutdown()
        setup, self.services = prepared
        self.gui = build_gui(
            setup.settings,
            services=self.services,
            class_code=setup.class_code,
            camera=str(setup.video.path),
            auto_end=True,
            window=self.window,
        )

    def _failed(self, exc: KioskError) -> None:
        self._runner.shutdown()
        self.error = exc
        log.error("The demo could not be prepared: %s", exc.message)
        sv = self.window.start_view
        sv.show_model_state(self.tr("The demo could not be prepared."))
        sv.show_error(error_text(exc))

    def shutdown(self) -> None:
        self._runner.shutdown()
        if self.gui is not None:
            self.gui.shutdown()
        if self.services is not None:
            self.services.close()
            self.services = None


def run_demo_gui(data_dir: Path | None) -> int:
    """The demo in its window until it is closed; the exit code for the shell."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Attendance kiosk")
    settings = demo_settings(data_dir)
    set_language(app, settings)
    demo = DemoWindow(settings)
    app.aboutToQuit.connect(demo.shutdown)
    code = app.exec()
    demo.shutdown()
    return int(code) if demo.error is None else 1
