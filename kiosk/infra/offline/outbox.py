"""The outbox: every session open/close and attendance mark, written locally first.

Each change is one local SQLite transaction that both updates the local view (sessions and
the current mark of each student) and queues an event whose UUID is its idempotency key on
the server. The kiosk reads its session state from here, so marking never waits for the
network; the sync worker (:mod:`kiosk.infra.offline.sync`) pushes the queue in order and
flags each event sent only after PostgreSQL committed it.

The local view applies the server's rule, :func:`kiosk.core.attendance.incoming_wins` (manual
beats auto, earliest auto, latest manual). The rule gives the same winner whatever order marks
arrive in, so a mark that loses locally would lose on the server too and is not queued; the
server then holds what the kiosk shows. Like the server, the winning change keeps the
student's first record id and notes the superseding mark's id in ``details["superseded_mark"]``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.core.attendance import as_aware, incoming_wins
from kiosk.core.domain import AttendanceMark, AttendanceStatus, FaceBox, MarkSource, SessionInfo
from kiosk.core.errors import NotFound
from kiosk.infra.offline import outbox_guard

log = logging.getLogger(__name__)

OUTBOX_FILE_NAME = "outbox.db"
KINDS = ("open", "mark", "close")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY, class_code TEXT NOT NULL, started_at TEXT NOT NULL, ended_at TEXT,
    started_by TEXT, kiosk_id TEXT
);
CREATE TABLE IF NOT EXISTS marks (
    session_id TEXT NOT NULL, student_uuid TEXT NOT NULL, id TEXT NOT NULL, status TEXT NOT NULL,
    source TEXT NOT NULL, marked_at TEXT NOT NULL, confidence REAL, box TEXT, note TEXT,
    details TEXT NOT NULL, PRIMARY KEY (session_id, student_uuid)
);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('open', 'mark', 'close')),
    key TEXT NOT NULL, session_id TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL,
    sent_at TEXT, failed_at TEXT, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
    UNIQUE (kind, key)
);
CREATE INDEX IF NOT EXISTS ix_events_pending ON events (seq) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX IF NOT EXISTS ix_events_session_pending ON events (session_id) WHERE sent_at IS NULL AND failed_at IS NULL
"""


def mark_to_json(mark: AttendanceMark) -> dict[str, Any]:
    return {
        "id": str(mark.id),
        "session_id": str(mark.session_id),
        "student_uuid": str(mark.student_uuid),
        "status": mark.status.value,
        "source": mark.source.value,
        "marked_at": as_aware(mark.marked_at).isoformat(),
        "confidence": mark.confidence,
        "box": mark.box.as_dict() if mark.box else None,
        "note": mark.note,
        "details": dict(mark.details),
    }


def mark_from_json(d: dict[str, Any]) -> AttendanceMark:
    return AttendanceMark(
        id=uuid.UUID(d["id"]),
        session_id=uuid.UUID(d["session_id"]),
        student_uuid=uuid.UUID(d["student_uuid"]),
        status=AttendanceStatus(d["status"]),
        marked_at=datetime.fromisoformat(d["marked_at"]),
        source=MarkSource(d["source"]),
        confidence=d.get("confidence"),
        box=FaceBox(**d["box"]) if d.get("box") else None,
        note=d.get("note"),
        details=dict(d.get("details") or {}),
    )


@dataclass(frozen=True)
class OutboxEvent:
    seq: int
    kind: str
    key: uuid.UUID
    session_id: uuid.UUID
    payload: dict[str, Any]
    created_at: datetime
    attempts: int


@dataclass(frozen=True)
class OutboxCounts:
    pending: dict[str, int]
    failed: int
    sent: int
    oldest_pending: datetime | None

    @property
    def queued(self) -> int:
        return sum(self.pending.values())


