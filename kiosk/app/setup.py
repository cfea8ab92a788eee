"""Setting the kiosk up: which database, whether it answers, its tables, saving the choices.

Qt-free, so the setup wizard (:mod:`kiosk.gui.wizard`) and an unattended ``kiosk setup`` share
one set of rules. Nothing here is written while choices are being made: only
:func:`save_setup` makes them permanent, writing the configuration file atomically and then
the marker that setup is complete. Setup stopped halfway leaves the previous configuration
exactly as it was.

The functions that talk to a database (:func:`probe_database`, :func:`schema_plan`,
:func:`upgrade_schema`) block; a GUI runs them off its thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.engine import URL

from kiosk.app.database import Database
from kiosk.core.errors import ConfigError, InvalidInput
from kiosk.infra import secrets
from kiosk.infra.atomic_files import write_atomically
from kiosk.infra.config import DatabaseSettings, Settings, write_user_settings
from kiosk.infra.db import schema
from kiosk.infra.db.connect import check_can_create_tables, check_connection
from kiosk.infra.db.engine import build_engine_for_url, parse_database_url

log = logging.getLogger(__name__)

MARKER_NAME = "setup-complete"
# libpq reads this variable when a connection has no password: the way on without a keyring.
PASSWORD_ENV = "PGPASSWORD"


def without_password(url: URL) -> URL:
    # URL.set(password=None) keeps the password (None means "unchanged" there).
    return URL.create(
        url.drivername,
        username=url.username,
        password=None,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )


def marker_path(settings: Settings) -> Path:
    return settings.data_dir / MARKER_NAME


def setup_complete(settings: Settings) -> bool:
    """True once setup has been saved for this data folder."""
    return marker_path(settings).is_file()


def password_store_available() -> bool:
    """Whether this computer has a keyring that can keep the database password."""
    return secrets.keyring_available()


@dataclass(frozen=True)
class DatabaseChoice:
    """The database the kiosk will use. ``url`` carries the password only in memory."""

    url: URL | None = None  # None: the embedded SQLite file
    sslmode: str = ""

    @property
    def is_local(self) -> bool:
        return self.url is None

    @property
    def password(self) -> str | None:
        return None if self.url is None else self.url.password

    def config_url(self) -> str:
        """The URL as written to the configuration file: never with a password."""
        if self.url is None:
            return ""
        return without_password(self.url).render_as_string(hide_password=False)

    def full_url(self, settings: Settings) -> str:
        """The URL with its password, for connecting from this process only."""
        if self.url is None:
            return settings.database_url
        return self.url.render_as_string(hide_password=False)

    def describe(self, settings: Settings) -> str:
        if self.url is None:
            return str(settings.local_database_path)
        return without_password(self.url).render_as_string(hide_password=False)

    def database_settings(self, settings: Settings) -> DatabaseSettings:
        return replace(settings.database, url=self.config_url(), sslmode=self.sslmode)

    def engine(self, settings: Settings) -> Engine:
        if self.url is None:  # the kiosk's own file: its data folder may not exist yet
            settings.local_database_path.parent.mkdir(parents=True, exist_ok=True)
        url = parse_database_url(self.full_url(settings))
        return build_engine_for_url(url, self.database_settings(settings))


def postgres_from_parts(host: str, port: int, database: str, user: str, password: str) -> URL:
    host, database, user = host.strip(), database.strip(), user.strip()
    if not host:
        raise InvalidInput(
            "Enter the PostgreSQL server's host name or address.", "For example db.school.local."
        )
    if any(c.isspace() for c in host) or "/" in host:
        raise InvalidInput(
            f"{host!r} is not a host name.", "Enter only the name or address, e.g. db.school.local."
        )
    if not database:
        raise InvalidInput("Enter the name of the database.", "Ask the administrator; often it is kiosk.")
    if not user:
        raise InvalidInput("Enter the PostgreSQL user name.", "Ask the administrator for the account.")
    if not 1 <= port <= 65535:
        raise InvalidInput(f"The port {port} is not valid.", "PostgreSQL usually listens on port 5432.")
    return URL.create(
        "postgresql+psycopg",
        username=user,
        password=password or None,
        host=host,
        port=port,
        database=database,
    )


def postgres_from_url(text: str, password: str = "") -> URL:
    text = text.strip()
    if not text:
        raise InvalidInput("Enter the PostgreSQL URL.", "It looks like postgresql://USER@HOST:5432/DATABASE.")
    if "://" not in text:
        raise InvalidInput(
            f"{text!r} is not a database URL.", "It looks like postgresql://USER@HOST:5432/DATABASE."
        )
    try:
        url = parse_database_url(text)
    except ConfigError as exc:
        raise InvalidInput(exc.message, exc.hint) from None
    if url.get_backend_name() != "postgresql":
        raise InvalidInput(
            "That URL is not a PostgreSQL database.",
            "Choose 'Keep the local database' for a SQLite file, or enter postgresql://USER@HOST/DATABASE.",
        )
    if not url.host:
        raise InvalidInput("The URL names no server.", "It looks like postgresql://USER@HOST:5432/DATABASE.")
    if not url.database:
        raise InvalidInput(
            "The URL names no database.", "Add it at the end: postgresql://USER@HOST/DATABASE."
        )
    if password and not url.password:
        url = url.set(password=password)
    return url


def probe_database(choice: DatabaseChoice, settings: Settings) -> str:
    """Connect, then prove a server grants CREATE rights; returns where it connected.

    Raises a plain-language :class:`~kiosk.core.errors.KioskError` on failure. The local file
    is only opened: whoever may write the file may create tables in it, and SQLite's driver
    commits DDL at once, so the rights probe would leave its scratch table behind there.
    """
    engine = choice.engine(settings)
    try:
        check_connection(engine)
        if not choice.is_local:
            check_can_create_tables(engine)
    finally:
        engine.dispose()
    return choice.describe(settings)


@dataclass(frozen=True)
class SchemaPlan:
    """What the database's tables need: nothing, creating, or upgrading (and the steps)."""

    current: str | None  # None: the kiosk's tables are not there yet
    head: str
    steps: tuple[str, ...]  # each pending revision with its one-line description, oldest first
    newer_than_code: bool
    has_tables: bool  # any tables at all, the kiosk's or another application's

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def _describe_revisions(revisions: tuple[str, ...]) -> tuple[str, ...]:
    script = ScriptDirectory.from_config(schema.alembic_config())
    lines = []
    for rev in revisions:
        doc = (script.get_revision(rev).doc or "").strip().splitlines()
        lines.append(f"{rev}: {doc[0]}" if doc else rev)
    return tuple(lines)


