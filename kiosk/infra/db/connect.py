"""Connecting, with failures explained in plain words (and never the password)."""

from __future__ import annotations

import logging

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from kiosk.core.errors import DatabaseError, DatabaseUnavailable, KioskError

log = logging.getLogger(__name__)


def explain(exc: BaseException, url: URL) -> KioskError:
    """Turn a driver error into one sentence a school admin can act on."""
    where = f"{url.host or 'localhost'}:{url.port or 5432}"
    raw = str(getattr(exc, "orig", exc) or exc)
    if url.password:
        raw = raw.replace(url.password, "***")
    lowered = raw.lower()
    if url.get_backend_name() == "sqlite":
        if "unable to open" in lowered:
            return DatabaseError(
                f"The database file {url.database} cannot be opened.",
                "Check that its folder exists and is writable, or choose another with --data-dir.",
            )
        if "not a database" in lowered or "malformed" in lowered:
            return DatabaseError(
                f"The file {url.database} is not a usable SQLite database (damaged or another kind of file).",
                "Restore it from a backup, or move it away to start a new one.",
            )
        return DatabaseError(f"The local database failed: {raw.splitlines()[0] if raw else 'unknown error'}.")
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return DatabaseError(
            f"PostgreSQL at {where} refused the user {url.username!r}: wrong or missing password.",
            "Check the password (the setup wizard stores it in the OS keyring).",
        )
    if "does not exist" in lowered and "database" in lowered:
        return DatabaseError(
            f"PostgreSQL at {where} has no database named {url.database!r}.",
            f"Create it (createdb {url.database}) or correct the name.",
        )
    if "role" in lowered and "does not exist" in lowered:
        return DatabaseError(
            f"PostgreSQL at {where} has no user named {url.username!r}.",
            "Correct the user name, or create the role.",
        )
    if "permission denied" in lowered:
        return DatabaseError(
            f"The user {url.username!r} may not create or change tables in {url.database!r} at {where}.",
            "Ask the database administrator to grant CREATE on the schema, or use the owner's account.",
        )
    if any(
        s in lowered
        for s in (
            "connection refused",
            "could not connect",
            "timeout",
            "timed out",
            "no route",
            "name or service",
            "server closed the connection unexpectedly",
            "connection reset",
            "terminating connection",
            "connection is closed",
        )
    ):
        return DatabaseUnavailable(
            f"PostgreSQL at {where} cannot be reached.",
            "Check that the server is running, the host name and port are right, and the network or firewall "
            "lets this computer through.",
        )
    if "ssl" in lowered or "certificate" in lowered:
        return DatabaseError(
            f"The secure connection to PostgreSQL at {where} failed.",
            "Check the SSL mode and the server's certificate (verify-full needs the CA certificate installed).",
        )
    first = raw.strip().splitlines()[0] if raw.strip() else type(exc).__name__
    return DatabaseError(f"PostgreSQL at {where} refused the connection: {first}.")


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