def _mark_row(r: sqlite3.Row | tuple[Any, ...]) -> AttendanceMark:
    session_id, student_uuid, mark_id, status, source, marked_at, confidence, box, note, details = tuple(r)
    return AttendanceMark(
        id=uuid.UUID(mark_id),
        session_id=uuid.UUID(session_id),
        student_uuid=uuid.UUID(student_uuid),
        status=AttendanceStatus(status),
        marked_at=datetime.fromisoformat(marked_at),
        source=MarkSource(source),
        confidence=confidence,
        box=FaceBox(**json.loads(box)) if box else None,
        note=note,
        details=json.loads(details),
    )


def _mark_values(m: AttendanceMark) -> tuple[Any, ...]:
    return (
        str(m.session_id),
        str(m.student_uuid),
        str(m.id),
        m.status.value,
        m.source.value,
        as_aware(m.marked_at).isoformat(),
        m.confidence,
        json.dumps(m.box.as_dict()) if m.box else None,
        m.note,
        json.dumps(m.details),
    )


def _session_row(r: sqlite3.Row | tuple[Any, ...]) -> SessionInfo:
    sid, code, started, ended, by, kiosk = tuple(r)
    return SessionInfo(
        id=uuid.UUID(sid),
        class_code=code,
        started_at=datetime.fromisoformat(started),
        ended_at=datetime.fromisoformat(ended) if ended else None,
        started_by=by,
        kiosk_id=kiosk,
    )


def _create_schema(conn: sqlite3.Connection) -> None:
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


