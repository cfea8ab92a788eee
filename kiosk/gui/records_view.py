"""The records screen (layout only): past sessions, a class report, student search, the day.

:class:`~kiosk.gui.records_controller.RecordsController` drives it through the small
methods below; the widgets stay private to this module (and to tests, which click them).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta, tzinfo

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.records import SessionDetail, SessionOverview
from kiosk.core.reports import ClassReport, DayReport, Found, StudentReport
from kiosk.core.tables import local_time_text, percent
from kiosk.gui.records_charts import StudentRateChart, WeeklyRateChart

ALL_CLASSES = ""


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(
    table: QTableWidget, rows: Sequence[Sequence[object]], keys: Sequence[object] | None = None
) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if keys is not None and c == 0:
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            table.setItem(r, c, item)


def _key(table: QTableWidget) -> object | None:
    row = table.currentRow()
    item = table.item(row, 0) if row >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


class RecordsView(QWidget):
    sessions_requested = Signal()
    session_selected = Signal(object)  # uuid.UUID
    correct_requested = Signal()
    sign_off_requested = Signal()
    export_session_requested = Signal()
    class_report_requested = Signal()
    export_report_requested = Signal()
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
        self._back = QPushButton(self.tr("Back"))
        self._back.clicked.connect(self.back_requested)
        head.addWidget(self._back)
        layout.addLayout(head)
        self._message = QLabel("")
        self._message.setWordWrap(True)
        layout.addWidget(self._message)
        self._tabs = QTabWidget()
        layout.addWidget(self._tabs, 1)
        self._tabs.addTab(self._sessions_tab(today), self.tr("Sessions"))
        self._tabs.addTab(self._report_tab(today), self.tr("Class report"))
        self._tabs.addTab(self._students_tab(), self.tr("Students"))
        self._tabs.addTab(self._day_tab(today), self.tr("Day"))

    # --- layout -------------------------------------------------------------------------
    def _sessions_tab(self, today: date) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        row = QHBoxLayout()
        self._class = QComboBox()
        self._from, self._to = _date_edit(today - timedelta(days=30)), _date_edit(today)
        self._show = QPushButton(self.tr("Show"))
        self._show.clicked.connect(self.sessions_requested)
        for label, widget in (
            (self.tr("Class"), self._class),
            (self.tr("From"), self._from),
            (self.tr("To"), self._to),
        ):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self._show)
        row.addStretch(1)
        v.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal)
        self._sessions = _table(
            [self.tr(h) for h in ("Started", "Class", "Present", "Late", "Absent", "Excused", "Signed off")]
        )
        self._sessions.itemSelectionChanged.connect(self._session_clicked)
        split.addWidget(self._sessions)
        right = QWidget()
        rv = QVBoxLayout(right)
        self._detail_title = QLabel(self.tr("Choose a session on the left."))
        self._detail_title.setWordWrap(True)
        rv.addWidget(self._detail_title)
        self._lines = _table([self.tr(h) for h in ("Name", "Id", "Status", "Method", "Time", "Corrected")])
        rv.addWidget(self._lines, 1)
        buttons = QHBoxLayout()
        self._correct = QPushButton(self.tr("Correct mark…"))
        self._sign_off = QPushButton(self.tr("Sign off…"))
        self._export = QPushButton(self.tr("Export…"))
        for button, signal in (
            (self._correct, self.correct_requested),
            (self._sign_off, self.sign_off_requested),
            (self._export, self.export_session_requested),
        ):
            button.setEnabled(False)
            button.clicked.connect(signal)
            buttons.addWidget(button)
        rv.addLayout(buttons)
        split.addWidget(right)
        split.setSizes([420, 580])
        v.addWidget(split, 1)
        return tab

    def _report_tab(self, today: date) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        row = QHBoxLayout()
        self._report_class = QComboBox()
        self._report_from, self._report_to = _date_edit(today - timedelta(days=90)), _date_edit(today)
        self._threshold = QDoubleSpinBox()
        self._threshold.setRange(0, 100)
        self._threshold.setValue(90)
        self._threshold.setSuffix(" %")
        self._report_show = QPushButton(self.tr("Show"))
        self._report_show.clicked.connect(self.class_report_requested)
        self._report_export = QPushButton(self.tr("Export…"))
        self._report_export.setEnabled(False)
        self._report_export.clicked.connect(self.export_report_requested)
        for label, widget in (
            (self.tr("Class"), self._report_class),
            (self.tr("From"), self._report_from),
            (self.tr("To"), self._report_to),
            (self.tr("At risk under"), self._threshold),
        ):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self._report_show)
        row.addWidget(self._report_export)
        row.addStretch(1)
        v.addLayout(row)
        self._report_summary = QLabel("")
        v.addWidget(self._report_summary)
        charts = QHBoxLayout()
        self._week_chart = WeeklyRateChart()
        self._student_chart = StudentRateChart()
        for chart in (self._week_chart, self._student_chart):
            chart.setMaximumHeight(240)  # the table below stays readable at 720p
            charts.addWidget(chart, 1)
        v.addLayout(charts)
        self._report_table = _table(
            [
                self.tr(h)
                for h in (
                    "Name",
                    "Id",
                    "Sessions",
                    "Present",
                    "Late",
                    "Absent",
                    "Excused",
                    "Rate %",
                    "At risk",
                )
            ]
        )
        v.addWidget(self._report_table, 1)
        return tab

    def _students_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        row = QHBoxLayout()
        self._search = QLineEdit()
        self._search.setPlaceholderText(self.tr("Part of a name, e.g. zoe"))
        self._search.returnPressed.connect(lambda: self.search_requested.emit(self._search.text()))
        go = QPushButton(self.tr("Search"))
        go.clicked.connect(lambda: self.search_requested.emit(self._search.text()))
        row.addWidget(self._search, 1)
        row.addWidget(go)
        v.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal)
        self._found = QListWidget()
        self._found.itemActivated.connect(
            lambda item: self.student_selected.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self._found.itemClicked.connect(
            lambda item: self.student_selected.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        split.addWidget(self._found)
        right = QWidget()
        rv = QVBoxLayout(right)
        self._student_summary = QLabel("")
        self._student_summary.setWordWrap(True)
        rv.addWidget(self._student_summary)
        self._student_weeks = WeeklyRateChart()
        self._student_weeks.setMaximumHeight(220)
        rv.addWidget(self._student_weeks)
        self._history = _table([self.tr(h) for h in ("Started", "Class", "Status", "Method", "Corrected")])
        rv.addWidget(self._history, 1)
        self._student_export = QPushButton(self.tr("Export…"))
        self._student_export.setEnabled(False)
        self._student_export.clicked.connect(self.export_student_requested)
        rv.addWidget(self._student_export)
        split.addWidget(right)
        split.setSizes([300, 700])
        v.addWidget(split, 1)
        return tab

    def _day_tab(self, today: date) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        row = QHBoxLayout()
        self._day = _date_edit(today)
        show = QPushButton(self.tr("Show"))
        show.clicked.connect(self.day_requested)
        row.addWidget(QLabel(self.tr("Day")))
        row.addWidget(self._day)
        row.addWidget(show)
        row.addStretch(1)
        v.addLayout(row)
        self._day_summary = QLabel("")
        v.addWidget(self._day_summary)
        self._absentees = _table(
            [self.tr(h) for h in ("Name", "Id", "Class", "Sessions", "Absent", "Excused", "Late")]
        )
        v.addWidget(self._absentees, 1)
        return tab

    def _session_clicked(self) -> None:
        key = _key(self._sessions)
        if isinstance(key, uuid.UUID):
            self.session_selected.emit(key)

    # --- what the controller calls ------------------------------------------------------
    def set_classes(self, codes: Sequence[str]) -> None:
        for combo, with_all in ((self._class, True), (self._report_class, False)):
            combo.clear()
            if with_all:
                combo.addItem(self.tr("All classes"), ALL_CLASSES)
            for code in codes:
                combo.addItem(code, code)

    def session_filters(self) -> tuple[str | None, date, date]:
        code = self._class.currentData() or None
        return code, self._from.date().toPython(), self._to.date().toPython()  # type: ignore[return-value]

    def report_filters(self) -> tuple[str | None, date, date, float]:
        return (
            self._report_class.currentData() or None,
            self._report_from.date().toPython(),  # type: ignore[return-value]
            self._report_to.date().toPython(),
            self._threshold.value() / 100,
        )

    def day(self) -> date:
        return self._day.date().toPython()  # type: ignore[return-value]

    def show_message(self, text: str) -> None:
        self._message.setText(text)

    def message(self) -> str:
        return self._message.text()

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
        _fill(self._sessions, rows, [s.id for s in sessions])
        self._sessions.clearSelection()
        self._sessions.blockSignals(False)
        self._lines.setRowCount(0)
        self._detail_title.setText(self.tr("%n session(s). Choose one.", "", len(sessions)))
        for button in (self._correct, self._sign_off, self._export):
            button.setEnabled(False)

    def select_session_row(self, row: int) -> None:
        self._sessions.selectRow(row)

    def session_count(self) -> int:
        return self._sessions.rowCount()

    def show_session(self, detail: SessionDetail, tz: tzinfo | None) -> None:
        o = detail.overview
        signed = (
            self.tr("Signed off by %1 at %2.")
            .replace("%1", o.signed_off_by or "")
            .replace("%2", local_time_text(o.signed_off_at, tz)[:16])
            if o.signed_off
            else self.tr("Not signed off.")
        )
        self._detail_title.setText(
            f"<b>{o.class_code}</b> {local_time_text(o.started_at, tz)[:16]} — "
            + self.tr("present %1, late %2, absent %3, excused %4. ")
            .replace("%1", str(o.present))
            .replace("%2", str(o.late))
            .replace("%3", str(o.absent))
            .replace("%4", str(o.excused))
            + signed
        )
        rows = [
            (
                ln.name,
                ln.student_id,
                ln.status.value,
                ln.method.value if ln.marked_at else "",
                local_time_text(ln.marked_at, tz)[11:19] if ln.marked_at else "",
                f"{ln.corrected_by}: {ln.correction_reason}" if ln.corrected else "",
            )
            for ln in detail.lines
        ]
        _fill(self._lines, rows, [ln.student_id for ln in detail.lines])
        self._correct.setEnabled(True)
        self._export.setEnabled(True)
        self._sign_off.setEnabled(not o.signed_off)

    def select_line(self, student_id: str) -> None:
        for row in range(self._lines.rowCount()):
            item = self._lines.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == student_id:
                self._lines.selectRow(row)
                return

    def selected_student_id(self) -> str | None:
        key = _key(self._lines)
        return key if isinstance(key, str) else None

    def line_text(self, student_id: str, column: int) -> str:
        for row in range(self._lines.rowCount()):
            first = self._lines.item(row, 0)
            if first is not None and first.data(Qt.ItemDataRole.UserRole) == student_id:
                item = self._lines.item(row, column)
                return item.text() if item is not None else ""
        return ""

    def show_class_report(self, report: ClassReport) -> None:
        self._report_summary.setText(
            self.tr("%1: %2 sessions held; class rate %3 %; %4 student(s) at risk.")
            .replace("%1", f"{report.class_code} {report.class_name}")
            .replace("%2", str(report.sessions_held))
            .replace("%3", str(percent(report.rate)))
            .replace("%4", str(len(report.at_risk)))
        )
        rows = [
            (
                r.student.name,
                r.student.student_id,
                r.sessions,
                r.present,
                r.late,
                r.absent,
                r.excused,
                percent(r.rate),
                "!" if r.at_risk else "",
            )
            for r in report.students
        ]
        _fill(self._report_table, rows)
        self._week_chart.show_weeks(report.weeks, report.threshold)
        self._student_chart.show_rates(report.students, report.threshold)
        self._report_export.setEnabled(True)

    def show_search_results(self, found: Sequence[Found]) -> None:
        self._found.clear()
        for f in found:
            item = QListWidgetItem(
                f"{f.student.name}  ({f.student.student_id}, {f.student.class_code or '-'})"
            )
            item.setData(Qt.ItemDataRole.UserRole, f.student.student_id)
            self._found.addItem(item)

    def search_for(self, text: str) -> None:
        self._tabs.setCurrentIndex(2)
        self._search.setText(text)
        self.search_requested.emit(text)

    def found_ids(self) -> list[str]:
        return [self._found.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self._found.count())]

    def show_student_report(self, report: StudentReport, tz: tzinfo | None) -> None:
        s = report.summary
        self._student_summary.setText(
            f"<b>{report.student.name}</b> ({report.student.student_id}), {report.student.class_code or '-'}: "
            + self.tr("%1 sessions, present %2, late %3, absent %4, excused %5; rate %6 %")
            .replace("%1", str(s.sessions))
            .replace("%2", str(s.present))
            .replace("%3", str(s.late))
            .replace("%4", str(s.absent))
            .replace("%5", str(s.excused))
            .replace("%6", str(percent(s.rate)))
        )
        rows = [
            (
                local_time_text(ln.started_at, tz)[:16],
                ln.class_code,
                ln.status.value,
                ln.method.value,
                "yes" if ln.corrected else "",
            )
            for ln in report.history
        ]
        _fill(self._history, rows)
        self._student_weeks.show_weeks(report.weeks)
        self._student_export.setEnabled(True)

    def show_day(self, report: DayReport) -> None:
        self._day_summary.setText(
            self.tr("%1: %2 sessions; %3 student(s) missing.")
            .replace("%1", report.day.isoformat())
            .replace("%2", str(report.sessions_held))
            .replace("%3", str(len(report.absentees)))
        )
        rows = [
            (
                r.student.name,
                r.student.student_id,
                r.student.class_code or "",
                r.sessions,
                r.absent,
                r.excused,
                r.late,
            )
            for r in report.absentees
        ]
        _fill(self._absentees, rows)

    def show_tab(self, index: int) -> None:
        self._tabs.setCurrentIndex(index)
