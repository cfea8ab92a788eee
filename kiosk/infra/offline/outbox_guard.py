"""Keeping the outbox file honest: noticing damage, setting it aside, saying what may be lost.

The outbox (``cache/outbox.db``) holds marks that have not reached PostgreSQL yet, so unlike
the cache it cannot be rebuilt from the server. A damaged or vanished outbox must therefore
be *noticed*, not silently recreated empty. Beside it lives a small sidecar,
``outbox.state``, rewritten inside every queuing transaction, holding the last event number
and how many marks were still queued. On opening:

* the outbox is missing or empty although the sidecar says it existed,
* SQLite says the file is not a database or is malformed (``PRAGMA quick_check``),
* or its event counter went backwards (an old copy put back, a lost write-ahead log),

then the file (with its ``-wal``/``-shm``) is renamed ``outbox.damaged-<time>.db`` and kept,
a fresh outbox is started so attendance can go on, and one line says how many queued marks
may be lost at most (the sidecar's count; it is written before each commit, so it can only
over-count).

The check runs under an exclusive lock file, so two processes opening a damaged outbox at
once (``kiosk sync`` beside a starting kiosk) do not both move files about.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.core.errors import LocalStorageError
from kiosk.infra.offline._sqlite import LocalDb

log = logging.getLogger(__name__)

STATE_SUFFIX = ".state"
LOCK_SUFFIX = ".lock"
# SQLite's primary result codes that mean "this file is damaged", as opposed to locked or full.
_DAMAGE_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


@dataclass(frozen=True)
class OutboxState:
    """What the outbox last knew about itself (kept outside it, to survive its damage)."""

    last_seq: int
    queued_marks: int
    queued_changes: int  # session openings and closings
    oldest_queued: str | None
    saved_at: str


def state_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + STATE_SUFFIX)


def read_state(db_path: Path) -> OutboxState | None:
    """The sidecar, or ``None`` when there is none (a new kiosk) or it cannot be read."""
    try:
        raw = json.loads(state_path(db_path).read_text(encoding="utf-8"))
        return OutboxState(
            int(raw["last_seq"]),
            int(raw["queued_marks"]),
            int(raw["queued_changes"]),
            raw.get("oldest_queued"),
            str(raw.get("saved_at", "")),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        log.warning("The outbox's state file %s is unreadable; treating it as missing", state_path(db_path))
        return None


def current_state(conn: sqlite3.Connection) -> OutboxState:
    """The state as this connection sees it (inside the caller's transaction)."""
    seq_row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'events'").fetchone()
    marks = changes = 0
    oldest: str | None = None
    for is_mark, n, first in conn.execute(
        "SELECT kind = 'mark', count(*), min(created_at) FROM events "
        "WHERE sent_at IS NULL AND failed_at IS NULL GROUP BY kind = 'mark'"
    ):
        if is_mark:
            marks = int(n)
        else:
            changes = int(n)
        oldest = first if oldest is None or (first is not None and first < oldest) else oldest
    return OutboxState(
        int(seq_row[0]) if seq_row else 0, marks, changes, oldest, datetime.now(UTC).isoformat()
    )


def write_state(db_path: Path, state: OutboxState) -> None:
    """Replace the sidecar atomically (a unique temporary name, fsync, rename)."""
    target = state_path(db_path)
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(state), fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def is_damage(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in _DAMAGE_CODES


@contextlib.contextmanager
def exclusive(db_path: Path) -> Iterator[None]:
    """Only one process at a time checks (and maybe replaces) the outbox file."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with open(db_path.with_name(db_path.stem + LOCK_SUFFIX), "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def open_checked(
    db_path: Path, create_schema: Callable[[sqlite3.Connection], None]
) -> tuple[LocalDb, str | None]:
    """Open the outbox, replacing a damaged one. Returns the database and, if one was set
    aside, the line that says so. ``create_schema`` is called with the fresh connection."""
    with exclusive(db_path):
        known = read_state(db_path)
        try:
            db, problem = _open_and_check(db_path, known)
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise storage_error(exc, db_path) from None
            db, problem = None, str(exc)
        notice = None
        if problem is not None:
            if db is not None:
                db.close()
            aside = _set_aside(db_path)
            notice = _damage_notice(db_path, aside, problem, known)
            log.warning("%s", notice)
            db = LocalDb(db_path)
        assert db is not None
        try:
            with db.transaction() as conn:
                create_schema(conn)
                write_state(db_path, current_state(conn))
        except BaseException:
            db.close()
            raise
        return db, notice


def _open_and_check(db_path: Path, known: OutboxState | None) -> tuple[LocalDb | None, str | None]:
    if known is not None and not db_path.exists():
        return None, "the file is missing"
    if known is not None and db_path.stat().st_size == 0:
        return None, "the file is empty"
    db = LocalDb(db_path)
    try:
        result = db.query("PRAGMA quick_check")
        if not result or result[0][0] != "ok":
            return db, f"integrity check: {result[0][0] if result else 'no answer'}"
        if known is None:
            return db, None
        tables = {r[0] for r in db.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "events" not in tables:
            return db, "its tables are gone"
        seq_row = db.query("SELECT seq FROM sqlite_sequence WHERE name = 'events'")
        seq = int(seq_row[0][0]) if seq_row else 0
        # The sidecar is written just before each commit, so it may be one event ahead.
        if seq < known.last_seq - 1:
            return db, f"it went back from event {known.last_seq} to {seq}: an older copy or a lost log"
        return db, None
    except BaseException:
        db.close()
        raise


def _set_aside(db_path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.stem}.damaged-{stamp}{db_path.suffix}")
    n = 1
    while aside.exists():
        n += 1
        aside = db_path.with_name(f"{db_path.stem}.damaged-{stamp}-{n}{db_path.suffix}")
    with contextlib.suppress(FileNotFoundError):
        db_path.replace(aside)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{db_path}{suffix}").replace(Path(f"{aside}{suffix}"))
    return aside


def _damage_notice(db_path: Path, aside: Path, problem: str, known: OutboxState | None) -> str:
    where = f"{db_path.parent.name}/{db_path.name}"
    head = f"The attendance queue {where} was damaged ({problem}); it is kept as {aside.name} and a new queue was started"
    if known is None:
        return f"{head}; marks queued in it may not have reached PostgreSQL: check today's sessions in the office reports."
    if known.queued_marks == 0 and known.queued_changes == 0:
        return f"{head}; nothing was lost: everything queued in it had reached PostgreSQL."
    since = ""
    if known.oldest_queued:
        with contextlib.suppress(ValueError):
            since = f" since {datetime.fromisoformat(known.oldest_queued).astimezone().strftime('%Y-%m-%d %H:%M')}"
    changes = f" and {known.queued_changes} session openings/closings" if known.queued_changes else ""
    return (
        f"{head}; up to {known.queued_marks} attendance marks{changes} recorded{since} may not have "
        "reached PostgreSQL: check those sessions in the office reports."
    )


def storage_error(exc: sqlite3.Error | OSError, db_path: Path) -> LocalStorageError:
    """A person's sentence for the outbox (or its sidecar) failing to write."""
    folder = db_path.parent
    if isinstance(exc, OSError):
        code = sqlite3.SQLITE_FULL if exc.errno == errno.ENOSPC else None
        detail = exc.strerror or str(exc)
    else:
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        detail = str(exc)
    if code == sqlite3.SQLITE_FULL:
        return LocalStorageError(
            f"The disk holding {folder} is full, so this change was not recorded; everything recorded before it is kept.",
            "Free some space on that disk, then try again.",
        )
    if code == sqlite3.SQLITE_READONLY:
        return LocalStorageError(
            f"The kiosk cannot write to {folder} (read-only), so this change was not recorded.",
            "Make that folder writable for this user, then try again.",
        )
    if isinstance(exc, sqlite3.Error) and is_damage(exc):
        return LocalStorageError(
            f"The attendance queue in {folder} is damaged ({detail}); this change was not recorded.",
            "Restart the kiosk: it sets the damaged file aside and starts a new queue.",
        )
    return LocalStorageError(
        f"The attendance queue in {folder} could not be written ({detail}); this change was not recorded.",
        "Check that folder and its disk, then try again.",
    )
