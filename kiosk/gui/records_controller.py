"""Drives the records screen and the sign-off screen through the record and report services.

Every database call runs on the GUI's background runner (:class:`~kiosk.gui.runner.OpRunner`),
so the window never freezes on a slow server: reads are :class:`QueryOp` s whose results are
shown when they arrive; corrections and the sign-off are :class:`MutationOp` s, and the screen
refreshes from the runner's ``changed`` signal, whoever made the change. Every failure a person
can fix is shown as a message box with its hint, never a traceback.
"""

from __future__ import annotations

import getpass
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import tzinfo
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from kiosk.app import exports
from kiosk.app.records import RecordsService
from kiosk.app.reports import ReportsService
from kiosk.core.domain import AttendanceStatus
from kiosk.core.doubt import Doubt
from kiosk.core.errors import KioskError
from kiosk.core.records import RecordLine, SessionDetail, SessionOverview
from kiosk.core.reports import ClassReport, StudentReport
from kiosk.core.tables import Table
from kiosk.gui.dialogs import show_error, status_text
from kiosk.gui.records_dialogs import CorrectionDialog, SignOffDialog
from kiosk.gui.records_view import RecordsView
from kiosk.gui.report_pdf import print_to
from kiosk.gui.runner import Changes, OpHandle, OpRunner
from kiosk.gui.table_export import ask_save_path, write_any

log = logging.getLogger(__name__)

T = TypeVar("T")
AskPath = Callable[[QWidget, str], Path | None]


