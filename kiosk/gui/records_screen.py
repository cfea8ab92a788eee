"""Opens the records screen from the main window, and the teacher's sign-off from the
summary of a session that just ended. Built once by :func:`kiosk.gui.app.build_gui`.

The records hold personal data: in kiosk mode the screen opens only for a signed-in teacher
or admin (the window's :class:`~kiosk.gui.access_guard.AccessGuard`; a student at the kiosk
must not browse them). The services act for the signed-in account: a teacher's class pickers
offer their own classes, and the services refuse any other (:mod:`kiosk.app.records`);
corrections name the signed-in account.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QCoreApplication

from kiosk.core.authz import Action
from kiosk.core.errors import KioskError
from kiosk.gui.access_guard import AccessGuard
from kiosk.gui.context import GuiContext
from kiosk.gui.dialogs import show_error
from kiosk.gui.main_window import MainWindow
from kiosk.gui.records_controller import RecordsController
from kiosk.gui.records_view import RecordsView
from kiosk.gui.runner import OpRunner

log = logging.getLogger(__name__)


class RecordsScreen:
    def __init__(
        self,
        ctx: GuiContext,
        window: MainWindow,
        runner: OpRunner | None = None,
        guard: AccessGuard | None = None,
    ) -> None:
        """``runner``: the window's database runner, shared with the session screen (one caller
        at a time, and both screens refresh from the changes either makes); ``guard``: who may
        open the records in kiosk mode (the window always gives it)."""
        self.ctx = ctx
        self.window = window
        self.runner = runner
        self.guard = guard
        self.controller: RecordsController | None = None
        window.records_requested.connect(self.request)
        window.summary_view.sign_off_requested.connect(self.sign_off_ended_session)

    def _ensure(self) -> RecordsController | None:
        if self.controller is not None:
            return self.controller
        try:
            services = self.ctx.services
            if services is None:
                raise KioskError("The database is not open yet.", "Wait a moment and try again.")
            records, reports = services.records(), services.reports()
        except KioskError as exc:
            show_error(self.window, exc)
            return None
        view = RecordsView(date.today())
        view.back_requested.connect(self.window.show_start)
        self.controller = RecordsController(view, records, reports, runner=self.runner)
        return self.controller

    def _failed(self, error: KioskError) -> None:
        show_error(self.window, error)

    def request(self) -> None:
        if self.window.kiosk_mode and self.guard is not None:
            self.guard.require(Action.RECORDS_OWN, self.open)  # a teacher: their classes
            return
        self.open()

    def _act_for_signed_in(self, controller: RecordsController) -> None:
        """The services ask for whoever is signed in now (nobody: the computer's own user)."""
        account = self.guard.account if self.guard is not None else None
        controller.records = controller.records.for_account(account)
        controller.reports = controller.reports.for_account(account)
        if account is not None:
            controller.actor = account.name  # corrections name the signed-in account

    def open(self) -> RecordsView | None:
        controller = self._ensure()
        if controller is None:
            return None
        self._act_for_signed_in(controller)
        records = controller.records
        controller.runner.query(records.class_codes, self._load, self._failed, what="Loading the classes")
        self.window.show_screen(controller.view)
        return controller.view

    def _load(self, codes: list[str]) -> None:
        controller = self.controller
        if controller is None:
            return
        controller.load(codes)
        account = controller.records.account
        if not codes and account is not None:
            controller.view.show_message(
                QCoreApplication.translate(
                    "RecordsView", "No classes are linked to %1 yet: an admin links them under Accounts."
                ).replace("%1", account.name)
            )

    def sign_off_ended_session(self) -> None:
        """Opens the sign-off (as ``controller.signoff``) once the session is read."""
        summary = self.window.summary_view.summary
        controller = self._ensure()
        services = self.ctx.services
        if summary is None or controller is None or services is None:
            return
        self._act_for_signed_in(controller)
        view = self.window.summary_view
        controller.sign_off_dialog(
            summary.session.id,
            asked=view.unanswered,
            on_done=lambda: view.show_message(
                QCoreApplication.translate(
                    "SummaryView", "Register confirmed: the marks of this session are locked."
                )
            ),
            before=services.wait_for_sync,  # the offline-first store may still be sending the session
        )
