"""The face collection manager (admin): one student's stored face encodings.

Per encoding: its number, source, date, model and quality. No picture is kept per encoding
(privacy: only the one roster thumbnail per student is stored, shown at the top), so the
table says "no thumbnail kept". An admin can delete one encoding (asked first; audited; the
kiosks drop it from their index like any roster change) and re-check the student against
the whole school: encodings that look more like someone else are flagged with the fix
(the rule of :mod:`kiosk.core.lookalikes`, as ``kiosk faces check`` uses it). The student's
recorded look-alikes (twins: never marked by the camera) are listed, and a pair recorded by
mistake can be forgotten here (asked first; audited), as ``kiosk faces lookalikes`` does.

Opened from the school admin dialog, which is behind the admin guard.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.app.face_check import FaceCheckReport, check_faces
from kiosk.app.roster import RosterService
from kiosk.core.domain import EncodingInfo, StudentInfo
from kiosk.core.errors import KioskError
from kiosk.core.lookalikes import RecordedPair
from kiosk.gui.accessibility import name_controls
from kiosk.gui.runner import Changed, Changes, MutationOp, OpRunner, QueryOp
from kiosk.gui.wizard.common import StatusLabel

log = logging.getLogger(__name__)

NO_THUMBNAIL = QT_TRANSLATE_NOOP("FaceCollectionDialog", "no thumbnail kept")
_COLUMNS = (
    QT_TRANSLATE_NOOP("FaceCollectionDialog", "No."),
    QT_TRANSLATE_NOOP("FaceCollectionDialog", "Source"),
    QT_TRANSLATE_NOOP("FaceCollectionDialog", "Date"),
    QT_TRANSLATE_NOOP("FaceCollectionDialog", "Model"),
    QT_TRANSLATE_NOOP("FaceCollectionDialog", "Quality"),
    QT_TRANSLATE_NOOP("FaceCollectionDialog", "Thumbnail"),
    QT_TRANSLATE_NOOP("FaceCollectionDialog", "Check"),
)


@dataclass(frozen=True)
class Lookalike:
    """Another student recorded as looking like this one, and the record."""

    student: StudentInfo
    pair: RecordedPair


# What the dialog reads: the student, their encodings, the roster photo, their look-alikes.
Loaded = tuple[StudentInfo, list[EncodingInfo], bytes | None, list[Lookalike]]


class FaceCollectionDialog(QDialog):
    def __init__(
        self,
        student_id: str,
        roster: Callable[[], RosterService],
        runner: OpRunner,
        *,
        model_name: str,
        threshold: float,
        margin: float,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.student_id = student_id
        self._roster, self._runner = roster, runner
        self._model, self._threshold, self._margin = model_name, threshold, margin
        self.student: StudentInfo | None = None
        self.encodings: list[EncodingInfo] = []
        self.lookalikes: list[Lookalike] = []
        self.report: FaceCheckReport | None = None
        self.pending = 0  # operations still running (tests wait for 0)
        self.setWindowTitle(self.tr("Face collection"))
        self.resize(860, 480)

        self.photo = QLabel(self.tr("No roster photo kept."))
        self.photo.setFixedSize(104, 104)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setWordWrap(True)  # "No roster photo kept." fits the picture's square
        self.heading = QLabel("")
        self.heading.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.photo)
        top.addWidget(self.heading, 1)
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(str(c)) for c in _COLUMNS])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Face encodings"))
        self.delete_button = QPushButton(self.tr("&Delete encoding…"))
        self.recheck_button = QPushButton(self.tr("&Re-check against the school"))
        self.recheck_button.setToolTip(
            self.tr("Flags this student's encodings that look more like another student")
        )
        self.lookalike_list = QListWidget()
        self.lookalike_list.setAccessibleName(self.tr("Recorded look-alikes"))
        self.lookalike_list.setMaximumHeight(72)
        self.lookalike_heading = QLabel(self.tr("Recorded look-alikes (the camera never marks them):"))
        self.forget_button = QPushButton(self.tr("&Forget look-alike…"))
        self.forget_button.setToolTip(self.tr("For a pair recorded by mistake: the camera marks both again"))
        self.close_button = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.recheck_button)
        buttons.addWidget(self.forget_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        self.status = StatusLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.lookalike_heading)
        layout.addWidget(self.lookalike_list)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.recheck_button.clicked.connect(self.recheck)
        self.forget_button.clicked.connect(lambda: self.forget_selected())
        self.lookalike_list.itemSelectionChanged.connect(self._selection_changed)
        self.close_button.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        runner.changed.connect(self._changed)
        name_controls(self)
        self._selection_changed()
        self.reload()

    # --- reading --------------------------------------------------------------------------
    def _run(self, op: QueryOp[Any] | MutationOp[Any]) -> None:
        failure = op.on_failure or self.status.show_error
        self.pending += 1

        def finished() -> None:
            self.pending -= 1

        op.on_failure, op.on_done = failure, finished
        self._runner.run(op)

    def reload(self) -> None:
        sid = self.student_id

        def read(_report: object) -> Loaded:
            roster = self._roster()
            info, rows = roster.student_encodings(sid)
            pairs = [p for p in roster.recorded_lookalikes() if sid in (p.first_id, p.second_id)]
            others = [
                Lookalike(roster.get_student(p.second_id if p.first_id == sid else p.first_id), p)
                for p in pairs
            ]
            return info, rows, roster.photos([info.id]).get(info.id), others

        self._run(QueryOp(read, on_success=self._show, what="Reading the face encodings"))

    def _show(self, loaded: Loaded) -> None:
        info, rows, jpeg, others = loaded
        self.student, self.encodings, self.lookalikes = info, rows, others
        self._fill_lookalikes()
        cls = info.class_code or self.tr("no class")
        self.heading.setText(
            self.tr(
                "{name} ({sid}), {cls}: {n} face encoding(s). Only this roster photo is kept, no photo per encoding."
            ).format(name=info.name, sid=info.student_id, cls=cls, n=len(rows))
        )
        pix = QPixmap()
        if jpeg and pix.loadFromData(jpeg):
            self.photo.setPixmap(pix.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio))
        else:
            self.photo.setText(self.tr("No roster photo kept."))
        self._fill_table()

    def _fill_table(self) -> None:
        flagged = self._flags()
        self.table.clearSelection()
        self.table.setRowCount(len(self.encodings))
        for i, e in enumerate(self.encodings):
            quality = f"{e.quality:.2f}" if e.quality is not None else self.tr("not measured")
            values = (
                str(e.id),
                e.source or self.tr("unknown"),
                f"{e.created_at.astimezone():%Y-%m-%d %H:%M}",
                e.model_name,
                quality,
                self.tr(str(NO_THUMBNAIL)),
                flagged.get(e.id, ""),
            )
            for j, value in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(value))
        self._selection_changed()

    def _flags(self) -> dict[int, str]:
        if self.report is None:
            return {}
        return {f.encoding_id: "⚠ " + f.text for f in self.report.findings if f.encoding_id is not None}

    def selected_encoding(self) -> EncodingInfo | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.encodings[rows.pop()] if len(rows) == 1 else None

    def select_encoding(self, encoding_id: int) -> None:
        for i, e in enumerate(self.encodings):
            if e.id == encoding_id:
                self.table.selectRow(i)

    def _fill_lookalikes(self) -> None:
        self.lookalike_list.clear()
        for other in self.lookalikes:
            item = QListWidgetItem(
                self.tr("{name} ({sid}), recorded {when} by {who}").format(
                    name=other.student.name,
                    sid=other.student.student_id,
                    when=f"{other.pair.recorded_at.astimezone():%Y-%m-%d}",
                    who=other.pair.recorded_by or "?",
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, other.student.student_id)
            self.lookalike_list.addItem(item)
        if not self.lookalikes:
            self.lookalike_list.addItem(QListWidgetItem(self.tr("None recorded.")))
        self.lookalike_list.setEnabled(bool(self.lookalikes))

    def selected_lookalike(self) -> StudentInfo | None:
        items = self.lookalike_list.selectedItems()
        if len(items) != 1:
            return None
        sid = items[0].data(Qt.ItemDataRole.UserRole)
        return next((o.student for o in self.lookalikes if o.student.student_id == sid), None)

    def select_lookalike(self, student_id: str) -> None:
        for row in range(self.lookalike_list.count()):
            item = self.lookalike_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == student_id:
                self.lookalike_list.setCurrentItem(item)

    def _selection_changed(self) -> None:
        self.delete_button.setEnabled(self.selected_encoding() is not None)
        self.forget_button.setEnabled(self.selected_lookalike() is not None)

    def _changed(self, changes: object) -> None:
        if getattr(changes, "roster", False):
            self.reload()

    # --- changing -------------------------------------------------------------------------
    def delete_selected(self, *, confirmed: bool | None = None) -> None:
        """Delete the selected encoding; asks first unless ``confirmed``."""
        chosen = self.selected_encoding()
        if chosen is None:
            self.status.show_error(KioskError(self.tr("Select an encoding first.")))
            return
        if confirmed is None:
            answer = QMessageBox.question(
                self,
                self.tr("Delete encoding {n}?").format(n=chosen.id),
                self.tr(
                    "This deletes face encoding {n} ({source}) of {sid}. The kiosks stop using it at once. "
                    "It cannot be undone (enroll a photo again to add one)."
                ).format(n=chosen.id, source=chosen.source or "?", sid=self.student_id),
            )
            confirmed = answer == QMessageBox.StandardButton.Yes
        if not confirmed:
            return
        sid, actor, encoding_id = self.student_id, getpass.getuser(), chosen.id

        def work(_report: object) -> Changed[StudentInfo]:
            return Changed(
                self._roster().delete_encoding(sid, encoding_id, actor=actor), Changes(roster=True)
            )

        def done(info: StudentInfo) -> None:
            self.status.show_ok(
                self.tr("Encoding {n} deleted; {left} left.").format(n=encoding_id, left=info.encoding_count)
            )

        self._run(MutationOp(work, on_success=done, what="Deleting the encoding"))

    def forget_selected(self, *, confirmed: bool | None = None) -> None:
        """Forget the selected look-alike pair; asks first unless ``confirmed``."""
        other = self.selected_lookalike()
        if other is None:
            self.status.show_error(KioskError(self.tr("Select a look-alike first.")))
            return
        if confirmed is None:
            answer = QMessageBox.question(
                self,
                self.tr("Forget the look-alikes?"),
                self.tr(
                    "{sid} and {other} ({name}) are recorded as look-alikes, so the camera never marks "
                    "either of them. Forget this only if they were recorded by mistake: the camera "
                    "then marks both again."
                ).format(sid=self.student_id, other=other.student_id, name=other.name),
            )
            confirmed = answer == QMessageBox.StandardButton.Yes
        if not confirmed:
            return
        sid, other_id, actor = self.student_id, other.student_id, getpass.getuser()

        def work(_report: object) -> Changed[bool]:
            return Changed(self._roster().forget_lookalikes(sid, other_id, actor=actor), Changes(roster=True))

        def done(_forgotten: bool) -> None:
            self.status.show_ok(
                self.tr("{sid} and {other} are no longer recorded as look-alikes.").format(
                    sid=sid, other=other_id
                )
            )

        self._run(MutationOp(work, on_success=done, what="Forgetting the look-alikes"))

    def recheck(self) -> None:
        """Compare this student's encodings with the whole school; flag the outliers."""
        sid = self.student_id

        def work(_report: object) -> FaceCheckReport:
            return check_faces(
                self._roster(), self._model, threshold=self._threshold, margin=self._margin, student_id=sid
            )

        self._run(QueryOp(work, on_success=self._checked, what="Re-checking the faces"))

    def _checked(self, report: FaceCheckReport) -> None:
        self.report = report
        problems = [f for f in report.findings if f.problem]
        if problems:
            self.status.show_error(
                KioskError(
                    self.tr("{n} problem(s):").format(n=len(problems)),
                    " ".join(f"{f.text} Fix: {f.fix}" for f in problems),
                )
            )
        else:
            recorded = len(report.findings)
            self.status.show_ok(
                self.tr("No encoding looks more like another student.")
                + (self.tr(" ({n} recorded look-alike(s).)").format(n=recorded) if recorded else "")
            )
        self._fill_table()
