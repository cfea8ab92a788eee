"""Drives the enrollment dialog: student details, live quality feedback, shots, enroll.

Face detection for the live feedback runs on the models' runner (never the GUI thread),
at most one check at a time: while one runs, newer frames are simply not checked.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QWidget

from kiosk.app.enrollment import LookalikeRefused
from kiosk.app.roster import RosterService
from kiosk.core.domain import ClassInfo, StudentInfo
from kiosk.core.errors import ConsentRequired, KioskError
from kiosk.gui.consent_dialog import ConsentDialog
from kiosk.gui.context import GuiContext
from kiosk.gui.dialogs import error_text
from kiosk.gui.enrollment_texts import refusal_text, result_text
from kiosk.gui.enrollment_view import MAX_SHOTS, MIN_SHOTS, EnrollmentDialog
from kiosk.gui.runner import OpRunner
from kiosk.gui.style import BOX_COLOURS
from kiosk.gui.video_widget import Overlay
from kiosk.gui.workers import CaptureBridge, stop_capture
from kiosk.infra.camera import CaptureState, CaptureStatus, CaptureWorker, Image
from kiosk.infra.recognition.images import load_image

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 400


class EnrollmentController(QObject):
    def __init__(self, ctx: GuiContext, parent: QWidget, db: OpRunner, models: OpRunner) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.db = db
        self.models = models
        self.dialog: EnrollmentDialog | None = None
        self.capture: CaptureWorker | None = None
        self.bridge = CaptureBridge(self)
        self.bridge.state_changed.connect(self._on_capture_state)
        # (label, image or path): imported photos go as paths, so the service can tell a photo
        # file that is already enrolled (by its content hash) and skip it.
        self.shots: list[tuple[str, Image | Path]] = []
        self.lookalikes: tuple[str, ...] = ()  # the school ids the last refused photos look like
        self.last_result: Any = None
        self.last_error: KioskError | None = None
        self._last_seq = 0
        self._checking = False
        self._checked: tuple[Image, bool] | None = None
        self._service: Any = None
        self._camera_number = 0
        self.frame_timer = QTimer(self)
        self.frame_timer.setInterval(30)
        self.frame_timer.timeout.connect(self._show_frame)
        self.check_timer = QTimer(self)
        self.check_timer.setInterval(CHECK_INTERVAL_MS)
        self.check_timer.timeout.connect(self._check)
        self.on_closed: Any = None
        self.actor: Callable[[], str] = _actor  # the window sets the signed-in account's name

    # --- opening and closing ------------------------------------------------------------
    def open(self, class_code: str | None, camera_spec: str) -> EnrollmentDialog:
        dialog = EnrollmentDialog(self.parent_widget)
        self.dialog = dialog
        self.shots = []
        self._checked = None
        dialog.save_student_requested.connect(self.save_student)
        dialog.student_chosen.connect(self._student_chosen)
        dialog.consent_records_requested.connect(self.open_consent_records)
        dialog.take_photo_requested.connect(self.take_photo)
        dialog.import_requested.connect(self.choose_photos)
        dialog.enroll_requested.connect(self.enroll)
        dialog.enroll_lookalikes_requested.connect(self.enroll_as_lookalikes)
        dialog.finished.connect(self._closed)
        self.reload_students(class_code)
        self.models.submit(self.ctx.enrollment_service, self._service_ready, self._service_failed)
        if camera_spec:
            try:
                self.capture = CaptureWorker.from_settings(
                    self.ctx.settings.camera, source=camera_spec, on_state=self.bridge, retry_first_open=True
                )
                self._last_seq = 0
                self.capture.start()
            except KioskError as exc:
                dialog.camera.set_message(f"{exc.message} {exc.hint}".strip())
        else:
            dialog.camera.set_message(self.tr("No camera: import photos instead."))
        self.frame_timer.start()
        dialog.open()
        return dialog

    def _closed(self, _result: int) -> None:
        self.shutdown()
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        if self.on_closed is not None:
            self.on_closed()

    def shutdown(self) -> None:
        self.frame_timer.stop()
        self.check_timer.stop()
        capture, self.capture = self.capture, None
        stop_capture(capture)

    # --- the student --------------------------------------------------------------------
    def reload_students(self, class_code: str | None, select: str | None = None) -> None:
        def load() -> tuple[list[StudentInfo], list[ClassInfo]]:
            roster = self.roster()
            return roster.list_students(active_only=True), roster.list_classes()

        def done(loaded: tuple[list[StudentInfo], list[ClassInfo]]) -> None:
            if self.dialog is None:
                return
            self.dialog.set_students(loaded[0], loaded[1], class_code)
            if select:
                self.dialog.select_student(select)
            self._update_buttons()

        self.db.submit(load, done, self._show_error)

    def roster(self) -> RosterService:
        """The roster service (run on the database thread: it talks to the database)."""
        return self.ctx.roster_service()

    def save_student(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        existing = dialog.chosen
        student_id = dialog.student_id.text().strip()
        consent = dialog.consent.isChecked()
        consent_by = dialog.consent_by.text().strip() or None
        actor = self.actor()

        if existing is not None:
            if existing.consent_given == consent and (existing.consent_by or None) == consent_by:
                dialog.student_message.setText(self.tr("Nothing to change."))
                return

            def work() -> StudentInfo:
                return self.roster().set_consent(
                    existing.student_id, given=consent, by=consent_by, actor=actor
                )

        else:
            name = dialog.name.text().strip()
            class_code = dialog.class_combo.currentData()
            email = dialog.email.text().strip() or None

            def work() -> StudentInfo:
                return self.roster().add_student(
                    student_id=student_id,
                    name=name,
                    class_code=class_code,
                    email=email,
                    consent=consent,
                    consent_by=consent_by,
                )

        def done(info: StudentInfo) -> None:
            if self.dialog is None:
                return
            note = (
                self.tr("consent recorded")
                if info.consent_given
                else self.tr("no consent: cannot be enrolled")
            )
            self.dialog.student_message.setText(self.tr("Saved %s (%s).") % (info.name, note))
            self.reload_students(info.class_code, select=info.student_id)

        self.db.submit(work, done, self._show_error)

    def open_consent_records(self) -> ConsentDialog | None:
        """The chosen student's consent ledger (issue 12); a change reloads the student list."""
        dialog = self.dialog
        student = dialog.chosen if dialog is not None else None
        if dialog is None or student is None:
            return None
        records = ConsentDialog(student.student_id, self.ctx.consent_service, self.db, dialog)
        records.changed.connect(
            lambda _decision: self.reload_students(student.class_code, student.student_id)
        )
        records.open()
        return records

    def _student_chosen(self, student: StudentInfo | None) -> None:
        self._forget_refusal()
        # The roster reload after an enrollment re-selects the same student: keep its result shown.
        result_student = self.last_result.student.student_id if self.last_result is not None else None
        if self.dialog is not None and (student is None or student.student_id != result_student):
            self.dialog.result_label.clear()
        self._update_buttons()

    # --- photos -------------------------------------------------------------------------
    def _service_ready(self, service: Any) -> None:
        self._service = service
        if self.dialog is not None and self.capture is not None:
            self.check_timer.start()

    def _service_failed(self, exc: KioskError) -> None:
        self.last_error = exc
        if self.dialog is not None:
            self.dialog.feedback.setText(error_text(exc))
            self.dialog.take_button.setEnabled(False)
            self.dialog.import_button.setEnabled(False)

    def _on_capture_state(self, status: CaptureStatus) -> None:
        if self.dialog is None:
            return
        if status.state in (CaptureState.FAILED, CaptureState.RECONNECTING):
            self.dialog.camera.set_message(f"{status.message} {status.hint}".strip())
        elif status.state is CaptureState.LIVE:
            self.dialog.camera.set_message("")

    def _show_frame(self) -> None:
        if self.capture is None or self.dialog is None:
            return
        got = self.capture.latest(self._last_seq)
        if got is not None:
            self._last_seq, frame = got
            self.dialog.camera.set_frame(frame.image)

    def _check(self) -> None:
        service = self._service
        if self._checking or service is None or self.capture is None:
            return
        got = self.capture.latest(0)
        if got is None:
            return
        image = got[1].image
        self._checking = True

        def done(verdict: Any) -> None:
            self._checking = False
            dialog = self.dialog
            if dialog is None:
                return
            self._checked = (image, bool(verdict.ok))
            text = self.tr("Good: press Take photo.") if verdict.ok else str(verdict.reason)
            dialog.set_feedback(bool(verdict.ok), text)
            colour = BOX_COLOURS["confirmed"] if verdict.ok else BOX_COLOURS["matching"]
            overlays = [Overlay(verdict.box, colour, "")] if verdict.box is not None else []
            dialog.camera.set_overlays(overlays)
            self._update_buttons()

        def failed(exc: KioskError) -> None:
            self._checking = False
            if self.dialog is not None:
                self.dialog.set_feedback(False, exc.message)

        self.models.submit(lambda: service.check_frame(image), done, failed)

    def take_photo(self) -> None:
        if self._checked is None or not self._checked[1] or self.dialog is None:
            return
        if len(self.shots) >= MAX_SHOTS:
            self.dialog.set_feedback(False, self.tr("That is enough photos: press Enroll."))
            return
        self._camera_number += 1
        image = self._checked[0].copy()
        self.add_photo(f"camera-{self._camera_number}", image)

    def add_photo(self, label: str, image: Image, path: Path | None = None) -> None:
        if self.dialog is None:
            return
        self._forget_refusal()
        self.shots.append((label, path if path is not None else image))
        self.dialog.add_shot(image, label)
        self.dialog.set_shot_count(len(self.shots))
        self._update_buttons()

    def choose_photos(self) -> None:
        if self.dialog is None:
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self.dialog,
            self.tr("Choose photos of the student"),
            "",
            self.tr("Pictures (*.jpg *.jpeg *.png *.bmp *.webp)"),
        )
        self.import_photos([Path(p) for p in paths])

    def import_photos(self, paths: list[Path]) -> None:
        for path in paths:
            try:
                image = load_image(path)
            except KioskError as exc:
                self._show_error(exc)
                continue
            self.add_photo(path.name, image, path)

    def _update_buttons(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        checked_ok = self._checked is not None and self._checked[1]
        dialog.take_button.setEnabled(checked_ok and len(self.shots) < MAX_SHOTS)
        dialog.enroll_button.setEnabled(
            dialog.chosen is not None and bool(self.shots) and self._service is not None
        )
        if self.shots and len(self.shots) < MIN_SHOTS:
            dialog.count_label.setText(
                dialog.count_label.text() + " " + self.tr("(3 or more recognise better)")
            )

    def _forget_refusal(self) -> None:
        self.lookalikes = ()
        if self.dialog is not None:
            self.dialog.lookalike_button.setVisible(False)

    def enroll_as_lookalikes(self) -> None:
        """The admin confirmed that the refused photos' student and the others look alike."""
        if self.lookalikes:
            self.enroll(lookalike_of=self.lookalikes)

    def enroll(self, lookalike_of: tuple[str, ...] = ()) -> None:
        dialog = self.dialog
        student = dialog.chosen if dialog else None
        service = self._service
        if dialog is None or student is None or service is None or not self.shots:
            return
        shots = list(self.shots)
        actor = self.actor()
        dialog.enroll_button.setEnabled(False)
        dialog.lookalike_button.setVisible(False)
        dialog.result_label.setText(self.tr("Enrolling…"))

        def done(result: Any) -> None:
            self.last_result = result
            self.lookalikes = ()
            if self.dialog is None:
                return
            self.dialog.result_label.setText(result_text(result))
            self.shots = []
            self.dialog.clear_shots()
            self.reload_students(result.student.class_code, select=result.student.student_id)

        def failed(exc: KioskError) -> None:
            self.last_error = exc
            if self.dialog is None:
                return
            if isinstance(exc, LookalikeRefused):
                self.lookalikes = exc.other_ids
                self.dialog.result_label.setText(refusal_text(exc))
                self.dialog.lookalike_button.setVisible(True)
                self._update_buttons()
                return
            prefix = self.tr("Not enrolled: ") if isinstance(exc, ConsentRequired) else ""
            self.dialog.result_label.setText(prefix + error_text(exc))
            self._update_buttons()

        self.models.submit(
            lambda: service.enroll(student.student_id, shots, lookalike_of=lookalike_of, actor=actor),
            done,
            failed,
        )

    def _show_error(self, exc: KioskError) -> None:
        self.last_error = exc
        if self.dialog is not None:
            self.dialog.student_message.setText(error_text(exc))
        log.info("Enrollment: %s", exc.message)


def _actor() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "admin"
