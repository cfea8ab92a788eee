"""The demo's window path (``kiosk demo`` with a display), driven offscreen for a few seconds."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.app.bootstrap import build_services
from kiosk.app.demo import DEMO_CLASS, prepare_demo
from kiosk.gui.app import build_gui
from kiosk.infra.db.engine import build_engine
from kiosk.infra.db.models import AttendanceSession

pytestmark = [pytest.mark.gui, pytest.mark.recognition, pytest.mark.slow]


def test_demo_window_runs_the_session_then_closes_cleanly(
    qtbot: QtBot, tmp_path: Path, no_leaked_threads: None
) -> None:
    setup = prepare_demo(tmp_path / "demo")
    services = build_services(setup.settings, models=setup.models)  # as `kiosk demo` does: models load once
    gui = build_gui(
        setup.settings,
        services=services,
        class_code=setup.class_code,
        camera=str(setup.video.path),
        auto_end=True,
    )
    qtbot.addWidget(gui.window)
    assert gui.ctx.models is setup.models  # the window uses the models that enrolled the class
    try:
        # The session starts by itself on the demo stream and the first students get marked.
        qtbot.waitUntil(lambda: gui.session.service is not None, timeout=30_000)
        service = gui.session.service
        assert service is not None and service.class_info is not None
        assert service.class_info.code == DEMO_CLASS
        qtbot.waitUntil(lambda: service.counts()["present"] >= 1, timeout=60_000)
        # The teacher closes the window mid-session: asked, then the session ends cleanly.
        gui.window.close()
        box = gui.session.prompt
        assert box is not None
        qtbot.waitUntil(box.isVisible, timeout=5_000)
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not gui.window.isVisible(), timeout=15_000)
    finally:
        gui.shutdown()
        services.close()
    engine = build_engine(setup.settings)
    try:
        with engine.connect() as conn:
            open_sessions = conn.scalar(
                select(func.count())
                .select_from(AttendanceSession)
                .where(AttendanceSession.ended_at.is_(None))
            )
            all_sessions = conn.scalar(select(func.count()).select_from(AttendanceSession))
    finally:
        engine.dispose()
    assert all_sessions == 1 and open_sessions == 0


def test_demo_window_shows_at_once_and_prepares_behind_it(
    qtbot: QtBot, tmp_path: Path, no_leaked_threads: None
) -> None:
    """The start screen with a progress bar first; the sample class after; then the session by itself."""
    from kiosk.app.demo import demo_settings
    from kiosk.gui.demo_window import DemoWindow

    demo = DemoWindow(demo_settings(tmp_path / "demo"))
    qtbot.addWidget(demo.window)
    try:
        sv = demo.window.start_view
        assert demo.window.isVisible() and sv.model_loading  # before any of the slow work is done
        assert "enrolling the sample students" in sv.model_text
        qtbot.waitUntil(lambda: demo.gui is not None, timeout=60_000)
        gui = demo.gui
        assert gui is not None and gui.window is demo.window
        qtbot.waitUntil(lambda: gui.session.service is not None, timeout=30_000)
        assert gui.ctx.models.loaded is not None and not sv.model_loading
        assert demo.services is not None and gui.ctx.services is demo.services  # prepared once, handed over
        service = gui.session.service
        assert service is not None and service.class_info is not None
        assert service.class_info.code == DEMO_CLASS
    finally:
        demo.shutdown()
