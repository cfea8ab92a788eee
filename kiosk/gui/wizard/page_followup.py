"""After moving the old app's students: consent on file, re-embedding, and who will be recognised.

Shown after the model page when a legacy migration ran (the re-embedding needs the model's
weights). Students moved from the old app have no recorded consent, and their encodings are
for the old app's model; this page offers, in plain words, what ``kiosk migrate
--consent-on-file`` and ``--reembed`` do, and says how many students the kiosk will recognise.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.app.checks import coverage_of_choice
from kiosk.app.migration import apply_legacy_consent, check_consent_text
from kiosk.app.migration_reembed import (
    ReembedReport,
    needs_reembedding,
    reembed_from_photos,
    why_not_reembedded,
)
from kiosk.app.migration_report import MigrationReport
from kiosk.core.errors import KioskError
from kiosk.core.recognisability import ClassCoverage
from kiosk.gui.runner import Changed, Changes, MutationOp, OpHandle, OpRunner, QueryOp, Report
from kiosk.gui.wizard.common import SetupPage, StatusLabel
from kiosk.gui.wizard.state import WizardState

log = logging.getLogger(__name__)


class FollowUpPage(SetupPage):
    def __init__(self, state: WizardState, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(state, runner, parent)
        self.setTitle(self.tr("Make the moved students recognisable"))
        self.setSubTitle(
            self.tr(
                "The kiosk only recognises a student with recorded consent and a face encoding for its model."
            )
        )
        self._task: OpHandle | None = None
        self._cancel = threading.Event()
        self.coverage: list[ClassCoverage] = []
        self.reembedded: list[ReembedReport] = []

        self.consent_group = QGroupBox(self.tr("Consent collected under the old app"))
        self.consent_intro = QLabel()
        self.consent_intro.setWordWrap(True)
        self.attest_check = QCheckBox(
            self.tr("I confirm the school holds signed consent for face recognition for these students")
        )
        self.attest_edit = QLineEdit()
        self.attest_edit.setPlaceholderText(
            self.tr("Who holds the forms, e.g. “Signed forms, school office, 2024”")
        )
        caveat = QLabel(
            self.tr(
                "Only confirm this if written consent exists for every one of these students. You attest it on the "
                "school's behalf: your text is recorded with each student and in the audit log. If in doubt, do not "
                "tick it and record consent per student later (kiosk student consent). A student whose consent was "
                "withdrawn in the kiosk is never changed."
            )
        )
        caveat.setWordWrap(True)
        caveat.setObjectName("warning")
        self.consent_button = QPushButton(self.tr("Record consent on file"))
        consent_layout = QVBoxLayout(self.consent_group)
        for widget in (self.consent_intro, self.attest_check, self.attest_edit, caveat):
            consent_layout.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self.consent_button)
        row.addStretch(1)
        consent_layout.addLayout(row)

        self.reembed_group = QGroupBox(self.tr("Face encodings for this kiosk's model"))
        self.reembed_intro = QLabel()
        self.reembed_intro.setWordWrap(True)
        self.reembed_button = QPushButton(self.tr("Enroll from the old app's photos"))
        self.cancel_button = QPushButton(self.tr("Stop"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        reembed_layout = QVBoxLayout(self.reembed_group)
        reembed_layout.addWidget(self.reembed_intro)
        row = QHBoxLayout()
        row.addWidget(self.reembed_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        reembed_layout.addLayout(row)
        reembed_layout.addWidget(self.progress)

        self.coverage_label = QLabel()
        self.coverage_label.setWordWrap(True)
        self.status = StatusLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.consent_group)
        layout.addWidget(self.reembed_group)
        layout.addWidget(self.coverage_label)
        layout.addWidget(self.status)
        layout.addStretch(1)

        self.attest_check.toggled.connect(self._update_buttons)
        self.attest_edit.textChanged.connect(self._update_buttons)
        self.consent_button.clicked.connect(self.record_consent)
        self.reembed_button.clicked.connect(self.reembed)
        self.cancel_button.clicked.connect(self.cancel_work)

    # --- what the migration left -----------------------------------------------------------
    def reports(self) -> list[MigrationReport]:
        return [r for r in self.state.migration_reports if r.source_kind.value == "legacy" and not r.dry_run]

    def needs_consent(self) -> int:
        return sum(len(r.needs_consent) for r in self.reports())

    def initializePage(self) -> None:
        self._explain()
        self.status.clear_status()
        self.refresh_coverage()
        self.refresh_complete()

    def _explain(self) -> None:
        waiting = self.needs_consent()
        self.consent_intro.setText(
            self.tr(
                "{n} moved students have no consent record, so the kiosk will never use their faces."
            ).format(n=waiting)
            if waiting
            else self.tr("Every moved student has a consent decision recorded.")
        )
        reports = self.reports()
        if reports and all(needs_reembedding(r) for r in reports):
            self.reembed_intro.setText(
                self.tr(
                    "The old app's encodings are for another model ({old}), which this kiosk cannot use. "
                    "The kiosk can enroll the old app's photos again for {model} (students with consent only)."
                ).format(old="Facenet512", model=reports[0].active_model)
            )
            self.reembed_button.setEnabled(not self.busy())
        else:
            why = why_not_reembedded(reports[0]) if reports else self.tr("nothing was moved from the old app")
            self.reembed_intro.setText(self.tr("No re-enrollment needed: {why}.").format(why=why))
            self.reembed_button.setEnabled(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.busy()
        self.consent_button.setEnabled(
            not running and self.needs_consent() > 0 and self.attest_check.isChecked()
            and bool(self.attest_edit.text().strip())
        )  # fmt: skip
        self.attest_check.setEnabled(not running and self.needs_consent() > 0)
        self.attest_edit.setEnabled(not running and self.needs_consent() > 0)

    # --- consent on file --------------------------------------------------------------------
    def record_consent(self) -> None:
        try:
            text = check_consent_text(self.attest_edit.text())
        except KioskError as exc:
            self.status.show_error(exc)
            return
        target = self.state.database.full_url(self.state.settings)
        settings = self.state.target_settings()
        reports = self.reports()

        def work(_report: Report) -> Changed[list[MigrationReport]]:
            done = [apply_legacy_consent(r, target, settings, text) for r in reports]
            return Changed(done, Changes(roster=True))

        self._run(MutationOp(work, on_success=self._consent_recorded, on_failure=self.status.show_error,
                             on_done=self._finished, what="Recording consent"))  # fmt: skip

    def _consent_recorded(self, updated: list[MigrationReport]) -> None:
        others = [r for r in self.state.migration_reports if r not in self.reports()]
        self.state.migration_reports = [*others, *updated]
        self.status.show_ok(
            self.tr("Consent on file recorded."), " ".join(n for r in updated for n in r.notes[-1:])
        )

    # --- re-embedding -------------------------------------------------------------------------
    def reembed(self) -> None:
        self._cancel = threading.Event()
        cancel = self._cancel
        target = self.state.database.full_url(self.state.settings)
        settings = self.state.target_settings()
        sources = [Path(r.source) for r in self.reports()]

        def work(report: Report) -> Changed[list[ReembedReport]]:
            done = []
            for source in sources:
                done.append(
                    reembed_from_photos(
                        source,
                        target,
                        settings=settings,
                        progress=lambda _stage, current, total: report((current, total)),
                        cancel=cancel,
                    )
                )
            return Changed(done, Changes(roster=True))

        self.progress.setRange(0, 0)
        self.status.show_info(self.tr("Enrolling the old photos… you can stop at any time."))
        self._run(MutationOp(work, on_success=self._reembedded, on_failure=self.status.show_error,
                             on_progress=self._progress, on_done=self._finished, what="Re-embedding"))  # fmt: skip
        self.cancel_button.setEnabled(True)

    def _progress(self, event: object) -> None:
        if isinstance(event, tuple) and len(event) == 2 and int(event[1]) > 0:
            self.progress.setRange(0, int(event[1]))
            self.progress.setValue(int(event[0]))

    def _reembedded(self, reports: list[ReembedReport]) -> None:
        self.reembedded = reports
        enrolled = sum(len(r.enrolled) for r in reports)
        needs = sum(len(r.needs_enrollment) for r in reports)
        self.status.show_ok(
            self.tr("{n} students enrolled from the old photos.").format(n=enrolled),
            self.tr("{m} still need enrollment (no usable photo); enroll them in the kiosk later.").format(
                m=needs
            )
            if needs
            else "",
        )

    # --- who will be recognised ---------------------------------------------------------------
    def refresh_coverage(self) -> None:
        choice, settings = self.state.database, self.state.target_settings()
        self.runner.run(
            QueryOp(
                QueryOp.plain(lambda: coverage_of_choice(choice, settings)),
                on_success=self._show_coverage,
                on_failure=self.status.show_error,
                what="Counting recognisable students",
            )
        )

    def _show_coverage(self, classes: list[ClassCoverage]) -> None:
        self.coverage = classes
        active = sum(c.active for c in classes)
        recognisable = sum(c.recognisable for c in classes)
        self.coverage_label.setText(
            "<b>"
            + self.tr("{n} of {m} active students will be recognisable by the camera.").format(
                n=recognisable, m=active
            )
            + "</b> "
            + self.tr("The others are marked by hand until they are enrolled; `kiosk doctor` lists them.")
        )

    # --- plumbing -----------------------------------------------------------------------------
    def _run(self, op: Any) -> None:
        self._task = self.runner.run(op)
        self._update_buttons()
        self.reembed_button.setEnabled(False)
        self.refresh_complete()

    def _finished(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._explain()
        self.refresh_coverage()
        self.refresh_complete()

    def busy(self) -> bool:
        return self._task is not None and self._task.running

    def cancel_work(self) -> None:
        if self.busy():
            self._cancel.set()
            self.cancel_button.setEnabled(False)

    def ready(self) -> bool:
        return not self.busy()
