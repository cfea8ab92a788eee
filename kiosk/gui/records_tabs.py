"""The records screen's report tabs (layout only): a class report with charts, student
search with a student's history, and the day's absentees. Plus the small table helpers
the screen shares."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta, tzinfo

from PySide6.QtCore import QDate, Qt
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
    QVBoxLayout,
    QWidget,
)

from kiosk.core.reports import ClassReport, DayReport, Found, StudentReport
from kiosk.core.tables import local_time_text, percent
from kiosk.gui.dialogs import method_text, status_text
from kiosk.gui.records_charts import StudentRateChart, WeeklyRateChart


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def picked(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def table_widget(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill(table: QTableWidget, rows: Sequence[Sequence[object]], keys: Sequence[object] | None = None) -> None:
    """Rows of cells; ``keys`` are kept on each row's first cell (what a click selects)."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if keys is not None and c == 0:
                item.setData(Qt.ItemDataRole.UserRole, keys[r])
            table.setItem(r, c, item)


def row_key(table: QTableWidget, row: int | None = None) -> object | None:
    row = table.currentRow() if row is None else row
    item = table.item(row, 0) if row >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


def _labelled(row: QHBoxLayout, pairs: Sequence[tuple[str, QWidget]]) -> None:
    for label, widget in pairs:
        row.addWidget(QLabel(label))
        row.addWidget(widget)


class ClassReportTab(QWidget):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        v = QVBoxLayout(self)
        row = QHBoxLayout()
        self.class_combo = QComboBox()
        self.from_edit, self.to_edit = date_edit(today - timedelta(days=90)), date_edit(today)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0, 100)
        self.threshold.setValue(90)
        self.threshold.setSuffix(" %")
        _labelled(
            row,
            (
                (self.tr("Class"), self.class_combo),
                (self.tr("From"), self.from_edit),
                (self.tr("To"), self.to_edit),
                (self.tr("At risk under"), self.threshold),
            ),
        )
        self.show_button = QPushButton(self.tr("Show"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.print_button = QPushButton(self.tr("Print…"))
        for button in (self.show_button, self.export_button, self.print_button):
            row.addWidget(button)
        self.export_button.setEnabled(False)
        self.print_button.setEnabled(False)
        row.addStretch(1)
        v.addLayout(row)
        self.summary = QLabel("")
        v.addWidget(self.summary)
        charts = QHBoxLayout()
        self.week_chart = WeeklyRateChart()
        self.student_chart = StudentRateChart()
        for chart in (self.week_chart, self.student_chart):
            chart.setMaximumHeight(240)  # the table below stays readable at 720p
            charts.addWidget(chart, 1)
        v.addLayout(charts)
        self.table = table_widget(
            [
                self.tr("Name"),
                self.tr("Id"),
                self.tr("Sessions"),
                self.tr("Present"),
                self.tr("Late"),
                self.tr("Absent"),
                self.tr("Excused"),
                self.tr("Rate %"),
                self.tr("At risk"),
            ]
        )
        v.addWidget(self.table, 1)

    def filters(self) -> tuple[str | None, date, date, float]:
        code = self.class_combo.currentData() or None
        return code, picked(self.from_edit), picked(self.to_edit), self.threshold.value() / 100

    def show_report(self, report: ClassReport) -> None:
        self.summary.setText(
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
        fill(self.table, rows)
        self.week_chart.show_weeks(report.weeks, report.threshold)
        self.student_chart.show_rates(report.students, report.threshold)
        self.export_button.setEnabled(True)
        self.print_button.setEnabled(True)


class StudentsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        v = QVBoxLayout(self)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Part of a name, e.g. zoe"))
        self.search_button = QPushButton(self.tr("Search"))
        row.addWidget(self.search, 1)
        row.addWidget(self.search_button)
        v.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.found = QListWidget()
        split.addWidget(self.found)
        right = QWidget()
        rv = QVBoxLayout(right)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        rv.addWidget(self.summary)
        self.weeks = WeeklyRateChart()
        self.weeks.setMaximumHeight(220)
        rv.addWidget(self.weeks)
        self.history = table_widget(
            [self.tr("Started"), self.tr("Class"), self.tr("Status"), self.tr("Method"), self.tr("Corrected")]
        )
        rv.addWidget(self.history, 1)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setEnabled(False)
        rv.addWidget(self.export_button)
        split.addWidget(right)
        split.setSizes([300, 700])
        v.addWidget(split, 1)

    def show_results(self, found: Sequence[Found]) -> None:
        self.found.clear()
        for f in found:
            item = QListWidgetItem(
                f"{f.student.name}  ({f.student.student_id}, {f.student.class_code or '-'})"
            )
            item.setData(Qt.ItemDataRole.UserRole, f.student.student_id)
            self.found.addItem(item)

    def found_ids(self) -> list[str]:
        return [self.found.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.found.count())]

    def show_report(self, report: StudentReport, tz: tzinfo | None) -> None:
        s = report.summary
        self.summary.setText(
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
                status_text(ln.status),
                method_text(ln.method),
                self.tr("corrected") if ln.corrected else "",
            )
            for ln in report.history
        ]
        fill(self.history, rows)
        self.weeks.show_weeks(report.weeks)
        self.export_button.setEnabled(True)


class DayTab(QWidget):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        v = QVBoxLayout(self)
        row = QHBoxLayout()
        self.day_edit = date_edit(today)
        self.show_button = QPushButton(self.tr("Show"))
        _labelled(row, ((self.tr("Day"), self.day_edit),))
        row.addWidget(self.show_button)
        row.addStretch(1)
        v.addLayout(row)
        self.summary = QLabel("")
        v.addWidget(self.summary)
        self.table = table_widget(
            [
                self.tr("Name"),
                self.tr("Id"),
                self.tr("Class"),
                self.tr("Sessions"),
                self.tr("Absent"),
                self.tr("Excused"),
                self.tr("Late"),
            ]
        )
        v.addWidget(self.table, 1)

    def day(self) -> date:
        return picked(self.day_edit)

    def show_day(self, report: DayReport) -> None:
        self.summary.setText(
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
        fill(self.table, rows)
