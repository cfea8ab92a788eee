"""Setting the kiosk up: which database, whether it answers, its tables, saving the choices.

Qt-free, so the setup wizard (:mod:`kiosk.gui.wizard`) and an unattended ``kiosk setup`` share
one set of rules. Nothing here is written while choices are being made: only
:func:`save_setup` makes them permanent, writing the configuration file atomically and then
the marker that setup is complete. Setup stopped halfway leaves the previous configuration
exactly as it was.

The functions that talk to a database (:func:`probe_database`, :func:`schema_plan`,
:func:`upgrade_schema`) block; a GUI runs them off its thread.

Over 400 lines on purpose: every step a wizard page or `kiosk setup --unattended` takes
(database choice, probe, schema plan, save) reads best beside the others, since each later step
relies on what the earlier one checked; the unattended command's own checks live in
:mod:`kiosk.app.setup_unattended`.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.engine import URL

from kiosk.app.database import Database, RolesReport
from kiosk.core.authz import Role
from kiosk.core.errors import ConfigError, InvalidInput, KioskError
from kiosk.infra import pgpass, secrets
from kiosk.infra.atomic_files import write_atomically
from kiosk.infra.config import DatabaseSettings, Settings, load_settings, write_user_settings
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
    """True once setup has been saved for this data folder (by the wizard or ``kiosk setup --unattended``)."""
    return marker_path(settings).is_file()


def configured_by_hand(settings: Settings) -> bool:
    """Whether an admin set this kiosk up without the wizard, so the wizard must not appear.

    "Set up" means: a database is named explicitly (``[database] url`` in the configuration
    file, ``KIOSK_DATABASE_URL``/``DATABASE_URL``/``POSTGRES_HOST`` or ``--database``) and it
    answers with the kiosk's schema (any revision this kiosk knows; it upgrades on start).
    A kiosk on the embedded SQLite file with nothing configured is not "set up": run the
    wizard or ``kiosk setup --unattended --database local`` once. When the answer is yes the
    marker is written, so later starts do not connect just to ask.
    """
    if setup_complete(settings):
        return True
    if not settings.database.url:
        return False
    database = None
    try:
        database = Database(
            build_engine_for_url(parse_database_url(settings.database.url), settings.database)
        )
        database.check_connection()
        status = database.schema_status()
    except KioskError as exc:
        log.info("Not set up yet: the configured database does not answer (%s)", exc.message)
        return False
    finally:
        if database is not None:
            database.close()
    if status.current is None or status.newer_than_code:
        return False
    try:
        _write_marker(settings, "Set up without the wizard (a configured database with the kiosk's schema).")
    except OSError:
        log.warning("The setup marker could not be written to %s", marker_path(settings))
    return True


def password_store_available() -> bool:
    """Whether this computer has a keyring that can keep the database password."""
    return secrets.keyring_available()


class PasswordKeeping(enum.StrEnum):
    """Where the kiosk finds the PostgreSQL password when it starts."""

    KEYRING = "keyring"  # the OS keyring (a desktop's secret service)
    PGPASS = "pgpass"  # libpq's password file in the kiosk's config folder, mode 0600
    ENVIRONMENT = "environment"  # PGPASSWORD, set by whoever starts the kiosk; never written


def pgpass_file(settings: Settings) -> Path:
    """The kiosk's own pgpass file: beside its configuration file."""
    return pgpass.default_path(settings.user_config_file.parent)


@dataclass(frozen=True)
class DatabaseChoice:
    """The database the kiosk will use. ``url`` carries the password only in memory."""

    url: URL | None = None  # None: the embedded SQLite file
    sslmode: str = ""
    passfile: str = ""  # the kiosk's pgpass file, when the password is kept there
    sslrootcert: str = ""  # the CA certificate file verify-ca / verify-full check the server with

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
        return replace(
            settings.database,
            url=self.config_url(),
            sslmode=self.sslmode,
            sslrootcert=self.sslrootcert,
            passfile=self.passfile,
        )

    def engine(self, settings: Settings) -> Engine:
        if self.url is None:  # the kiosk's own file: its data folder may not exist yet
            settings.local_database_path.parent.mkdir(parents=True, exist_ok=True)
        url = parse_database_url(self.full_url(settings))
        return build_engine_for_url(url, self.database_settings(settings))

    def as_owner(self, owner: OwnerAccount | None) -> DatabaseChoice:
        """The same database, signed in as the schema's owner (``None``: as it is)."""
        if owner is None or self.url is None:
            return self
        return replace(
            self, url=without_password(self.url).set(username=owner.user, password=owner.password or None)
        )