class RecordsController:
    def __init__(
        self,
        view: RecordsView,
        records: RecordsService,
        reports: ReportsService,
        *,
        runner: OpRunner | None = None,
        actor: str | None = None,
        ask_path: AskPath = ask_save_path,
    ) -> None:
        """``runner``: the window's database runner (one caller at a time); a screen built on
        its own (tests, screenshots) gets a runner of its own, living as long as the view."""
        self.view = view
        self.records = records
        self.reports = reports
        self._own_runner = runner is None
        self.runner = runner or OpRunner("kiosk-records", view)
        self.actor = actor or getpass.getuser()
        self.tz: tzinfo | None = records.tz
        self._ask_path = ask_path
        self.detail: SessionDetail | None = None
        self.class_report: ClassReport | None = None
        self.student_report: StudentReport | None = None
        self.dialog: CorrectionDialog | None = None
        self.signoff: SignOffDialog | None = None
        self.print_dialog: QPrintDialog | None = None
        self.runner.changed.connect(self._on_changed)
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

    def _failed(self, error: KioskError) -> None:
        show_error(self.view, error)

    def _read(self, work: Callable[[], T], show: Callable[[T], None], what: str) -> OpHandle:
        """``work`` on the runner's thread; ``show`` on the GUI thread with its result."""
        return self.runner.query(work, show, self._failed, what=what)

    def _change(self, work: Callable[[], T], done: Callable[[T], None], what: str) -> OpHandle:
        """A change of marks: after ``done``, the runner's ``changed`` refreshes every screen."""
        return self.runner.mutate(work, Changes(marks=True), done, self._failed, what=what)

    def settle(self, timeout_seconds: float = 30.0) -> None:
        """Until the queued reads have been shown (screenshots, which need the screen filled)."""
        deadline = time.monotonic() + timeout_seconds
        while self.runner.busy and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.005)
        QCoreApplication.processEvents()

    def close(self) -> None:
        """Ends the runner this screen made for itself (a shared one belongs to the window)."""
        if self._own_runner:
            self.runner.shutdown()

    def _on_changed(self, changes: Changes) -> None:
        """Marks changed (here or elsewhere): the list and the open session show them, read
        together so the list never shows the open session cleared. A hidden screen is
        refilled when it is opened, not at every mark of a running session."""
        if not changes.marks or not self.view.isVisible():
            return
        code, start, end = self.view.session_filters()
        open_id = self.detail.overview.id if self.detail is not None else None

        def read() -> tuple[list[SessionOverview], SessionDetail | None]:
            sessions = self.records.list_sessions(class_code=code, start=start, end=end)
            return sessions, (self.records.session(open_id) if open_id is not None else None)

        def show(result: tuple[list[SessionOverview], SessionDetail | None]) -> None:
            sessions, detail = result
            chosen = self.view.selected_student_id()
            self.view.show_sessions(sessions, self.tz)
            if detail is not None:
                self.view.keep_session_selected(detail.overview.id)
                self._show_detail(detail, keep=chosen)

        self._read(read, show, "Loading the sessions")

    # --- sessions -----------------------------------------------------------------------
    def load(self, class_codes: list[str]) -> None:
        self.view.set_classes(class_codes)
        self.refresh_sessions()

    def refresh_sessions(self) -> None:
        code, start, end = self.view.session_filters()
        self._read(
            lambda: self.records.list_sessions(class_code=code, start=start, end=end),
            lambda sessions: self.view.show_sessions(sessions, self.tz),
            "Loading the sessions",
        )

    def open_session(self, session_id: uuid.UUID) -> None:
        self._read(lambda: self.records.session(session_id), self._show_detail, "Loading the session")

    def _show_detail(self, detail: SessionDetail, keep: str | None = None) -> None:
        """``keep``: the student whose line stays selected (after a refresh of this session)."""
        self.detail = detail
        self.view.show_session(detail, self.tz)
        if keep is not None and detail.line_for(keep) is not None:
            self.view.select_line(keep)

    def open_correction(self) -> CorrectionDialog | None:
        student_id = self.view.selected_student_id()
        if self.detail is None or student_id is None:
            self.view.show_message(
                QCoreApplication.translate("RecordsView", "Choose a student in the session first.")
            )
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
        reason, excuse = dialog.reason.text(), dialog.excuse.text()

        def done(line: RecordLine) -> None:
            self.view.show_message(
                QCoreApplication.translate("RecordsView", "%1 is now %2.")
                .replace("%1", line.name)
                .replace("%2", status_text(line.status))
            )

        self._change(
            lambda: self.records.correct(
                session_id, student_id, status, reason=reason, actor=self.actor, excuse=excuse
            ),
            done,
            "The correction",
        )

    def open_sign_off(self) -> None:
        if self.detail is not None:
            self.sign_off_dialog(self.detail.overview.id)  # the screen refreshes from ``changed``

    def sign_off_dialog(
        self,
        session_id: uuid.UUID,
        on_done: Callable[[], None] | None = None,
        *,
        before: Callable[[], None] | None = None,
        asked: Sequence[Doubt] = (),
    ) -> None:
        """The teacher's sign-off screen for a session (also shown when a live session ends),
        opened as :attr:`signoff` once the session is read. ``before``: work on the runner's
        thread ahead of the read (waiting for the offline outbox to reach the database);
        ``asked``: the live session's questions nobody answered (in the doubtful list)."""
        self.signoff = None

        def read() -> SessionDetail:
            if before is not None:
                before()
            return self.records.session(session_id)

        self._read(read, lambda detail: self._open_sign_off(detail, on_done, asked), "Loading the session")

    def _open_sign_off(
        self, detail: SessionDetail, on_done: Callable[[], None] | None, asked: Sequence[Doubt] = ()
    ) -> None:
        session_id = detail.overview.id
        dialog = SignOffDialog(detail, self.view, asked=asked)

        def fix(student_uuid: uuid.UUID, status: AttendanceStatus) -> None:
            def work() -> SessionDetail:
                self.records.fix_before_sign_off(session_id, student_uuid, status, actor=self.actor)
                return self.records.session(session_id)

            self._change(work, dialog.show_detail, "The fix")

        def confirmed(_: object) -> None:
            dialog.accept()
            if on_done is not None:
                on_done()

        def confirm() -> None:
            self._change(
                lambda: self.records.sign_off(session_id, actor=self.actor), confirmed, "The sign-off"
            )

        dialog.fix_requested.connect(fix)
        dialog.confirm_requested.connect(confirm)
        self.signoff = dialog
        dialog.open()

    # --- reports and search -------------------------------------------------------------
    def show_class_report(self) -> None:
        code, start, end, threshold = self.view.report_filters()
        if code is None:
            self.view.show_message(QCoreApplication.translate("RecordsView", "Choose a class first."))
            return

        def show(report: ClassReport) -> None:
            self.class_report = report
            self.view.show_class_report(report)

        self._read(
            lambda: self.reports.class_report(code, start, end, threshold=threshold), show, "The class report"
        )

    def search(self, text: str) -> None:
        self._read(lambda: self.records.search_students(text), self.view.show_search_results, "The search")

    def show_student(self, student_id: str) -> None:
        def show(report: StudentReport) -> None:
            self.student_report = report
            self.view.show_student_report(report, self.tz)

        self._read(lambda: self.reports.student_report(student_id), show, "The student report")

    def show_day(self) -> None:
        day = self.view.day()
        self._read(lambda: self.reports.day_report(day), self.view.show_day, "The day report")

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
            self.view.show_message(
                QCoreApplication.translate("RecordsView", "Exported to %1.").replace("%1", str(written[0]))
            )
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
