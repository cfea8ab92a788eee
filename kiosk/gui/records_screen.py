"""Opens the records screen from the main window, and the teacher's sign-off from the
summary of a session that just ended. Built once by :func:`kiosk.gui.app.build_gui`.

The records hold personal data of every class: in kiosk mode, with an admin PIN set, the
screen opens only after the PIN (a student at the kiosk must not browse them).
"""

from __future__ import annotations

import logging
from datetime import date

from kiosk.app.admin_pin import pin_is_set
from kiosk.core.errors import KioskError
from kiosk.gui.context import GuiContext
from kiosk.gui.dialogs import PinDialog, show_error
from kiosk.gui.main_window import MainWindow
from kiosk.gui.records_controller import RecordsController
from kiosk.gui.records_dialogs import SignOffDialog
from kiosk.gui.records_view import RecordsView

log = logging.getLogger(__name__)


class RecordsScreen:
    def __init__(self, ctx: GuiContext, window: MainWindow) -> None:
        self.ctx = ctx
        self.window = window
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
        self.controller = RecordsController(view, records, reports)
        return self.controller

    def request(self) -> None:
        settings = self.ctx.settings
        if self.window.kiosk_mode and pin_is_set(settings):
            pin = PinDialog(
                settings.gui.admin_pin_hash, self.window.tr("The records: enter the admin PIN."), self.window
            )
            pin.accepted.connect(self.open)
            pin.finished.connect(pin.deleteLater)
            pin.open()
            return
        self.open()

    def open(self) -> RecordsView | None:
        controller = self._ensure()
        store = self.ctx.store
        if controller is None or store is None:
            return None
        try:
            codes = [c.code for c in store.list_classes()]
        except KioskError as exc:
            show_error(self.window, exc)
            return None
        controller.load(codes)
        self.window.show_screen(controller.view)
        return controller.view

    def sign_off_ended_session(self) -> SignOffDialog | None:
        summary = self.window.summary_view.summary
        controller = self._ensure()
        services = self.ctx.services
        if summary is None or controller is None or services is None:
            return None
        try:
            services.wait_for_sync()  # the offline-first store may still be sending the session
        except KioskError as exc:
            show_error(self.window, exc)
            return None
        view = self.window.summary_view
        return controller.sign_off_dialog(
            summary.session.id,
            on_done=lambda: view.show_message(
                view.tr("Register confirmed: the marks of this session are locked.")
            ),
        )
