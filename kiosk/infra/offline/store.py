"""The offline-first store: PostgreSQL behind a local cache and outbox.

Reads (classes, rosters, galleries, a session's marks and summary) come from local files;
writes (sessions, marks) go to the outbox in one local transaction and return at once. The
sync worker carries them to PostgreSQL when it can. So a teacher's session goes on the same
whether the network is fine, slow or gone. Changes that must exist centrally first
(enrollment, roster edits) do not go through this store: the roster service
(:mod:`kiosk.app.roster`) writes them to PostgreSQL and refuses them while it is away.

Roster changes made elsewhere arrive by notification (:mod:`kiosk.infra.offline.listener`):
the store copies the changed class, purges what must go, and tells its subscribers (the
running session). Over 400 lines because it is the one object the session, the sync worker
and the listener share.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import uuid
import weakref
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from kiosk.core.attendance import summarise
from kiosk.core.domain import (
    AttendanceMark,
    ClassInfo,
    SessionInfo,
    SessionSummary,
    StudentInfo,
)
from kiosk.core.errors import DatabaseUnavailable, FaceMatchingRefused, KioskError, NotFound
from kiosk.core.lookalikes import LookalikePairs
from kiosk.infra.config import Settings
from kiosk.infra.db.engine import build_engine_for_url, parse_database_url, session_factory, unit_of_work
from kiosk.infra.db.repo import attendance
from kiosk.infra.db.repo.changes import RosterChange
from kiosk.infra.db.repo.encodings import Gallery
from kiosk.infra.offline.cache import CacheUnreadable, LocalCache, RefreshResult
from kiosk.infra.offline.keys import VectorCipher
from kiosk.infra.offline.listener import ChangeListener
from kiosk.infra.offline.outbox import Outbox
from kiosk.infra.offline.sync import PushReport, Syncer, SyncStatus, SyncWorker, sync_engine_for
from kiosk.infra.recognition import district_files, index_files

log = logging.getLogger(__name__)

WORKER_JOIN_SECONDS = 15.0


class OfflineFirstStore:
    """Build with :meth:`create` (server reachable) or :meth:`open_offline` (it is not)."""

    def __init__(self, settings: Settings, cache: LocalCache, outbox: Outbox, syncer: Syncer) -> None:
        self.settings = settings
        self.cache = cache
        self.outbox = outbox
        self.syncer = syncer
        self.notices: list[str] = []
        self.worker = SyncWorker(syncer, refresh=self._refresh_quietly, on_report=self.learn_from)
        self._index_dir = settings.cache_dir / "indexes"  # the session's built indexes (IndexCache)
        # The full refresh may read from a standby ([database] read_url); a notified change is
        # read from the primary, where it has certainly committed (a standby may lag behind).
        self.read_engine = _read_engine(settings, syncer.engine)
        self.listener: ChangeListener | None = None
        self._subscribers: list[weakref.WeakMethod[Callable[[RosterChange], None]]] = []

    # -- construction -------------------------------------------------------------------
    @classmethod
    def create(
        cls, settings: Settings, engine: Engine, *, cipher: VectorCipher, start_worker: bool = True
    ) -> OfflineFirstStore:
        """PostgreSQL answered a moment ago: refresh the cache from it, then start syncing.

        ``cipher`` encrypts the cached face vectors: the composition root builds it once.
        """
        return cls._build(settings, engine, cipher, try_refresh=True, start_worker=start_worker)

    @classmethod
    def open_offline(
        cls, settings: Settings, engine: Engine, *, cipher: VectorCipher, start_worker: bool = True
    ) -> OfflineFirstStore:
        """PostgreSQL is down from the start: run from the cache; the worker connects later."""
        return cls._build(settings, engine, cipher, try_refresh=False, start_worker=start_worker)

    @classmethod
    def _build(
        cls,
        settings: Settings,
        engine: Engine,
        cipher: VectorCipher,
        *,
        try_refresh: bool,
        start_worker: bool,
    ) -> OfflineFirstStore:
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        outbox = Outbox.open(settings.cache_dir)  # first: whatever happens to the cache, queued marks stay
        cache = LocalCache.open(settings.cache_dir, cipher)
        syncer = Syncer(sync_engine_for(engine, settings.offline), outbox, settings.offline)
        store = cls(settings, cache, outbox, syncer)
        if outbox.notice:  # a damaged queue was set aside (already logged): the teacher must see it
            store.notices.append(outbox.notice)
        refreshed = False
        notice = cache.notice
        if try_refresh:
            refreshed = store._refresh_quietly() is not None
        if notice:
            note = notice + (
                " Rebuilt from PostgreSQL."
                if refreshed
                else " PostgreSQL is unreachable, so it is empty for now."
            )
            store.notices.append(note)
            log.warning("%s", note)
        if cache.is_empty:
            store.close()
            raise DatabaseUnavailable(
                "PostgreSQL cannot be reached and this kiosk has no local copy of the classes and rosters yet.",
                "Connect it to the school network once so it can copy them; after that it can run offline.",
            )
        if not refreshed:
            note = f"Working offline from the local copy of the roster, {store.roster_age_text()}."
            store.notices.append(note)
            log.warning("%s", note)
        else:
            store.worker.set_online(True)
        if start_worker:
            store.worker.start()
            store.listener = store._start_listener()
        return store

    def _start_listener(self) -> ChangeListener | None:
        db = self.settings.database
        if db.pgbouncer and not db.listen_url:
            log.info(
                "Behind PgBouncer with no [database] listen_url: roster changes arrive with the periodic refresh"
            )
            return None
        engine = self.syncer.engine
        if db.listen_url:
            engine = build_engine_for_url(parse_database_url(db.listen_url), replace(db, pgbouncer=False))
        listener = ChangeListener(
            engine,
            self._apply_change,
            on_reconnect=self.worker.request_refresh,
            fallback_minutes=self.settings.offline.refresh_minutes,
            connect_timeout=self.settings.offline.health_timeout_seconds,
        )
        if engine is not self.syncer.engine:
            engine.dispose()  # the listener made its own engine from this one's URL
        listener.start()
        return listener

    # -- notified roster changes --------------------------------------------------------
    def subscribe(self, handler: Callable[[RosterChange], None]) -> None:
        """Call ``handler`` (a bound method, held weakly) after each notified change reached the cache."""
        self._subscribers.append(weakref.WeakMethod(handler))

    def _apply_change(self, change: RosterChange) -> None:
        """On the listener's thread: bring the changed class's copy up to date, then tell subscribers."""
        if change.purges and change.student_uuid is not None:  # at once, before any server read
            withdrawn = {change.student_uuid} if change.kind == "withdrawn" else set()
            deleted = {change.student_uuid} if change.kind == "deleted" else set()
            index_files.discard(self._index_dir, self.cache.purge_students(withdrawn, deleted))
            district_files.discard_students(self.settings.cache_dir / "district", [change.student_uuid])
        if change.class_code is None and change.student_uuid is None:
            self.worker.request_refresh()  # the classes themselves changed (a new code, archived)
        if change.class_code is not None:
            try:
                self.cache.refresh_class(self.syncer.engine, change.class_code)
            except (DBAPIError, SQLAlchemyError, OSError, KioskError) as exc:
                log.warning(
                    "Could not copy class %s after a change (%s); a full refresh follows",
                    change.class_code,
                    type(exc).__name__,
                )
                self.worker.request_refresh()
                return
        log.info(
            "Roster change applied: %s of %s in class %s", change.kind, change.student_uuid, change.class_code
        )
        alive = []
        for ref in self._subscribers:
            handler = ref()
            if handler is not None:
                alive.append(ref)
                handler(change)
        self._subscribers = alive

    @property
    def engine(self) -> Engine:
        """The central database (enrollment and roster changes go straight to it)."""
        return self.syncer.engine

    def close(self) -> None:
        if self.listener is not None:
            self.listener.stop()
            self.listener.join(WORKER_JOIN_SECONDS)
        if self.read_engine is not self.syncer.engine:
            self.read_engine.dispose()
        if self.worker.is_alive():
            self.worker.stop()
            self.worker.join(WORKER_JOIN_SECONDS)
        self.syncer.close()
        self.syncer.engine.dispose()
        self.cache.close()
        self.outbox.close()

    def final_sync(self, seconds: float) -> int:
        """One last push before the process exits, for at most about ``seconds``.

        The worker is stopped first (so two threads never push the same events), then one
        push runs on a thread of its own: a silent network cannot hold the exit longer than
        ``seconds``. An unfinished push is harmless: events leave the queue only after the
        server committed them. Returns how many marks are still queued.
        """
        deadline = time.monotonic() + seconds
        if self.worker.is_alive():
            self.worker.stop()
            self.worker.join(max(0.1, deadline - time.monotonic()))
        if self.outbox.queued() and not self.worker.is_alive():
            pusher = threading.Thread(target=self._push_quietly, name="kiosk-final-sync", daemon=True)
            pusher.start()
            pusher.join(max(0.1, deadline - time.monotonic()))
        return self.outbox.counts().pending["mark"]

    def _push_quietly(self) -> None:
        try:
            if self.syncer.healthy():
                self.syncer.push_all()
        except Exception as exc:  # the caller reports what is still queued
            log.info("The last sync before exiting failed (%s)", type(exc).__name__)

    # -- cache --------------------------------------------------------------------------
    def refresh_cache(self) -> RefreshResult:
        """Copy classes, rosters, photos and encodings from PostgreSQL now (raises when unreachable).

        Index files built from galleries that changed (a withdrawal, a deletion) go at once, not
        when the class next starts a session."""
        result = self.cache.refresh_from(self.read_engine)
        index_files.discard(self._index_dir, result.changed)
        return result

    def learn_from(self, report: PushReport) -> None:
        """The server refused marks of students who withdrew consent or were deleted: forget
        their vectors, thumbnails and index files now, then fetch a fresh roster."""
        if not (report.withdrawn or report.deleted):
            return
        changed = self.cache.purge_students(report.withdrawn, report.deleted)
        index_files.discard(self._index_dir, changed)
        self.worker.request_refresh()

    def face_matching_withheld(self) -> str:
        """Why face matching must stop (the offline copy is too old); empty when it need not."""
        limit = self.settings.privacy.offline_face_matching_max_age_hours
        at = self.cache.last_refresh
        if limit <= 0 or at is None or datetime.now(UTC) - at <= timedelta(hours=limit):
            return ""
        return (
            f"Face recognition is paused: this kiosk's copy of the roster was {self.roster_age_text()}, "
            f"longer than the {limit:g} hours allowed offline (a consent withdrawn since would be missed). "
            "Mark attendance by hand until the kiosk reaches the school's database."
        )

    def _refresh_quietly(self) -> RefreshResult | None:
        try:
            return self.refresh_cache()
        except (DBAPIError, SQLAlchemyError, OSError) as exc:
            log.warning(
                "Could not refresh the local cache from PostgreSQL (%s); using the copy from %s",
                type(exc).__name__,
                self.roster_age_text(),
            )
            return None

    @property
    def roster_from(self) -> datetime | None:
        return self.cache.last_refresh

    def roster_age_text(self) -> str:
        at = self.cache.last_refresh
        if at is None:
            return "never copied"
        age = datetime.now(UTC) - at
        local = at.astimezone().strftime("%Y-%m-%d %H:%M")
        return f"copied {local} ({_age(age)} ago)"

    # -- AttendanceStore ----------------------------------------------------------------
    def get_class(self, class_code: str) -> ClassInfo:
        return self.cache.get_class(class_code)

    def list_classes(self) -> list[ClassInfo]:
        return self.cache.list_classes()

    def roster(self, class_code: str) -> list[StudentInfo]:
        return self.cache.roster(class_code)

    def gallery(self, class_code: str, model_name: str) -> Gallery:
        self.cache.get_class(class_code)
        withheld = self.face_matching_withheld()
        if withheld:
            log.warning("%s", withheld)
            return _empty_gallery(model_name, withheld)
        try:
            found = self.cache.gallery(class_code, model_name)
        except CacheUnreadable:
            # The key or the file changed under us: rebuild from the server if it is there.
            if self._refresh_quietly() is None:
                raise
            found = self.cache.gallery(class_code, model_name)
        return found if found is not None else _empty_gallery(model_name)

    def photos(self, student_uuids: list[uuid.UUID]) -> dict[uuid.UUID, bytes]:
        return self.cache.photos(student_uuids)

    def lookalike_pairs(self) -> LookalikePairs:
        """From the local copy (refreshed with the roster): works offline."""
        return self.cache.lookalike_pairs()

    def open_session(self, class_code: str, *, started_by: str | None, kiosk_id: str | None) -> SessionInfo:
        self.cache.get_class(class_code)
        info = SessionInfo(
            id=uuid.uuid4(),
            class_code=class_code,
            started_at=datetime.now(UTC),
            started_by=started_by,
            kiosk_id=kiosk_id,
        )
        stored = self.outbox.open_session(info)
        self.worker.request_refresh()  # a new session is when a fresh roster matters most
        return stored

    def mark(self, mark: AttendanceMark, *, actor: str | None = None) -> AttendanceMark:
        student = self.cache.student(mark.student_uuid)
        if student is None:
            raise NotFound("That student is not in this kiosk's copy of the roster.")
        if mark.source.face_matched:
            # A session may still hold a vector in memory that this kiosk has since purged.
            if not student.consent_given:
                raise FaceMatchingRefused(
                    f"{student.name} may not be recognised by face (consent withdrawn or never given).",
                    "Mark the student by hand.",
                )
            withheld = self.face_matching_withheld()
            if withheld:
                raise FaceMatchingRefused(withheld)
        stored, changed = self.outbox.record_mark(mark, actor=actor)
        if changed:
            self.worker.nudge()
        return stored

    def marks(self, session_id: uuid.UUID) -> list[AttendanceMark]:
        if self.outbox.session(session_id) is None:
            return self._server_marks(session_id)
        return self.outbox.marks(session_id)

    def close_session(self, session_id: uuid.UUID, *, ended_at: datetime | None = None) -> SessionInfo:
        info = self.outbox.close_session(session_id, ended_at or datetime.now(UTC))
        self.worker.nudge()
        return info

    def unclosed_sessions(
        self, kiosk_id: str, started_before: datetime
    ) -> list[tuple[SessionInfo, datetime | None]]:
        """Sessions this kiosk opened through its outbox and never closed (closing them
        queues a close event, which reaches PostgreSQL like any other)."""
        return self.outbox.unclosed_sessions(kiosk_id, started_before)

    def summary(self, session_id: uuid.UUID) -> SessionSummary:
        session = self.outbox.session(session_id)
        if session is None:
            raise NotFound(
                "That attendance session was not run on this kiosk.", "See it in the office reports."
            )
        return summarise(
            session,
            self.cache.get_class(session.class_code),
            self.cache.roster(session.class_code),
            self.outbox.marks(session_id),
            lambda student_uuid: self.cache.student(student_uuid) or _unknown(student_uuid),
        )

    def status_line(self) -> str:
        return self.sync_status().line()

    # -- offline-specific ---------------------------------------------------------------
    def sync_status(self) -> SyncStatus:
        return self.worker.status(self.cache.last_refresh)

    @property
    def online(self) -> bool | None:
        return self.worker.online

    def _server_marks(self, session_id: uuid.UUID) -> list[AttendanceMark]:
        try:
            with unit_of_work(session_factory(self.syncer.engine)) as s:
                attendance.get_session(s, session_id)
                return attendance.marks_for_session(s, session_id)
        except (DBAPIError, SQLAlchemyError) as exc:
            raise NotFound(
                "That attendance session was not run on this kiosk, and PostgreSQL cannot be reached to look it up.",
                "Try again when the kiosk is online.",
            ) from exc


def _empty_gallery(model_name: str, withheld: str = "") -> Gallery:
    fingerprint = hashlib.sha256(model_name.encode()).hexdigest()
    return Gallery(model_name, np.zeros((0, 0), dtype=np.float32), (), (), fingerprint, withheld=withheld)


def _read_engine(settings: Settings, primary: Engine) -> Engine:
    if not settings.database.read_url:
        return primary
    engine = build_engine_for_url(parse_database_url(settings.database.read_url), settings.database)
    try:
        return sync_engine_for(engine, settings.offline)
    finally:
        engine.dispose()


def _unknown(student_uuid: uuid.UUID) -> StudentInfo:
    return StudentInfo(id=student_uuid, student_id="?", name="(no longer in the roster)", class_code=None)


def _age(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return "less than a minute"
    if minutes < 120:
        return f"{minutes} min"
    hours = minutes // 60
    return f"{hours} h" if hours < 48 else f"{hours // 24} days"
