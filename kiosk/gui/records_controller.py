"""Drives the records screen and the sign-off screen through the record and report services.

Reads are a few set-based queries (milliseconds even over a school year, see
``benchmarks/bench_records.py``), so they run on the GUI thread; every failure a person
can fix is shown as a message box with its hint, never a traceback.
"""

from __future__ import annotations

import getpass
import logging
import uuid
from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from kiosk.app import exports
from kiosk.app.records import RecordsService
from kiosk.app.reports import ReportsService
from kiosk.core.domain import AttendanceStatus
from kiosk.core.errors import KioskError
from kiosk.core.records import SessionDetail
from kiosk.core.reports import ClassReport, StudentReport
from kiosk.core.tables import Table
from kiosk.gui.dialogs import show_error
from kiosk.gui.records_dialogs import CorrectionDialog, SignOffDialog
from kiosk.gui.records_view import RecordsView
from kiosk.gui.report_pdf import print_to, write_pdf

log = logging.getLogger(__name__)

AskPath = Callable[[QWidget, str], Path | None]


def ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(
        parent, parent.tr("Export"), suggested, parent.tr("CSV (*.csv);;Excel (*.xlsx);;PDF (*.pdf)")
    )
    return Path(path) if path else None


def write_any(table: Table, path: Path) -> Path:
    """CSV, XLSX (the app) or PDF (Qt), by the file's suffix."""
    if exports.export_format(path) == "pdf":
        return write_pdf(table, path)
    return exports.write_table(table, path)


