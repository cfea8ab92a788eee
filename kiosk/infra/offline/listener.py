"""Hearing about roster changes within seconds: ``LISTEN`` on a connection of its own.

Writers announce every enrollment, consent change, deletion and roster change with
``NOTIFY`` in their own transaction (:mod:`kiosk.infra.db.repo.changes`). A
:class:`ChangeListener` thread holds one dedicated connection to the primary (the URL's
``target_session_attrs=read-write`` finds it after a failover; a standby cannot ``LISTEN``),
and hands each change to ``on_change``.

When the connection drops, the listener says so in the log and keeps trying to reconnect;
meanwhile the kiosk relies on its periodic refresh (``[offline] refresh_minutes``). Changes
made while it was away were never heard, so on reconnecting it asks for one full refresh
(``on_reconnect``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import psycopg
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from kiosk.infra.db.engine import derived_engine
from kiosk.infra.db.repo.changes import CHANNEL, RosterChange

log = logging.getLogger(__name__)

POLL_SECONDS = 0.5  # how often the thread looks at its stop flag while waiting
RETRY_SECONDS = 3.0


def _listen_connect_args(timeout: float) -> dict[str, Any]:
    # A silent network must not leave the thread waiting forever on a dead socket: keepalives
    # notice within about 10 s and the thread reconnects (possibly to a promoted standby).
    return {
        "connect_timeout": max(2, round(timeout)),
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 2,
        "tcp_user_timeout": 10_000,
    }


class ChangeListener(threading.Thread):
    """``start()``, later ``stop()`` and ``join()``. ``listening`` tells whether it is connected."""

    def __init__(
        self,
        engine: Engine,
        on_change: Callable[[RosterChange], None],
        *,
        on_reconnect: Callable[[], None],
        fallback_minutes: float,
        connect_timeout: float = 2.0,
        retry_seconds: float = RETRY_SECONDS,
    ) -> None:
        super().__init__(name="kiosk-roster-listener", daemon=True)
        self._engine = derived_engine(
            engine, poolclass=NullPool, connect_args=_listen_connect_args(connect_timeout)
        )
        self._on_change = on_change
        self._on_reconnect = on_reconnect
        self._fallback_minutes = fallback_minutes
        self._retry_seconds = retry_seconds
        self._stop_flag = threading.Event()
        self.listening = threading.Event()
        self._lost = False  # connected once and lost it since
        self._ever_connected = False

    def stop(self) -> None:
        self._stop_flag.set()

    def run(self) -> None:
        try:
            while not self._stop_flag.is_set():
                try:
                    self._listen()
                except (psycopg.Error, DBAPIError, SQLAlchemyError, OSError) as exc:
                    self._dropped(type(exc).__name__)
                self._stop_flag.wait(self._retry_seconds)
        finally:
            self._engine.dispose()

    def _dropped(self, why: str) -> None:
        self.listening.clear()
        if self._ever_connected and not self._lost:
            log.warning(
                "The roster notification connection dropped (%s): roster changes now arrive with the periodic "
                "refresh (every %g min) until it is back",
                why,
                self._fallback_minutes,
            )
        elif not self._ever_connected and not self._lost:
            log.warning(
                "Cannot listen for roster changes (%s): using the periodic refresh (every %g min) meanwhile",
                why,
                self._fallback_minutes,
            )
        self._lost = True

    def _listen(self) -> None:
        raw = self._engine.raw_connection()
        healthy = False
        try:
            conn = raw.driver_connection
            if not isinstance(conn, psycopg.Connection):
                raise TypeError("roster notifications need PostgreSQL through psycopg")
            conn.autocommit = True
            conn.execute(f"LISTEN {CHANNEL}")
            self.listening.set()
            if self._lost:
                log.info("Listening for roster changes again; refreshing the local copy for what was missed")
                self._on_reconnect()
            else:
                log.info("Listening for roster changes")
            self._lost = False
            self._ever_connected = True
            while not self._stop_flag.is_set():
                for note in conn.notifies(timeout=POLL_SECONDS):
                    self._deliver(note.payload)
                if conn.closed or conn.broken:
                    raise psycopg.OperationalError("the connection was closed")
            healthy = True
        finally:
            self.listening.clear()
            try:
                if healthy:
                    raw.close()
                else:
                    raw.invalidate()  # broken: thrown away without the rollback a close would try
            except Exception:  # closing a broken connection may fail again: nothing to keep
                log.debug("closing the listener connection failed", exc_info=True)

    def _deliver(self, payload: str) -> None:
        change = RosterChange.from_payload(payload)
        if change is None:
            log.warning("Ignored a roster notification this kiosk does not understand")
            return
        try:
            self._on_change(change)
        except Exception:  # one bad change must not stop the listening
            log.exception("Applying a roster change failed; the periodic refresh will catch up")
