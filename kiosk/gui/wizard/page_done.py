"""The last page: the summary; "Save and check" saves everything at once, then runs the
checks of ``kiosk doctor`` (:mod:`kiosk.app.checks`) on the settings exactly as the kiosk will
read them at its next start (no password in memory), and lists what is left to do, if anything.
Finish is possible once the checks ran.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.app.checks import Check, run_checks
from kiosk.app.setup import (
    PASSWORD_ENV,
    PasswordKeeping,
    SaveResult,
    create_first_admin,
    reload_settings,
    save_setup,
)
from kiosk.core.errors import KioskError
from kiosk.gui.runner import Changed, Changes, MutationOp, OpHandle, OpRunner, Report
from kiosk.gui.wizard.common import SetupPage, StatusLabel
from kiosk.gui.wizard.state import WizardState

log = logging.getLogger(__name__)

_COLORS = {"ok": "#1b5e20", "warn": "#8a5a00", "FAIL": "#b00020"}


class DonePage(SetupPage):
    def __init__(self, state: WizardState, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(state, runner, parent)
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(
            self.tr("Press “Save and check” to save these settings and check the kiosk as it will start.")
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save and check"))
        self.status = StatusLabel()
        self.checks_view = QLabel()
        self.checks_view.setWordWrap(True)
        self.result: SaveResult | None = None
        self.checks: list[Check] = []
        self._task: OpHandle | None = None
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        # The first admin: signs in to leave kiosk mode, enroll, change settings, add accounts.
        self.admin_box = QGroupBox(self.tr("First admin account (skip if the school has one)"))
        form = QFormLayout(self.admin_box)
        self.admin_name = QLineEdit()
        self.admin_name.setMaxLength(100)
        self.admin_pin = QLineEdit()
        self.admin_pin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Admin &name:"), self.admin_name)
        form.addRow(self.tr("Admin &PIN or password:"), self.admin_pin)
        self.admin_created: str | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.admin_box)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.checks_view, 1)
        self.save_button.clicked.connect(self.save_and_check)

    def initializePage(self) -> None:
        st = self.state
        db = st.database
        if db.is_local:
            where = self.tr("the local file {path}").format(path=st.settings.local_database_path)
        else:
            where = db.describe(st.settings) + (f" (SSL: {db.sslmode})" if db.sslmode else "")
        rows = [
            (self.tr("Database"), where),
            (self.tr("Recognition model"), st.profile),
            (self.tr("Camera"), st.camera_source),
            (self.tr("Settings file"), str(st.settings.user_config_file)),
        ]
        table = "".join(
            f"<tr><td><b>{html.escape(k)}</b>&nbsp;&nbsp;</td><td>{html.escape(v)}</td></tr>" for k, v in rows
        )
        note = ""
        if db.password:
            if st.password_keeping is PasswordKeeping.KEYRING:
                note = self.tr("The database password goes to this computer's password store (keyring).")
            elif st.password_keeping is PasswordKeeping.PGPASS:
                note = self.tr(
                    "The database password goes to the kiosk's password file {path} (readable only by this user)."
                ).format(path=db.passfile)
            else:
                note = self.tr(
                    "The password is not written anywhere: set {var} where the kiosk starts."
                ).format(var=PASSWORD_ENV)
        self.summary.setText(f"<table>{table}</table><p>{html.escape(note)}</p>")
        self.status.clear_status()
        self.checks_view.clear()
        self.result = None
        self.checks = []
        self.refresh_complete()

    def save_and_check(self) -> None:
        if self.busy():
            return
        st = self.state
        settings, choices = st.settings, st.choices()
        admin_name, admin_secret = self.admin_name.text().strip(), self.admin_pin.text()
        make_admin = bool(admin_name) and self.admin_created is None

        def work(_report: Report) -> Changed[tuple[SaveResult, list[Check]]]:
            if make_admin:  # first, so a refused account (bad PIN, no right) saves nothing
                self.admin_created = (
                    create_first_admin(st.database, settings, admin_name, admin_secret, st.owner)
                    or self.admin_created
                )
            saved = save_setup(settings, choices)
            return Changed((saved, run_checks(reload_settings(settings))), Changes(roster=False))

        self.save_button.setEnabled(False)
        self.status.show_info(self.tr("Saving, then checking the kiosk as it will start…"))
        self._task = self.runner.run(
            MutationOp(
                work,
                on_success=self._checked,
                on_failure=self.status.show_error,
                on_done=self._done,
                what="Saving the setup",
            )
        )
        self.refresh_complete()

    def _checked(self, value: tuple[SaveResult, list[Check]]) -> None:
        self.result, self.checks = value
        self.admin_pin.clear()
        items = []
        for check in self.checks:
            color = _COLORS.get(check.mark, "")
            line = f'<b style="color:{color}">[{check.mark}]</b> <b>{html.escape(check.name)}</b>: '
            line += html.escape(check.detail).replace("\n", "<br>")
            if check.fix and (not check.ok or check.warning):
                line += "<br><i>" + "<br>".join(html.escape(f) for f in check.fix.split(" | ")) + "</i>"
            items.append(f"<li>{line}</li>")
        self.checks_view.setText(f"<ul>{''.join(items)}</ul>")
        failed = [c.name for c in self.checks if c.failed]
        if failed:
            self.status.show_error(
                KioskError(
                    self.tr("Saved, but the kiosk will not fully work yet: {what}.").format(
                        what=", ".join(failed)
                    ),
                    self.tr(
                        "The list below says what is left and how to fix it; `kiosk doctor` shows it again."
                    ),
                )
            )
        else:
            self.status.show_ok(
                self.tr("Saved to {path}; the kiosk works as set up.").format(path=self.result.config_file),
                self.tr("Press Finish to start it."),
            )

    def _done(self) -> None:
        self.save_button.setEnabled(True)
        self.refresh_complete()

    def nextId(self) -> int:
        return -1  # the last page, though the follow-up page has a higher id

    def busy(self) -> bool:
        return self._task is not None and self._task.running

    def ready(self) -> bool:
        return not self.busy() and self.result is not None

    def kiosk_works(self) -> bool:
        return self.result is not None and not any(c.failed for c in self.checks)