class RecordsController:
    def __init__(
        self,
        view: RecordsView,
        records: RecordsService,
        reports: ReportsService,
        *,
        actor: str | None = None,
        ask_path: AskPath = ask_save_path,
    ) -> None:
        self.view = view
        self.records = records
        self.reports = reports
        self.actor = actor or getpass.getuser()
        self.tz: tzinfo | None = records.tz
        self._ask_path = ask_path
        self.detail: SessionDetail | None = None
        self.class_report: ClassReport | None = None
        self.student_report: StudentReport | None = None
        self.dialog: CorrectionDialog | None = None
        self.signoff: SignOffDialog | None = None
        self.print_dialog: QPrintDialog | None = None
        view.sessions_requested.connect(self.refresh_sessions)
        view.session_selected.connect(self.open_session)
        view.correct_requested.connect(self.open_correction)
        view.sign_off_requested.connect(self.open_sign_off)
        view.export_session_requested.connect(
            lambda: self._export_to_chosen(self._session_table(), "session")
        )
        view.class_report_requested.connect(self.show_class_report)
        view.export_report_requested.connect(
            lambda: self._export_to_chosen(self._class_table(), "class-report")
        )
        view.search_requested.connect(self.search)
        view.student_selected.connect(self.show_student)
        view.export_student_requested.connect(
            lambda: self._export_to_chosen(self._student_table(), "student")
        )
        view.day_requested.connect(self.show_day)
        view.print_session_requested.connect(lambda: self.print_table(self._session_table()))
        view.print_report_requested.connect(lambda: self.print_table(self._class_table()))

    def _guard(self, work: Callable[[], object]) -> bool:
        try:
            work()
        except KioskError as exc:
            show_error(self.view, exc)
            return False
        return True

    # --- sessions -----------------------------------------------------------------------
    def load(self, class_codes: list[str]) -> None:
        self.view.set_classes(class_codes)
        self.refresh_sessions()

    def refresh_sessions(self) -> None:
        code, start, end = self.view.session_filters()
        self._guard(
            lambda: self.view.show_sessions(
                self.records.list_sessions(class_code=code, start=start, end=end), self.tz
            )
        )

    def open_session(self, session_id: uuid.UUID) -> None:
        def work() -> None:
            self.detail = self.records.session(session_id)
            self.view.show_session(self.detail, self.tz)

        self._guard(work)

    def open_correction(self) -> CorrectionDialog | None:
        student_id = self.view.selected_student_id()
        if self.detail is None or student_id is None:
            self.view.show_message(self.view.tr("Choose a student in the session first."))
            return None
        line = self.detail.line_for(student_id)
        if line is None:
            return None
        dialog = CorrectionDialog(line, signed_off=self.detail.overview.signed_off, parent=self.view)
        dialog.accepted.connect(lambda: self.correct(line.student_id, dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def correct(self, student_id: str, dialog: CorrectionDialog) -> None:
        if self.detail is None or dialog.chosen is None:
            return
        session_id, status = self.detail.overview.id, dialog.chosen

        def work() -> None:
            line = self.records.correct(
                session_id,
                student_id,
                status,
                reason=dialog.reason.text(),
                actor=self.actor,
                excuse=dialog.excuse.text(),
            )
            self.view.show_message(
                self.view.tr("%1 is now %2.").replace("%1", line.name).replace("%2", line.status.value)
            )

        if self._guard(work):
            self.open_session(session_id)
            self.view.select_line(student_id)

    def open_sign_off(self) -> SignOffDialog | None:
        if self.detail is None:
            return None
        session_id = self.detail.overview.id
        return self.sign_off_dialog(session_id, on_done=lambda: self.open_session(session_id))

    def sign_off_dialog(
        self, session_id: uuid.UUID, on_done: Callable[[], None] | None = None
    ) -> SignOffDialog | None:
        """The teacher's sign-off screen for a session (also shown when a live session ends)."""
        try:
            detail = self.records.session(session_id)
        except KioskError as exc:
            show_error(self.view, exc)
            return None
        dialog = SignOffDialog(detail, self.view)

        def fix(student_uuid: uuid.UUID, status: AttendanceStatus) -> None:
            self._guard(
                lambda: self.records.fix_before_sign_off(session_id, student_uuid, status, actor=self.actor)
            )
            self._guard(lambda: dialog.show_detail(self.records.session(session_id)))

        def confirm() -> None:
            if self._guard(lambda: self.records.sign_off(session_id, actor=self.actor)):
                dialog.accept()
                if on_done is not None:
                    on_done()

        dialog.fix_requested.connect(fix)
        dialog.confirm_requested.connect(confirm)
        self.signoff = dialog
        dialog.open()
        return dialog

    # --- reports and search -------------------------------------------------------------
    def show_class_report(self) -> None:
        code, start, end, threshold = self.view.report_filters()
        if code is None:
            self.view.show_message(self.view.tr("Choose a class first."))
            return

        def work() -> None:
            self.class_report = self.reports.class_report(code, start, end, threshold=threshold)
            self.view.show_class_report(self.class_report)

        self._guard(work)

    def search(self, text: str) -> None:
        self._guard(lambda: self.view.show_search_results(self.records.search_students(text)))

    def show_student(self, student_id: str) -> None:
        def work() -> None:
            self.student_report = self.reports.student_report(student_id)
            self.view.show_student_report(self.student_report, self.tz)

        self._guard(work)

    def show_day(self) -> None:
        self._guard(lambda: self.view.show_day(self.reports.day_report(self.view.day())))

    # --- exports ------------------------------------------------------------------------
    def _session_table(self) -> Table | None:
        return exports.session_table(self.detail, self.tz) if self.detail else None

    def _class_table(self) -> Table | None:
        return exports.class_report_table(self.class_report) if self.class_report else None

    def _student_table(self) -> Table | None:
        return exports.student_report_table(self.student_report, self.tz) if self.student_report else None

    def _export_to_chosen(self, table: Table | None, suggested: str) -> None:
        if table is None:
            return
        path = self._ask_path(self.view, f"{suggested}.csv")
        if path is not None:
            self.export(table, path)

    def export(self, table: Table, path: Path) -> Path | None:
        written: list[Path] = []
        if self._guard(lambda: written.append(write_any(table, path))):
            self.view.show_message(self.view.tr("Exported to %1.").replace("%1", str(written[0])))
            return written[0]
        return None

    def print_table(self, table: Table | None) -> QPrintDialog | None:
        """Qt's print dialog; the table is laid out on the chosen printer when accepted."""
        if table is None:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.view)
        dialog.accepted.connect(lambda: print_to(printer, table))
        self.print_dialog = dialog
        QDialog.open(dialog)  # QPrintDialog.open wants a slot to call: the plain non-blocking open
        return dialog

    def export_session(self, path: Path) -> Path | None:
        table = self._session_table()
        return self.export(table, path) if table is not None else None
