"""Page 7: the summary; Finish saves everything at once (see :func:`kiosk.app.setup.save_setup`)."""

from __future__ import annotations

import html
import logging

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.app.setup import PASSWORD_ENV, SaveResult, password_store_available, save_setup
from kiosk.core.errors import KioskError
from kiosk.gui.runner import OpRunner
from kiosk.gui.wizard.common import SetupPage, StatusLabel
from kiosk.gui.wizard.state import WizardState

log = logging.getLogger(__name__)


class DonePage(SetupPage):
    def __init__(self, state: WizardState, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(state, runner, parent)
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(self.tr("Press Finish to save these settings and start the kiosk."))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.status = StatusLabel()
        self.result: SaveResult | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addStretch(1)

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
            if password_store_available():
                note = self.tr("The database password goes to this computer's password store (keyring).")
            else:
                note = self.tr(
                    "This computer has no password store: remember to set {var} for the kiosk. "
                    "The password is not written anywhere."
                ).format(var=PASSWORD_ENV)
        self.summary.setText(f"<table>{table}</table><p>{html.escape(note)}</p>")
        self.status.clear_status()
        self.refresh_complete()

    def validatePage(self) -> bool:
        try:
            self.result = save_setup(self.state.settings, self.state.choices())
        except KioskError as exc:
            self.status.show_error(exc)
            return False
        return True
