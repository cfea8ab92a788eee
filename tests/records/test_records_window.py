"""The records screen inside the real kiosk window: opened from the status bar, and the
register confirmed from the summary of a session that just ended."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from kiosk.app.records import RecordsService
from kiosk.gui.app import KioskGui, build_gui
from kiosk.gui.records_view import RecordsView
from kiosk.infra.config import Settings

from .term import Term

pytestmark = pytest.mark.gui


@pytest.fixture
def gui(qtbot: QtBot, settings: Settings, term: Term) -> Iterator[KioskGui]:
    opened = build_gui(settings, kiosk_mode=False)
    qtbot.addWidget(opened.window)
    qtbot.waitUntil(lambda: opened.ctx.services is not None, timeout=20_000)
    yield opened
    opened.shutdown()
    opened.window.allow_close()
    opened.window.close()


def test_records_open_from_the_window_and_the_register_is_confirmed_at_the_end(
    qtbot: QtBot, gui: KioskGui, term: Term, records: RecordsService, engine: Engine
) -> None:
    window = gui.window
    qtbot.mouseClick(window.records_button, Qt.MouseButton.LeftButton)
    view = window.stack.currentWidget()
    assert isinstance(view, RecordsView)
    first = term.school_days()[0]
    view.from_edit.setDate(QDate(first.year, first.month, first.day))
    view.to_edit.setDate(QDate(2027, 1, 1))
    qtbot.waitUntil(
        lambda: view.class_combo.count() > 1, timeout=5000
    )  # the classes, read off the GUI thread
    qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
    expected = len(records.list_sessions())
    qtbot.waitUntil(lambda: view.session_count() == expected, timeout=5000)
    qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.start_view

    # A session ends; the summary offers the sign-off screen.
    store = gui.ctx.store
    assert store is not None
    opened = store.open_session("10A", started_by="mr okafor", kiosk_id="room-3")
    store.close_session(opened.id)
    window.summary_view.show_summary(store.summary(opened.id))
    window.show_summary()
    qtbot.mouseClick(window.summary_view.sign_off_button, Qt.MouseButton.LeftButton)
    assert gui.records is not None and gui.records.controller is not None
    controller = gui.records.controller
    qtbot.waitUntil(lambda: controller.signoff is not None, timeout=10_000)
    dialog = controller.signoff
    assert dialog is not None and dialog.isVisible()
    assert len(dialog.names_in("absent")) == 4  # nobody was marked: all absent (one moved to 9B)
    dialog.pick("Barbara Liskov")
    qtbot.mouseClick(dialog.fix_buttons[next(iter(dialog.fix_buttons))], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Barbara Liskov" in dialog.names_in("present"), timeout=5000)
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert "Register confirmed" in window.summary_view.message_text
    assert records.session(opened.id).overview.signed_off
