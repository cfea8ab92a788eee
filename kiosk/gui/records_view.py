"""The records screen (layout only): past sessions, a class report, student search, the day.

:class:`~kiosk.gui.records_controller.RecordsController` drives it through the small
methods below and listens to its signals; the report tabs are in :mod:`kiosk.gui.records_tabs`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.records import SessionDetail, SessionOverview
from kiosk.core.reports import ClassReport, DayReport, Found, StudentReport
from kiosk.core.tables import local_time_text
from kiosk.gui.dialogs import method_text, status_text
from kiosk.gui.records_tabs import (
    ClassReportTab,
    DayTab,
    StudentsTab,
    date_edit,
    fill,
    picked,
    row_key,
    table_widget,
)

ALL_CLASSES = ""
SESSIONS_TAB, REPORT_TAB, STUDENTS_TAB, DAY_TAB = range(4)


class RecordsView(QWidget):
    sessions_requested = Signal()
    session_selected = Signal(object)  # uuid.UUID
    correct_requested = Signal()
    sign_off_requested = Signal()
    export_session_requested = Signal()
    print_session_requested = Signal()
    class_report_requested = Signal()
    export_report_requested = Signal()
    print_report_requested = Signal()
    search_requested = Signal(str)
    student_selected = Signal(str)
    export_student_requested = Signal()
    day_requested = Signal()
    back_requested = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        title = QLabel(self.tr("Attendance records"))
        title.setObjectName("title")
        head.addWidget(title, 1)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.clicked.connect(self.back_requested)
        head.addWidget(self.back_button)
        layout.addLayout(head)
        self._message = QLabel("")
        self._message.setWordWrap(True)
        layout.addWidget(self._message)
        self._tabs = QTabWidget()
        layout.addWidget(self._tabs, 1)
        self.report = ClassReportTab(today)
        self.students = StudentsTab()
        self.day_tab = DayTab(today)
        self._tabs.addTab(self._sessions_tab(today), self.tr("Sessions"))
        self._tabs.addTab(self.report, self.tr("Class report"))
        self._tabs.addTab(self.students, self.tr("Students"))
        self._tabs.addTab(self.day_tab, self.tr("Day"))
        self.report.show_button.clicked.connect(self.class_report_requested)
        self.report.export_button.clicked.connect(self.export_report_requested)
        self.report.print_button.clicked.connect(self.print_report_requested)
        self.students.search.returnPressed.connect(
            lambda: self.search_requested.emit(self.students.search.text())
        )
        self.students.search_button.clicked.connect(
            lambda: self.search_requested.emit(self.students.search.text())
        )
        self.students.found.itemActivated.connect(
            lambda item: self.student_selected.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.students.found.itemClicked.connect(
            lambda item: self.student_selected.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.students.export_button.clicked.connect(self.export_student_requested)
        self.day_tab.show_button.clicked.connect(self.day_requested)

    def _sessions_tab(self, today: date) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.class_combo = QComboBox()
        self.from_edit, self.to_edit = date_edit(today - timedelta(days=30)), date_edit(today)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(self.sessions_requested)
        for label, widget in (
            (self.tr("Class"), self.class_combo),
            (self.tr("From"), self.from_edit),
            (self.tr("To"), self.to_edit),
        ):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self.show_button)
        row.addStretch(1)
        v.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal)
        self._sessions = table_widget(
            [
                self.tr("Started"),
                self.tr("Class"),
                self.tr("Present"),
                self.tr("Late"),
                self.tr("Absent"),
                self.tr("Excused"),
                self.tr("Signed off"),
            ]
        )
        self._sessions.itemSelectionChanged.connect(self._session_clicked)
        split.addWidget(self._sessions)
        right = QWidget()
        rv = QVBoxLayout(right)
        self._detail_title = QLabel(self.tr("Choose a session on the left."))
        self._detail_title.setWordWrap(True)
        rv.addWidget(self._detail_title)
        self._lines = table_widget(
            [
                self.tr("Name"),
                self.tr("Id"),
                self.tr("Status"),
                self.tr("Method"),
                self.tr("Time"),
                self.tr("Corrected"),
            ]
        )
        rv.addWidget(self._lines, 1)
        buttons = QHBoxLayout()
        self.correct_button = QPushButton(self.tr("Correct mark…"))
        self.sign_off_button = QPushButton(self.tr("Sign off…"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.print_button = QPushButton(self.tr("Print…"))
        for button, signal in (
            (self.correct_button, self.correct_requested),
            (self.sign_off_button, self.sign_off_requested),
            (self.export_button, self.export_session_requested),
            (self.print_button, self.print_session_requested),
        ):
            button.setEnabled(False)
            button.clicked.connect(signal)
            buttons.addWidget(button)
        rv.addLayout(buttons)
        split.addWidget(right)
        split.setSizes([420, 580])
        v.addWidget(split, 1)
        return tab

    def _session_clicked(self) -> None:
        key = row_key(self._sessions)
        if isinstance(key, uuid.UUID):
            self.session_selected.emit(key)

    # --- what the controller calls ------------------------------------------------------
    def set_classes(self, codes: Sequence[str]) -> None:
        for combo, with_all in ((self.class_combo, True), (self.report.class_combo, False)):
            combo.clear()
            if with_all:
                combo.addItem(self.tr("All classes"), ALL_CLASSES)
            for code in codes:
                combo.addItem(code, code)

    def session_filters(self) -> tuple[str | None, date, date]:
        return self.class_combo.currentData() or None, picked(self.from_edit), picked(self.to_edit)

    def report_filters(self) -> tuple[str | None, date, date, float]:
        return self.report.filters()

    def day(self) -> date:
        return self.day_tab.day()

    def show_message(self, text: str) -> None:
        self._message.setText(text)

    def message(self) -> str:
        return self._message.text()

    def detail_title(self) -> str:
        return self._detail_title.text()

    def show_sessions(self, sessions: Sequence[SessionOverview], tz: tzinfo | None) -> None:
        rows = [
            (
                local_time_text(s.started_at, tz)[:16],
                s.class_code,
                s.present,
                s.late,
                s.absent,
                s.excused,
                s.signed_off_by if s.signed_off else "",
            )
            for s in sessions
        ]
        self._sessions.blockSignals(True)
        fill(self._sessions, rows, [s.id for s in sessions])
        self._sessions.clearSelection()
        self._sessions.blockSignals(False)
        self._lines.setRowCount(0)
        self._detail_title.setText(self.tr("%n session(s). Choose one.", "", len(sessions)))
        for button in (self.correct_button, self.sign_off_button, self.export_button, self.print_button):
            button.setEnabled(False)

    def select_session_row(self, row: int) -> None:
        self._sessions.selectRow(row)

    def keep_session_selected(self, session_id: object) -> None:
        """After a refresh of the list: the open session's row selected again, quietly (its
        detail is shown by the same refresh, not read once more)."""
        for row in range(self._sessions.rowCount()):
            if row_key(self._sessions, row) == session_id:
                self._sessions.blockSignals(True)
                self._sessions.selectRow(row)
                self._sessions.blockSignals(False)
                return

    def session_count(self) -> int:
        return self._sessions.rowCount()

    def show_session(self, detail: SessionDetail, tz: tzinfo | None) -> None:
        o = detail.overview
        when = local_time_text(o.signed_off_at, tz)[:16]
        signed = (
            self.tr("Signed off by %1 at %2.").replace("%1", o.signed_off_by or "").replace("%2", when)
            if o.signed_off
            else self.tr("Not signed off.")
        )
        counts = (
            self.tr("present %1, late %2, absent %3, excused %4. ")
            .replace("%1", str(o.present))
            .replace("%2", str(o.late))
            .replace("%3", str(o.absent))
            .replace("%4", str(o.excused))
        )
        self._detail_title.setText(
            f"<b>{o.class_code}</b> {local_time_text(o.started_at, tz)[:16]} — {counts}{signed}"
        )
        rows = [
            (
                ln.name,
                ln.student_id,
                status_text(ln.status),
                method_text(ln.method) if ln.marked_at else "",
                local_time_text(ln.marked_at, tz)[11:19] if ln.marked_at else "",
                f"{ln.corrected_by}: {ln.correction_reason}" if ln.corrected else "",
            )
            for ln in detail.lines
        ]
        fill(self._lines, rows, [ln.student_id for ln in detail.lines])
        for button in (self.correct_button, self.export_button, self.print_button):
            button.setEnabled(True)
        self.sign_off_button.setEnabled(not o.signed_off)

    def select_line(self, student_id: str) -> None:
        for row in range(self._lines.rowCount()):
            if row_key(self._lines, row) == student_id:
                self._lines.selectRow(row)
                return

    def selected_student_id(self) -> str | None:
        key = row_key(self._lines)
        return key if isinstance(key, str) else None

    def line_text(self, student_id: str, column: int) -> str:
        for row in range(self._lines.rowCount()):
            if row_key(self._lines, row) == student_id:
                item = self._lines.item(row, column)
                return item.text() if item is not None else ""
        return ""

    def show_class_report(self, report: ClassReport) -> None:
        self.report.show_report(report)

    def show_search_results(self, found: Sequence[Found]) -> None:
        self.students.show_results(found)

    def search_for(self, text: str) -> None:
        self._tabs.setCurrentIndex(STUDENTS_TAB)
        self.students.search.setText(text)
        self.search_requested.emit(text)

    def found_ids(self) -> list[str]:
        return self.students.found_ids()

    def show_student_report(self, report: StudentReport, tz: tzinfo | None) -> None:
        self.students.show_report(report, tz)

    def show_day(self, report: DayReport) -> None:
        self.day_tab.show_day(report)

    def show_tab(self, index: int) -> None:
        self._tabs.setCurrentIndex(index)
