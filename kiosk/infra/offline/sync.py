"""Pushing the outbox to PostgreSQL, and knowing whether PostgreSQL is there.

:class:`Syncer` does one thing at a time on the caller's thread (health check, push, cache
refresh); ``kiosk sync`` uses it directly. :class:`SyncWorker` is the background thread the
kiosk runs: it pushes whenever there is something queued, backs off exponentially while the
server is unreachable, checks health with a short timeout so the status bar shows an outage
within seconds, and drains the queue on reconnection without anyone doing anything.

Exactly once: every event carries its UUID; the server side is idempotent on it (a session
id already present is not opened again, a mark id already stored changes nothing, and the
unique (session, student) rule turns a second mark into the documented conflict rule). An
event is flagged sent only after the server transaction committed, so a crash or a lost
acknowledgement means "send again", never "lost" or "twice".

Over 400 lines on purpose: the health check, the push with its exactly-once bookkeeping and
the backoff loop are one state machine; its SQL lives in the attendance repository.
"""

from __future__ import annotations

import logging
import math
import random
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from kiosk.core.domain import AttendanceMark, MarkSource
from kiosk.core.errors import KioskError
from kiosk.infra.config import OfflineSettings
from kiosk.infra.db.engine import derived_engine, session_factory, unit_of_work
from kiosk.infra.db.repo import attendance, consent
from kiosk.infra.offline.outbox import Outbox, OutboxEvent, mark_from_json

log = logging.getLogger(__name__)

BATCH_SIZE = 1000
# At most this long between retries while offline: a kiosk must be back within seconds of a
# standby being promoted (README, two servers), and 300 kiosks probing every 8 s is light.
MAX_BACKOFF_SECONDS = 8.0
# A push that hangs on a silent network must end: libpq drops a connection whose sent data
# is not acknowledged within this time, so the worker notices and goes offline.
TCP_USER_TIMEOUT_MS = 10_000
STATEMENT_TIMEOUT_MS = 30_000


def sync_engine_for(engine: Engine, offline: OfflineSettings) -> Engine:
    """An engine like the kiosk's (same URL, so the same TLS options), with timeouts short
    enough to notice an outage quickly."""
    return derived_engine(
        engine,
        pool_size=1,
        max_overflow=1,
        pool_pre_ping=True,
        pool_recycle=600,
        connect_args=_connect_args(offline.health_timeout_seconds),
    )


def _connect_args(timeout: float) -> dict[str, Any]:
    return {
        # libpq takes whole seconds and treats anything below 2 as 2.
        "connect_timeout": max(2, math.ceil(timeout)),
        "tcp_user_timeout": TCP_USER_TIMEOUT_MS,
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 2,
        "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
    }


@dataclass
class PushReport:
    sent: list[OutboxEvent] = field(default_factory=list)
    failed: list[tuple[OutboxEvent, str]] = field(default_factory=list)
    conflicts: int = 0
    sessions: set[uuid.UUID] = field(default_factory=set)  # sessions touched: see adopt_server_view
    # Students whose marks the server refused because they may not be face-matched (consent
    # withdrawn) or no longer exist: the kiosk purges its copies of their data at once.
    withdrawn: set[uuid.UUID] = field(default_factory=set)
    deleted: set[uuid.UUID] = field(default_factory=set)

    def extend(self, other: PushReport) -> None:
        self.sessions |= other.sessions
        self.withdrawn |= other.withdrawn
        self.deleted |= other.deleted
        self.sent.extend(other.sent)
        self.failed.extend(other.failed)
        self.conflicts += other.conflicts