class Outbox:
    """``notice`` is set when a damaged outbox was set aside on opening (see outbox_guard)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db, self.notice = outbox_guard.open_checked(path, _create_schema)

    @contextlib.contextmanager
    def _queuing(self) -> Iterator[sqlite3.Connection]:
        """One local transaction that queues something: the sidecar is rewritten before the
        commit (so it can over-count, never under-count), and a full or broken disk becomes
        one sentence for a person instead of a driver traceback."""
        try:
            with self._db.transaction() as conn:
                before = conn.total_changes
                yield conn
                if conn.total_changes != before:  # something was queued
                    outbox_guard.write_state(self.path, outbox_guard.current_state(conn))
        except (sqlite3.Error, OSError) as exc:  # the file or its sidecar
            log.warning("Could not write the outbox: %s", exc)
            raise outbox_guard.storage_error(exc, self.path) from None

    def _save_state(self) -> None:
        """After the sync worker changed what is queued; a failure only leaves the count high."""
        try:
            with self._db.transaction() as conn:
                outbox_guard.write_state(self.path, outbox_guard.current_state(conn))
        except (sqlite3.Error, OSError) as exc:
            log.warning("Could not update the outbox's state file: %s", exc)

    @classmethod
    def open(cls, cache_dir: Path) -> Outbox:
        return cls(cache_dir / OUTBOX_FILE_NAME)

    def close(self) -> None:
        self._db.close()

    def _enqueue(
        self,
        conn: sqlite3.Connection,
        kind: str,
        key: uuid.UUID,
        session_id: uuid.UUID,
        payload: dict[str, Any],
    ) -> None:
        conn.execute(
            "INSERT INTO events (kind, key, session_id, payload, created_at) VALUES (?, ?, ?, ?, ?)",
            (kind, str(key), str(session_id), json.dumps(payload), datetime.now(UTC).isoformat()),
        )

    # -- writes (each one local transaction) --------------------------------------------
    def open_session(self, info: SessionInfo) -> SessionInfo:
        with self._queuing() as conn:
            found = conn.execute("SELECT * FROM sessions WHERE id = ?", (str(info.id),)).fetchone()
            if found is not None:  # idempotent, like the server's open_session(session_id=...)
                return _session_row(found)
            conn.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, NULL, ?, ?)",
                (
                    str(info.id),
                    info.class_code,
                    as_aware(info.started_at).isoformat(),
                    info.started_by,
                    info.kiosk_id,
                ),
            )
            self._enqueue(
                conn,
                "open",
                info.id,
                info.id,
                {
                    "class_code": info.class_code,
                    "started_at": as_aware(info.started_at).isoformat(),
                    "started_by": info.started_by,
                    "kiosk_id": info.kiosk_id,
                },
            )
        return info

    def record_mark(self, mark: AttendanceMark, *, actor: str | None = None) -> tuple[AttendanceMark, bool]:
        """Store a mark locally and queue it. Returns the local state and whether it changed."""
        with self._queuing() as conn:
            if (
                conn.execute("SELECT 1 FROM sessions WHERE id = ?", (str(mark.session_id),)).fetchone()
                is None
            ):
                raise NotFound("That attendance session does not exist on this kiosk.")
            existing_row = conn.execute(
                "SELECT * FROM marks WHERE session_id = ? AND student_uuid = ?",
                (str(mark.session_id), str(mark.student_uuid)),
            ).fetchone()
            already = conn.execute(
                "SELECT 1 FROM events WHERE kind = 'mark' AND key = ?", (str(mark.id),)
            ).fetchone()
            existing = _mark_row(existing_row) if existing_row is not None else None
            if already is not None or (existing is not None and existing.id == mark.id):
                return (existing or mark), False  # the same mark again: a retry, not a change
            if existing is not None and not incoming_wins(existing, mark):
                return existing, False
            stored = mark
            if existing is not None:
                stored = replace(
                    mark,
                    id=existing.id,
                    details={**existing.details, **mark.details, "superseded_mark": str(mark.id)},
                )
            conn.execute(
                "INSERT OR REPLACE INTO marks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", _mark_values(stored)
            )
            payload = mark_to_json(mark)
            payload["actor"] = actor
            self._enqueue(conn, "mark", mark.id, mark.session_id, payload)
        return stored, True

    def close_session(self, session_id: uuid.UUID, ended_at: datetime) -> SessionInfo:
        with self._queuing() as conn:
            row = conn.execute("SELECT * FROM sessions WHERE id = ?", (str(session_id),)).fetchone()
            if row is None:
                raise NotFound("That attendance session does not exist on this kiosk.")
            info = _session_row(row)
            if info.ended_at is not None:
                return info
            conn.execute(
                "UPDATE sessions SET ended_at = ? WHERE id = ?",
                (as_aware(ended_at).isoformat(), str(session_id)),
            )
            self._enqueue(conn, "close", session_id, session_id, {"ended_at": as_aware(ended_at).isoformat()})
        return replace(info, ended_at=as_aware(ended_at))

    # -- local reads --------------------------------------------------------------------
    def session(self, session_id: uuid.UUID) -> SessionInfo | None:
        rows = self._db.query("SELECT * FROM sessions WHERE id = ?", (str(session_id),))
        return _session_row(rows[0]) if rows else None

    def unclosed_sessions(
        self, kiosk_id: str, started_before: datetime
    ) -> list[tuple[SessionInfo, datetime | None]]:
        """This kiosk's sessions opened here and never closed, started before ``started_before``,
        each with the time of its last mark here (``None`` when it has none)."""
        rows = self._db.query("SELECT * FROM sessions WHERE ended_at IS NULL AND kiosk_id = ?", (kiosk_id,))
        found: list[tuple[SessionInfo, datetime | None]] = []
        for info in sorted((_session_row(r) for r in rows), key=lambda i: as_aware(i.started_at)):
            if as_aware(info.started_at) >= as_aware(started_before):
                continue
            times = [as_aware(m.marked_at) for m in self.marks(info.id)]
            found.append((info, max(times) if times else None))
        return found

    def marks(self, session_id: uuid.UUID) -> list[AttendanceMark]:
        rows = self._db.query(
            "SELECT * FROM marks WHERE session_id = ? ORDER BY marked_at", (str(session_id),)
        )
        return [_mark_row(r) for r in rows]

    # -- the queue ----------------------------------------------------------------------
    def pending(self, limit: int) -> list[OutboxEvent]:
        rows = self._db.query(
            "SELECT seq, kind, key, session_id, payload, created_at, attempts FROM events "
            "WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY seq LIMIT ?",
            (limit,),
        )
        return [_event(r) for r in rows]

    def mark_sent(self, seqs: list[int]) -> None:
        """Called only after the server committed these events."""
        now = datetime.now(UTC).isoformat()
        with self._db.transaction() as conn:
            conn.executemany(
                "UPDATE events SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE seq = ? AND sent_at IS NULL",
                [(now, s) for s in seqs],
            )
        self._save_state()

    def note_failure(self, seqs: list[int], error: str) -> None:
        with self._db.transaction() as conn:
            conn.executemany(
                "UPDATE events SET attempts = attempts + 1, last_error = ? WHERE seq = ?",
                [(error, s) for s in seqs],
            )

    def mark_failed(self, seq: int, error: str) -> None:
        """An event the server can never accept (its student was deleted): kept, set aside, shown."""
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE events SET failed_at = ?, attempts = attempts + 1, last_error = ? WHERE seq = ?",
                (datetime.now(UTC).isoformat(), error, seq),
            )
        self._save_state()

    def failed(self) -> list[tuple[OutboxEvent, str]]:
        rows = self._db.query(
            "SELECT seq, kind, key, session_id, payload, created_at, attempts, last_error FROM events "
            "WHERE failed_at IS NOT NULL ORDER BY seq"
        )
        return [(_event(r), r[7] or "") for r in rows]

    def counts(self) -> OutboxCounts:
        pending = dict.fromkeys(KINDS, 0)
        for kind, n in self._db.query(
            "SELECT kind, count(*) FROM events WHERE sent_at IS NULL AND failed_at IS NULL GROUP BY kind"
        ):
            pending[kind] = n
        failed = self._db.query("SELECT count(*) FROM events WHERE failed_at IS NOT NULL")[0][0]
        sent = self._db.query("SELECT count(*) FROM events WHERE sent_at IS NOT NULL")[0][0]
        oldest = self._db.query(
            "SELECT min(created_at) FROM events WHERE sent_at IS NULL AND failed_at IS NULL"
        )[0][0]
        return OutboxCounts(pending, failed, sent, datetime.fromisoformat(oldest) if oldest else None)

    def queued(self) -> int:
        return int(
            self._db.query("SELECT count(*) FROM events WHERE sent_at IS NULL AND failed_at IS NULL")[0][0]
        )

    def has_pending(self, session_id: uuid.UUID) -> bool:
        return bool(
            self._db.query(
                "SELECT 1 FROM events WHERE session_id = ? AND sent_at IS NULL AND failed_at IS NULL LIMIT 1",
                (str(session_id),),
            )
        )

    def adopt_server_marks(self, session_id: uuid.UUID, server_marks: list[AttendanceMark]) -> bool:
        """Make the local view of a session equal the server's (office overrides, other kiosks),
        unless marks for it are still queued: those must reach the server first."""
        with self._db.transaction() as conn:
            if conn.execute(
                "SELECT 1 FROM events WHERE session_id = ? AND sent_at IS NULL AND failed_at IS NULL LIMIT 1",
                (str(session_id),),
            ).fetchone():
                return False
            conn.execute("DELETE FROM marks WHERE session_id = ?", (str(session_id),))
            conn.executemany(
                "INSERT INTO marks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_mark_values(m) for m in server_marks],
            )
        return True

    def prune_sent(self, older_than: timedelta = timedelta(days=14)) -> int:
        cutoff = (datetime.now(UTC) - older_than).isoformat()
        with self._db.transaction() as conn:
            cur = conn.execute("DELETE FROM events WHERE sent_at IS NOT NULL AND sent_at < ?", (cutoff,))
            return cur.rowcount


def _event(row: Any) -> OutboxEvent:
    """An event from a row starting seq, kind, key, session_id, payload, created_at, attempts."""
    return OutboxEvent(
        row[0],
        row[1],
        uuid.UUID(row[2]),
        uuid.UUID(row[3]),
        json.loads(row[4]),
        datetime.fromisoformat(row[5]),
        row[6],
    )
