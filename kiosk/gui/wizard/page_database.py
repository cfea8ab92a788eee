"""Page 2: keep the local SQLite file, or connect to PostgreSQL (tested off the GUI thread)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.app.setup import (
    PASSWORD_ENV,
    DatabaseChoice,
    PasswordKeeping,
    keeping_password,
    password_store_available,
    pgpass_file,
    postgres_from_parts,
    postgres_from_url,
    probe_database,
)
from kiosk.core.errors import InvalidInput, KioskError
from kiosk.gui.runner import OpHandle, OpRunner, QueryOp
from kiosk.gui.wizard.common import SetupPage, StatusLabel
from kiosk.gui.wizard.state import WizardState

log = logging.getLogger(__name__)


class DatabasePage(SetupPage):
    def __init__(self, state: WizardState, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(state, runner, parent)
        self.setTitle(self.tr("Where attendance is stored"))
        self.setSubTitle(
            self.tr("One kiosk can keep a local file; several classrooms share a PostgreSQL server.")
        )
        self._task: OpHandle | None = None
        self._tested: DatabaseChoice | None = None

        self.local_radio = QRadioButton(
            self.tr("Keep the local database file on this computer ({path})").format(
                path=state.settings.local_database_path
            )
        )
        self.pg_radio = QRadioButton(self.tr("Use a PostgreSQL server"))
        kind = QButtonGroup(self)
        kind.addButton(self.local_radio)
        kind.addButton(self.pg_radio)

        self.parts_radio = QRadioButton(self.tr("Enter the server details"))
        self.url_radio = QRadioButton(self.tr("Paste a connection URL"))
        how = QButtonGroup(self)
        how.addButton(self.parts_radio)
        how.addButton(self.url_radio)
        self.parts_radio.setChecked(True)

        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText(self.tr("db.school.local"))
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(5432)
        self.db_edit = QLineEdit("kiosk")
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("postgresql://USER@HOST:5432/DATABASE")
        self.ssl_combo = QComboBox()
        for mode, label in (
            ("", self.tr("Default: encrypted when the server offers it")),
            ("disable", self.tr("disable: never encrypted")),
            ("require", self.tr("require: always encrypted")),
            ("verify-ca", self.tr("verify-ca: encrypted, certificate checked")),
            ("verify-full", self.tr("verify-full: encrypted, certificate and host name checked")),
        ):
            self.ssl_combo.addItem(label, mode)
        # verify-ca and verify-full check the server against the school's CA certificate.
        self.ca_edit = QLineEdit()
        self.ca_edit.setPlaceholderText(self.tr("the school's CA certificate, e.g. school-ca.crt"))
        self.ca_button = QPushButton(self.tr("Choose…"))
        self._ca_row = QHBoxLayout()
        self._ca_row.addWidget(self.ca_edit, 1)
        self._ca_row.addWidget(self.ca_button)

        self.test_button = QPushButton(self.tr("Test the connection"))
        self.status = StatusLabel()
        self.keyring_note = StatusLabel()
        # Without a keyring: libpq's password file in the kiosk's config folder, or the environment.
        self.pgpass_radio = QRadioButton(
            self.tr("Keep it in the kiosk's password file {path} (readable only by this user)").format(
                path=pgpass_file(state.settings)
            )
        )
        self.env_radio = QRadioButton(
            self.tr("I will set {var} where the kiosk starts (the password is not saved anywhere)").format(
                var=PASSWORD_ENV
            )
        )
        keep = QButtonGroup(self)
        keep.addButton(self.pgpass_radio)
        keep.addButton(self.env_radio)
        self.pgpass_radio.setChecked(True)
        self.keeping_box = QWidget()
        keeping_layout = QVBoxLayout(self.keeping_box)
        keeping_layout.setContentsMargins(0, 0, 0, 0)
        keeping_layout.addWidget(self.pgpass_radio)
        keeping_layout.addWidget(self.env_radio)
        self.keeping_box.hide()

        # One form, so every field lines up; the URL row and the detail rows take turns.
        self._form = QFormLayout()
        self._form.addRow(self.tr("Host:"), self.host_edit)
        self._form.addRow(self.tr("Port:"), self.port_spin)
        self._form.addRow(self.tr("Database:"), self.db_edit)
        self._form.addRow(self.tr("User:"), self.user_edit)
        self._form.addRow(self.tr("URL:"), self.url_edit)
        self._form.addRow(self.tr("Password:"), self.password_edit)
        self._form.addRow(self.tr("Encryption (SSL):"), self.ssl_combo)
        self._form.addRow(self.tr("CA certificate:"), self._ca_row)

        self.pg_group = QGroupBox(self.tr("PostgreSQL server"))
        how_row = QHBoxLayout()
        how_row.addWidget(self.parts_radio)
        how_row.addWidget(self.url_radio)
        how_row.addStretch(1)
        pg_layout = QVBoxLayout(self.pg_group)
        pg_layout.addLayout(how_row)
        pg_layout.addLayout(self._form)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        pg_layout.addLayout(test_row)
        pg_layout.addWidget(self.status)
        pg_layout.addWidget(self.keyring_note)
        pg_layout.addWidget(self.keeping_box)

        layout = QVBoxLayout(self)
        layout.addWidget(self.local_radio)
        layout.addWidget(self.pg_radio)
        layout.addWidget(self.pg_group)
        layout.addStretch(1)

        self._prefill()
        for radio in (self.local_radio, self.pg_radio, self.parts_radio, self.url_radio):
            radio.toggled.connect(self._changed)
        for edit in (
            self.host_edit,
            self.db_edit,
            self.user_edit,
            self.password_edit,
            self.url_edit,
            self.ca_edit,
        ):
            edit.textChanged.connect(self._changed)
        self.port_spin.valueChanged.connect(self._changed)
        self.ssl_combo.currentIndexChanged.connect(self._changed)
        self.env_radio.toggled.connect(self._env_toggled)
        self.test_button.clicked.connect(self.start_test)
        self.ca_button.clicked.connect(self._choose_ca)
        self._update_visibility()

    # --- what the person entered ---------------------------------------------------------
    def _prefill(self) -> None:
        """Start from the configured database, so re-running the wizard changes only what is edited."""
        settings = self.state.settings
        self.ssl_combo.setCurrentIndex(max(0, self.ssl_combo.findData(settings.database.sslmode)))
        self.ca_edit.setText(settings.database.sslrootcert)
        if settings.uses_embedded_database:
            self.local_radio.setChecked(True)
            return
        self.pg_radio.setChecked(True)
        try:
            url = postgres_from_url(settings.database.url)
        except InvalidInput:
            self.url_radio.setChecked(True)
            return  # a URL the wizard cannot read (never shown: it may hold a password)
        self.host_edit.setText(url.host or "")
        self.port_spin.setValue(url.port or 5432)
        self.db_edit.setText(url.database or "")
        self.user_edit.setText(url.username or "")

    def _env_toggled(self, _checked: bool) -> None:
        self.refresh_complete()

    def use_postgres(self) -> bool:
        return self.pg_radio.isChecked()

    def choice(self) -> DatabaseChoice:
        """The database as entered; :class:`InvalidInput` with one clear message when it is not valid."""
        if not self.use_postgres():
            return DatabaseChoice()
        password = self.password_edit.text()
        if self.url_radio.isChecked():
            url = postgres_from_url(self.url_edit.text(), password)
        else:
            url = postgres_from_parts(
                self.host_edit.text(),
                self.port_spin.value(),
                self.db_edit.text(),
                self.user_edit.text(),
                password,
            )
        sslmode = str(self.ssl_combo.currentData() or "")
        ca = self.ca_edit.text().strip() if self._checks_certificate() else ""
        return DatabaseChoice(url=url, sslmode=sslmode, sslrootcert=ca)

    def _checks_certificate(self) -> bool:
        return str(self.ssl_combo.currentData() or "") in ("verify-ca", "verify-full")

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("The school's CA certificate"),
            self.ca_edit.text() or str(Path.home()),
            self.tr("Certificates (*.crt *.pem *.cer);;All files (*)"),
        )
        if path:
            self.ca_edit.setText(path)

    def _changed(self) -> None:
        self._update_visibility()
        if self.use_postgres() and not self.busy() and self._current_or_none() != self._tested:
            self.status.show_info(
                self.tr("Press “Test the connection” to check these details before going on.")
            )
            self.keyring_note.clear_status()
            self.keeping_box.hide()
        self.refresh_complete()

    def _update_visibility(self) -> None:
        self.pg_group.setEnabled(self.use_postgres())
        parts = self.parts_radio.isChecked()
        for widget in (self.host_edit, self.port_spin, self.db_edit, self.user_edit):
            self._form.setRowVisible(widget, parts)
        self._form.setRowVisible(self.url_edit, not parts)
        self._form.setRowVisible(self._ca_row, self._checks_certificate())

    def _current_or_none(self) -> DatabaseChoice | None:
        try:
            return self.choice()
        except KioskError:
            return None

    def needs_password_env(self) -> bool:
        choice = self._current_or_none()
        return bool(choice and choice.password) and not password_store_available()

    # --- the Test button --------------------------------------------------------------------
    def start_test(self) -> None:
        if self.busy():
            return
        try:
            choice = self.choice()
        except KioskError as exc:
            self.status.show_error(exc)
            return
        self._tested = None
        self.keyring_note.clear_status()
        self.keeping_box.hide()
        self.status.show_info(
            self.tr("Connecting to {where}…").format(where=choice.describe(self.state.settings))
        )
        self.test_button.setEnabled(False)
        settings = self.state.settings
        self._task = self.runner.run(
            QueryOp(
                lambda _report: probe_database(choice, settings),
                on_success=lambda where: self._test_passed(choice, str(where)),
                on_failure=self.status.show_error,
                on_done=self._test_done,
                what="The connection test",
            )
        )
        self.refresh_complete()

    def _test_passed(self, choice: DatabaseChoice, where: str) -> None:
        self._tested = choice
        self.status.show_ok(
            self.tr("Connected to {where}.").format(where=where),
            self.tr("The user may create tables there, so the kiosk can set up its database."),
        )
        if choice.password and not password_store_available():
            self.keyring_note.show_info(
                self.tr(
                    "This computer has no password store (keyring), so the kiosk needs another place "
                    "to find the password."
                ),
                self.tr(
                    "The password file is what PostgreSQL's own tools use; it is never the settings file. "
                    "Or set the environment variable {var} in the kiosk's service or start script."
                ).format(var=PASSWORD_ENV),
            )
            self.keeping_box.show()

    def _test_done(self) -> None:
        self.test_button.setEnabled(True)
        self.refresh_complete()

    # --- QWizardPage -------------------------------------------------------------------------
    def busy(self) -> bool:
        return self._task is not None and self._task.running

    def ready(self) -> bool:
        if self.busy():
            return False
        if not self.use_postgres():
            return True
        current = self._current_or_none()
        # A passed test is needed for exactly what is entered now.
        return current is not None and current == self._tested

    def validatePage(self) -> bool:
        try:
            self.state.database = self.choice()
        except KioskError as exc:
            self.status.show_error(exc)
            return False
        self.state.password_keeping = self.keeping()
        self.state.database = keeping_password(
            self.state.database, self.state.password_keeping, self.state.settings
        )
        return True

    def keeping(self) -> PasswordKeeping:
        """Where the kiosk will find the password (the keyring when this computer has one)."""
        if not self.needs_password_env():
            return PasswordKeeping.KEYRING
        return PasswordKeeping.ENVIRONMENT if self.env_radio.isChecked() else PasswordKeeping.PGPASS
