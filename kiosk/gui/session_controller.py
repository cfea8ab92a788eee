"""Wires the screens to the session service, the camera and the background workers.

Threads: the camera reads on its own thread (:class:`CaptureWorker`); recognition runs on
a :class:`RecognitionWorker`; database calls go through one :class:`TaskRunner`; the face
models load on a second runner at start-up. The GUI thread only paints: a timer shows the
newest camera frame at the camera's rate, with the newest recognition result over it.
"""

from __future__ import annotations

import getpass
import logging
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from kiosk.app.export import export_summary_csv
from kiosk.app.session import AttendanceSessionService, FrameResult, RosterEntry
from kiosk.core.domain import AttendanceMark, AttendanceStatus, ClassInfo, SessionSummary
from kiosk.core.errors import KioskError
from kiosk.gui.context import GuiContext
from kiosk.gui.dialogs import ManualMarkDialog, error_text, show_error
from kiosk.gui.main_window import MainWindow
from kiosk.gui.workers import CaptureBridge, RecognitionWorker, TaskRunner, stop_capture
from kiosk.infra.camera import CaptureState, CaptureStatus, CaptureWorker, list_devices

log = logging.getLogger(__name__)

FRAME_INTERVAL_MS = 30  # repaint up to ~33 times a second: at least the camera's rate
STATUS_INTERVAL_MS = 1000
DB_STATUS_EVERY = 3  # status ticks between database status checks


def _actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some kiosk accounts
        return "teacher"


