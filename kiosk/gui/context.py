"""What the windows share: the settings, the database, the store and the face pipeline.

Opening the database and loading the face models are slow (a network round trip, model
files of tens of megabytes), so :class:`GuiContext` only describes how to do it; the
controllers call ``open_database`` and ``load_pipeline`` on background threads.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from sqlalchemy import Engine

from kiosk.app import bootstrap
from kiosk.app.session import AttendanceSessionService
from kiosk.core.errors import KioskError
from kiosk.core.ports import AttendanceStore
from kiosk.infra.config import Settings
from kiosk.infra.recognition.pipeline import FacePipeline

log = logging.getLogger(__name__)


class GuiContext:
    def __init__(
        self,
        settings: Settings,
        *,
        store: AttendanceStore | None = None,
        pipeline: FacePipeline | None = None,
    ) -> None:
        """``store`` and ``pipeline`` may be given already open (the demo, tests: models load once)."""
        self.settings = settings
        self.engine: Engine | None = getattr(store, "engine", None)
        self.store: AttendanceStore | None = store
        self.pipeline: FacePipeline | None = pipeline
        self._owns_store = store is None  # a store given by the caller is closed by the caller
        self.pipeline_error: KioskError | None = None
        self._lock = threading.Lock()
        self._enrollment: Any = None

    # --- run on a background thread ---------------------------------------------------
    def open_database(self) -> AttendanceStore:
        with self._lock:
            if self.store is not None:
                return self.store
            self.store = bootstrap.open_store(self.settings)  # offline-first on PostgreSQL
            self.engine = getattr(self.store, "engine", None)
            log.info("Database ready: %s", self.store.status_line())
            return self.store

    def load_pipeline(self) -> FacePipeline:
        """Load the configured profile's models; never falls back to another profile."""
        with self._lock:
            if self.pipeline is not None:
                return self.pipeline
            bootstrap.prepare_environment(self.settings)
            try:
                self.pipeline = FacePipeline(self.settings)
            except KioskError as exc:
                self.pipeline_error = exc
                raise
            self.pipeline_error = None
            return self.pipeline

    def enrollment_service(self) -> Any:
        """The enrollment service, or a :class:`KioskError` saying why it is unavailable."""
        if self._enrollment is not None:
            return self._enrollment
        try:
            from kiosk.app.enrollment import EnrollmentService
        except ImportError:
            raise KioskError(
                "Enrollment is not available in this build.", "Enroll students with the `kiosk` command."
            ) from None
        if self.engine is None:
            raise KioskError("The database is not open yet.", "Wait a moment and try again.")
        pipeline = self.load_pipeline()
        self._enrollment = EnrollmentService(self.settings, self.engine, pipeline)
        return self._enrollment

    def new_session_service(self) -> AttendanceSessionService:
        if self.store is None:
            raise KioskError("The database is not open yet.", "Wait a moment and try again.")
        return AttendanceSessionService(self.settings, self.store, self.pipeline)

    def close(self) -> None:
        if not self._owns_store:
            return
        closer = getattr(self.store, "close", None)
        if callable(closer):
            try:
                closer()
            except Exception:
                log.exception("closing the store failed")
        if self.engine is not None:
            self.engine.dispose()