class _Batch:
    """Applies one batch of events inside one server transaction."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.failed: dict[int, str] = {}
        self.conflicts = 0
        self.withdrawn: set[uuid.UUID] = set()
        self.deleted: set[uuid.UUID] = set()

    def apply(self, events: list[OutboxEvent]) -> None:
        """Openings, then marks, then closings, each in a fixed order (session id, then student).

        Many kiosks push the same session at once; taking row locks in one global order means
        they queue behind each other instead of deadlocking. The order changes no outcome:
        marks need their session opened first, a closed session still takes late marks, and
        the conflict rule gives the same winner whatever order a student's marks arrive in
        (a stable sort keeps them in queue order anyway)."""
        by_session = sorted(events, key=lambda ev: str(ev.session_id))
        for ev in (ev for ev in by_session if ev.kind == "open"):
            self._guarded(ev, partial(self._session_event, ev))
        self._marks([ev for ev in events if ev.kind == "mark"])
        for ev in (ev for ev in by_session if ev.kind == "close"):
            self._guarded(ev, partial(self._session_event, ev))

    def _guarded(self, ev: OutboxEvent, fn: Callable[[], None]) -> None:
        # A savepoint, so one event the server refuses for good (its class or student deleted)
        # is set aside without losing the rest of the batch.
        try:
            with self.s.begin_nested():
                fn()
        except KioskError as exc:
            self.failed[ev.seq] = exc.message
            log.warning("The server refused queued %s %s for good: %s", ev.kind, ev.key, exc.message)

    def _session_event(self, ev: OutboxEvent) -> None:
        p = ev.payload
        if ev.kind == "open":
            attendance.open_session(
                self.s,
                p["class_code"],
                started_by=p.get("started_by"),
                kiosk_id=p.get("kiosk_id"),
                session_id=ev.session_id,
                started_at=datetime.fromisoformat(p["started_at"]),
            )
        else:
            attendance.close_session(self.s, ev.session_id, ended_at=datetime.fromisoformat(p["ended_at"]))
        self.s.flush()

    def _marks(self, run: list[OutboxEvent]) -> None:
        """Marks for students with no record yet go in one multi-row insert (the common case, and
        what makes draining 10k marks fast); the rest through repo.apply_mark and its rule."""
        if not run:
            return
        self.s.flush()
        marks = sorted(
            ((ev, mark_from_json(ev.payload)) for ev in run),
            key=lambda pair: (str(pair[1].session_id), str(pair[1].student_uuid)),
        )
        sessions = {m.session_id for _, m in marks}
        students = {m.student_uuid for _, m in marks}
        existing = attendance.records_of(self.s, sessions, students)
        known_sessions = attendance.existing_session_ids(self.s, sessions)
        known_students = attendance.existing_student_ids(self.s, students)
        # Consent is checked at each mark's own time (marks may have waited offline for days).
        matchable = consent.may_face_match(
            self.s, {(m.student_uuid, m.marked_at) for _, m in marks if m.source.face_matched}
        )
        fast: list[tuple[OutboxEvent, AttendanceMark]] = []
        slow: list[tuple[OutboxEvent, AttendanceMark]] = []
        seen: set[tuple[uuid.UUID, uuid.UUID]] = set()
        for ev, m in marks:
            pair = (m.session_id, m.student_uuid)
            if m.student_uuid not in known_students:
                self._refuse(ev, m, attendance.DELETED, self.deleted)
                continue
            if pair in existing and existing[pair].holds(m.id):
                continue  # applied before; the acknowledgement was lost
            if m.source.face_matched and not matchable[(m.student_uuid, m.marked_at)]:
                self._refuse(ev, m, attendance.NO_CONSENT, self.withdrawn)
                continue
            if m.session_id not in known_sessions:
                slow.append((ev, m))  # apply_mark says it is missing
            elif pair in existing:
                slow.append((ev, m))
            elif pair in seen or m.source is not MarkSource.AUTO:
                slow.append((ev, m))  # manual marks go through apply_mark for the audit log
            else:
                fast.append((ev, m))
            seen.add(pair)
        inserted = attendance.insert_first_marks(self.s, [m for _, m in fast])
        # Lost a race with another kiosk between our read and insert: the rule decides.
        slow = [(ev, m) for ev, m in fast if m.id not in inserted] + slow
        for ev, m in slow:
            self._guarded(ev, partial(self._apply_one, ev, m))

    def _refuse(self, ev: OutboxEvent, m: AttendanceMark, reason: str, students: set[uuid.UUID]) -> None:
        self.failed[ev.seq] = reason
        students.add(m.student_uuid)
        log.warning("The server refused queued mark %s of student %s: %s", ev.key, m.student_uuid, reason)

    def _apply_one(self, ev: OutboxEvent, m: AttendanceMark) -> None:
        stored, changed = attendance.apply_mark(self.s, m, actor=ev.payload.get("actor"))
        if stored.id == m.id:
            return
        self.conflicts += 1
        if changed:
            log.info(
                "Conflict in session %s, student %s: %s mark %s replaced the stored one (manual beats auto; "
                "latest manual wins)",
                m.session_id,
                m.student_uuid,
                m.source.value,
                m.id,
            )
        else:
            log.info(
                "Conflict in session %s, student %s: %s mark %s kept out by stored %s mark %s (manual beats auto; "
                "earliest auto wins)",
                m.session_id,
                m.student_uuid,
                m.source.value,
                m.id,
                stored.source.value,
                stored.id,
            )


class Syncer:
    """Health, push and refresh, each on the calling thread."""

    def __init__(self, engine: Engine, outbox: Outbox, offline: OfflineSettings) -> None:
        self.engine = engine
        self.outbox = outbox
        self.offline = offline
        self._sessions = session_factory(engine)
        self._probe = derived_engine(
            engine, poolclass=NullPool, connect_args=_connect_args(offline.health_timeout_seconds)
        )

    def close(self) -> None:
        self._probe.dispose()

    def healthy(self) -> bool:
        """``SELECT 1`` on a fresh connection with a short timeout."""
        try:
            with self._probe.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except (DBAPIError, SQLAlchemyError, OSError):
            log.debug("health check failed", exc_info=True)
            return False

    def push_batch(self, limit: int = BATCH_SIZE) -> PushReport:
        """Send up to ``limit`` queued events in one server transaction. Raises the driver's
        error when the server cannot be reached (nothing is then flagged sent)."""
        events = self.outbox.pending(limit)
        if not events:
            return PushReport()
        try:
            with unit_of_work(self._sessions) as s:
                batch = _Batch(s)
                batch.apply(events)
        except DBAPIError:
            self.outbox.note_failure([e.seq for e in events], "PostgreSQL unreachable or refused the batch")
            raise
        # Committed: only now may the events leave the queue.
        sent = [e for e in events if e.seq not in batch.failed]
        self.outbox.mark_sent([e.seq for e in sent])
        for seq, reason in batch.failed.items():
            self.outbox.mark_failed(seq, reason)
        report = PushReport(
            sent,
            [(e, batch.failed[e.seq]) for e in events if e.seq in batch.failed],
            batch.conflicts,
            withdrawn=batch.withdrawn,
            deleted=batch.deleted,
        )
        report.sessions.update(e.session_id for e in events)
        return report

    def push_all(
        self, *, on_batch: Callable[[PushReport], None] | None = None, max_batches: int | None = None
    ) -> PushReport:
        total = PushReport()
        n = 0
        while max_batches is None or n < max_batches:
            report = self.push_batch()
            if not report.sent and not report.failed:
                break
            n += 1
            total.extend(report)
            if on_batch is not None:
                on_batch(report)
        return total

    def adopt_server_view(self, session_ids: set[uuid.UUID]) -> None:
        """Once a session's queue is empty, the server's state (other kiosks, the office) wins.

        Separate from pushing: a read the kiosk does after draining, not part of delivery."""
        for sid in session_ids:
            if self.outbox.session(sid) is None or self.outbox.has_pending(sid):
                continue
            with unit_of_work(self._sessions) as s:
                server_marks = attendance.marks_for_session(s, sid)
            self.outbox.adopt_server_marks(sid, server_marks)


@dataclass(frozen=True)
class SyncStatus:
    online: bool | None  # None: not known yet
    queued: int
    failed: int
    roster_from: datetime | None
    last_error: str | None

    def line(self) -> str:
        if self.online:
            text_ = "PostgreSQL online" + (f", sending {self.queued} queued" if self.queued else "")
        else:
            text_ = "PostgreSQL: checking" if self.online is None else "offline"
            text_ += f", {self.queued} queued, roster from {_clock(self.roster_from)}"
        if self.failed:
            text_ += f", {self.failed} refused (see kiosk sync --status)"
        return text_


def _clock(at: datetime | None) -> str:
    if at is None:
        return "never"
    local = at.astimezone()
    same_day = local.date() == datetime.now().astimezone().date()
    return local.strftime("%H:%M") if same_day else local.strftime("%Y-%m-%d %H:%M")


class SyncWorker(threading.Thread):
    """The background loop. ``stop()`` then ``join()``; ``nudge()`` after queuing something."""

    def __init__(
        self,
        syncer: Syncer,
        *,
        refresh: Callable[[], object],
        on_online: Callable[[bool], None] | None = None,
        on_report: Callable[[PushReport], None] | None = None,
    ) -> None:
        super().__init__(name="kiosk-sync", daemon=True)
        self.syncer = syncer
        self._refresh = refresh
        self._on_online = on_online
        self._on_report = on_report  # told of every push (the store purges refused students)
        self._stop_flag = threading.Event()
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._online: bool | None = None
        self._last_error: str | None = None
        self._failures = 0
        self._next_refresh = time.monotonic() + syncer.offline.refresh_minutes * 60
        self._refresh_requested = False

    # -- control ------------------------------------------------------------------------
    def stop(self) -> None:
        self._stop_flag.set()
        self._wake.set()

    def nudge(self) -> None:
        self._wake.set()

    def request_refresh(self) -> None:
        self._refresh_requested = True
        self._wake.set()

    @property
    def online(self) -> bool | None:
        with self._lock:
            return self._online

    @property
    def last_error(self) -> str | None:
        with self._lock:
            return self._last_error

    def set_online(self, online: bool, error: str | None = None) -> None:
        with self._lock:
            changed = self._online != online
            self._online = online
            self._last_error = error
        if changed:
            if online:
                log.info("PostgreSQL reachable: sending %d queued changes", self.syncer.outbox.queued())
            else:
                log.warning(
                    "PostgreSQL unreachable (%s): working offline, changes are queued", error or "no answer"
                )
            if self._on_online is not None:
                self._on_online(online)

    # -- loop ---------------------------------------------------------------------------
    def run(self) -> None:
        while not self._stop_flag.is_set():
            try:
                self.step()
            except Exception:  # the loop must survive anything; the next step retries
                log.exception("Sync step failed unexpectedly")
                self._failed("unexpected error")
            delay = self._delay()
            deadline = time.monotonic() + delay
            while not self._stop_flag.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                woke = self._wake.wait(remaining)
                self._wake.clear()
                # While offline a new mark must not shorten the backoff: no hammering.
                if woke and self._failures == 0:
                    break

    def _delay(self) -> float:
        base = max(0.05, self.syncer.offline.sync_interval_seconds)
        if self._failures == 0:
            return base
        backoff = min(MAX_BACKOFF_SECONDS, base * float(2 ** min(self._failures, 16)))
        return backoff * random.uniform(0.8, 1.0)  # jitter: 50 kiosks do not retry in step

    def _failed(self, error: str) -> None:
        self._failures += 1
        self.set_online(False, error)

    def step(self) -> None:
        """One round: make sure the server answers, push what is queued, refresh the cache when due."""
        queued = self.syncer.outbox.queued()
        if (queued == 0 or self._online is not True) and not self.syncer.healthy():
            self._failed("health check failed")
            return
        self.set_online(True)
        self._failures = 0
        try:
            touched: set[uuid.UUID] = set()
            while not self._stop_flag.is_set():
                report = self.syncer.push_batch()
                if not report.sent and not report.failed:
                    break
                touched |= report.sessions
                if self._on_report is not None:
                    self._on_report(report)
                log.info("Sent %d queued changes to PostgreSQL", len(report.sent))
            self.syncer.adopt_server_view(touched)
            used = bool(touched)
            if self._refresh_requested or time.monotonic() >= self._next_refresh:
                self._refresh_requested = False
                self._refresh()
                self._next_refresh = time.monotonic() + self.syncer.offline.refresh_minutes * 60
                used = True
            if used and self.syncer.outbox.queued() == 0:
                # Nothing left to send: give the connection back to the server. A district's
                # server then holds one connection per kiosk (its roster listener), not two.
                self.syncer.engine.dispose()
        except IntegrityError:
            # The server answered: another kiosk wrote the same row at the same moment (a
            # concurrent first sync). Not an outage; the queue is sent again next round.
            log.warning("A change collided with another kiosk's at the same moment; sending it again shortly")
            self._failures += 1  # back off as for an outage, but stay online
        except (DBAPIError, SQLAlchemyError, OSError) as exc:
            log.debug("push failed", exc_info=True)
            self._failed(type(exc).__name__)

    def status(self, roster_from: datetime | None) -> SyncStatus:
        counts = self.syncer.outbox.counts()
        return SyncStatus(self.online, counts.queued, counts.failed, roster_from, self.last_error)
