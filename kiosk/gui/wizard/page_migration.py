"""Page 4: move older SQLite data into PostgreSQL: preview, migrate with Cancel, then the report.

The sources are this kiosk's own local file (when it holds data) and a legacy
``attendance.db`` the person picks. The migration engine is idempotent and resumable, so
Cancel (or closing the wizard) stops between batches and a second run continues.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.app.migration import check_source, local_data_rows, run_migration
from kiosk.core.errors import InvalidInput, KioskError
from kiosk.gui.runner import Changed, Changes, MutationOp, OpHandle, OpRunner, Report
from kiosk.gui.wizard.common import SetupPage, StatusLabel
from kiosk.gui.wizard.state import WizardState

log = logging.getLogger(__name__)


def migrate_all(
    sources: list[Path],
    state: WizardState,
    *,
    dry_run: bool,
    cancel: threading.Event,
    report: Report,
) -> list[Any]:
    target = state.database.full_url(state.settings)
    settings = state.target_settings()
    done = []
    for source in sources:
        if cancel.is_set():
            break

        def progress(stage: str, current: int, total: int, _name: str = source.name) -> None:
            report((_name, stage, current, total))

        done.append(
            run_migration(
                source, target, settings=settings, dry_run=dry_run, progress=progress, cancel=cancel
            )
        )
    return done


class MigrationPage(SetupPage):
    def __init__(self, state: WizardState, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(state, runner, parent)
        self.setTitle(self.tr("Bring older data along"))
        self.setSubTitle(
            self.tr(
                "Optional: move students, encodings and attendance from SQLite files into PostgreSQL. "
                "The files themselves are never changed."
            )
        )
        self._task: OpHandle | None = None
        self._cancel = threading.Event()
        self.reports: list[Any] = []
        self.last_was_dry_run = False

        self.local_check = QCheckBox()
        self.legacy_edit = QLineEdit()
        self.legacy_edit.setPlaceholderText(self.tr("The previous app's attendance.db (optional)"))
        self.browse_button = QPushButton(self.tr("Choose…"))
        self.preview_button = QPushButton(self.tr("Preview (changes nothing)"))
        self.migrate_button = QPushButton(self.tr("Migrate"))
        self.cancel_button = QPushButton(self.tr("Cancel migration"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.stage = QLabel()
        self.status = StatusLabel()
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report_view.setPlaceholderText(self.tr("The preview and the verification report appear here."))

        legacy_row = QHBoxLayout()
        legacy_row.addWidget(QLabel(self.tr("Legacy file:")))
        legacy_row.addWidget(self.legacy_edit, 1)
        legacy_row.addWidget(self.browse_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.migrate_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.local_check)
        layout.addLayout(legacy_row)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.stage)
        layout.addWidget(self.status)
        layout.addWidget(self.report_view, 1)

        self.browse_button.clicked.connect(self.browse)
        self.preview_button.clicked.connect(lambda: self.start(dry_run=True))
        self.migrate_button.clicked.connect(lambda: self.start(dry_run=False))
        self.cancel_button.clicked.connect(self.cancel_work)

    def initializePage(self) -> None:
        path = self.state.settings.local_database_path
        rows = local_data_rows(self.state.settings)
        self.local_check.setText(
            self.tr("This kiosk's local database ({path}, {n} rows)").format(path=path, n=rows)
            if rows
            else self.tr("This kiosk's local database ({path}) holds no data to move").format(path=path)
        )
        self.local_check.setEnabled(rows > 0)
        self.local_check.setChecked(rows > 0)
        self.status.show_info(
            self.tr("Target: {where}").format(where=self.state.database.describe(self.state.settings)),
            self.tr(
                "Preview first to see the counts and any problem rows; this step can be skipped with Next."
            ),
        )
        self.refresh_complete()

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the old attendance database"),
            str(Path.home()),
            self.tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"),
        )
        if name:
            self.legacy_edit.setText(name)

    def sources(self) -> list[Path]:
        chosen: list[Path] = []
        if self.local_check.isEnabled() and self.local_check.isChecked():
            chosen.append(self.state.settings.local_database_path)
        if self.legacy_edit.text().strip():
            chosen.append(check_source(self.legacy_edit.text()))
        if not chosen:
            raise InvalidInput(
                "There is nothing to migrate.",
                "Choose the old app's file, or tick the local database; or press Next to skip this step.",
            )
        return chosen

    def start(self, *, dry_run: bool) -> None:
        if self.busy():
            return
        try:
            sources = self.sources()
        except KioskError as exc:
            self.status.show_error(exc)
            return
        self._cancel = threading.Event()
        cancel = self._cancel
        self.last_was_dry_run = dry_run
        self.reports = []
        self.report_view.clear()
        self.progress.setRange(0, 0)  # busy until the first progress report gives a total
        self.stage.setText(self.tr("Starting…"))
        self.status.show_info(
            self.tr("Previewing… nothing is written.")
            if dry_run
            else self.tr("Migrating… you can cancel at any time.")
        )

        def migrate(report: Report) -> Changed[list[Any]]:
            reports = migrate_all(sources, self.state, dry_run=dry_run, cancel=cancel, report=report)
            return Changed(reports, Changes(roster=not dry_run))  # a preview changes nothing

        self._task = self.runner.run(
            MutationOp(
                migrate,
                on_success=self._finished,
                on_failure=self._failed,
                on_progress=self._progress,
                on_done=lambda: self._set_running(False),
                what="The preview" if dry_run else "The migration",
            )
        )
        self._set_running(True)  # after the task exists, so busy() holds the wizard on this page

    def _set_running(self, running: bool) -> None:
        for widget in (self.preview_button, self.migrate_button, self.browse_button, self.legacy_edit):
            widget.setEnabled(not running)
        self.local_check.setEnabled(not running and "holds no data" not in self.local_check.text())
        self.cancel_button.setEnabled(running and not self.last_was_dry_run)
        if not running and self.progress.maximum() == 0:
            self.progress.setRange(0, 1)
        self.refresh_complete()

    def _progress(self, event: object) -> None:
        if not isinstance(event, tuple) or len(event) != 4:
            return
        name, stage, current, total = (str(event[0]), str(event[1]), int(event[2]), int(event[3]))
        if total > 0:
            self.progress.setRange(0, int(total))
            self.progress.setValue(min(int(current), int(total)))
        else:
            self.progress.setRange(0, 0)
        self.stage.setText(
            self.tr("{file}: {stage} ({current} of {total})").format(
                file=name, stage=stage, current=current, total=total
            )
        )

    def _finished(self, reports: list[Any]) -> None:
        self.reports = reports
        self.state.migration_reports = list(reports)
        self.report_view.setPlainText("\n\n".join(r.to_text() for r in reports))
        self.stage.clear()
        if any(r.cancelled for r in reports) or self._cancel.is_set():
            self.status.show_info(
                self.tr("The migration was stopped."),
                self.tr(
                    "What was moved is kept and consistent. Press Migrate again to continue where it "
                    "stopped; nothing is moved twice."
                ),
            )
        elif self.last_was_dry_run:
            self.status.show_ok(
                self.tr("Preview ready: nothing was written."),
                self.tr("Check the counts and the rows kept aside below, then press Migrate."),
            )
        elif all(r.ok for r in reports):
            self.progress.setValue(self.progress.maximum())
            self.status.show_ok(
                self.tr("Migration finished and verified."),
                self.tr("Every row is accounted for; see the report below."),
            )
        else:
            self.status.show_error(
                KioskError(
                    self.tr("The migration finished, but not every row could be moved."),
                    self.tr(
                        "The report below lists each row kept aside and why; fix them and migrate again."
                    ),
                )
            )

    def _failed(self, exc: KioskError) -> None:
        self.stage.clear()
        self.status.show_error(exc)

    def busy(self) -> bool:
        return self._task is not None and self._task.running

    def cancel_work(self) -> None:
        if self.busy():
            self._cancel.set()
            self.stage.setText(self.tr("Stopping after the current batch…"))
            self.cancel_button.setEnabled(False)

    def ready(self) -> bool:
        return not self.busy()
