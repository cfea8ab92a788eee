"""The kiosk window's entry point: ``run_gui(settings)`` (plain ``kiosk``)."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from kiosk.app.bootstrap import KioskServices
from kiosk.gui.admin_controller import AdminController
from kiosk.gui.context import GuiContext
from kiosk.gui.main_window import MainWindow
from kiosk.gui.records_screen import RecordsScreen
from kiosk.gui.session_controller import SessionController
from kiosk.gui.translations import choose_language, install_translations
from kiosk.infra.config import Settings
from kiosk.infra.recognition.pipeline import FacePipeline

log = logging.getLogger(__name__)


@dataclass
class KioskGui:
    window: MainWindow
    session: SessionController
    admin: AdminController
    ctx: GuiContext
    records: RecordsScreen | None = None

    def shutdown(self) -> None:
        self.session.shutdown()


def set_language(app: QCoreApplication, settings: Settings) -> str:
    """The window's language from ``[gui] language`` or the system; the language code used."""
    language = choose_language(settings.gui.language)
    install_translations(app, language, settings.cache_dir)
    return language


def build_gui(
    settings: Settings,
    *,
    services: KioskServices | None = None,
    pipeline: FacePipeline | None = None,
    class_code: str | None = None,
    camera: str | None = None,
    auto_end: bool = False,
    kiosk_mode: bool | None = None,
    window: MainWindow | None = None,
) -> KioskGui:
    """The main window and its controllers (a QApplication must exist), started.

    ``window``: one already on screen (the demo shows it while it prepares its data).
    ``services``: built by the caller (the demo), who closes them; otherwise the window
    builds its own on its database thread.
    """
    ctx = GuiContext(settings, services=services, pipeline=pipeline)
    window = window or MainWindow()
    session = SessionController(ctx, window, class_code=class_code, camera=camera, auto_end=auto_end)
    admin = AdminController(settings, window, session.guard, ctx=ctx, runner=session.db)
    records = RecordsScreen(ctx, window, session.db, session.guard)
    window.set_kiosk_mode(settings.gui.kiosk_mode if kiosk_mode is None else kiosk_mode)
    session.startup()
    return KioskGui(window, session, admin, ctx, records)


def run_gui(
    settings: Settings,
    *,
    class_code: str | None = None,
    camera: str | None = None,
    auto_end: bool = False,
) -> int:
    """Open the kiosk window and run until it is closed; the exit code for the shell.

    ``class_code`` and ``camera`` preselect the session (``auto_end``: start it at once and
    show the summary when a finite source such as a video file ends; used by ``kiosk demo``).
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Attendance kiosk")
    set_language(app, settings)
    gui = build_gui(settings, class_code=class_code, camera=camera, auto_end=auto_end)
    app.aboutToQuit.connect(gui.shutdown)
    if not gui.window.kiosk_mode:
        gui.window.show()
    code = app.exec()
    gui.shutdown()
    return int(code)
