"""School admin in the window (behind the admin PIN): classes and students.

Classes: add, rename (name or code), change the start time, archive or bring back.
Students: add, edit, move to another class, deactivate or reactivate, delete with erasure,
and import a roster with a preview (:mod:`kiosk.gui.admin_roster`). Every change is one
:class:`~kiosk.gui.runner.MutationOp` on the window's database runner, through
:class:`~kiosk.app.roster.RosterService`; the lists are read again after each change.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.app.roster import RosterService, parse_start_time
from kiosk.core.domain import ClassInfo, StudentInfo
from kiosk.core.errors import KioskError
from kiosk.gui.runner import Changed, Changes, MutationOp, OpRunner, QueryOp
from kiosk.gui.wizard.common import StatusLabel

log = logging.getLogger(__name__)

ALL_CLASSES = ""


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.clearSelection()  # a selected row index would now name another class or student
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.setItem(i, j, QTableWidgetItem(value))


class SchoolAdminDialog(QDialog):
    def __init__(
        self,
        roster: Callable[[], RosterService],
        runner: OpRunner,
        parent: QWidget | None = None,
        *,
        open_import: Callable[[QWidget], None] | None = None,
        open_faces: Callable[[QWidget, StudentInfo], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Classes and students"))
        self.resize(900, 620)
        self._roster, self._runner, self._open_import = roster, runner, open_import
        self._open_faces = open_faces
        self.classes: list[ClassInfo] = []
        self.students: list[StudentInfo] = []
        self.pending = 0  # operations of this dialog still running (tests wait for 0)
        self.status = StatusLabel()
        tabs = QTabWidget()
        tabs.addTab(self._classes_tab(), self.tr("Classes"))
        tabs.addTab(self._students_tab(), self.tr("Students"))
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.status)
        runner.changed.connect(self._changed)
        self.reload()

    # --- layout -----------------------------------------------------------------------------
    def _classes_tab(self) -> QWidget:
        page = QWidget()
        self.classes_table = _table(
            [self.tr("Code"), self.tr("Name"), self.tr("Starts"), self.tr("Teacher"), self.tr("State")]
        )
        self.show_archived = QCheckBox(self.tr("Show archived classes"))
        self.code_edit, self.name_edit, self.start_edit, self.teacher_edit = (QLineEdit() for _ in range(4))
        self.start_edit.setPlaceholderText("08:30")
        form = QFormLayout()
        form.addRow(self.tr("Code:"), self.code_edit)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Starts (HH:MM):"), self.start_edit)
        form.addRow(self.tr("Teacher (new class):"), self.teacher_edit)
        self.add_class_button = QPushButton(self.tr("Add class"))
        self.save_class_button = QPushButton(self.tr("Save changes"))
        self.archive_button = QPushButton(self.tr("Archive"))
        buttons = QHBoxLayout()
        for b in (self.add_class_button, self.save_class_button, self.archive_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.show_archived)
        layout.addWidget(self.classes_table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.show_archived.toggled.connect(lambda _on: self.reload())
        self.classes_table.itemSelectionChanged.connect(self._class_selected)
        self.add_class_button.clicked.connect(self.add_class)
        self.save_class_button.clicked.connect(self.save_class)
        self.archive_button.clicked.connect(self.toggle_archive)
        return page

    def _students_tab(self) -> QWidget:
        page = QWidget()
        self.class_filter = QComboBox()
        self.students_table = _table(
            [
                self.tr("Id"),
                self.tr("Name"),
                self.tr("Class"),
                self.tr("Consent"),
                self.tr("Faces"),
                self.tr("State"),
            ]
        )
        self.sid_edit, self.sname_edit, self.email_edit, self.phone_edit = (QLineEdit() for _ in range(4))
        self.class_combo = QComboBox()
        self.consent_check = QCheckBox(self.tr("Consent to face recognition given (new student)"))
        self.consent_by_edit = QLineEdit()
        self.consent_by_edit.setPlaceholderText(self.tr("Who gave it, e.g. the parent's name"))
        form = QFormLayout()
        form.addRow(self.tr("Student id:"), self.sid_edit)
        form.addRow(self.tr("Name:"), self.sname_edit)
        form.addRow(self.tr("Email:"), self.email_edit)
        form.addRow(self.tr("Phone:"), self.phone_edit)
        form.addRow(self.tr("Class:"), self.class_combo)
        form.addRow(self.consent_check)
        form.addRow(self.tr("Consent given by:"), self.consent_by_edit)
        self.add_student_button = QPushButton(self.tr("Add student"))
        self.save_student_button = QPushButton(self.tr("Save changes"))
        self.deactivate_button = QPushButton(self.tr("Deactivate"))
        self.delete_button = QPushButton(self.tr("Delete with all data…"))
        self.import_button = QPushButton(self.tr("Import a roster…"))
        self.faces_button = QPushButton(self.tr("Face collection…"))  # encodings, delete, re-check
        self.faces_button.setVisible(self._open_faces is not None)
        buttons = QHBoxLayout()
        for b in (
            self.add_student_button,
            self.save_student_button,
            self.deactivate_button,
            self.delete_button,
            self.faces_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.class_filter)
        layout.addWidget(self.students_table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.class_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.students_table.itemSelectionChanged.connect(self._student_selected)
        self.add_student_button.clicked.connect(self.add_student)
        self.save_student_button.clicked.connect(self.save_student)
        self.deactivate_button.clicked.connect(self.toggle_active)
        self.delete_button.clicked.connect(lambda: self.delete_student())
        self.import_button.clicked.connect(self._import)
        self.faces_button.clicked.connect(self.open_faces)
        self.import_button.setEnabled(open_import_available := self._open_import is not None)
        self.import_button.setVisible(open_import_available)
        return page

    # --- reading ------------------------------------------------------------------------------
    def reload(self) -> None:
        archived = self.show_archived.isChecked()
        code = self.class_filter.currentData() or None

        def read() -> tuple[list[ClassInfo], list[StudentInfo]]:
            roster = self._roster()
            classes = roster.list_classes(include_archived=True)
            known = {c.code for c in classes}
            return classes, roster.list_students(class_code=code if code in known else None)

        def show(value: tuple[list[ClassInfo], list[StudentInfo]]) -> None:
            all_classes, self.students = value
            self.classes = [c for c in all_classes if archived or not c.archived]
            _fill(self.classes_table, [
                (c.code, c.name, c.starts_at.strftime("%H:%M") if c.starts_at else "", c.teacher or "",
                 self.tr("archived") if c.archived else self.tr("in use"))
                for c in self.classes
            ])  # fmt: skip
            self._fill_class_choices([c for c in all_classes if not c.archived], code)
            _fill(self.students_table, [
                (s.student_id, s.name, s.class_code or "", self.tr("yes") if s.consent_given else self.tr("no"),
                 str(s.encoding_count), self.tr("active") if s.is_active else self.tr("inactive"))
                for s in self.students
            ])  # fmt: skip

        self._run(QueryOp(QueryOp.plain(read), on_success=show, what="Reading the classes and students"))

    def _fill_class_choices(self, in_use: list[ClassInfo], selected_filter: str | None) -> None:
        self.class_filter.blockSignals(True)
        self.class_filter.clear()
        self.class_filter.addItem(self.tr("All classes"), ALL_CLASSES)
        self.class_combo.clear()
        self.class_combo.addItem(self.tr("(no class)"), ALL_CLASSES)
        for c in in_use:
            self.class_filter.addItem(f"{c.code}: {c.name}", c.code)
            self.class_combo.addItem(f"{c.code}: {c.name}", c.code)
        self.class_filter.setCurrentIndex(max(0, self.class_filter.findData(selected_filter or ALL_CLASSES)))
        self.class_filter.blockSignals(False)

    def selected_class(self) -> ClassInfo | None:
        rows = self.classes_table.selectionModel().selectedRows()
        return self.classes[rows[0].row()] if rows and rows[0].row() < len(self.classes) else None

    def selected_student(self) -> StudentInfo | None:
        rows = self.students_table.selectionModel().selectedRows()
        return self.students[rows[0].row()] if rows and rows[0].row() < len(self.students) else None

    def _class_selected(self) -> None:
        c = self.selected_class()
        if c is None:
            return
        self.code_edit.setText(c.code)
        self.name_edit.setText(c.name)
        self.start_edit.setText(c.starts_at.strftime("%H:%M") if c.starts_at else "")
        self.teacher_edit.setText(c.teacher or "")
        self.archive_button.setText(self.tr("Bring back") if c.archived else self.tr("Archive"))

    def _student_selected(self) -> None:
        s = self.selected_student()
        if s is None:
            return
        self.sid_edit.setText(s.student_id)
        self.sname_edit.setText(s.name)
        self.email_edit.setText(s.email or "")
        self.phone_edit.setText(s.phone or "")
        self.class_combo.setCurrentIndex(max(0, self.class_combo.findData(s.class_code or ALL_CLASSES)))
        self.deactivate_button.setText(self.tr("Reactivate") if not s.is_active else self.tr("Deactivate"))

    # --- changing -----------------------------------------------------------------------------
    def _change(self, work: Callable[[RosterService], Any], done: str) -> None:
        def run(_report: object) -> Changed[Any]:
            return Changed(work(self._roster()), Changes(roster=True))

        self._run(MutationOp(run, on_success=lambda _v: self.status.show_ok(done), what="The change"))

    def _run(self, op: QueryOp[Any] | MutationOp[Any]) -> None:
        failure = op.on_failure or self.status.show_error
        done = op.on_done
        self.pending += 1

        def finished() -> None:
            self.pending -= 1
            if done is not None:
                done()

        op.on_failure, op.on_done = failure, finished
        self._runner.run(op)

    def _changed(self, changes: object) -> None:
        if getattr(changes, "roster", False):
            self.reload()

    def _start(self) -> Any:
        text = self.start_edit.text().strip()
        return parse_start_time(text) if text else None

    def add_class(self) -> None:
        try:
            starts = self._start()
        except KioskError as exc:
            self.status.show_error(exc)
            return
        code, name, teacher = (
            self.code_edit.text(),
            self.name_edit.text(),
            self.teacher_edit.text().strip() or None,
        )
        self._change(
            lambda r: r.add_class(code, name, teacher=teacher, starts_at=starts),
            self.tr("Class {code} added.").format(code=code.strip()),
        )

    def save_class(self) -> None:
        current = self.selected_class()
        if current is None:
            self.status.show_error(KioskError(self.tr("Select a class first.")))
            return
        try:
            starts = self._start()
        except KioskError as exc:
            self.status.show_error(exc)
            return
        code, name = self.code_edit.text().strip(), self.name_edit.text()

        def work(r: RosterService) -> ClassInfo:
            renamed = r.rename_class(current.code, name=name, new_code=code)
            return r.set_class_start(renamed.code, starts)

        self._change(work, self.tr("Class {code} saved.").format(code=code))

    def toggle_archive(self) -> None:
        current = self.selected_class()
        if current is None:
            self.status.show_error(KioskError(self.tr("Select a class first.")))
            return
        archive = not current.archived
        self._change(
            lambda r: r.archive_class(current.code, archived=archive),
            self.tr("Class {code} archived; its history is kept.").format(code=current.code)
            if archive
            else self.tr("Class {code} is in use again.").format(code=current.code),
        )

    def _class_choice(self) -> str | None:
        return str(self.class_combo.currentData() or "") or None

    def add_student(self) -> None:
        sid, name = self.sid_edit.text(), self.sname_edit.text()
        email, phone = self.email_edit.text().strip() or None, self.phone_edit.text().strip() or None
        consent, by = self.consent_check.isChecked(), self.consent_by_edit.text().strip() or None
        code = self._class_choice()
        self._change(
            lambda r: r.add_student(
                student_id=sid,
                name=name,
                class_code=code,
                email=email,
                phone=phone,
                consent=consent,
                consent_by=by,
            ),
            self.tr("Student {sid} added.").format(sid=sid.strip()),
        )

    def save_student(self) -> None:
        current = self.selected_student()
        if current is None:
            self.status.show_error(KioskError(self.tr("Select a student first.")))
            return
        name, email, phone = self.sname_edit.text(), self.email_edit.text(), self.phone_edit.text()
        code, actor = self._class_choice(), getpass.getuser()

        def work(r: RosterService) -> StudentInfo:
            info = r.edit_student(current.student_id, name=name, email=email, phone=phone, actor=actor)
            if code != current.class_code:
                info = r.move_student(current.student_id, code, actor=actor)
            return info

        self._change(work, self.tr("Student {sid} saved.").format(sid=current.student_id))

    def toggle_active(self) -> None:
        current = self.selected_student()
        if current is None:
            self.status.show_error(KioskError(self.tr("Select a student first.")))
            return
        active, actor = not current.is_active, getpass.getuser()
        self._change(
            lambda r: r.set_student_active(current.student_id, active, actor=actor),
            self.tr("{name} is active again.").format(name=current.name)
            if active
            else self.tr("{name} deactivated; their data is kept.").format(name=current.name),
        )

    def delete_student(self, *, confirmed: bool | None = None) -> None:
        """Erasure: the student with their face data and attendance; asks first unless ``confirmed``."""
        current = self.selected_student()
        if current is None:
            self.status.show_error(KioskError(self.tr("Select a student first.")))
            return
        if confirmed is None:
            answer = QMessageBox.question(
                self,
                self.tr("Delete {name}?").format(name=current.name),
                self.tr(
                    "This deletes {name} ({sid}) with their photos, face data and attendance records, for an "
                    "erasure request. It cannot be undone. A student who left is usually deactivated instead."
                ).format(name=current.name, sid=current.student_id),
            )
            confirmed = answer == QMessageBox.StandardButton.Yes
        if not confirmed:
            return
        actor = getpass.getuser()
        self._change(
            lambda r: r.delete_student(current.student_id, actor=actor),
            self.tr("{name} and all their data were deleted.").format(name=current.name),
        )

    def _import(self) -> None:
        if self._open_import is not None:
            self._open_import(self)

    def open_faces(self) -> None:
        current = self.selected_student()
        if current is None:
            self.status.show_error(KioskError(self.tr("Select a student first.")))
        elif self._open_faces is not None:
            self._open_faces(self, current)
