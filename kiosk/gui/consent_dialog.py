"""The admin's consent dialog: one pupil's consent ledger, and a form to add a row to it.

Opened from the enrollment dialog ("Consent records…"). Every database call runs on the
window's database thread (``db.query``); the dialog only shows frozen values. What the
ledger adds up to is the rule in :mod:`kiosk.core.consent`, shown as one line on top.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.app.consent import ConsentHistory, ConsentService, parse_when
from kiosk.core.consent import ConsentDecision, ConsentKind, ConsentParty
from kiosk.core.errors import KioskError
from kiosk.gui.accessibility import name_controls
from kiosk.gui.runner import OpRunner

log = logging.getLogger(__name__)

COLUMNS = (
    QT_TRANSLATE_NOOP("ConsentDialog", "When"),
    QT_TRANSLATE_NOOP("ConsentDialog", "What"),
    QT_TRANSLATE_NOOP("ConsentDialog", "Who"),
    QT_TRANSLATE_NOOP("ConsentDialog", "Relation"),
    QT_TRANSLATE_NOOP("ConsentDialog", "How"),
    QT_TRANSLATE_NOOP("ConsentDialog", "Text"),
    QT_TRANSLATE_NOOP("ConsentDialog", "Entered by"),
)


class ConsentDialog(QDialog):
    """``service_of`` runs on the database thread and returns the consent service."""

    changed = Signal(object)  # the ConsentDecision after a change

    def __init__(
        self,
        student_id: str,
        service_of: Callable[[], ConsentService],
        db: OpRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.student_id = student_id
        self._service_of = service_of
        self._db = db
        self.setWindowTitle(self.tr("Consent records"))
        self.setMinimumSize(760, 480)
        layout = QVBoxLayout(self)
        self.state = QLabel(self.tr("Loading…"))
        self.state.setWordWrap(True)
        self.state.setObjectName("subtitle")
        layout.addWidget(self.state)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(str(c)) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("Consent ledger"))
        layout.addWidget(self.table, 1)

        add = QGroupBox(self.tr("Add a record"))
        form = QFormLayout(add)
        self.kind = QComboBox()
        for kind, label in (
            (ConsentKind.CONSENT, self.tr("Consent given")),
            (ConsentKind.WITHDRAWAL, self.tr("Consent withdrawn (deletes the face data)")),
            (ConsentKind.OBJECTION, self.tr("Objection (stops face matching)")),
            (ConsentKind.OBJECTION_LIFTED, self.tr("Objection lifted by its author")),
        ):
            self.kind.addItem(label, kind)
        form.addRow(self.tr("&What:"), self.kind)
        self.party = QComboBox()
        for party, label in (
            (ConsentParty.PARENT, self.tr("Parent")),
            (ConsentParty.GUARDIAN, self.tr("Guardian")),
            (ConsentParty.PUPIL, self.tr("The pupil")),
        ):
            self.party.addItem(label, party)
        form.addRow(self.tr("&By whom:"), self.party)
        self.name = QLineEdit()
        form.addRow(self.tr("&Name:"), self.name)
        self.relation = QLineEdit()
        self.relation.setPlaceholderText(self.tr("e.g. mother, legal guardian"))
        form.addRow(self.tr("&Relation:"), self.relation)
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems(
            [self.tr("paper form"), self.tr("email"), self.tr("in person"), self.tr("letter")]
        )
        form.addRow(self.tr("&How:"), self.method)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setMaximumDate(QDate.currentDate())
        form.addRow(self.tr("&Date given:"), self.date)
        layout.addWidget(add)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.addButton(
            self.tr("&Add record"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        name_controls(self)
        self.reload()

    def reload(self) -> None:
        student_id = self.student_id
        self._db.query(lambda: self._service_of().history(student_id), self.show_history, self._failed)

    def show_history(self, hist: ConsentHistory) -> None:
        self.setWindowTitle(
            self.tr("Consent records: %1").replace("%1", f"{hist.student.name} ({hist.student.student_id})")
        )
        self.state.setText(_describe(self, hist.decision))
        self.table.setRowCount(len(hist.entries))
        for row, e in enumerate(hist.entries):
            values = (
                f"{e.recorded_at.astimezone():%Y-%m-%d}",
                e.kind.value.replace("_", " "),
                f"{e.name} ({e.party.value})",
                e.relation or "",
                e.method,
                e.text_version or "",
                e.entered_by or "",
            )
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def save(self) -> None:
        kind = ConsentKind(self.kind.currentData())  # Qt hands enum data back as text
        party = ConsentParty(self.party.currentData())
        name, relation, method = (
            self.name.text().strip(),
            self.relation.text().strip(),
            self.method.currentText(),
        )
        when_text = self.date.date().toString("yyyy-MM-dd")
        student_id = self.student_id

        def work() -> ConsentDecision:
            return self._service_of().record(
                student_id,
                kind,
                party=party,
                name=name,
                relation=relation or None,
                method=method,
                recorded_at=parse_when(when_text),
                actor=getpass.getuser(),
            )

        def done(decision: ConsentDecision) -> None:
            self.message.setText(self.tr("Recorded."))
            self.name.clear()
            self.relation.clear()
            self.changed.emit(decision)
            self.reload()

        self._db.query(work, done, self._failed)

    def _failed(self, exc: KioskError) -> None:
        self.message.setText(exc.message + (f" {exc.hint}" if exc.hint else ""))


def _describe(widget: QWidget, decision: ConsentDecision) -> str:
    if decision.allowed:
        text = QCoreApplication.translate("ConsentDialog", "Face matching is allowed: %1.").replace(
            "%1", decision.reason
        )
    else:
        text = QCoreApplication.translate(
            "ConsentDialog",
            "Face matching is NOT allowed: %1. This pupil checks in by card, PIN or the teacher.",
        ).replace("%1", decision.reason)
    if decision.needs_renewal:
        text += " " + QCoreApplication.translate(
            "ConsentDialog", "The consent text has changed since: ask for a renewed consent."
        )
    return text
