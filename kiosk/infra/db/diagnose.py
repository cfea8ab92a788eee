"""Why a PostgreSQL connection failed, told by codes rather than by the server's language.

psycopg 3 reports a failed connection as a bare ``OperationalError`` without a SQLSTATE: the
server's reason (wrong password, no such database) is only in the message text, which the
server translates into its ``lc_messages`` language. Matching English words in it misreads a
German or French server. So, when a connection fails without a SQLSTATE, this module asks
again in two language-independent ways:

- it repeats the connection attempt through libpq with the error verbosity set to VERBOSE,
  which makes libpq write the server's SQLSTATE into the message (``FATAL:  28P01: ...``);
- when the server sent no SQLSTATE (the failure was on the client side), it knocks on the
  port with PostgreSQL's SSL request: a PostgreSQL server answers one byte ``S``, ``N`` or
  ``E``; a web server (or anything else) answers something else; nothing answers when the
  server is down or the network cut (then it is left as "unreachable").

The findings come back as exceptions: ``psycopg.errors`` classes for SQLSTATEs (so SQLAlchemy
wraps them like any driver error) and the two client-side classes below.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import glob
import logging
import os
import re
import selectors
import socket
import struct
import time
from collections.abc import Mapping
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg import pq
from psycopg.conninfo import conninfo_to_dict, make_conninfo

log = logging.getLogger(__name__)

_SSL_REQUEST = struct.pack("!ii", 8, 80877103)
# libpq's VERBOSE format: "<severity>:  <SQLSTATE>: <message>". SQLSTATEs are five characters
# from 0-9A-Z; at least one digit keeps a capitalised word from looking like one.
_SQLSTATE_IN_MESSAGE = re.compile(r":\s+(?=[0-9A-Z]{0,4}[0-9])([0-9A-Z]{5}): ")
_PQERRORS_VERBOSE = 2
_SSL_REQUIRED_MODES = {"require", "verify-ca", "verify-full"}
_POSTGRES_ANSWERS = (b"S", b"N", b"E")  # SSL yes, SSL no, or an error (a very old server)
_KNOCK_AFTER_TIMEOUT_SECONDS = 2.0
# psycopg.connect() keywords that configure the Python object, not libpq.
_NOT_CONNINFO = {"autocommit", "prepare_threshold", "context", "row_factory", "cursor_factory"}


class NotPostgresServer(psycopg.OperationalError):
    """Something answers on the port, but not in PostgreSQL's protocol (a web server, say)."""


class SslNotOffered(psycopg.OperationalError):
    """The server does not offer SSL, and the sslmode demands it."""


class CertificateRejected(psycopg.OperationalError):
    """The server offers SSL, and this side refused the secure connection (certificate, CA)."""


