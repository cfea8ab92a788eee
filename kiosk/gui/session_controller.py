"""Wires the screens to the session: start-up, start, results, roster, manual marks, end, export, close.

Threads: the camera is the :class:`CameraController`'s; recognition runs on a
:class:`RecognitionWorker`; database calls go through one :class:`OpRunner` (in order),
the face models load on a second one at start-up. The status bar is the
:class:`StatusBarController`'s. Where the kiosk stands is one :class:`Phase`.

Over 400 lines on purpose: what is left after the camera, status bar and manual marks moved out is
the session's own sequence (each step's request, its result and its failure side by side), which
reads best in one place.
"""

from __future__ import annotations

import getpass
import logging
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from kiosk.app.bootstrap import FaceRecognitionOff
from kiosk.app.exports import summary_table
from kiosk.app.session import AttendanceSessionService, FrameResult, RosterEntry
from kiosk.core.authz import Action, check_class
from kiosk.core.domain import ClassInfo, SessionSummary
from kiosk.core.errors import KioskError
from kiosk.core.readiness import ClassReadiness
from kiosk.gui.access_guard import AccessGuard
from kiosk.gui.camera_controller import CameraController
from kiosk.gui.context import GuiContext
from kiosk.gui.dialogs import ask, error_text, show_error
from kiosk.gui.live_feedback import LiveFeedback
from kiosk.gui.main_window import MainWindow
from kiosk.gui.manual_marks import ManualMarkController
from kiosk.gui.phase import Opening, Phase
from kiosk.gui.pin_checkin import PinCheckinController
from kiosk.gui.runner import Changes, OpRunner
from kiosk.gui.status_controller import StatusBarController
from kiosk.gui.table_export import ask_save_path, write_any
from kiosk.gui.workers import RecognitionWorker
from kiosk.infra.camera import CaptureWorker, list_devices

log = logging.getLogger(__name__)