@dataclass(frozen=True)
class OwnerAccount:
    """The account that owns the schema (``kiosk_owner``, or the server's administrator): asked for
    only when the tables must be created or upgraded, or the database accounts made; never saved."""

    user: str
    password: str = field(default="", repr=False)


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
    """Connect; returns where it connected, or raises a plain-language :class:`KioskError`.

    No CREATE rights are demanded: a classroom PC runs as ``kiosk_device``, which may not
    change the schema. The schema page asks for the owner's account when the tables must be
    created or upgraded (:attr:`SchemaPlan.can_change`).
    """
    engine = choice.engine(settings)
    try:
        check_connection(engine)
    finally:
        engine.dispose()
    return choice.describe(settings)


def _can_change_schema(database: Database, choice: DatabaseChoice) -> bool:
    # The local file: whoever may write it may create tables (and SQLite commits DDL at once,
    # so a probe would leave its scratch table behind).
    if choice.is_local:
        return True
    try:
        check_can_create_tables(database.engine)
    except KioskError:
        return False
    return True


@dataclass(frozen=True)
class SchemaPlan:
    """What the database's tables need: nothing, creating, or upgrading (and the steps)."""

    current: str | None  # None: the kiosk's tables are not there yet
    head: str
    steps: tuple[str, ...]  # each pending revision with its one-line description, oldest first
    newer_than_code: bool
    has_tables: bool  # any tables at all, the kiosk's or another application's
    can_change: bool = True  # this account may create tables; False: ask for the owner's

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


def _plan(status: schema.SchemaStatus, can_change: bool = True) -> SchemaPlan:
    return SchemaPlan(
        current=status.current,
        head=status.head,
        steps=_describe_revisions(status.pending),
        newer_than_code=status.newer_than_code,
        has_tables=status.has_tables,
        can_change=can_change,
    )


def _with_schema(
    choice: DatabaseChoice, settings: Settings, work: Callable[[Database], schema.SchemaStatus]
) -> SchemaPlan:
    database = Database(choice.engine(settings))
    try:
        database.check_connection()
        status = work(database)
        can_change = status.current == status.head or _can_change_schema(database, choice)
        return _plan(status, can_change)
    finally:
        database.close()


def schema_plan(choice: DatabaseChoice, settings: Settings) -> SchemaPlan:
    """Read what the schema needs, changing nothing (and whether this account may do it)."""
    return _with_schema(choice, settings, Database.schema_status)


def upgrade_schema(
    choice: DatabaseChoice, settings: Settings, owner: OwnerAccount | None = None
) -> SchemaPlan:
    """Create or upgrade the tables (harmless when up to date), as ``owner`` when given; returns
    the plan afterwards (as the kiosk's own account sees it).

    Refuses a database set up by a newer kiosk, changing nothing.
    """
    _with_schema(choice.as_owner(owner), settings, Database.upgrade_schema)
    return schema_plan(choice, settings)


def create_database_roles(
    choice: DatabaseChoice, settings: Settings, owner: OwnerAccount | None = None
) -> RolesReport:
    """``kiosk db create-roles`` from the wizard: kiosk_owner, kiosk_device, kiosk_admin and
    their grants, made with the owner's (or the server administrator's) account."""
    database = Database(choice.as_owner(owner).engine(settings))
    try:
        database.check_connection()
        return database.create_roles()
    finally:
        database.close()


def create_first_admin(
    choice: DatabaseChoice, settings: Settings, name: str, secret: str, owner: OwnerAccount | None = None
) -> str | None:
    """The first admin account, unless the database has accounts already; its name (or ``None``).

    On PostgreSQL a classroom PC's own account may not add accounts: the owner's is used when given.
    """
    database = Database(choice.as_owner(owner).engine(settings))
    try:
        database.check_connection()
        if database.accounts.has_accounts():
            return None
        return database.accounts.add(name, Role.ADMIN, secret, by="setup").name
    finally:
        database.close()


