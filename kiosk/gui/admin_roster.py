"""Importing a roster file in the admin area: a preview of every row's fate, then Import.

The preview (:func:`kiosk.app.roster_import.preview_roster`) reads the whole file (CSV in
any common dialect and encoding, or XLSX) and the photo folder and writes nothing; Import
is possible only when no row has a problem, and then carries out exactly that preview.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.app.enrollment import EnrollmentService
from kiosk.app.roster import RosterService
from kiosk.app.roster_import import Fate, ImportOutcome, RosterPreview, import_roster, preview_roster
from kiosk.core.errors import KioskError
from kiosk.gui.runner import Changed, Changes, MutationOp, OpHandle, OpRunner, QueryOp
from kiosk.gui.wizard.common import StatusLabel

log = logging.getLogger(__name__)


class RosterImportDialog(QDialog):
    def __init__(
        self,
        roster: Callable[[], RosterService],
        enrollment: Callable[[], EnrollmentService],
        model_name: str,
        runner: OpRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import a roster"))
        self.resize(820, 560)
        self._roster, self._enrollment, self._model, self._runner = roster, enrollment, model_name, runner
        self._task: OpHandle | None = None
        self.preview: RosterPreview | None = None
        self.outcome: ImportOutcome | None = None

        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText(self.tr("roster.csv or roster.xlsx"))
        self.photos_edit = QLineEdit()
        self.photos_edit.setPlaceholderText(self.tr("Folder with one photo (or folder) per student id"))
        file_button = QPushButton(self.tr("Choose…"))
        photos_button = QPushButton(self.tr("Choose…"))
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(file_button)
        form.addRow(self.tr("Roster file:"), row)
        row = QHBoxLayout()
        row.addWidget(self.photos_edit, 1)
        row.addWidget(photos_button)
        form.addRow(self.tr("Photo folder:"), row)

        self.preview_button = QPushButton(self.tr("Preview (writes nothing)"))
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setEnabled(False)
        close = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Line"), self.tr("Student id"), self.tr("Fate"), self.tr("What happens")]
        )
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.status = StatusLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

        file_button.clicked.connect(self._choose_file)
        photos_button.clicked.connect(self._choose_photos)
        self.preview_button.clicked.connect(self.start_preview)
        self.import_button.clicked.connect(self.start_import)
        self.file_edit.textChanged.connect(self._inputs_changed)
        self.photos_edit.textChanged.connect(self._inputs_changed)
        close.clicked.connect(self.reject)

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the roster"),
            str(Path.home()),
            self.tr("Rosters (*.csv *.txt *.xlsx);;All files (*)"),
        )
        if name:
            self.file_edit.setText(name)
            if not self.photos_edit.text().strip():
                self.photos_edit.setText(str(Path(name).parent))

    def _choose_photos(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Choose the photo folder"), str(Path.home()))
        if name:
            self.photos_edit.setText(name)

    def _inputs_changed(self) -> None:
        self.preview = None  # a preview is for exactly the files it read
        self.import_button.setEnabled(False)

    def busy(self) -> bool:
        return self._task is not None and self._task.running

    def start_preview(self) -> None:
        if self.busy():
            return
        text, photos = self.file_edit.text().strip(), self.photos_edit.text().strip()
        if not text:
            self.status.show_error(KioskError(self.tr("Choose the roster file first.")))
            return
        path = Path(text).expanduser()
        folder = Path(photos).expanduser() if photos else path.parent
        roster, model = self._roster, self._model
        self.status.show_info(self.tr("Reading the roster and the photos…"))
        self.preview_button.setEnabled(False)
        self._task = self._runner.run(
            QueryOp(
                QueryOp.plain(lambda: preview_roster(roster(), path, folder, model_name=model)),
                on_success=self._show_preview,
                on_failure=self._failed,
                on_done=lambda: self.preview_button.setEnabled(True),
                what="The roster preview",
            )
        )

    def _failed(self, exc: KioskError) -> None:
        self.preview = None
        self.import_button.setEnabled(False)
        self.status.show_error(exc)

    def _show_preview(self, preview: RosterPreview) -> None:
        self.preview = preview
        self.table.setRowCount(len(preview.plans))
        problem_color = QColor("#fde0e0")
        for i, plan in enumerate(preview.plans):
            cells = (str(plan.line), plan.student_id or "", plan.fate.value, plan.reason)
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if plan.problem:
                    item.setBackground(problem_color)
                self.table.setItem(i, column, item)
        problems = len(preview.problems)
        self.summary.setText(
            self.tr(
                "{file}: {add} to add, {update} to update, {skip} unchanged, {bad} with problems."
            ).format(
                file=preview.description,
                add=preview.count(Fate.ADD),
                update=preview.count(Fate.UPDATE),
                skip=preview.count(Fate.SKIP),
                bad=problems,
            )
        )
        if problems:
            self.status.show_error(
                KioskError(
                    self.tr("{n} row(s) have problems, so nothing can be imported yet.").format(n=problems),
                    self.tr("Fix the rows shown in red in the file, then preview again."),
                )
            )
        else:
            self.status.show_ok(
                self.tr("Nothing was written yet."), self.tr("Press Import to carry out this preview.")
            )
        self.import_button.setEnabled(not problems)

    def start_import(self) -> None:
        preview = self.preview
        if preview is None or preview.problems or self.busy():
            return
        roster, enrollment = self._roster, self._enrollment

        def work(_report: object) -> Changed[ImportOutcome]:
            return Changed(import_roster(preview, roster(), enrollment), Changes(roster=True))

        self.import_button.setEnabled(False)
        self.status.show_info(self.tr("Importing…"))
        self._task = self._runner.run(
            MutationOp(
                work, on_success=self._imported, on_failure=self.status.show_error, what="The roster import"
            )
        )

    def _imported(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome
        self.preview = None
        if outcome.failed:
            self.status.show_error(
                KioskError(
                    self.tr("{n} students added; {f} row(s) failed.").format(
                        n=outcome.added, f=len(outcome.failed)
                    ),
                    " ".join(outcome.failed[:3]),
                )
            )
        else:
            self.status.show_ok(
                self.tr("{n} students added, {e} enrolled from photos.").format(
                    n=outcome.added, e=outcome.enrolled
                )
            )
