"""The window shows which version runs, as `kiosk --version` does."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk import __version__
from kiosk.gui.main_window import MainWindow


@pytest.mark.gui
def test_the_status_bar_shows_the_version(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)

    labels = [label.text() for label in window.statusBar().findChildren(QLabel)]

    assert f"v{__version__}" in labels
