"""Page 1: what the wizard will do, before it does anything."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.gui.runner import OpRunner
from kiosk.gui.wizard.common import SetupPage
from kiosk.gui.wizard.state import WizardState


class WelcomePage(SetupPage):
    def __init__(self, state: WizardState, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(state, runner, parent)
        self.setTitle(self.tr("Set up the attendance kiosk"))
        self.setSubTitle(self.tr("A few steps, each of which you can go back to."))
        text = QLabel(
            self.tr(
                "This wizard will:<ol>"
                "<li>choose where attendance is stored: the local file on this computer, or a "
                "PostgreSQL server shared by several classrooms;</li>"
                "<li>create or upgrade the database tables;</li>"
                "<li>move the data of an older database (this kiosk's local file, or the previous "
                "attendance app's <i>attendance.db</i>) into PostgreSQL, checking every row;</li>"
                "<li>install the face recognition model;</li>"
                "<li>choose the camera and show a short preview.</li></ol>"
                "Nothing is saved until you press <b>Finish</b> on the last page: closing the wizard "
                "before then leaves the current settings as they are. A database password goes to "
                "this computer's password store (keyring), never into the settings file."
            )
        )
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addStretch(1)
