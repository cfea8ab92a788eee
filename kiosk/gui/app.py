"""The kiosk window's entry point: ``run_gui(settings)`` (plain ``kiosk``)."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from kiosk.core.ports import AttendanceStore
from kiosk.gui.admin_controller import AdminController
from kiosk.gui.context import GuiContext
from kiosk.gui.main_window import MainWindow
from kiosk.gui.session_controller import SessionController
from kiosk.infra.config import Settings
from kiosk.infra.recognition.pipeline import FacePipeline

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"


@dataclass
class KioskGui:
    window: MainWindow
    session: SessionController
    admin: AdminController
    ctx: GuiContext

    def shutdown(self) -> None:
        self.session.shutdown()


def install_translations(app: QCoreApplication) -> None:
    """Qt's own strings and the kiosk's (``resources/translations/kiosk_<lang>.qm``) for the locale."""
    locale = QLocale.system()
    for name, folder in (
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("kiosk", str(TRANSLATIONS_DIR)),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            log.debug("Loaded %s translations for %s", name, locale.name())


def build_gui(
    settings: Settings,
    *,
    store: AttendanceStore | None = None,
    pipeline: FacePipeline | None = None,
    class_code: str | None = None,
    camera: str | None = None,
    auto_end: bool = False,
    kiosk_mode: bool | None = None,
) -> KioskGui:
    """The main window and its controllers (a QApplication must exist), started."""
    ctx = GuiContext(settings, store=store, pipeline=pipeline)
    window = MainWindow()
    session = SessionController(ctx, window, class_code=class_code, camera=camera, auto_end=auto_end)
    admin = AdminController(settings, window)
    window.set_kiosk_mode(settings.gui.kiosk_mode if kiosk_mode is None else kiosk_mode)
    session.startup()
    return KioskGui(window, session, admin, ctx)


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
    install_translations(app)
    gui = build_gui(settings, class_code=class_code, camera=camera, auto_end=auto_end)
    app.aboutToQuit.connect(gui.shutdown)
    if not gui.window.kiosk_mode:
        gui.window.show()
    code = app.exec()
    gui.shutdown()
    return int(code)
