"""The composition root: builds the engine, the store and the services from the settings.

Entry points that run sessions (the window, ``kiosk run``, the demo, the screenshots) call
:func:`build_services` and pass the :class:`KioskServices` it returns down; nothing below
this layer reads configuration or picks implementations on its own. (The CLI's small
commands open a cheaper :class:`~kiosk.app.database.Database` instead: see that module for
which door to use when.) The face models are the exception to "build everything
now": loading them takes seconds, so :class:`FaceModels` loads them on first use (the
window shows itself first and loads them on a background thread).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from kiosk.app.accounts import AccountService
from kiosk.app.checkin import KioskCodes
from kiosk.app.database import Database
from kiosk.app.orphans import close_orphaned_sessions
from kiosk.app.records import RecordsService
from kiosk.app.reports import ReportsService
from kiosk.app.roster import RosterService
from kiosk.app.session import AttendanceSessionService
from kiosk.core.errors import DatabaseError, DatabaseUnavailable, KioskError, SchemaError
from kiosk.core.liveness import LivenessCheck, LivenessPolicy
from kiosk.core.ports import AttendanceStore
from kiosk.infra.camera.codes import QrCodeReader
from kiosk.infra.config import Settings, ensure_data_dir
from kiosk.infra.db.engine import build_engine, parse_database_url
from kiosk.infra.db.store import DirectStore
from kiosk.infra.offline.cache import LocalCache
from kiosk.infra.offline.credentials import CachedCredentialSource
from kiosk.infra.offline.keys import VectorCipher, load_or_create_key
from kiosk.infra.presence import KioskPresence
from kiosk.infra.recognition.index import IndexCache

if TYPE_CHECKING:  # importing the pipeline loads deepface: only when the models are loaded
    from kiosk.app.consent import ConsentService
    from kiosk.app.enrollment import EnrollmentService
    from kiosk.infra.recognition.pipeline import FacePipeline

log = logging.getLogger(__name__)

SIGN_OFF_SYNC_WAIT_SECONDS = 3.0  # a queued session normally reaches the server in well under a second


class FaceRecognitionOff(KioskError):
    """The school switched face recognition off; said once, plainly, wherever a face would be used."""


def prepare_environment(settings: Settings) -> None:
    """Process-wide settings that must be in place before deepface is imported."""
    ensure_data_dir(settings)
    # deepface keeps its weights under $DEEPFACE_HOME/.deepface; ONNX engine: no TensorFlow.
    os.environ.setdefault("DEEPFACE_BACKEND_ENGINE", "onnx")
    os.environ["DEEPFACE_HOME"] = str(settings.weights_dir)
    Path(settings.weights_dir).mkdir(parents=True, exist_ok=True)


def cache_cipher(settings: Settings) -> VectorCipher:
    """The cipher of the local copies of face vectors (its key is read, or made, here)."""
    ensure_data_dir(settings)
    return VectorCipher(load_or_create_key(settings))


def open_store(settings: Settings, *, cipher: VectorCipher | None = None) -> AttendanceStore:
    """The store the kiosk runs on, started whatever state PostgreSQL is in.

    Embedded SQLite: the direct store. PostgreSQL reachable: schema upgraded, then the
    offline-first store (cache refreshed). PostgreSQL unreachable: the offline-first store
    from the local cache, with a warning saying how old its roster is; a clear error when
    this kiosk has never copied one.
    """
    if parse_database_url(settings.database_url).get_backend_name() == "sqlite":
        engine = Database.open(settings).engine  # a local file: always reachable
        AccountService(engine).adopt_admin_pin(settings)
        return DirectStore(engine)
    from kiosk.infra.offline.store import OfflineFirstStore

    cipher = cipher or cache_cipher(settings)
    try:
        engine = Database.open(settings).engine
    except SchemaError:
        raise  # a newer server schema: running on would risk the data
    except DatabaseUnavailable as exc:
        # Unreachable, or the connection cut before the server answered: run from the cache.
        # Other failures (wrong password, missing database) are for a person to fix: raised.
        ensure_data_dir(settings)
        try:
            store = OfflineFirstStore.open_offline(settings, build_engine(settings), cipher=cipher)
        except DatabaseUnavailable as no_cache:
            # Both reasons: why the server failed, and why the kiosk cannot do without it.
            raise DatabaseUnavailable(f"{exc.message} {no_cache.message}", no_cache.hint) from None
        log.warning("%s Starting offline: roster %s.", exc.message, store.roster_age_text())
        store.notices.append(f"{exc.message} Starting offline.")
        return store
    AccountService(engine).adopt_admin_pin(settings)  # before the cache copies the accounts
    store = OfflineFirstStore.create(settings, engine, cipher=cipher)
    engine.dispose()  # the store made its own engines: no idle connection left behind (see README, many kiosks)
    return store


class FaceModels:
    """The configured profile's face pipeline, loaded once on first use (thread-safe).

    Never falls back to another profile: a missing model is a :class:`KioskError` saying
    how to install it, and the kiosk then runs with marking by hand.
    """

    def __init__(self, settings: Settings, pipeline: FacePipeline | None = None) -> None:
        self._settings = settings
        self._pipeline = pipeline  # given already loaded (the demo, tests): models load once
        self._lock = threading.Lock()

    @property
    def profile(self) -> str:
        return self._settings.recognition.profile

    @property
    def loaded(self) -> FacePipeline | None:
        """The pipeline if it has been loaded, else ``None`` (never loads; always None when switched off)."""
        return None if self.switched_off else self._pipeline

    @property
    def switched_off(self) -> bool:
        """``[privacy] face_recognition = false``: no face is ever analysed, no template stored."""
        return not self._settings.privacy.face_recognition

    def load(self) -> FacePipeline:
        if self.switched_off:
            raise FaceRecognitionOff(
                "Face recognition is switched off for this school ([privacy] face_recognition = false): "
                "nothing is enrolled and no face is analysed.",
                "Pupils check in with cards or PINs (`kiosk cards`), or the teacher marks them.",
            )
        with self._lock:
            if self._pipeline is None:
                prepare_environment(self._settings)
                from kiosk.infra.recognition.pipeline import FacePipeline

                self._pipeline = FacePipeline(self._settings)
            return self._pipeline


@dataclass
class KioskServices:
    """Everything a kiosk front end needs, built once from the settings."""

    settings: Settings
    store: AttendanceStore
    models: FaceModels
    index_cache: IndexCache  # encrypted: face vectors are biometric data
    owns_store: bool = True  # a store given by the caller is closed by the caller
    presence: KioskPresence | None = field(default=None, repr=False)  # held while this process runs
    _enrollment: EnrollmentService | None = field(default=None, repr=False)
    _roster: RosterService | None = field(default=None, repr=False)
    _accounts: AccountService | None = field(default=None, repr=False)

    @property
    def notices(self) -> list[str]:
        """Lines for the teacher from the start (started offline, a damaged queue, sessions closed)."""
        return list(getattr(self.store, "notices", []))

    @property
    def engine(self) -> Engine | None:
        """The central database (enrollment and roster changes go straight to it)."""
        engine = getattr(self.store, "engine", None)
        return engine if isinstance(engine, Engine) else None

    def session(self, *, actor: str | None = None) -> AttendanceSessionService:
        """A session service; without loaded models it runs with marking by hand. It hears of
        roster changes other computers make while it runs (PostgreSQL notifications)."""
        settings = self.settings
        service = AttendanceSessionService(
            self.store,
            self.models.loaded,
            self.index_cache,
            recognition=settings.recognition,
            late_grace_minutes=settings.attendance.late_grace_minutes,
            kiosk_id=settings.effective_kiosk_id,
            actor=actor,
            codes=self.kiosk_codes(),
            face_recognition_off=self.models.switched_off,
            liveness=self._liveness_check(),
            liveness_policy=settings.liveness.chosen_policy,
            lookalikes=self.store.lookalike_pairs,
        )
        self._subscribe(service.on_roster_change)
        return service

    def _liveness_check(self) -> LivenessCheck | None:
        """A fresh check for each session (it keeps per-face state); None when the policy is off
        or no face model runs. A check that cannot run leaves the session asking the teacher
        (the session says why), it never stops the kiosk."""
        if self.settings.liveness.chosen_policy is LivenessPolicy.OFF or self.models.loaded is None:
            return None
        from kiosk.app.liveness import build_liveness_check

        try:
            return build_liveness_check(self.settings)
        except KioskError as exc:
            log.warning("The liveness check cannot run: %s", exc.message)
            return None

    def _subscribe(self, handler: Callable[[Any], None]) -> None:
        subscribe = getattr(self.store, "subscribe", None)  # only the offline-first store hears changes
        if callable(subscribe):
            subscribe(handler)

    def kiosk_codes(self) -> KioskCodes:
        """Cards (read by the camera) and PINs for a session: the non-biometric way in."""
        engine = self.engine
        source = CachedCredentialSource(engine, self.settings.cache_dir / "checkin") if engine else None
        return KioskCodes(QrCodeReader(), source)

    def roster(self) -> RosterService:
        """Classes, students, consent and face data, on the central database (refused offline)."""
        if self._roster is None:
            engine = self.engine
            if engine is None:
                raise KioskError("The database is not open yet.", "Wait a moment and try again.")
            self._roster = RosterService(engine)
        return self._roster

    def accounts(self) -> AccountService:
        """Who may sign in: the central database, or the local copy while it is down."""
        if self._accounts is None:
            cache = getattr(self.store, "cache", None)
            store = self.store
            self._accounts = AccountService(
                self.engine,
                cache if isinstance(cache, LocalCache) else None,
                # While the store knows PostgreSQL is away, sign in from the copy at once.
                reachable=lambda: getattr(store, "online", None) is not False,
            )
        return self._accounts

    def consent(self) -> ConsentService:
        """The consent ledger, on the central database (refused offline, like the roster)."""
        from kiosk.app.consent import ConsentService

        engine = self.engine
        if engine is None:
            raise KioskError("The database is not open yet.", "Wait a moment and try again.")
        return ConsentService(engine)

    def daily_purge(self) -> None:
        """The retention purge, at most once a day, when the kiosk starts with its server reachable."""
        if getattr(self.store, "online", True) is False:
            return  # offline: the next start with the server does it
        from kiosk.app.privacy import daily_purge

        daily_purge(self.engine, self.settings.privacy)

    def enrollment(self) -> EnrollmentService:
        """The enrollment service (loads the models if needed: call it off the GUI thread)."""
        if self._enrollment is None:
            from kiosk.app.enrollment import EnrollmentService

            pipeline = self.models.load()
            recognition = self.settings.recognition
            self._enrollment = EnrollmentService(
                self.roster(),
                pipeline,
                match_threshold=recognition.threshold_for(pipeline.model_name),
                match_margin=recognition.margin_for(pipeline.model_name),
            )
        return self._enrollment

    def records(self) -> RecordsService:
        """Past sessions: history, corrections, sign-off, search (on the central database)."""
        return RecordsService(self._require_engine())

    def reports(self) -> ReportsService:
        return ReportsService(self._require_engine())

    def wait_for_sync(self, timeout_seconds: float = SIGN_OFF_SYNC_WAIT_SECONDS) -> None:
        """Until what the offline outbox holds has reached the school's database (the teacher's
        sign-off needs the session there); returns at once for a direct store."""
        sync_status = getattr(self.store, "sync_status", None)
        if sync_status is None:
            return
        worker = getattr(self.store, "worker", None)
        if worker is not None:
            worker.nudge()
        deadline = time.monotonic() + timeout_seconds
        while sync_status().queued > 0:
            if time.monotonic() > deadline:
                raise KioskError(
                    "This session is still on its way to the school's database, so the register "
                    "cannot be confirmed yet.",
                    "Try again in a moment (or when the network is back); the marks are safe on this kiosk.",
                )
            time.sleep(0.05)

    def _require_engine(self) -> Engine:
        engine = self.engine
        if engine is None:
            raise KioskError(
                "The attendance records need the school's database, which is not open.",
                "Wait for the database to connect, or check the network.",
            )
        return engine

    def close(self) -> None:
        if self.presence is not None:
            self.presence.release()
        if not self.owns_store:
            return
        try:
            self.store.close()
        except Exception:
            log.exception("closing the store failed")


def build_services(
    settings: Settings, *, store: AttendanceStore | None = None, models: FaceModels | None = None
) -> KioskServices:
    """Open the store (unless given) and wire the services: the one place that does it.

    Slow (a database round trip): the window calls it on its database thread.
    """
    # One cipher for both local copies of face vectors: the index cache and the offline cache.
    cipher = cache_cipher(settings)
    index_cache = IndexCache(settings.cache_dir / "indexes", cipher=cipher)
    owns_store = store is None
    if store is not None:
        return KioskServices(settings, store, models or FaceModels(settings), index_cache, owns_store)
    started = datetime.now(UTC)  # this process's sessions all start after this
    presence = KioskPresence(settings.data_dir)
    try:
        opened = open_store(settings, cipher=cipher)
        if presence.alone:  # a session still open from before is an orphan of a killed run
            notice = close_orphaned_sessions(opened, settings.effective_kiosk_id, started)
            notices = getattr(opened, "notices", None)
            if notice and isinstance(notices, list):
                notices.append(notice)
        presence.share()
    except BaseException:
        presence.release()
        raise
    return KioskServices(settings, opened, models or FaceModels(settings), index_cache, True, presence)


__all__ = [
    "DatabaseError",
    "FaceModels",
    "KioskServices",
    "build_services",
    "open_store",
    "prepare_environment",
]
