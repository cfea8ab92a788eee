"""The one place that builds a database engine from the settings.

PostgreSQL gets a real connection pool (size, overflow, pre-ping, recycle from config).
SQLite gets the PRAGMAs that make a local file safe for a kiosk (see ``_sqlite_pragmas``).

Every engine the kiosk opens to PostgreSQL (the main one, the sync worker's, the health
probe) connects the same way: the TLS options (``sslmode``, ``sslrootcert``) travel in the
engine's URL, so an engine made from ``engine.url`` by :func:`derived_engine` cannot drop them
(issue 12: the sync worker once connected unverified where the main engine refused).
Every engine hides SQL parameters in its error messages: a failed INSERT must not carry a
pupil's name, photo or face vector into a log or onto a screen.

A PostgreSQL URL may name several servers, libpq's way (``postgresql://kiosk@db1:5432,db2:5432/
kiosk?target_session_attrs=read-write``): :func:`parse_database_url` turns that into the form
SQLAlchemy passes to psycopg (``?host=db1:5432&host=db2:5432``), so every engine made from the
URL (the kiosk's, the sync worker's, the health probe's) follows a promoted standby;
:func:`derived_engine` also keeps the PgBouncer setting (no prepared statements).
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.core.errors import ConfigError, DatabaseError
from kiosk.infra.config import DatabaseSettings, Settings
from kiosk.infra.db import sealing
from kiosk.infra.offline.keys import VectorCipher, load_or_create_key
from kiosk.infra.private_files import create_private_file, private_dir
from kiosk.infra.secrets import lookup_database_password

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 5000


# scheme://[userinfo@]host1[:port1],host2[:port2][/database][?query]: libpq's multi-host form.
_MULTI_HOST = re.compile(
    r"^(?P<head>[A-Za-z0-9+]+://(?:[^@/?]*@)?)(?P<hosts>[^/?@]*,[^/?@]*)(?P<tail>[/?].*)?$"
)


def _split_hosts(raw: str) -> tuple[str, list[str]]:
    """``(URL without its host list, ["host:port", ...])``; no list for a single host."""
    found = _MULTI_HOST.match(raw.strip())
    if found is None:
        return raw, []
    hosts = [h.strip() for h in found["hosts"].split(",")]
    if not all(hosts):
        raise ConfigError(
            "The database URL names an empty server in its list of servers.",
            "Separate servers with commas: postgresql://USER@DB1:5432,DB2:5432/DATABASE.",
        )
    return found["head"] + (found["tail"] or "/"), hosts


def parse_database_url(raw: str) -> URL:
    """Parse and normalise a URL; plain ``postgresql://`` means psycopg 3; a list of servers
    ``db1:5432,db2:5432`` becomes ``?host=db1:5432&host=db2:5432`` (tried in order by libpq)."""
    try:
        bare, hosts = _split_hosts(raw)
        url = make_url(bare)
        if hosts:
            url = url.update_query_pairs([("host", h) for h in hosts], append=True)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise ConfigError(
            "The database URL is malformed.",
            "Use the form postgresql://USER@HOST:5432/DATABASE or sqlite:///PATH/TO/FILE.db.",
        ) from None
    backend = url.get_backend_name()
    if backend in {"postgresql", "postgres"}:
        url = url.set(drivername="postgresql+psycopg")
        if not url.database:
            # libpq would quietly use the user's name as the database: say it instead.
            raise ConfigError(
                "The database URL names no database.",
                "Add its name at the end: postgresql://USER@HOST:5432/DATABASE.",
            )
        check_sslmode(url.query.get("sslmode"))
    elif backend != "sqlite":
        raise ConfigError(
            f"The database type {backend!r} is not supported.",
            "Use PostgreSQL (postgresql://...) or SQLite (sqlite:///...).",
        )
    elif not url.database or url.database == ":memory:" or url.query.get("mode") == "memory":
        # SQLAlchemy reads sqlite:// and sqlite:/// as an in-memory database, lost on exit.
        raise ConfigError(
            "The SQLite database URL names no file (it would keep everything in memory and lose it on exit).",
            "Use sqlite:///PATH/TO/FILE.db (three slashes, then the path), or leave --database out.",
        )
    elif hosts:
        raise ConfigError("A SQLite database is one file, not a list of servers.", "Give one path.")
    return url


SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


def check_sslmode(value: str | tuple[str, ...] | None) -> None:
    """Refuse an SSL mode libpq does not know (libpq's own complaint reads like an outage)."""
    values = value if isinstance(value, tuple) else (value,)
    for mode in values:
        if mode and mode not in SSL_MODES:
            raise ConfigError(f"{mode!r} is not an SSL mode.", f"Use one of: {', '.join(SSL_MODES)}.")


def safe_url(url: URL | str) -> str:
    """The URL as it may be shown or logged: never with its password."""
    if isinstance(url, str):
        try:
            url = make_url(url)
        except (ArgumentError, ValueError):
            return "<malformed URL>"
    return url.render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        # WAL lets the GUI read the roster while a worker writes marks, and survives crashes.
        cursor.execute("PRAGMA journal_mode=WAL")
        # SQLite ignores foreign keys unless asked, per connection.
        cursor.execute("PRAGMA foreign_keys=ON")
        # Wait for a writer instead of failing at once with "database is locked".
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        # FULL: a mark acknowledged to the teacher survives a power cut.
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()


def with_tls(url: URL, db: DatabaseSettings) -> URL:
    """The URL with the configured TLS options written into it (settings win over the URL's own).

    libpq reads ``sslmode`` and ``sslrootcert`` from the connection string, and SQLAlchemy passes
    a URL's query to the driver: every engine built from this URL connects the same way."""
    updates: dict[str, str] = {}
    check_sslmode(db.sslmode)
    if db.sslmode:
        updates["sslmode"] = db.sslmode
    if db.sslrootcert:
        ca = Path(db.sslrootcert).expanduser()
        if not ca.is_file():
            raise ConfigError(
                f"The CA certificate file {ca} given as [database] sslrootcert does not exist.",
                "Copy the school's CA certificate to this computer and give its full path.",
            )
        updates["sslrootcert"] = str(ca.resolve())
    return url.update_query_dict(updates) if updates else url


def build_engine_for_url(url: URL, db: DatabaseSettings, *, echo: bool = False) -> Engine:
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            folder = Path(url.database).expanduser().parent
            # Never create folders named by a URL (a typo would make them, perhaps as root);
            # the kiosk's own data folder is made by build_engine / ensure_data_dir.
            if not folder.is_dir():
                raise DatabaseError(
                    f"The folder {folder} for the database file does not exist.",
                    "Create it first, or correct the path in --database.",
                )
            # 0600 from the first byte: it holds pupils' data (SQLite keeps the mode, also for
            # its -wal and -shm files). A folder we may not write to is reported by SQLite.
            with contextlib.suppress(OSError):
                create_private_file(Path(url.database).expanduser())
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,  # no pupil's name, photo or vector in an error message
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine

    if url.password is None and url.username:
        password = lookup_database_password(url)
        if password:
            url = url.set(password=password)
    url = with_tls(url, db)
    connect_args: dict[str, Any] = {"connect_timeout": db.connect_timeout_seconds}
    if db.passfile and url.password is None:
        # No keyring on this PC: libpq reads the password from the kiosk's own pgpass file. In
        # the URL, like the TLS options, so the sync worker's engines find it too.
        url = url.update_query_dict({"passfile": str(Path(db.passfile).expanduser())})
    engine = create_engine(
        url,
        echo=echo,
        hide_parameters=True,  # no pupil's name, photo or vector in an error message
        pool_size=db.pool_size,
        max_overflow=db.max_overflow,
        pool_recycle=db.pool_recycle_seconds,
        pool_timeout=db.pool_timeout_seconds,
        pool_pre_ping=True,  # a classroom network drops idle connections
        connect_args=connect_args,
    )
    # A refused connection carries no SQLSTATE in psycopg 3: the hook finds it (see diagnose).
    # Imported here, as the driver is: a SQLite kiosk never loads psycopg.
    from kiosk.infra.db.diagnose import connect_with_diagnosis

    event.listen(engine, "do_connect", connect_with_diagnosis)
    if db.pgbouncer:
        event.listen(engine, "connect", _no_prepared_statements)
    return engine


def _no_prepared_statements(dbapi_connection: Any, _record: Any) -> None:
    # PgBouncer in transaction mode hands each transaction to any server connection, where
    # psycopg's automatically prepared statements (after 5 runs of a query) do not exist.
    dbapi_connection.prepare_threshold = None


def behind_pgbouncer(engine: Engine) -> bool:
    """Whether ``engine`` was built for a PgBouncer in transaction mode (``[database] pgbouncer``)."""
    return event.contains(engine, "connect", _no_prepared_statements)


def derived_engine(engine: Engine, *, connect_args: dict[str, Any], **options: Any) -> Engine:
    """Another engine to ``engine``'s PostgreSQL database (all its servers) with other pool
    settings or timeouts.

    Same URL (so the same servers, TLS options and pgpass file), same parameter hiding, same
    PgBouncer setting; ``connect_args`` adds driver options such as timeouts (it cannot remove
    what the URL says)."""
    derived = create_engine(engine.url, hide_parameters=True, connect_args=connect_args, **options)
    if derived.dialect.name == "postgresql":
        from kiosk.infra.db.diagnose import connect_with_diagnosis

        event.listen(derived, "do_connect", connect_with_diagnosis)  # as build_engine_for_url
    if behind_pgbouncer(engine):
        event.listen(derived, "connect", _no_prepared_statements)
    return derived


def build_engine(settings: Settings, *, echo: bool = False) -> Engine:
    """The engine for the configured database (or the embedded SQLite default).

    On SQLite, face vectors and thumbnails are sealed with the kiosk's key (see sealing.py)."""
    if not settings.database.url:  # the embedded default lives in the data folder: made here
        private_dir(settings.local_database_path.parent)
    engine = build_engine_for_url(parse_database_url(settings.database_url), settings.database, echo=echo)
    if engine.dialect.name == "sqlite":
        sealing.register(engine, VectorCipher(load_or_create_key(settings)))
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: values read in a unit of work stay readable after it commits.
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: commits when the block succeeds, rolls back otherwise."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


__all__ = [
    "DatabaseError",
    "build_engine",
    "build_engine_for_url",
    "derived_engine",
    "is_postgres",
    "parse_database_url",
    "safe_url",
    "session_factory",
    "unit_of_work",
    "with_tls",
]
