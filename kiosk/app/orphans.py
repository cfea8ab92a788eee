"""Closing the sessions a kiosk left open when it was killed, on its next start.

A kiosk killed mid-session (power cut, ``kill -9``, a crash) never closes its session, so
reports show it running for ever. On the next start of the same kiosk, with no other
process of it running on this data folder, each of its own sessions still open from before
this start is closed at its last mark (or at its start when nobody was marked), and one
line says so. On the offline-first store the close is queued like any other and reaches
PostgreSQL with the next sync.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import Protocol, runtime_checkable

from kiosk.core.attendance import as_aware
from kiosk.core.domain import SessionInfo
from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)


@runtime_checkable
class UnclosedSessionStore(Protocol):
    """What closing orphans needs of a store (the direct and the offline-first store keep it)."""

    def unclosed_sessions(
        self, kiosk_id: str, started_before: datetime
    ) -> list[tuple[SessionInfo, datetime | None]]: ...

    def close_session(self, session_id: uuid.UUID, *, ended_at: datetime | None = None) -> SessionInfo: ...


def close_orphaned_sessions(store: object, kiosk_id: str, started_before: datetime) -> str | None:
    """Close ``kiosk_id``'s sessions left open from before ``started_before``; the line saying so.

    The caller makes sure no other process of this kiosk is running (its sessions would look
    the same). A failure is logged and leaves the sessions for the next start: it must never
    stop the kiosk from starting.
    """
    if not isinstance(store, UnclosedSessionStore):
        return None
    try:
        orphans = store.unclosed_sessions(kiosk_id, started_before)
        closed: list[tuple[SessionInfo, datetime]] = []
        for info, last_mark in orphans:
            ended_at = as_aware(last_mark or info.started_at)
            store.close_session(info.id, ended_at=ended_at)
            closed.append((info, ended_at))
    except KioskError as exc:
        log.warning("Could not close the sessions this kiosk left open: %s", exc.message)
        return None
    except Exception as exc:  # a database or file failure: the kiosk starts anyway
        log.warning(
            "Could not close the sessions this kiosk left open (%s)", type(exc).__name__, exc_info=True
        )
        return None
    if not closed:
        return None
    some = ", ".join(
        f"{info.class_code} from {_clock(info.started_at)} (ended {_clock(ended)})"
        for info, ended in closed[:5]
    )
    more = f" and {len(closed) - 5} more" if len(closed) > 5 else ""
    noun = "session" if len(closed) == 1 else "sessions"
    line = (
        f"Closed {len(closed)} attendance {noun} this kiosk left open when it stopped unexpectedly: "
        f"{some}{more}; each ends at its last mark."
    )
    log.warning("%s", line)
    return line


def _clock(at: datetime) -> str:
    return as_aware(at).astimezone().strftime("%Y-%m-%d %H:%M")
