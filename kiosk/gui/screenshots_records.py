"""The records screen for ``kiosk screenshots``: past sessions with one opened, and a class
report with its charts, on the sample data of :mod:`kiosk.gui.screenshots`."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from kiosk.gui.records_controller import RecordsController
from kiosk.gui.records_view import RecordsView
from kiosk.gui.style import Look, stylesheet


def _controller(sample: Any, look: Look) -> RecordsController:
    if not getattr(sample, "_records_history", False):
        sample.services.records().add_sample_history("9B")
        sample._records_history = True
    view = RecordsView(date.today())
    view.setStyleSheet(stylesheet(look))
    controller = RecordsController(
        view, sample.services.records(), sample.services.reports(), actor="ms.rivera"
    )
    controller.load(["9B", "10A"])
    controller.settle()
    return controller


def records_sessions(sample: Any, look: Look) -> QWidget:
    controller = _controller(sample, look)
    view = controller.view
    view.select_session_row(1)  # yesterday's (row 0 is the sample's live session): it holds a correction
    controller.settle()
    if controller.detail is not None:
        view.select_line(controller.detail.lines[0].student_id)
    controller.close()  # everything is shown: its database thread is no longer needed
    return view


def records_report(sample: Any, look: Look) -> QWidget:
    controller = _controller(sample, look)
    view = controller.view
    view.show_tab(1)
    view.report.class_combo.setCurrentIndex(view.report.class_combo.findData("9B"))
    start = date.today() - timedelta(days=35)
    view.report.from_edit.setDate(QDate(start.year, start.month, start.day))
    controller.show_class_report()
    controller.settle()
    controller.close()
    return view
