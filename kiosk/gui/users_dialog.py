"""The accounts, for admins: add a teacher or an admin, choose a teacher's classes, disable,
unlock or give a new PIN.

Every change goes through the account service on the window's database thread; the list
reloads after each one. A teacher reads and corrects only the classes ticked here (admins
see every class, so the list is off for them).
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
from kiosk.core.ordering import natural_key
from kiosk.gui.access_guard import AccessGuard
from kiosk.gui.accessibility import name_controls
from kiosk.gui.dialogs import error_text

log = logging.getLogger(__name__)


class UsersDialog(QDialog):
    def __init__(self, guard: AccessGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guard = guard
        self._by_name: dict[str, Account] = {}  # the accounts listed, with their classes
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
        # The teacher's classes: ticked for the account chosen above, or for the one being added.
        self.classes = QListWidget()
        self.classes.setMaximumHeight(140)
        form.addRow(self.tr("&Classes (teachers):"), self.classes)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add the account"))
        self.save_classes_button = QPushButton(self.tr("Save the classes"))
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.save_classes_button)
        layout.addLayout(buttons)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.add_button.clicked.connect(self.add)
        self.save_classes_button.clicked.connect(self.save_classes)
        self.accounts.currentItemChanged.connect(lambda *_: self._show_classes_of_selected())
        self.role.currentIndexChanged.connect(lambda *_: self._show_classes_of_selected())
        # Typing a new name: the account being added, not the one chosen in the list.
        self.name.textEdited.connect(
            lambda *_: self.accounts.setCurrentRow(-1) if self.accounts.currentItem() else None
        )
        self.disable_button.clicked.connect(
            lambda: self._change(lambda a, n: a.set_active(n, False, by=self.guard.actor))
        )
        self.enable_button.clicked.connect(
            lambda: self._change(lambda a, n: a.set_active(n, True, by=self.guard.actor))
        )
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
        def read() -> tuple[list[Account], list[str]]:
            services = self.guard.ctx.services
            accounts = self._service().list_accounts()
            codes = [c.code for c in services.roster().list_classes()] if services is not None else []
            return accounts, codes

        self.guard.db.query(read, self._show, self._failed, what="Reading the accounts")

    def _show(self, loaded: tuple[list[Account], list[str]]) -> None:
        accounts, codes = loaded
        chosen = self.selected_name
        self._by_name = {a.name: a for a in accounts}
        self.classes.clear()
        for code in codes:
            entry = QListWidgetItem(code)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.classes.addItem(entry)
        self.accounts.clear()
        for a in accounts:
            state = (
                self.tr("disabled")
                if not a.active
                else self.tr("locked")
                if a.throttle.locked
                else self.tr("active")
            )
            taught = (
                " — " + ", ".join(sorted(a.classes, key=natural_key))
                if a.role is Role.TEACHER and a.classes
                else ""
            )
            item = QListWidgetItem(f"{a.name} — {a.role.value} — {state}{taught}")
            item.setData(Qt.ItemDataRole.UserRole, a.name)
            self.accounts.addItem(item)
            if a.name == chosen:
                self.accounts.setCurrentItem(item)
        self._show_classes_of_selected()

    def _show_classes_of_selected(self) -> None:
        """Tick the chosen teacher's classes; the list is off for an admin (every class)."""
        chosen = self._by_name.get(self.selected_name or "")
        role = chosen.role if chosen is not None else Role(self.role.currentData())
        teacher = role is Role.TEACHER
        self.classes.setEnabled(teacher)
        self.save_classes_button.setEnabled(teacher and chosen is not None)
        taught = chosen.classes if chosen is not None else frozenset()
        for i in range(self.classes.count()):
            entry = self.classes.item(i)
            entry.setCheckState(Qt.CheckState.Checked if entry.text() in taught else Qt.CheckState.Unchecked)

    def checked_classes(self) -> list[str]:
        return [
            self.classes.item(i).text()
            for i in range(self.classes.count())
            if self.classes.item(i).checkState() is Qt.CheckState.Checked
        ]

    def choose_classes(self, codes: list[str]) -> None:
        for i in range(self.classes.count()):
            entry = self.classes.item(i)
            entry.setCheckState(Qt.CheckState.Checked if entry.text() in codes else Qt.CheckState.Unchecked)

    def save_classes(self) -> None:
        name = self.selected_name
        if name is None:
            return
        codes = self.checked_classes()
        self._run(
            lambda a: a.set_classes(name, codes, by=self.guard.actor), self.tr("Classes of %s saved.") % name
        )

    @property
    def selected_name(self) -> str | None:
        item = self.accounts.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def add(self) -> None:
        name, secret, role = self.name.text().strip(), self.pin.text(), Role(self.role.currentData())
        classes = self.checked_classes() if role is Role.TEACHER else []
        self.pin.clear()
        self._run(
            lambda a: a.add(name, role, secret, classes, by=self.guard.actor),
            self.tr("Account %s added.") % name,
        )

    def reset(self) -> None:
        name = self.selected_name
        if name is None:
            return
        secret = self.pin.text() or None
        self.pin.clear()
        self._run(
            lambda a: a.reset(name, secret, by=self.guard.actor), self.tr("Account %s unlocked.") % name
        )

    def _change(self, work: Callable[[AccountService, str], object]) -> None:
        name = self.selected_name
        if name is not None:
            self._run(lambda a: work(a, name), self.tr("Account %s changed.") % name)