class SessionController(QObject):
    def __init__(
        self,
        ctx: GuiContext,
        window: MainWindow,
        *,
        class_code: str | None = None,
        camera: str | None = None,
        auto_end: bool = False,
    ) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.settings = ctx.settings
        self.db = TaskRunner("kiosk-db", self)
        self.models = TaskRunner("kiosk-models", self)
        self.service: AttendanceSessionService | None = None
        self.capture: CaptureWorker | None = None
        self.recognition: RecognitionWorker | None = None
        self.bridge = CaptureBridge(self)
        self.bridge.state_changed.connect(self._on_capture_state)
        self.classes: list[ClassInfo] = []
        self.summary: SessionSummary | None = None
        self.auto_end = auto_end
        self._preferred_class = class_code
        self._camera_override = camera
        self._last_seq = 0
        self._status_ticks = 0
        self._models_settled = False
        self._db_ready = False
        self._starting = False
        self._ending = False
        self._shut_down = False
        self._source_done = False
        self.last_error: KioskError | None = None
        self.prompt: QMessageBox | None = None
        self.manual_dialog: ManualMarkDialog | None = None
        self.enrollment: Any = None  # the enrollment controller, created on first use

        self.frame_timer = QTimer(self)
        self.frame_timer.setInterval(FRAME_INTERVAL_MS)
        self.frame_timer.timeout.connect(self._show_frame)
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(STATUS_INTERVAL_MS)
        self.status_timer.timeout.connect(self._update_status)

        sv, lv, su = window.start_view, window.live_view, window.summary_view
        sv.start_requested.connect(self.start_session)
        sv.camera_changed.connect(self.start_preview)
        sv.retry_requested.connect(self.open_database)
        sv.enroll_requested.connect(self.open_enrollment)
        lv.end_requested.connect(self.confirm_end)
        lv.manual_requested.connect(self._manual_for_selected)
        lv.roster.student_activated.connect(self.open_manual_mark)
        su.export_requested.connect(self.choose_export)
        su.done_requested.connect(self.back_to_start)
        window.close_requested.connect(self.request_close)
        window.hold_close(True)

    # --- start-up -----------------------------------------------------------------------
    def startup(self) -> None:
        """Open the database and load the models in the background; show the start screen."""
        self.window.show_start()
        self.window.model_status.setText(self.tr("Model: %s (loading…)") % self.settings.recognition.profile)
        self.models.submit(self.ctx.load_pipeline, self._on_models_ready, self._on_models_failed)
        devices = list_devices()
        configured = self._camera_override or self.settings.camera.source
        self.window.start_view.set_cameras(devices, configured)
        self.open_database()
        self.frame_timer.start()
        self.status_timer.start()
        self.start_preview(self.window.start_view.camera_spec)

    def open_database(self) -> None:
        sv = self.window.start_view
        sv.retry_button.hide()
        sv.show_error("")
        sv.db_label.setText(self.tr("Connecting to the database…"))
        self.db.submit(self._load_classes, self._on_classes, self._on_db_failed)

    def _load_classes(self) -> list[ClassInfo]:
        store = self.ctx.open_database()
        return store.list_classes()

    def _on_classes(self, classes: list[ClassInfo]) -> None:
        self._db_ready = True
        self.classes = classes
        sv = self.window.start_view
        sv.set_classes(classes, self._preferred_class)
        if classes:
            sv.db_label.setText(self.tr("Database ready: %n class(es).", "", len(classes)))
        else:
            sv.db_label.setText(self.tr("No classes yet: add one with `kiosk class add`."))
        notices = [str(n) for n in getattr(self.ctx.store, "notices", [])]  # e.g. started offline
        if notices:
            for line in notices:
                log.warning("Database notice: %s", line)
            sv.show_error("\n".join(notices))
        self._refresh_db_status()
        self._update_start_button()
        if self._preferred_class and self._camera_override and self.auto_end:
            self._start_when_ready()

    def _on_db_failed(self, exc: KioskError) -> None:
        self.last_error = exc
        sv = self.window.start_view
        sv.db_label.setText(self.tr("The database cannot be used."))
        sv.show_error(error_text(exc))
        sv.retry_button.show()
        self.window.db_status.setText(self.tr("Database: unavailable"))

    def _on_models_ready(self, _pipeline: object) -> None:
        self._models_settled = True
        profile = self.settings.recognition.profile
        self.window.model_status.setText(self.tr("Model: %s") % profile)
        self.window.start_view.model_label.setText(self.tr("Face recognition ready (%s).") % profile)
        self._update_start_button()
        if self._preferred_class and self._camera_override and self.auto_end:
            self._start_when_ready()

    def _on_models_failed(self, exc: KioskError) -> None:
        # Never switch to another profile behind the teacher's back: say so, mark by hand.
        self._models_settled = True
        self.last_error = exc
        self.window.model_status.setText(
            self.tr("Model: %s not installed") % self.settings.recognition.profile
        )
        self.window.start_view.model_label.setText(
            self.tr("Face recognition is off: %s\n%s\nSessions can still be run, marking attendance by hand.")
            % (exc.message, exc.hint)
        )
        self._update_start_button()

    def _update_start_button(self) -> None:
        sv = self.window.start_view
        ready = self._db_ready and self._models_settled and bool(self.classes) and not self._starting
        sv.start_button.setEnabled(ready)

    def _start_when_ready(self) -> None:
        if self._db_ready and self._models_settled and self.service is None and not self._starting:
            self.start_session()

    # --- preview ------------------------------------------------------------------------
    def start_preview(self, spec: str) -> None:
        if self.service is not None:
            return
        self._stop_camera()
        self.window.start_view.preview.clear()
        if not spec:
            self.window.start_view.preview.set_message(self.tr("No camera selected."))
            return
        self.window.start_view.preview.set_message("")
        self._open_camera(spec)

    def _open_camera(self, spec: str) -> bool:
        try:
            # retry_first_open: a camera unplugged at start is waited for, and said so on screen
            worker = CaptureWorker.from_settings(
                self.settings.camera, source=spec, on_state=self.bridge, retry_first_open=True
            )
        except KioskError as exc:
            self._show_camera_problem(exc.message, exc.hint)
            return False
        self.capture = worker
        self._last_seq = 0
        self._source_done = False
        worker.start()
        return True

    def _stop_camera(self) -> None:
        capture, self.capture = self.capture, None
        stop_capture(capture)

    def _show_camera_problem(self, message: str, hint: str = "") -> None:
        text = message + (f" {hint}" if hint else "")
        self.window.camera_status.setText(self.tr("Camera: problem"))
        self._video().set_message(text)
        log.warning("Camera problem shown: %s", text)

    def _video(self) -> Any:
        return self.window.live_view.video if self.service is not None else self.window.start_view.preview

    def _on_capture_state(self, status: CaptureStatus) -> None:
        if self.capture is None or status.source != self.capture.source.description:
            return  # a late message from a camera already closed
        names = {
            CaptureState.CONNECTING: self.tr("connecting"),
            CaptureState.LIVE: self.tr("live"),
            CaptureState.RECONNECTING: self.tr("reconnecting"),
            CaptureState.EXHAUSTED: self.tr("ended"),
            CaptureState.FAILED: self.tr("failed"),
            CaptureState.STOPPED: self.tr("stopped"),
        }
        self.window.camera_status.setText(self.tr("Camera: %s") % names[status.state])
        video = self._video()
        if status.state is CaptureState.LIVE:
            video.set_message("")
        elif status.state in (CaptureState.RECONNECTING, CaptureState.FAILED):
            video.set_message(status.message + (f" {status.hint}" if status.hint else ""))
        elif status.state is CaptureState.EXHAUSTED:
            video.set_message(self.tr("The video has ended. End the session when everyone is marked."))

    def _show_frame(self) -> None:
        if self.capture is None:
            return
        got = self.capture.latest(self._last_seq)
        if got is None:
            return
        self._last_seq, frame = got
        self._video().set_frame(frame.image)

    # --- the session ----------------------------------------------------------------------
    def start_session(self) -> None:
        sv = self.window.start_view
        code = sv.class_code
        spec = self._camera_override or sv.camera_spec
        if self._camera_override:
            self._camera_override = None  # only the first session uses the command-line camera
        if not code or self._starting or self.service is not None:
            return
        try:
            service = self.ctx.new_session_service()
        except KioskError as exc:
            self._error(exc)
            return
        self._starting = True
        self._update_start_button()
        sv.show_error("")
        self.db.submit(
            lambda: service.start(code, started_by=_actor()),
            lambda _info: self._on_started(service, spec),
            self._on_start_failed,
        )

    def _on_start_failed(self, exc: KioskError) -> None:
        self._starting = False
        self._update_start_button()
        self.window.start_view.show_error(error_text(exc))
        self._error(exc)

    def _on_started(self, service: AttendanceSessionService, spec: str) -> None:
        self._starting = False
        self.service = service
        info = service.class_info
        lv = self.window.live_view
        lv.title.setText(f"{info.code} — {info.name}" if info else "")
        warnings = list(service.warnings)
        for line in warnings:
            log.warning("Session warning: %s", line)
        lv.set_warnings(warnings)
        lv.video.clear()
        self.window.show_live()
        self._stop_camera()  # the preview: the session opens the source afresh (a video from its start)
        if spec and self._open_camera(spec):
            recognition = RecognitionWorker(service, self.capture)  # type: ignore[arg-type]
            recognition.result_ready.connect(self._on_result)
            recognition.error.connect(self._on_recognition_error)
            recognition.source_finished.connect(self._on_source_finished)
            self.recognition = recognition
            recognition.start()
        elif not spec:
            lv.video.set_message(self.tr("No camera: mark attendance by hand."))
        self.refresh_roster(with_photos=True)

    def refresh_roster(self, *, with_photos: bool = False) -> None:
        service = self.service
        if service is None:
            return

        def load() -> tuple[list[RosterEntry], dict[uuid.UUID, bytes] | None]:
            entries = service.roster()
            photos = service.store.photos([e.student.id for e in entries]) if with_photos else None
            return entries, photos

        self.db.submit(load, self._on_roster, self._error)

    def _on_roster(self, loaded: tuple[list[RosterEntry], dict[uuid.UUID, bytes] | None]) -> None:
        entries, photos = loaded
        roster = self.window.live_view.roster
        if photos is not None:
            roster.set_photos(photos, {e.student.id: e.student.name for e in entries})
        roster.set_entries(entries)

    def _on_result(self, result: FrameResult) -> None:
        if self.service is None:
            return
        self.window.live_view.video.set_faces(result.faces)
        if result.new_marks:
            self.refresh_roster()

    def _on_recognition_error(self, exc: KioskError) -> None:
        self.window.live_view.video.set_message(exc.message)

    def _on_source_finished(self) -> None:
        self._source_done = True
        if self.auto_end and self.service is not None:
            self.end_session()

    # --- manual override ----------------------------------------------------------------
    def _manual_for_selected(self) -> None:
        selected = self.window.live_view.roster.selected_student
        if selected is None:
            show_error(
                self.window,
                KioskError(
                    self.tr("Choose a student in the list first."), self.tr("Then press Mark by hand again.")
                ),
            )
            return
        self.open_manual_mark(selected)

    def open_manual_mark(self, student_uuid: uuid.UUID) -> ManualMarkDialog | None:
        service = self.service
        if service is None:
            return None
        entry = next((e for e in service.roster() if e.student.id == student_uuid), None)
        if entry is None:
            return None
        dialog = ManualMarkDialog(
            entry.student, entry.status, self.window.live_view.roster.photo(student_uuid), self.window
        )
        dialog.accepted.connect(lambda: self.manual_mark(student_uuid, dialog.status, dialog.note.text()))
        dialog.finished.connect(dialog.deleteLater)
        self.manual_dialog = dialog
        dialog.open()
        return dialog

    def manual_mark(
        self,
        student_uuid: uuid.UUID,
        status: AttendanceStatus,
        note: str = "",
        on_done: Callable[[AttendanceMark], None] | None = None,
    ) -> None:
        service = self.service
        if service is None:
            return

        def done(mark: AttendanceMark) -> None:
            log.info("Manual mark saved: %s", mark.status.value)
            self.refresh_roster()
            if on_done is not None:
                on_done(mark)

        self.db.submit(
            lambda: service.manual_mark(student_uuid, status, note=note or None, actor=_actor()),
            done,
            self._error,
        )

    # --- ending -------------------------------------------------------------------------
    def confirm_end(self) -> None:
        self._ask(
            self.tr("End session"),
            self.tr("End this session? Students not marked yet will be recorded as absent."),
            self.end_session,
        )

    def _ask(self, title: str, question: str, on_yes: Callable[[], None]) -> None:
        """A Yes/No question that does not block the event loop (No is the default)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(on_yes)
        box.finished.connect(box.deleteLater)
        self.prompt = box
        box.open()

    def _stop_workers(self) -> None:
        recognition, self.recognition = self.recognition, None
        if recognition is not None:
            recognition.stop()
            recognition.deleteLater()
        self._stop_camera()

    def end_session(self, then: Callable[[SessionSummary], None] | None = None) -> None:
        service = self.service
        if service is None or self._ending:
            return
        self._ending = True
        self._stop_workers()  # no marks after the close

        def done(summary: SessionSummary) -> None:
            self._ending = False
            self.service = None
            self.summary = summary
            self.window.summary_view.show_summary(summary)
            self.window.show_summary()
            if then is not None:
                then(summary)

        def failed(exc: KioskError) -> None:
            self._ending = False
            self._error(exc)

        self.db.submit(service.end, done, failed)

    def back_to_start(self) -> None:
        self.summary = None
        self.window.show_start()
        self.start_preview(self.window.start_view.camera_spec)

    def choose_export(self) -> None:
        summary = self.summary
        if summary is None:
            return
        default = (
            Path.home() / f"attendance-{summary.class_info.code}-{summary.session.started_at:%Y%m%d-%H%M}.csv"
        )
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export attendance"), str(default), self.tr("CSV files (*.csv)")
        )
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        summary = self.summary
        if summary is None:
            return

        def done(written: Path) -> None:
            self.window.summary_view.message.setText(self.tr("Saved to %s") % written)

        self.db.submit(lambda: export_summary_csv(summary, path), done, self._error)

    # --- closing ------------------------------------------------------------------------
    def request_close(self) -> None:
        if self.service is None and not self._ending:
            self.shutdown()
            self.window.allow_close()
            QTimer.singleShot(0, self.window.close)  # Qt ignores close() from inside closeEvent
            return
        self._ask(
            self.tr("Close the kiosk"),
            self.tr("A session is running. End it and close? Everyone marked so far is kept."),
            self._close_after_end,
        )

    def _close_after_end(self) -> None:
        service = self.service
        self._stop_workers()
        if service is not None:
            try:
                # Waits for queued marks first (one worker, in order), then closes the session.
                self.summary = self.db.run_sync(service.end)
            except Exception as exc:
                log.error("Ending the session on close failed: %s", exc)
            self.service = None
        self.shutdown()
        self.window.allow_close()
        QTimer.singleShot(0, self.window.close)

    def shutdown(self) -> None:
        """Stop every thread and release the database (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.frame_timer.stop()
        self.status_timer.stop()
        self._stop_workers()
        if self.enrollment is not None:
            self.enrollment.shutdown()
        self.db.shutdown()
        self.models.shutdown()
        self.ctx.close()
        log.info("Kiosk window closed")

    # --- status bar ---------------------------------------------------------------------
    def _update_status(self) -> None:
        parts = []
        if self.capture is not None:
            parts.append(self.tr("Camera %.0f fps") % self.capture.fps)
        if self.recognition is not None:
            parts.append(self.tr("recognition %.1f fps") % self.recognition.fps)
        self.window.fps_status.setText(" · ".join(parts))
        self._status_ticks += 1
        if self._status_ticks % DB_STATUS_EVERY == 0:
            self._refresh_db_status()

    def _refresh_db_status(self) -> None:
        store = self.ctx.store
        if store is None or self.db.busy:
            return
        self.db.submit(store.status_line, self._on_db_status, lambda exc: self._on_db_status(exc.message))

    def _on_db_status(self, line: str) -> None:
        self.window.db_status.setText(self.tr("Database: %s") % line)

    # --- helpers ------------------------------------------------------------------------
    def _error(self, exc: KioskError) -> None:
        self.last_error = exc
        show_error(self.window, exc)

    def open_enrollment(self) -> None:
        from kiosk.gui.enrollment_controller import EnrollmentController

        if self.service is not None:
            return  # enrollment is for between sessions: the camera is busy
        if self.enrollment is None:
            self.enrollment = EnrollmentController(self.ctx, self.window, self.db, self.models)
            self.enrollment.on_closed = self._enrollment_closed
        spec = self.window.start_view.camera_spec
        self._stop_camera()  # one reader per camera: the dialog takes it over
        self.window.start_view.preview.clear()
        self.enrollment.open(self.window.start_view.class_code, spec)

    def _enrollment_closed(self) -> None:
        if self._shut_down:
            return
        self.open_database()  # new students or classes show up in the pickers
        self.start_preview(self.window.start_view.camera_spec)