@dataclass(frozen=True)
class SetupChoices:
    """Everything setup decides; :func:`save_setup` writes it. ``None``: leave as configured."""

    database: DatabaseChoice
    profile: str
    camera_source: str
    password_keeping: PasswordKeeping = PasswordKeeping.KEYRING  # pgpass: database.passfile names it
    kiosk_id: str | None = None
    kiosk_mode: bool | None = None
    admin_user: str | None = None
    admin_pin_hash: str | None = None

    def apply_to(self, settings: Settings) -> Settings:
        """The settings as they will be after saving (for a migration's target, the models)."""
        database = self.database.database_settings(settings)
        gui = settings.gui
        if self.kiosk_mode is not None:
            gui = replace(gui, kiosk_mode=self.kiosk_mode)
        if self.admin_user is not None:
            gui = replace(gui, admin_user=self.admin_user)
        return replace(
            settings,
            database=database,
            recognition=replace(settings.recognition, profile=self.profile),
            camera=replace(settings.camera, source=self.camera_source),
            kiosk_id=settings.kiosk_id if self.kiosk_id is None else self.kiosk_id,
            gui=gui,
        )


@dataclass(frozen=True)
class SaveResult:
    config_file: Path
    password_stored: bool  # in the OS keyring
    password_keeping: PasswordKeeping | None = None  # None: no password to keep
    passfile: Path | None = None


def _keep_password(settings: Settings, choices: SetupChoices) -> tuple[bool, PasswordKeeping | None]:
    """Put the password where the kiosk will find it; before the configuration names that place."""
    choice = choices.database
    password = choice.password
    if choice.url is None or not password:
        return False, None
    keeping = choices.password_keeping
    if keeping is PasswordKeeping.KEYRING:
        if not secrets.store_database_password(without_password(choice.url), password):
            raise ConfigError(
                "This computer has no password store (keyring), so the password cannot be kept there.",
                "Keep it in the kiosk's password file (pgpass) instead, or set PGPASSWORD for the kiosk.",
            )
        return True, keeping
    if keeping is PasswordKeeping.PGPASS:
        path = Path(choice.passfile) if choice.passfile else pgpass_file(settings)
        try:
            pgpass.write_entry(path, choice.url, password)
        except ValueError:
            raise InvalidInput("A password with a line break cannot be kept in a password file.") from None
        except OSError as exc:
            raise ConfigError(
                f"The password file {path} could not be written ({exc.strerror}).",
                "Check that the folder is writable, then try again.",
            ) from None
        return False, keeping
    log.info("The database password is not stored; the kiosk reads it from %s", PASSWORD_ENV)
    return False, keeping


def _write_marker(settings: Settings, text: str) -> None:
    marker = marker_path(settings)
    marker.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(marker, (text + "\n").encode("utf-8"))


def save_setup(settings: Settings, choices: SetupChoices) -> SaveResult:
    """Keep the password, write the configuration (atomically), then the marker."""
    choice = choices.database
    stored, keeping = _keep_password(settings, choices)
    updates: dict[str, dict[str, object]] = {
        "database": {
            "url": choice.config_url(),
            "sslmode": choice.sslmode,
            "sslrootcert": choice.sslrootcert,
            "passfile": choice.passfile,
        },
        "recognition": {"profile": choices.profile},
        "camera": {"source": choices.camera_source},
    }
    if choices.kiosk_id is not None:
        updates["kiosk"] = {"id": choices.kiosk_id}
    gui: dict[str, object] = {}
    if choices.kiosk_mode is not None:
        gui["kiosk_mode"] = choices.kiosk_mode
    if choices.admin_user is not None:
        gui["admin_user"] = choices.admin_user
    if choices.admin_pin_hash is not None:
        gui["admin_pin_hash"] = choices.admin_pin_hash
    if gui:
        updates["gui"] = gui
    try:
        write_user_settings(settings.user_config_file, updates)
        _write_marker(settings, "Setup finished; delete this file to see the setup wizard again.")
    except OSError as exc:
        raise ConfigError(
            f"The settings could not be saved to {settings.user_config_file} ({exc.strerror}).",
            "Check that the folder exists and is writable, then press Finish again.",
        ) from None
    log.info("Setup saved to %s (database %s)", settings.user_config_file, choice.describe(settings))
    return SaveResult(
        settings.user_config_file, stored, keeping, Path(choice.passfile) if choice.passfile else None
    )


def reload_settings(settings: Settings) -> Settings:
    """The settings as the kiosk will read them at its next start (after :func:`save_setup`)."""
    return load_settings(data_dir=settings.data_dir, config_file=settings.user_config_file)


def keeping_password(choice: DatabaseChoice, keeping: PasswordKeeping, settings: Settings) -> DatabaseChoice:
    """``choice`` with the kiosk's pgpass file named when the password is to be kept there."""
    uses_pgpass = keeping is PasswordKeeping.PGPASS and not choice.is_local
    return replace(choice, passfile=str(pgpass_file(settings)) if uses_pgpass else "")