def connect_with_diagnosis(dialect: Any, _record: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
    """SQLAlchemy ``do_connect`` hook: connect; on a failure without a SQLSTATE, find out why."""
    try:
        return dialect.connect(*cargs, **cparams)
    except psycopg.OperationalError as exc:
        if exc.sqlstate is not None:
            raise
        conninfo = make_conninfo(*cargs, **{k: v for k, v in cparams.items() if k not in _NOT_CONNINFO})
        if isinstance(exc, pg_errors.ConnectionTimeout):
            # Asking libpq again would double the wait; a short knock tells a silent non-PostgreSQL
            # port (a web server waits for a whole line) from a server that is down.
            answer = _knock(conninfo_to_dict(conninfo), _KNOCK_AFTER_TIMEOUT_SECONDS)
            if answer is None or answer in _POSTGRES_ANSWERS:
                raise
            raise NotPostgresServer(str(exc)) from exc
        better = diagnose(conninfo)
        if better is None:
            raise
        raise better from exc


def diagnose(conninfo: str) -> psycopg.Error | None:
    """An exception naming why a connection with ``conninfo`` fails, or None if it cannot tell."""
    params = conninfo_to_dict(conninfo)
    timeout = _timeout(params)
    sqlstate, message = _verbose_attempt(conninfo, timeout)
    if sqlstate is not None:
        cls = pg_errors.lookup(sqlstate)
        return cls(_without_location(message or ""))
    if message is None:
        return None  # it connected this time: the first failure was passing
    answer = _knock(params, timeout)
    sslmode = str(params.get("sslmode") or "prefer")
    if answer is None:
        return None  # nothing there: the server is down or the network cut (the caller's reading)
    if answer not in _POSTGRES_ANSWERS:
        return NotPostgresServer(message)
    if answer == b"N" and sslmode in _SSL_REQUIRED_MODES:
        return SslNotOffered(message)
    if answer == b"S" and sslmode in _SSL_REQUIRED_MODES:
        return CertificateRejected(message)
    return None


def _timeout(params: Mapping[str, Any]) -> float:
    with contextlib.suppress(TypeError, ValueError):
        value = int(params.get("connect_timeout") or 0)
        if value > 0:
            return float(max(2, value))
    return 10.0


def _verbose_attempt(conninfo: str, timeout: float) -> tuple[str | None, str | None]:
    """(SQLSTATE the server sent, libpq's message); (None, None) when the connection succeeds."""
    conn = pq.PGconn.connect_start(conninfo.encode())
    try:
        if not _set_verbose(conn):
            log.debug("cannot raise libpq's error verbosity here: SQLSTATE of a refused connection unknown")
        deadline = time.monotonic() + timeout
        status: int = pq.PollingStatus.WRITING
        while conn.status != pq.ConnStatus.BAD:
            status = conn.connect_poll()
            if status in (pq.PollingStatus.OK, pq.PollingStatus.FAILED):
                break
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None, "timeout"
            with selectors.DefaultSelector() as sel:
                event = selectors.EVENT_READ if status == pq.PollingStatus.READING else selectors.EVENT_WRITE
                sel.register(conn.socket, event)
                sel.select(remaining)
        if status == pq.PollingStatus.OK and conn.status == pq.ConnStatus.OK:
            return None, None
        message = conn.get_error_message()
    finally:
        conn.finish()
    found = _SQLSTATE_IN_MESSAGE.search(message)
    return (found.group(1) if found else None), message


def _without_location(message: str) -> str:
    return "\n".join(line for line in message.splitlines() if not line.startswith("LOCATION:"))


def _libpq() -> ctypes.CDLL | None:
    """The libpq that psycopg itself uses (a second, different libpq must not touch its handles)."""
    impl = pq.__impl__
    path: str | None = None
    if impl == "binary":
        import psycopg_binary

        libs = os.path.join(os.path.dirname(os.path.dirname(psycopg_binary.__file__)), "psycopg_binary.libs")
        found = sorted(glob.glob(os.path.join(libs, "libpq*.so*")))
        path = found[0] if found else None
    else:  # "c" and "python" both use the system libpq
        path = ctypes.util.find_library("pq")
    if path is None:
        return None
    try:
        lib = ctypes.CDLL(path)  # already loaded: dlopen returns the same library
    except OSError:
        return None
    lib.PQsetErrorVerbosity.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.PQsetErrorVerbosity.restype = ctypes.c_int
    return lib


def _set_verbose(conn: pq.abc.PGconn) -> bool:
    lib = _libpq()
    if lib is None:
        return False
    pointer = getattr(conn, "pgconn_ptr", None)  # every implementation has it; the ABC does not say
    if not pointer:
        return False
    lib.PQsetErrorVerbosity(pointer, _PQERRORS_VERBOSE)
    return True


def _knock(params: Mapping[str, Any], timeout: float) -> bytes | None:
    """PostgreSQL's SSL request on the first host: the answer's first byte; None: nothing listens."""
    host = str(params.get("host") or params.get("hostaddr") or "").split(",")[0] or "/var/run/postgresql"
    port = int(str(params.get("port") or 5432).split(",")[0] or 5432)
    try:
        if host.startswith("/"):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(min(timeout, 3.0))
            sock.connect(os.path.join(host, f".s.PGSQL.{port}"))
        else:
            sock = socket.create_connection((host, port), timeout=min(timeout, 3.0))
    except OSError:
        return None
    with sock:
        try:
            # The blank lines after the request make a web server answer (it waits for a whole
            # line); PostgreSQL answers the request alone, at once.
            sock.sendall(_SSL_REQUEST + b"\r\n\r\n")
            answer = sock.recv(1)
        except OSError:
            return None  # silent or cut: nothing to tell from
    return answer or None  # closed without a word: a proxy with nothing behind it, say
