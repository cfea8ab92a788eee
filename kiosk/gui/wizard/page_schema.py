"""Page 3: show what the schema needs (create, upgrade, nothing), then do it on request."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.app.setup import OwnerAccount, SchemaPlan, create_database_roles, schema_plan, upgrade_schema
from kiosk.core.errors import KioskError
from kiosk.gui.runner import OpHandle, OpRunner, QueryOp
from kiosk.gui.wizard.common import SetupPage, StatusLabel
from kiosk.gui.wizard.state import WizardState

log = logging.getLogger(__name__)


class SchemaPage(SetupPage):
    def __init__(self, state: WizardState, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(state, runner, parent)
        self.setTitle(self.tr("Database tables"))
        self.setSubTitle(self.tr("The kiosk creates its tables, or brings older ones up to date."))
        self._task: OpHandle | None = None
        self.current: SchemaPlan | None = None
        self.plan = QLabel()
        self.plan.setWordWrap(True)
        self.apply_button = QPushButton(self.tr("Create the tables"))
        self.apply_button.setEnabled(False)
        self.status = StatusLabel()
        # The owner's account: only when this (classroom) account may not change the tables.
        self.owner_box = QWidget()
        owner_form = QFormLayout(self.owner_box)
        owner_form.setContentsMargins(0, 0, 0, 0)
        self.owner_user = QLineEdit()
        self.owner_password = QLineEdit()
        self.owner_password.setEchoMode(QLineEdit.EchoMode.Password)
        owner_form.addRow(self.tr("&Owner account:"), self.owner_user)
        owner_form.addRow(self.tr("Owner pass&word:"), self.owner_password)
        self.owner_box.hide()
        self.roles_button = QPushButton(self.tr("Create the database &accounts"))
        self.roles_button.setToolTip(
            self.tr("kiosk_owner, kiosk_device (classroom PCs) and kiosk_admin, with their rights")
        )
        self.roles_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.apply_button)
        row.addWidget(self.roles_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.plan)
        layout.addWidget(self.owner_box)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.apply_button.clicked.connect(self.apply)
        self.roles_button.clicked.connect(self.create_roles)

    def initializePage(self) -> None:
        self.current = None
        self.plan.setText(
            self.tr("Looking at {where}…").format(where=self.state.database.describe(self.state.settings))
        )
        self.status.clear_status()
        self.apply_button.setEnabled(False)
        self._run(upgrade=False)

    def _owner(self) -> OwnerAccount | None:
        user = self.owner_user.text().strip()
        self.state.owner = OwnerAccount(user, self.owner_password.text()) if user else None
        return self.state.owner

    def create_roles(self) -> None:
        if self.busy():
            return
        choice, settings, owner = self.state.database, self.state.settings, self._owner()
        self.status.show_info(self.tr("Working… this takes a few seconds."))
        self._task = self.runner.run(
            QueryOp(
                lambda _report: create_database_roles(choice, settings, owner),
                on_success=lambda report: self.status.show_ok(
                    self.tr("The database accounts are ready. Classroom PCs connect as kiosk_device.")
                ),
                on_failure=self._failed,
                on_done=self._work_done,
                what="Creating the database accounts",
            )
        )
        self.refresh_complete()

    def _run(self, *, upgrade: bool) -> None:
        choice, settings = self.state.database, self.state.settings
        owner = self._owner()
        self._task = self.runner.run(
            QueryOp(
                lambda _report: (
                    upgrade_schema(choice, settings, owner) if upgrade else schema_plan(choice, settings)
                ),
                on_success=lambda st: self._show(st, upgraded=upgrade),
                on_failure=self._failed,
                on_done=self._work_done,
                what="Reading the database tables" if not upgrade else "Updating the database tables",
            )
        )
        self.refresh_complete()

    def _work_done(self) -> None:
        self.refresh_complete()

    def apply(self) -> None:
        if self.busy() or self.current is None:
            return
        self.apply_button.setEnabled(False)
        self.status.show_info(self.tr("Working… this takes a few seconds."))
        self._run(upgrade=True)

    def _failed(self, exc: KioskError) -> None:
        self.status.show_error(exc)
        self.apply_button.setEnabled(self.current is not None and not self.current.up_to_date)

    def _show(self, st: SchemaPlan, *, upgraded: bool) -> None:
        self.current = st
        self.roles_button.setEnabled(not self.state.database.is_local)
        self.owner_box.setVisible(not st.can_change and not st.up_to_date)
        where = self.state.database.describe(self.state.settings)
        if st.newer_than_code:
            self.plan.setText(
                self.tr("{where} was set up by a newer version of the kiosk (schema {rev}).").format(
                    where=where, rev=st.current
                )
            )
            self.status.show_error(
                KioskError(
                    self.tr("This kiosk is too old for that database; nothing was changed."),
                    self.tr(
                        "Update the kiosk software on this computer, or go back and choose another database."
                    ),
                )
            )
            self.apply_button.setEnabled(False)
            return
        if st.up_to_date:
            self.plan.setText(
                self.tr("The tables in {where} are up to date (schema {rev}).").format(
                    where=where, rev=st.head
                )
            )
            self.apply_button.setEnabled(False)
            if upgraded:
                self.status.show_ok(self.tr("Done: the database is ready."))
            else:
                self.status.show_ok(self.tr("Nothing to do here."))
            return
        steps = "".join(f"<li>{line}</li>" for line in st.steps)
        if st.current is None and not st.has_tables:
            intro = self.tr("{where} is empty. The kiosk will create its tables in {n} step(s):")
            self.apply_button.setText(self.tr("Create the tables"))
        elif st.current is None:
            intro = self.tr(
                "{where} already holds other tables; the kiosk will add its own beside them in {n} step(s):"
            )
            self.apply_button.setText(self.tr("Create the tables"))
        else:
            intro = self.tr(
                "{where} has an older version of the tables ({rev}). The upgrade runs {n} step(s):"
            )
            self.apply_button.setText(self.tr("Upgrade the tables"))
        text = intro.format(where=where, n=len(st.steps), rev=st.current)
        self.plan.setText(
            f"{text}<ol>{steps}</ol>" + self.tr("Existing data is kept. Running it twice is harmless.")
        )
        self.apply_button.setEnabled(True)
        if st.can_change:
            self.status.show_info(self.tr("Press the button to do it now."))
        else:
            self.status.show_info(
                self.tr(
                    "This account may not change the tables (as it should be for a classroom PC). "
                    "Type the owner's account (kiosk_owner, or the server's administrator) for this step "
                    "only; it is not saved."
                )
            )

    def busy(self) -> bool:
        return self._task is not None and self._task.running

    def ready(self) -> bool:
        return not self.busy() and self.current is not None and self.current.up_to_date