def _os_user() -> str:
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
        self.db = OpRunner("kiosk-db", self, database_url=ctx.settings.database_url)
        self.guard = AccessGuard(ctx, window, self.db)  # who may start, end, mark, enroll, quit
        self.models = OpRunner("kiosk-models", self)
        self.camera = CameraController(ctx.settings.camera, window.start_view.preview, self)
        self.status = StatusBarController(window, self.db, lambda: ctx.store, self._rates)
        self.camera.state_text.connect(self.status.camera_state)
        self.db.changed.connect(self._on_changed)
        self.phase = Phase.OPENING
        self._opening = set(Opening)
        self.service: AttendanceSessionService | None = None
        self.recognition: RecognitionWorker | None = None
        self.classes: list[ClassInfo] = []
        self.summary: SessionSummary | None = None
        self.auto_end = auto_end
        self._preferred_class = class_code
        self._camera_override = camera
        self.last_error: KioskError | None = None
        self.prompt: QMessageBox | None = None
        self.manual = ManualMarkController(
            window,
            self.db,
            lambda: self.service,
            self._actor,
            guard=self.guard.require,
            account=lambda: self.guard.account,
        )
        self.pin_checkin = PinCheckinController(
            window, self.db, lambda: self.service
        )  # the pupil's own: no PIN guard
        self.feedback = LiveFeedback(  # questions about doubtful faces, greetings (issue 14)
            window, self.db, lambda: self.service, self._actor, ctx.settings.gui, guard=self.guard.require
        )
        self.enrollment: Any = None  # the enrollment controller, created on first use

        sv, lv, su = window.start_view, window.live_view, window.summary_view
        sv.start_requested.connect(self.start_session)
        sv.camera_changed.connect(self._on_camera_changed)
        sv.retry_requested.connect(self.open_database)
        sv.enroll_requested.connect(self.open_enrollment)
        sv.class_changed.connect(self.check_readiness)
        lv.end_requested.connect(self.confirm_end)
        su.export_requested.connect(self.choose_export)
        su.done_requested.connect(self.back_to_start)
        window.close_requested.connect(self.request_close)
        window.hold_close(True)

    def _actor(self) -> str:
        """Who did it, for the audit log: the signed-in account, else the computer's user."""
        return self.guard.actor or _os_user()

    @property
    def capture(self) -> CaptureWorker | None:
        return self.camera.capture

    # --- start-up -----------------------------------------------------------------------
    def startup(self) -> None:
        """Open the database and load the models in the background; show the start screen."""
        self.window.show_start()
        self.status.model_loading(self.ctx.models.profile)
        self.window.start_view.show_model_state(self.tr("Loading face models…"), loading=True)
        self.models.query(self.ctx.load_models, self._on_models_ready, self._on_models_failed)
        configured = self._camera_override or self.ctx.settings.camera.source
        self.window.start_view.set_cameras(list_devices(), configured)
        self.open_database()
        self.camera.start()
        self.status.start()
        self.camera.preview(self.window.start_view.camera_spec)

    def open_database(self) -> None:
        sv = self.window.start_view
        sv.show_error("")
        sv.show_database_state(self.tr("Connecting to the database…"))
        self.db.query(self._load_classes, self._on_classes, self._on_db_failed, what="Opening the database")

    def _load_classes(self) -> list[ClassInfo]:
        return self.ctx.open_services().store.list_classes()

    def _on_classes(self, classes: list[ClassInfo]) -> None:
        self.classes = classes
        sv = self.window.start_view
        sv.set_classes(classes, self._preferred_class)
        if classes:
            sv.show_database_state(self.tr("Database ready: %n class(es).", "", len(classes)))
        else:
            sv.show_database_state(self.tr("No classes yet: ask the school's admin to add your class."))
        notices = [str(n) for n in getattr(self.ctx.store, "notices", [])]  # e.g. started offline
        for line in notices:
            log.warning("Database notice: %s", line)
        if notices:  # the kiosk works on (offline, say): a warning, not an error
            sv.show_notice("\n".join(notices), "warning")
        self.check_readiness(sv.class_code or "")
        self.status.refresh_database()
        self._settled(Opening.DATABASE)

    def _on_db_failed(self, exc: KioskError) -> None:
        self.last_error = exc
        sv = self.window.start_view
        sv.show_database_state(self.tr("The database cannot be used."), retry=True)
        sv.show_error(error_text(exc))
        self.status.database_unavailable()

    def _on_models_ready(self, _pipeline: object) -> None:
        profile = self.ctx.models.profile
        self.status.model_ready(profile)
        self.window.start_view.show_model_state(self.tr("Face recognition ready (%s).") % profile)
        self._settled(Opening.MODELS)
        self.check_readiness(self.window.start_view.class_code or "")

    def _on_models_failed(self, exc: KioskError) -> None:
        # Never switch to another profile behind the teacher's back: say so, mark by hand.
        self.last_error = exc
        self.status.model_missing(self.ctx.models.profile)
        if isinstance(exc, FaceRecognitionOff):  # the school's choice, not a fault
            self.window.start_view.show_model_state(
                self.tr(
                    "Face recognition is switched off for this school: pupils check in with their card "
                    "or PIN, or the teacher marks them."
                )
            )
            self._settled(Opening.MODELS)
            return
        self.window.start_view.show_model_state(
            self.tr("Face recognition is off: %s\nSessions can still be run, marking attendance by hand.")
            % exc.message
            + "\n"
            + self.tr("For the school's admin: %s") % exc.hint
        )
        self._settled(Opening.MODELS)
        self.check_readiness(self.window.start_view.class_code or "")

    def _settled(self, part: Opening) -> None:
        self._opening.discard(part)
        if self.phase is Phase.OPENING and not self._opening:
            self._enter(Phase.READY)
            if self._preferred_class and self._camera_override and self.auto_end:
                self.start_session()  # the demo's path: start at once, end with the video
        else:
            self._update_start_button()

    def _enter(self, phase: Phase) -> None:
        log.debug("Kiosk phase: %s -> %s", self.phase.value, phase.value)
        self.phase = phase
        self._update_start_button()

    def _update_start_button(self) -> None:
        self.window.start_view.set_start_enabled(self.phase is Phase.READY and bool(self.classes))

    def check_readiness(self, class_code: str) -> None:
        """Ask who in the picked class the camera can mark; shown on the start screen before Start."""
        sv = self.window.start_view
        if not class_code or self.ctx.store is None or Opening.MODELS in self._opening:
            sv.show_readiness([])  # asked again once the database and the models are settled
            return

        def shown(readiness: ClassReadiness) -> None:
            if sv.class_code == readiness.class_code and self.phase is not Phase.CLOSED:
                sv.show_class_readiness(readiness)

        self.db.query(
            lambda: self.ctx.class_readiness(class_code),
            shown,
            self._on_readiness_failed,
            what="Checking the class",
        )

    def _on_readiness_failed(self, exc: KioskError) -> None:
        log.warning("Class readiness could not be read: %s", exc.message)
        self.window.start_view.show_readiness([])

    def _on_camera_changed(self, spec: str) -> None:
        if self.phase in (Phase.OPENING, Phase.READY):
            self.camera.preview(spec)

    def _rates(self) -> tuple[float | None, float | None]:
        recognition = self.recognition.fps if self.recognition is not None else None
        return self.camera.fps, recognition

    # --- the session ----------------------------------------------------------------------
    def start_session(self) -> None:
        self.guard.require(Action.START_SESSION, self._start_session)

    def _start_session(self) -> None:
        sv = self.window.start_view
        code = sv.class_code
        spec = self._camera_override or sv.camera_spec
        self._camera_override = None  # only the first session uses the command-line camera
        if not code or self.phase is not Phase.READY:
            return
        try:
            service = self.ctx.new_session_service(actor=self._actor())
        except KioskError as exc:
            self._error(exc)
            return
        self._enter(Phase.STARTING)
        sv.show_error("")
        account = self.guard.account  # a teacher starts only their own classes' sessions
        self.db.mutate(
            lambda: service.start(code, started_by=self._actor(), account=account),
            Changes(session=True),
            lambda _info: self._on_started(service, spec),
            self._on_start_failed,
            what="Starting the session",
        )

    def _on_start_failed(self, exc: KioskError) -> None:
        self._enter(Phase.READY)
        self.window.start_view.show_error(error_text(exc))
        self._error(exc)

    def _on_started(self, service: AttendanceSessionService, spec: str) -> None:
        self.service = service
        info = service.class_info
        warnings = list(service.warnings)
        for line in warnings:
            log.warning("Session warning: %s", line)
        lv = self.window.live_view
        lv.show_session(f"{info.code} — {info.name}" if info else "", warnings)
        self.feedback.reset()
        self.window.show_live()
        self._enter(Phase.RUNNING)
        # The preview closes: the session opens the source afresh (a video from its start).
        self.camera.stop()
        self.camera.show_on(lv.video)
        if spec and self.camera.open(spec):
            recognition = RecognitionWorker(service, self.camera.capture)  # type: ignore[arg-type]
            recognition.result_ready.connect(self._on_result)
            recognition.error.connect(self._on_recognition_error)
            recognition.source_finished.connect(self._on_source_finished)
            self.recognition = recognition
            recognition.start()
        elif not spec:
            lv.video.set_message(self.tr("No camera: mark attendance by hand."))

    def _on_changed(self, changes: Changes) -> None:
        """Screens refresh from what changed, whoever changed it."""
        if self.phase is not Phase.RUNNING:
            return
        if changes.session:
            self.refresh_roster(with_photos=True)  # a new session: its roster, photos once
        elif changes.marks:
            self.refresh_roster()

    def refresh_roster(self, *, with_photos: bool = False) -> None:
        service = self.service
        if service is None:
            return

        def load() -> tuple[list[RosterEntry], dict[uuid.UUID, bytes] | None]:
            entries = service.roster()
            photos = service.store.photos([e.student.id for e in entries]) if with_photos else None
            return entries, photos

        self.db.query(load, self._on_roster, self._error, what="Reading the roster")

    def _on_roster(self, loaded: tuple[list[RosterEntry], dict[uuid.UUID, bytes] | None]) -> None:
        entries, photos = loaded
        roster = self.window.live_view.roster
        if photos is not None:
            roster.set_photos(photos, {e.student.id: e.student.name for e in entries})
        roster.set_entries(entries)

    def _on_result(self, result: FrameResult) -> None:
        if self.phase is not Phase.RUNNING:
            return
        self.window.live_view.video.set_faces(result.faces)
        self.feedback.on_result(result)
        for notice in result.notices:  # e.g. a card of another class
            self.window.live_view.video.set_message(notice)
        if result.new_marks:
            self._on_changed(Changes(marks=True))  # marked by the camera, on its own thread

    def _on_recognition_error(self, exc: KioskError) -> None:
        self.window.live_view.video.set_message(exc.message)

    def _on_source_finished(self) -> None:
        if self.auto_end and self.phase is Phase.RUNNING:
            self.end_session()

    # --- ending -------------------------------------------------------------------------
    def confirm_end(self) -> None:
        self.guard.require(Action.END_SESSION, self._confirm_end)

    def _confirm_end(self) -> None:
        service = self.service
        if service is not None and service.class_info is not None:
            try:  # asked before the camera stops: the service refuses it anyway
                check_class(self.guard.account, Action.END_SESSION, service.class_info.code)
            except KioskError as exc:
                self._error(exc)
                return
        self._ask(
            self.tr("End session"),
            self.tr("End this session? Students not marked yet will be recorded as absent."),
            self.end_session,
        )

    def _ask(self, title: str, question: str, on_yes: Callable[[], None]) -> None:
        self.prompt = ask(self.window, title, question, on_yes)

    def _stop_recognition(self) -> None:
        recognition, self.recognition = self.recognition, None
        if recognition is not None:
            recognition.stop()
            recognition.deleteLater()
        self.camera.stop()

    def end_session(self) -> None:
        service = self.service
        if service is None or self.phase is not Phase.RUNNING:
            return
        self._enter(Phase.ENDING)
        self._stop_recognition()  # no marks after the close

        def ended(summary: SessionSummary) -> None:
            self.service = None
            self.summary = summary
            self.feedback.reset()
            self.window.summary_view.show_summary(summary, unanswered=service.pending_doubts())
            if service.visitors is not None and service.visitors.visitors:  # named, not marked here
                self.window.summary_view.show_message(service.visitors.summary_line())
            self.window.show_summary()
            self._enter(Phase.SUMMARY)

        def failed(exc: KioskError) -> None:
            self._enter(Phase.RUNNING)
            self._error(exc)

        account = self.guard.account
        self.db.mutate(
            lambda: service.end(account=account),
            Changes(session=True),
            ended,
            failed,
            what="Ending the session",
        )

    def back_to_start(self) -> None:
        self.summary = None
        self.window.show_start()
        self._enter(Phase.READY)
        self.camera.show_on(self.window.start_view.preview)
        self.camera.preview(self.window.start_view.camera_spec)

    def choose_export(self) -> None:
        summary = self.summary
        if summary is None:
            return
        default = (
            Path.home() / f"attendance-{summary.class_info.code}-{summary.session.started_at:%Y%m%d-%H%M}.csv"
        )
        path = ask_save_path(self.window, str(default))
        if path is not None:
            self.export(path)

    def export(self, path: Path) -> Path | None:
        """The summary as CSV, XLSX or PDF (by the suffix), from memory: it works offline too.
        A few dozen rows: written here, on the GUI thread, like the records screen's exports."""
        summary = self.summary
        if summary is None:
            return None
        try:
            written = write_any(summary_table(summary), path)
        except KioskError as exc:
            self._error(exc)
            return None
        self.window.summary_view.show_message(self.tr("Saved to %s") % written)
        return written

    # --- closing ------------------------------------------------------------------------
    def request_close(self) -> None:
        if self.window.kiosk_mode:
            self.guard.require(Action.QUIT, self._request_close)
        else:
            self._request_close()

    def _request_close(self) -> None:
        if self.phase not in (Phase.RUNNING, Phase.ENDING):
            self._close_now()
            return
        self._ask(
            self.tr("Close the kiosk"),
            self.tr("A session is running. End it and close? Everyone marked so far is kept."),
            self._close_after_end,
        )

    def _close_after_end(self) -> None:
        service = self.service
        self._stop_recognition()
        if service is not None:
            try:
                # Waits for queued marks first (one worker, in order), then closes the session.
                self.summary = self.db.run_sync(service.end)
            except Exception as exc:
                log.error("Ending the session on close failed: %s", exc)
            self.service = None
        self._close_now()

    def _close_now(self) -> None:
        self.shutdown()
        self.window.allow_close()
        QTimer.singleShot(0, self.window.close)  # Qt ignores close() from inside closeEvent

    def shutdown(self) -> None:
        """Stop every thread and release the database (idempotent)."""
        if self.phase is Phase.CLOSED:
            return
        self.phase = Phase.CLOSED
        self.guard.shutdown()
        self.status.stop()
        self._stop_recognition()
        self.camera.shutdown()
        if self.enrollment is not None:
            self.enrollment.shutdown()
        self.db.shutdown()
        self.models.shutdown()
        self.ctx.close()
        log.info("Kiosk window closed")

    # --- helpers ------------------------------------------------------------------------
    def _error(self, exc: KioskError) -> None:
        self.last_error = exc
        show_error(self.window, exc)

    def open_enrollment(self) -> None:
        self.guard.require(Action.ENROLL, self._open_enrollment)

    def _open_enrollment(self) -> None:
        from kiosk.gui.enrollment_controller import EnrollmentController

        if self.phase not in (Phase.OPENING, Phase.READY):
            return  # enrollment is for between sessions: the camera is busy
        if self.enrollment is None:
            self.enrollment = EnrollmentController(self.ctx, self.window, self.db, self.models)
            self.enrollment.on_closed = self._enrollment_closed
            self.enrollment.actor = self._actor  # consent changes name the signed-in admin
        spec = self.window.start_view.camera_spec
        self.camera.stop()  # one reader per camera: the dialog takes it over
        self.window.start_view.preview.clear()
        self.enrollment.open(self.window.start_view.class_code, spec)

    def _enrollment_closed(self) -> None:
        if self.phase is Phase.CLOSED:
            return
        self.open_database()  # new students or classes show up in the pickers
        self.camera.preview(self.window.start_view.camera_spec)
