"""The guard in front of every protected action of the window: sign in, check the role, lock.

One rule (:mod:`kiosk.core.authz`) decides who may do what; the controllers call
:meth:`AccessGuard.require` once per entry point with the action and what to do when allowed.

- No accounts yet (a new kiosk): as before accounts existed: the old admin PIN, if one is
  set, guards the admin actions, and the rest is open.
- With accounts: a sign-in dialog; the account is checked on the database thread (the
  local copy when offline). The signed-in person stays signed in until
  ``[kiosk] lock_after_minutes`` pass without a touch, then the kiosk locks again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog

from kiosk.app.admin_pin import pin_is_set
from kiosk.core.authz import Account, Action, Role, least_role, needs_account
from kiosk.core.errors import AccessDenied, KioskError
from kiosk.gui.context import GuiContext
from kiosk.gui.dialogs import PinDialog
from kiosk.gui.login_dialog import LoginDialog
from kiosk.gui.main_window import MainWindow
from kiosk.gui.runner import OpRunner

log = logging.getLogger(__name__)

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.Wheel,
    }
)


class AccessGuard(QObject):
    signed_in = Signal(str)  # the account name
    locked = Signal()

    def __init__(self, ctx: GuiContext, window: MainWindow, db: OpRunner) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.db = db
        self.account: Account | None = None
        self.dialog: QDialog | None = None
        self.last_error: KioskError | None = None
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(max(1, int(ctx.settings.lock_after_minutes * 60_000)))
        self.idle.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def actor(self) -> str | None:
        """Who is signed in (for the audit log), or ``None``."""
        return self.account.name if self.account is not None else None

    # --- the rule ---------------------------------------------------------------------------
    def require(self, action: Action, then: Callable[[], object]) -> None:
        """Run ``then`` now if whoever is signed in may do ``action``; otherwise ask for someone who may."""
        if self.account is not None and self.account.may(action):
            self.idle.start()
            then()
            return
        if not needs_account(action, sessions_without_login=self.ctx.settings.sessions_without_login):
            then()
            return
        services = self.ctx.services
        if services is None:  # the database never opened: only the old PIN can guard anything
            self._without_accounts(action, then)
            return
        accounts = services.accounts()
        self.db.query(
            accounts.has_accounts,
            lambda has: self._sign_in(action, then) if has else self._without_accounts(action, then),
            lambda exc: self._without_accounts(action, then),
            what="Reading the accounts",
        )

    def _without_accounts(self, action: Action, then: Callable[[], object]) -> None:
        settings = self.ctx.settings
        if least_role(action) is Role.TEACHER or not pin_is_set(settings):
            then()
            return
        pin = PinDialog(
            settings.gui.admin_pin_hash, self.tr("Enter the admin PIN to change kiosk settings."), self.window
        )
        pin.accepted.connect(then)
        self._show(pin)

    def _sign_in(self, action: Action, then: Callable[[], object]) -> None:
        who = self.tr("an admin") if least_role(action) is Role.ADMIN else self.tr("a teacher or an admin")
        dialog = LoginDialog(self.tr("This needs %s: sign in.") % who, self.window)
        dialog.submitted.connect(lambda name, secret: self._check(dialog, action, then, name, secret))
        self._show(dialog)

    def _show(self, dialog: QDialog) -> None:
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _check(
        self, dialog: LoginDialog, action: Action, then: Callable[[], object], name: str, secret: str
    ) -> None:
        services = self.ctx.services
        if services is None:
            dialog.refuse(self.tr("The database is not open yet. Wait a moment and try again."))
            return
        accounts = services.accounts()

        def signed(account: Account) -> None:
            if not account.may(action):
                self.last_error = AccessDenied(f"{account.name} ({account.role.value}) may not do this.")
                log.warning("%s (%s) was refused %s", account.name, account.role.value, action.value)
                dialog.refuse(self.tr("%s may not do this: ask an admin.") % account.name)
                return
            self.account = account
            self.idle.start()
            self.signed_in.emit(account.name)
            dialog.accept()
            then()

        def refused(exc: KioskError) -> None:
            self.last_error = exc
            dialog.refuse(f"{exc.message} {exc.hint}".strip())

        self.db.query(lambda: accounts.sign_in(name, secret), signed, refused, what="Signing in")

    # --- locking ---------------------------------------------------------------------------
    def lock(self) -> None:
        """Sign out and close what the signed-in person left open: the next action asks again."""
        if self.account is not None:
            log.info(
                "Signed out after %s minutes without a touch: %s",
                self.ctx.settings.lock_after_minutes,
                self.account.name,
            )
        self.account = None
        self.idle.stop()
        for dialog in self.window.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        w = self.window
        if w.stack.currentWidget() not in (w.start_view, w.live_view, w.summary_view):
            w.show_start()  # an admin's screen (the records) left open: back to the kiosk's own
        self.locked.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.account is not None and event.type() in _INPUT_EVENTS:
            self.idle.start()  # someone is at the kiosk: stay signed in
        return False

    def shutdown(self) -> None:
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
