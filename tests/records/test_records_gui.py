"""The records screen driven with pytest-qt on real widgets offscreen: open a past session,
correct a mark with a reason, export it, sign it off, a class report with charts, search."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from kiosk.app.records import RecordsService
from kiosk.app.reports import ReportsService
from kiosk.core.domain import AttendanceStatus
from kiosk.gui.records_controller import RecordsController
from kiosk.gui.records_view import RecordsView
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import audit

from .term import Term

pytestmark = pytest.mark.gui


@pytest.fixture
def screen(qtbot: QtBot, term: Term, records: RecordsService, reports: ReportsService, tmp_path: Path):  # type: ignore[no-untyped-def]
    days = term.school_days()
    view = RecordsView(days[-1])
    qtbot.addWidget(view)
    chosen: list[Path] = [tmp_path / "session.xlsx"]
    ctl = RecordsController(view, records, reports, actor="ms rivera", ask_path=lambda _w, _s: chosen[0])
    ctl.load(["9B", "10A", "11C"])
    qtbot.waitUntil(lambda: not ctl.runner.busy, timeout=20000)
    view.from_edit.setDate(QDate(days[0].year, days[0].month, days[0].day))
    view.report.from_edit.setDate(QDate(days[0].year, days[0].month, days[0].day))
    view.show()
    yield view, ctl, chosen
    ctl.close()


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_open_a_past_session_correct_a_mark_and_export(
    screen, qtbot: QtBot, engine: Engine, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    view, ctl, chosen = screen
    view.class_combo.setCurrentIndex(view.class_combo.findData("9B"))
    _click(qtbot, view.show_button)
    qtbot.waitUntil(lambda: view.session_count() == 20 * 2, timeout=20000)  # read off the GUI thread
    view.select_session_row(view.session_count() - 1)  # the oldest
    qtbot.waitUntil(lambda: ctl.detail is not None, timeout=20000)
    assert ctl.detail.overview.class_code == "9B"
    assert view.line_text("S-9B-0", 0) == "Zoë Martin"

    # Correct a mark: Save waits for a status and a reason.
    view.select_line("S-9B-1")
    _click(qtbot, view.correct_button)
    dialog = ctl.dialog
    assert dialog is not None and not dialog.can_save()
    dialog.buttons[AttendanceStatus.EXCUSED].click()
    assert not dialog.can_save()  # no reason yet
    qtbot.keyClicks(dialog.reason, "note from the office")
    dialog.excuse.setText("dentist")
    assert dialog.can_save()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    _click(qtbot, ok)
    qtbot.waitUntil(lambda: view.line_text("S-9B-1", 2) == "Excused", timeout=20000)
    assert "note from the office" in view.line_text("S-9B-1", 5)
    with unit_of_work(session_factory(engine)) as s:
        entry = audit.entries(s, action="attendance.correct")[-1]
    assert entry["actor"] == "ms rivera" and entry["details"]["student"] == "S-9B-1"

    # Export the session: the file holds the corrected mark.
    _click(qtbot, view.export_button)
    assert chosen[0].is_file()
    sheet = load_workbook(chosen[0])["Attendance"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=2)]
    corrected = next(r for r in rows if r["student_id"] == "S-9B-1")
    assert (corrected["status"], corrected["corrected"], corrected["note"]) == ("excused", "yes", "dentist")
    # Print: Qt's print dialog opens; what it prints is laid out by print_to (here on a PDF printer).
    from PySide6.QtPrintSupport import QPrinter

    from kiosk.app import exports
    from kiosk.gui.report_pdf import print_to

    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    assert ctl.print_dialog is not None and ctl.print_dialog.isVisible()
    ctl.print_dialog.reject()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_to(printer, exports.session_table(ctl.detail))
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    pdf = ctl.export_session(tmp_path / "session.pdf")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    assert "Exported to" in view.message()


def test_sign_off_with_one_tap_fixes_locks_the_register(
    screen, qtbot: QtBot, records: RecordsService
) -> None:  # type: ignore[no-untyped-def]
    view, ctl, _ = screen
    _click(qtbot, view.show_button)
    # The fixture's list is already shown: wait for this click's list, not that one.
    qtbot.waitUntil(lambda: not ctl.runner.busy and view.session_count() > 0, timeout=20000)
    view.select_session_row(0)
    qtbot.waitUntil(lambda: ctl.detail is not None, timeout=20000)
    session_id = ctl.detail.overview.id
    _click(qtbot, view.sign_off_button)
    qtbot.waitUntil(lambda: ctl.signoff is not None, timeout=20000)
    dialog = ctl.signoff
    assert dialog.isVisible()
    everyone = sum(len(dialog.names_in(k)) for k in ("present", "late", "absent", "doubtful"))
    assert everyone == len(ctl.detail.lines)
    first = ctl.detail.lines[0]
    dialog.pick(first.name)
    _click(qtbot, dialog.fix_buttons[AttendanceStatus.LATE])
    qtbot.waitUntil(lambda: first.name in dialog.names_in("late"), timeout=20000)
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        _click(qtbot, dialog.confirm)
    detail = records.session(session_id)
    assert detail.overview.signed_off and detail.overview.signed_off_by == "ms rivera"
    assert detail.line_for(first.student_id).status is AttendanceStatus.LATE  # type: ignore[union-attr]
    # The screen refreshes from the runner's "changed": it shows the register as signed off.
    qtbot.waitUntil(lambda: not view.sign_off_button.isEnabled(), timeout=20000)
    assert "Signed off by ms rivera" in view.detail_title()


def test_class_report_charts_search_and_day(screen, qtbot: QtBot, term: Term, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view, ctl, chosen = screen
    view.show_tab(1)
    view.report.class_combo.setCurrentIndex(view.report.class_combo.findData("10A"))
    _click(qtbot, view.report.show_button)
    qtbot.waitUntil(lambda: ctl.class_report is not None, timeout=20000)
    assert view.report.table.rowCount() == len(ctl.class_report.students)
    assert view.report.week_chart.points == 4 and view.report.student_chart.bars == len(
        ctl.class_report.students
    )
    chosen[0] = tmp_path / "report.csv"
    _click(qtbot, view.report.export_button)
    with chosen[0].open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == len(ctl.class_report.students)

    view.search_for("zoe")
    qtbot.waitUntil(lambda: view.found_ids() == ["S-9B-0"], timeout=20000)
    view.student_selected.emit("S-9B-0")
    qtbot.waitUntil(lambda: ctl.student_report is not None, timeout=20000)
    assert ctl.student_report.student.name == "Zoë Martin"
    view.search_for("dijkstar")
    qtbot.waitUntil(lambda: view.found_ids()[:1] == ["S-9B-4"], timeout=20000)

    view.show_tab(3)
    day = term.school_days()[3]
    view.day_tab.day_edit.setDate(QDate(day.year, day.month, day.day))
    ctl.show_day()
    qtbot.waitUntil(lambda: "sessions" in view.day_tab.summary.text(), timeout=20000)


def test_the_live_roster_filters_by_name_without_accents_or_with_a_typo(qtbot: QtBot) -> None:
    import uuid

    from kiosk.app.session import RosterEntry
    from kiosk.core.domain import StudentInfo
    from kiosk.gui.roster_view import RosterPanel

    panel = RosterPanel()
    qtbot.addWidget(panel)
    names = ["Zoë Martin", "Edsger Dijkstra", "Alan Turing"]
    panel.set_entries(
        [RosterEntry(StudentInfo(uuid.uuid4(), f"S-{i}", n, "9B"), None) for i, n in enumerate(names)]
    )
    qtbot.keyClicks(panel.filter, "zoe")
    assert panel.visible_names() == ["Zoë Martin"]
    panel.filter.setText("dijkstar")
    assert panel.visible_names() == ["Edsger Dijkstra"]
    panel.filter.clear()
    assert panel.visible_names() == names


def test_in_german_the_marks_and_methods_are_said_in_german(screen, qtbot: QtBot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from kiosk.gui.translations import install_translations, remove_translations

    app = QApplication.instance()
    assert app is not None
    installed = install_translations(app, "de", tmp_path / "cache")
    try:
        assert installed, "the translation did not load (lrelease missing?)"
        view, ctl, _chosen = screen
        view.class_combo.setCurrentIndex(view.class_combo.findData("9B"))
        _click(qtbot, view.show_button)
        qtbot.waitUntil(lambda: view.session_count() == 20 * 2, timeout=20000)
        view.select_session_row(view.session_count() - 1)
        qtbot.waitUntil(lambda: ctl.detail is not None, timeout=20000)
        statuses = {view.line_text(line.student_id, 2) for line in ctl.detail.lines}
        methods = {view.line_text(line.student_id, 3) for line in ctl.detail.lines}
        assert statuses <= {"Anwesend", "Verspätet", "Abwesend", "Entschuldigt"} and statuses
        assert methods <= {"Kamera", "Kamera, bestätigt", "von Hand", "Karte", "PIN", ""} and methods - {""}

        view.select_line("S-9B-1")
        _click(qtbot, view.correct_button)
        dialog = ctl.dialog
        assert dialog is not None
        dialog.buttons[AttendanceStatus.EXCUSED].click()
        qtbot.keyClicks(dialog.reason, "Zettel vom Sekretariat")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: view.line_text("S-9B-1", 2) == "Entschuldigt", timeout=20000)
        assert "Entschuldigt" in view.message() and "excused" not in view.message()
    finally:
        remove_translations(app, installed)
