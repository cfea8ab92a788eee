"""The first-run setup wizard: seven pages (eight after moving the old app's students); nothing
is saved until the last page's "Save and check"."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from kiosk.gui.runner import OpRunner
from kiosk.gui.wizard.common import PageId, SetupPage
from kiosk.gui.wizard.page_camera import CameraPage
from kiosk.gui.wizard.page_database import DatabasePage
from kiosk.gui.wizard.page_done import DonePage
from kiosk.gui.wizard.page_followup import FollowUpPage
from kiosk.gui.wizard.page_migration import MigrationPage
from kiosk.gui.wizard.page_model import ModelPage
from kiosk.gui.wizard.page_schema import SchemaPage
from kiosk.gui.wizard.page_welcome import WelcomePage
from kiosk.gui.wizard.state import WizardState
from kiosk.infra.config import Settings

log = logging.getLogger(__name__)


class _SkippingSchemaPage(SchemaPage):
    def nextId(self) -> int:
        # Migrating only makes sense into PostgreSQL: the local file is already the kiosk's own.
        return PageId.MODEL if self.state.database.is_local else PageId.MIGRATION


class _ModelPageThenFollowUp(ModelPage):
    def nextId(self) -> int:
        # The old app's students need consent and encodings for this model: after the model page,
        # since re-embedding needs the model's weights.
        moved = any(r.source_kind.value == "legacy" and not r.dry_run for r in self.state.migration_reports)
        return PageId.FOLLOW_UP if moved and not self.state.database.is_local else PageId.CAMERA


class _FollowUpPage(FollowUpPage):
    def nextId(self) -> int:
        return PageId.CAMERA


class SetupWizard(QWizard):
    """``setup_finished`` fires after the settings were saved (then the dialog is accepted)."""

    setup_finished = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Attendance kiosk setup"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.resize(780, 600)
        self.state = WizardState(settings)
        # A runner of our own, so closing the wizard can wait for exactly its work.
        self.runner = OpRunner("kiosk-wizard", self)
        self.welcome_page = WelcomePage(self.state, self.runner)
        self.database_page = DatabasePage(self.state, self.runner)
        self.schema_page = _SkippingSchemaPage(self.state, self.runner)
        self.migration_page = MigrationPage(self.state, self.runner)
        self.model_page = _ModelPageThenFollowUp(self.state, self.runner)
        self.followup_page = _FollowUpPage(self.state, self.runner)
        self.camera_page = CameraPage(self.state, self.runner)
        self.done_page = DonePage(self.state, self.runner)
        for page_id, page in (
            (PageId.WELCOME, self.welcome_page),
            (PageId.DATABASE, self.database_page),
            (PageId.SCHEMA, self.schema_page),
            (PageId.MIGRATION, self.migration_page),
            (PageId.MODEL, self.model_page),
            (PageId.CAMERA, self.camera_page),
            (PageId.DONE, self.done_page),
            (PageId.FOLLOW_UP, self.followup_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(PageId.WELCOME)

    def pages(self) -> list[SetupPage]:
        return [p for p in (self.page(i) for i in self.pageIds()) if isinstance(p, SetupPage)]

    def busy(self) -> bool:
        return any(p.busy() for p in self.pages())

    def accept(self) -> None:
        self.runner.shutdown()  # Finish is only possible once no work runs
        super().accept()
        self.setup_finished.emit()

    def reject(self) -> None:
        """Closing halfway: stop background work, write nothing."""
        if self.busy():
            answer = QMessageBox.question(
                self,
                self.tr("Stop the setup?"),
                self.tr(
                    "Work is still running. Stop it and close the wizard? Nothing is saved; a stopped "
                    "migration can be continued later."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.shutdown()
        super().reject()

    def shutdown(self) -> None:
        """Cancel what can be cancelled and wait for the background work to end."""
        for page in self.pages():
            page.cancel_work()
        self.runner.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reject()
        if self.isVisible():
            event.ignore()
        else:
            event.accept()