def _plan(status: schema.SchemaStatus) -> SchemaPlan:
    return SchemaPlan(
        current=status.current,
        head=status.head,
        steps=_describe_revisions(status.pending),
        newer_than_code=status.newer_than_code,
        has_tables=status.has_tables,
    )


def _with_schema(
    choice: DatabaseChoice, settings: Settings, work: Callable[[Database], schema.SchemaStatus]
) -> SchemaPlan:
    database = Database(choice.engine(settings))
    try:
        database.check_connection()
        return _plan(work(database))
    finally:
        database.close()


def schema_plan(choice: DatabaseChoice, settings: Settings) -> SchemaPlan:
    """Read what the schema needs, changing nothing."""
    return _with_schema(choice, settings, Database.schema_status)


def upgrade_schema(choice: DatabaseChoice, settings: Settings) -> SchemaPlan:
    """Create or upgrade the tables (harmless when up to date); returns the plan afterwards.

    Refuses a database set up by a newer kiosk, changing nothing.
    """
    return _with_schema(choice, settings, Database.upgrade_schema)


@dataclass(frozen=True)
class SetupChoices:
    """Everything setup decides; :func:`save_setup` writes it."""

    database: DatabaseChoice
    profile: str
    camera_source: str

    def apply_to(self, settings: Settings) -> Settings:
        """The settings as they will be after saving (for a migration's target, the models)."""
        return replace(
            settings,
            database=self.database.database_settings(settings),
            recognition=replace(settings.recognition, profile=self.profile),
            camera=replace(settings.camera, source=self.camera_source),
        )


@dataclass(frozen=True)
class SaveResult:
    config_file: Path
    password_stored: bool  # in the OS keyring


def save_setup(settings: Settings, choices: SetupChoices) -> SaveResult:
    """Write the configuration (atomically), the password to the keyring, then the marker."""
    choice = choices.database
    stored = False
    password = choice.password
    if choice.url is not None and password:
        stored = secrets.store_database_password(without_password(choice.url), password)
        if not stored:
            log.info("No keyring took the database password; the person keeps it in %s", PASSWORD_ENV)
    updates = {
        "database": {"url": choice.config_url(), "sslmode": choice.sslmode},
        "recognition": {"profile": choices.profile},
        "camera": {"source": choices.camera_source},
    }
    try:
        write_user_settings(settings.user_config_file, updates)
        marker = marker_path(settings)
        write_atomically(marker, b"The setup wizard finished; delete this file to see it again.\n")
    except OSError as exc:
        raise ConfigError(
            f"The settings could not be saved to {settings.user_config_file} ({exc.strerror}).",
            "Check that the folder exists and is writable, then press Finish again.",
        ) from None
    log.info("Setup saved to %s (database %s)", settings.user_config_file, choice.describe(settings))
    return SaveResult(settings.user_config_file, stored)
