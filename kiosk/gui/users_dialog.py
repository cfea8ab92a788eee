"""The accounts, for admins: add a teacher or an admin, disable, unlock or give a new PIN.

Every change goes through the account service on the window's database thread; the list
reloads after each one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.app.accounts import AccountService
from kiosk.core.authz import Account, Role
from kiosk.core.errors import KioskError
from kiosk.gui.access_guard import AccessGuard
from kiosk.gui.accessibility import name_controls
from kiosk.gui.dialogs import error_text

log = logging.getLogger(__name__)


class UsersDialog(QDialog):
    def __init__(self, guard: AccessGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guard = guard
        self.setWindowTitle(self.tr("Accounts"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.accounts = QListWidget()
        self.accounts.setAccessibleName(self.tr("Accounts"))
        layout.addWidget(self.accounts)
        row = QHBoxLayout()
        self.disable_button = QPushButton(self.tr("Disable"))
        self.enable_button = QPushButton(self.tr("Enable"))
        self.reset_button = QPushButton(self.tr("Unlock / new PIN"))
        for b in (self.disable_button, self.enable_button, self.reset_button):
            row.addWidget(b)
        layout.addLayout(row)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        form.addRow(self.tr("&Name:"), self.name)
        self.role = QComboBox()
        self.role.addItem(self.tr("Teacher"), Role.TEACHER)
        self.role.addItem(self.tr("Admin"), Role.ADMIN)
        form.addRow(self.tr("&Role:"), self.role)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&PIN or password:"), self.pin)
        layout.addLayout(form)
        self.add_button = QPushButton(self.tr("Add the account"))
        layout.addWidget(self.add_button)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.add_button.clicked.connect(self.add)
        self.disable_button.clicked.connect(lambda: self._change(lambda a, n: a.set_active(n, False)))
        self.enable_button.clicked.connect(lambda: self._change(lambda a, n: a.set_active(n, True)))
        self.reset_button.clicked.connect(self.reset)
        name_controls(self)
        self.last_error: KioskError | None = None
        self.reload()

    def _service(self) -> AccountService:
        services = self.guard.ctx.services
        if services is None:
            raise KioskError(
                self.tr("The database is not open yet."), self.tr("Wait a moment and try again.")
            )
        return services.accounts()

    def _run(self, work: Callable[[AccountService], object], done: str) -> None:
        def succeeded(_result: object) -> None:
            self.message.setText(done)
            self.reload()

        self.guard.db.query(
            lambda: work(self._service()), succeeded, self._failed, what="Changing the accounts"
        )

    def _failed(self, exc: KioskError) -> None:
        self.last_error = exc
        self.message.setText(error_text(exc))

    def reload(self) -> None:
        self.guard.db.query(
            lambda: self._service().list_accounts(), self._show, self._failed, what="Reading the accounts"
        )

    def _show(self, accounts: list[Account]) -> None:
        self.accounts.clear()
        for a in accounts:
            state = (
                self.tr("disabled")
                if not a.active
                else self.tr("locked")
                if a.throttle.locked
                else self.tr("active")
            )
            item = QListWidgetItem(f"{a.name} — {a.role.value} — {state}")
            item.setData(Qt.ItemDataRole.UserRole, a.name)
            self.accounts.addItem(item)

    @property
    def selected_name(self) -> str | None:
        item = self.accounts.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def add(self) -> None:
        name, secret, role = self.name.text().strip(), self.pin.text(), Role(self.role.currentData())
        self.pin.clear()
        self._run(lambda a: a.add(name, role, secret), self.tr("Account %s added.") % name)

    def reset(self) -> None:
        name = self.selected_name
        if name is None:
            return
        secret = self.pin.text() or None
        self.pin.clear()
        self._run(lambda a: a.reset(name, secret), self.tr("Account %s unlocked.") % name)

    def _change(self, work: Callable[[AccountService, str], object]) -> None:
        name = self.selected_name
        if name is not None:
            self._run(lambda a: work(a, name), self.tr("Account %s changed.") % name)
