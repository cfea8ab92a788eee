"""Connecting, with failures explained in plain words (and never the password).

Failures are told apart by exception class and SQLSTATE, never by the message text: a server
writes that in its own language (``lc_messages``). A refused connection has no SQLSTATE in
psycopg 3; ``kiosk.infra.db.diagnose`` finds it (engines built here install its hook).
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from kiosk.core.errors import DatabaseError, DatabaseUnavailable, KioskError
from kiosk.infra.redaction import redact

log = logging.getLogger(__name__)

# SQLSTATEs (PostgreSQL's errcodes appendix) that mean the server went away or cannot take a
# connection now: the kiosk may work on from its cache. Class 08 (connection exception) too.
_UNAVAILABLE_STATES = {"57P01", "57P02", "57P03", "53300"}


def server_location(url: URL) -> str:
    """Where the server is, as a person would look for it: host:port, or the Unix socket folder."""
    host = url.host or _first(url.query.get("host")) or ""
    port = url.port or _first(url.query.get("port")) or "5432"
    if not host or host.startswith("/"):
        return f"the Unix socket in {host or 'the default folder'} (port {port})"
    return f"{host}:{port}"


def _first(value: str | tuple[str, ...] | None) -> str | None:
    if isinstance(value, tuple):
        value = value[0] if value else None
    return value.split(",")[0] if value else None


def explain(exc: BaseException, url: URL) -> KioskError:
    """Turn a driver error into one sentence a school admin can act on."""
    orig = getattr(exc, "orig", None) or exc
    raw = redact(str(orig)) or type(orig).__name__  # shown on screen: no row values
    if url.password:
        raw = raw.replace(url.password, "***")
    if url.get_backend_name() == "sqlite":
        return _explain_sqlite(orig, raw, url)
    where = server_location(url)
    sqlstate = getattr(orig, "sqlstate", None)
    pgconn = getattr(orig, "pgconn", None)
    if sqlstate == "28P01" or (sqlstate is None and getattr(pgconn, "needs_password", False)):
        return DatabaseError(
            f"PostgreSQL at {where} refused the user {url.username!r}: wrong or missing password.",
            "Check the password where the kiosk reads it: the OS keyring, the password file named in "
            "[database] passfile, or PGPASSWORD; `kiosk setup` keeps it in one of them.",
        )
    if sqlstate == "28000":
        return DatabaseError(
            f"PostgreSQL at {where} does not let the user {url.username!r} in (no such user, "
            "or pg_hba.conf does not allow this connection).",
            "Correct the user name, or ask the database administrator to create the role or allow it.",
        )
    if sqlstate == "3D000":
        return DatabaseError(
            f"PostgreSQL at {where} has no database named {url.database!r}.",
            f"Create it (createdb {url.database}) or correct the name.",
        )
    if sqlstate == "42501":
        return DatabaseError(
            f"The user {url.username!r} may not create or change tables in {url.database!r} at {where}.",
            "Ask the database administrator to grant CREATE on the schema, or use the owner's account.",
        )
    client_side = _explain_client_side(orig, where)
    if client_side is not None:
        return client_side
    if sqlstate in _UNAVAILABLE_STATES or (sqlstate or "").startswith("08") or _no_server_answer(orig):
        return DatabaseUnavailable(
            f"PostgreSQL at {where} cannot be reached.",
            "Check that the server is running, the host name and port are right, and the network or firewall "
            "lets this computer through.",
        )
    first = raw.strip().splitlines()[0] if raw.strip() else type(orig).__name__
    code = f" (SQLSTATE {sqlstate})" if sqlstate else ""
    return DatabaseError(f"PostgreSQL at {where} refused the request{code}: {first}.")


def _no_server_answer(orig: BaseException) -> bool:
    """A connection-level failure with no SQLSTATE: libpq gave up before the server said anything."""
    import psycopg  # here and below, not at the top: a SQLite kiosk never loads the PostgreSQL driver

    return isinstance(orig, psycopg.OperationalError | psycopg.InterfaceError) and orig.sqlstate is None


def _explain_client_side(orig: BaseException, where: str) -> KioskError | None:
    from kiosk.infra.db.diagnose import CertificateRejected, NotPostgresServer, SslNotOffered

    if isinstance(orig, NotPostgresServer):
        return DatabaseError(
            f"Something answers at {where}, but it is not a PostgreSQL server (a web server, perhaps).",
            "Check the port in the database URL (PostgreSQL usually listens on 5432).",
        )
    if isinstance(orig, SslNotOffered):
        return DatabaseError(
            f"PostgreSQL at {where} does not offer SSL, and the SSL mode demands it.",
            "Turn SSL on at the server, or use sslmode=prefer.",
        )
    if isinstance(orig, CertificateRejected):
        return DatabaseError(
            f"The secure connection to PostgreSQL at {where} failed: its certificate was not accepted.",
            "Check the server's certificate (verify-ca and verify-full need the CA certificate installed).",
        )
    return None


def _explain_sqlite(orig: BaseException, raw: str, url: URL) -> KioskError:
    # sqlite3 errors carry SQLite's result code (Python 3.11+): CANTOPEN 14, CORRUPT 11, NOTADB 26.
    code = getattr(orig, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None  # extended codes add detail above
    if primary == 14:
        return DatabaseError(
            f"The database file {url.database} cannot be opened.",
            "Check that its folder exists and is writable, or choose another with --data-dir.",
        )
    if primary in (11, 26):
        return DatabaseError(
            f"The file {url.database} is not a usable SQLite database (damaged or another kind of file).",
            "Restore it from a backup, or move it away to start a new one.",
        )
    return DatabaseError(f"The local database failed: {raw.splitlines()[0] if raw else 'unknown error'}.")


def check_connection(engine: Engine) -> None:
    """Open one connection and run ``SELECT 1``; raise a plain-language error when it fails."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (OperationalError, ProgrammingError, DBAPIError) as exc:
        log.debug("connection check failed", exc_info=True)
        raise explain(exc, engine.url) from None


def check_can_create_tables(engine: Engine) -> None:
    """Create and drop a scratch table in a rolled-back transaction: proves CREATE rights."""
    try:
        with engine.connect() as conn:
            trans = conn.begin()
            conn.execute(text("CREATE TABLE kiosk_permission_probe (id integer)"))
            trans.rollback()
    except (OperationalError, ProgrammingError, DBAPIError) as exc:
        raise explain(exc, engine.url) from None
