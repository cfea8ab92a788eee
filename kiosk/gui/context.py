"""What the windows share: the settings, the face models and, once open, the kiosk's services.

Opening the database and loading the face models are slow (a network round trip, model
files of tens of megabytes), so :class:`GuiContext` only says how to do it; the
controllers call :meth:`open_services` and :meth:`load_models` on background threads. The
services themselves come from the composition root, :func:`kiosk.app.bootstrap.build_services`.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from kiosk.app.bootstrap import FaceModels, KioskServices, build_services
from kiosk.app.consent import ConsentService
from kiosk.app.readiness import class_readiness
from kiosk.app.roster import RosterService
from kiosk.app.session import AttendanceSessionService
from kiosk.core.errors import KioskError
from kiosk.core.ports import AttendanceStore
from kiosk.core.readiness import ClassReadiness
from kiosk.infra.config import Settings

if TYPE_CHECKING:
    from kiosk.infra.recognition.pipeline import FacePipeline

log = logging.getLogger(__name__)


class GuiContext:
    def __init__(
        self,
        settings: Settings,
        *,
        services: KioskServices | None = None,
        pipeline: FacePipeline | None = None,
    ) -> None:
        """``services`` may be given already built (the demo: its models enrolled the class, so
        they load once), and are then closed by the caller; ``pipeline``: models already loaded
        (tests)."""
        self.settings = settings
        self.models = services.models if services is not None else FaceModels(settings, pipeline)
        self.services: KioskServices | None = services
        self._owns_services = services is None
        self._lock = threading.Lock()

    # --- run on a background thread ---------------------------------------------------
    def open_services(self) -> KioskServices:
        with self._lock:
            if self.services is None:
                self.services = build_services(self.settings, models=self.models)
                self.services.daily_purge()
                log.info("Database ready: %s", self.services.store.status_line())
            return self.services

    def load_models(self) -> FacePipeline:
        """Load the configured profile's models; never falls back to another profile."""
        return self.models.load()

    def enrollment_service(self) -> Any:
        """The enrollment service, or a :class:`KioskError` saying why it is unavailable."""
        return self._require_services().enrollment()

    def roster_service(self) -> RosterService:
        """Classes, students and consent on the central database (changes refused offline)."""
        return self._require_services().roster()

    def consent_service(self) -> ConsentService:
        """The consent ledger on the central database (changes refused offline)."""
        return self._require_services().consent()

    def class_readiness(self, class_code: str) -> ClassReadiness:
        """Who in the class the camera can mark with the loaded model (none loaded: by hand)."""
        pipeline = self.models.loaded
        model_name = pipeline.model_name if pipeline is not None else None
        return class_readiness(self._require_services().store, class_code, model_name)

    # --- quick ----------------------------------------------------------------------------
    @property
    def store(self) -> AttendanceStore | None:
        return self.services.store if self.services is not None else None

    @property
    def engine(self) -> Any:
        """The central database's engine (for enrollment), or ``None`` before it is open."""
        return self.services.engine if self.services is not None else None

    def new_session_service(self, *, actor: str | None = None) -> AttendanceSessionService:
        return self._require_services().session(actor=actor)

    def _require_services(self) -> KioskServices:
        if self.services is None:
            raise KioskError("The database is not open yet.", "Wait a moment and try again.")
        return self.services

    def close(self) -> None:
        if self.services is not None and self._owns_services:
            self.services.close()
