"""``kiosk setup --unattended``: the wizard's decisions from a script, for many classroom PCs.

Every value is checked with the same functions the wizard uses (:mod:`kiosk.app.setup`)
before anything is written; any failure is one :class:`KioskError` and leaves the previous
configuration as it was. Running it again with the same options changes nothing that
matters (the schema is already current, the pgpass line is replaced, the settings are the
same), so a deployment script can simply run it on every PC, every time.

Where the password comes from: ``--password-file F`` (its first line), else the URL, else
``PGPASSWORD``. Where the kiosk keeps it: ``--pgpass`` puts it in the kiosk's pgpass file
(mode 0600, named in ``[database] passfile``); without ``--pgpass`` the OS keyring, or, when
the password came from ``PGPASSWORD`` and there is no keyring, the environment stays the
place (the kiosk's service must set it too). ``--pgpass`` alone, on a re-run, keeps the
entry already in the file.

The admin: ``--admin-user NAME --admin-pin-file F`` creates the first admin account (name and
PIN, :mod:`kiosk.app.accounts`) unless the database has accounts already (a re-run, or the
school's other PCs: accounts are shared), and also keeps that PIN as the kiosk's old single
admin PIN, the fallback while the database cannot be opened at all.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.app.admin_pin import hash_pin, validate_pin
from kiosk.app.database import Database
from kiosk.app.setup import (
    PASSWORD_ENV,
    DatabaseChoice,
    PasswordKeeping,
    SaveResult,
    SchemaPlan,
    SetupChoices,
    create_first_admin,
    keeping_password,
    password_store_available,
    pgpass_file,
    postgres_from_url,
    probe_database,
    reload_settings,
    save_setup,
    upgrade_schema,
)
from kiosk.core.errors import ConfigError, InvalidInput, KioskError, WeightsMissing
from kiosk.infra import pgpass
from kiosk.infra.camera import make_source
from kiosk.infra.config import PROFILES, Settings
from kiosk.infra.recognition import weights
from kiosk.infra.recognition.profiles import get_profile

log = logging.getLogger(__name__)

LOCAL_WORDS = ("local", "sqlite")  # --database local: the embedded SQLite file
KIOSK_ID_MAX = 64
ADMIN_NAME_MAX = 100


@dataclass(frozen=True)
class UnattendedOptions:
    database: str
    password_file: Path | None = None
    pgpass: bool = False
    kiosk_id: str | None = None
    profile: str | None = None
    camera: str | None = None
    kiosk_mode: bool | None = None
    admin_user: str | None = None
    admin_pin_file: Path | None = None


@dataclass(frozen=True)
class UnattendedResult:
    saved: SaveResult
    database: str  # where, shown without a password
    schema: SchemaPlan
    profile: str
    camera: str


def _read_secret_file(path: Path, what: str) -> str:
    try:
        lines = path.expanduser().read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InvalidInput(f"The {what} file {path} does not exist.", "Check the path.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"The {what} file {path} cannot be read ({exc}).") from None
    value = lines[0].strip("\r") if lines else ""
    if not value:
        raise InvalidInput(f"The {what} file {path} is empty.", f"Put the {what} on its first line.")
    return value


def check_kiosk_id(text: str) -> str:
    name = text.strip()
    if not name or len(name) > KIOSK_ID_MAX or any(c.isspace() or not c.isprintable() for c in name):
        raise InvalidInput(
            f"{text!r} is not a usable kiosk name.",
            f"Use 1 to {KIOSK_ID_MAX} letters, digits or dashes without spaces, e.g. room-12.",
        )
    return name


def check_profile(settings: Settings, profile: str) -> str:
    """A known profile whose weight files are installed (the wizard's model page asks the same)."""
    if profile not in PROFILES:
        raise InvalidInput(f"Unknown recognition profile {profile!r}.", f"Use one of: {', '.join(PROFILES)}.")
    state = weights.profile_status(settings.weights_dir, get_profile(profile))
    if not state.installed:
        raise WeightsMissing(
            f"The {profile} model's weight files are not installed ({', '.join(state.missing) or 'damaged'}).",
            "Install them first: `kiosk models fetch`, `kiosk models import PATH`, or choose --profile dlib-offline "
            "after `kiosk models use dlib-offline`.",
        )
    return profile


def check_camera(spec: str) -> str:
    """A value that names a usable kind of source (the wizard's camera page asks the same)."""
    spec = spec.strip()
    if not spec:
        raise InvalidInput("The camera source is empty.", "Give a camera number (0), a video file or a URL.")
    make_source(spec)
    return spec


def _database_choice(
    options: UnattendedOptions, settings: Settings, env: Mapping[str, str]
) -> tuple[DatabaseChoice, PasswordKeeping]:
    text = options.database.strip()
    if text.lower() in LOCAL_WORDS:
        if options.password_file or options.pgpass:
            raise InvalidInput(
                "--password-file and --pgpass are for a PostgreSQL server, not the local file.",
                "Leave them out with --database local.",
            )
        return DatabaseChoice(), PasswordKeeping.KEYRING
    password = _read_secret_file(options.password_file, "password") if options.password_file else ""
    url = postgres_from_url(text, password)
    from_env = False
    if not url.password and env.get(PASSWORD_ENV):
        url, from_env = url.set(password=env[PASSWORD_ENV]), True
    choice = DatabaseChoice(url, sslmode=settings.database.sslmode)
    if options.pgpass:
        keeping = PasswordKeeping.PGPASS
        if not url.password and not pgpass.has_entry(pgpass_file(settings), choice.url or url):
            raise InvalidInput(
                f"--pgpass needs the password, and {pgpass_file(settings)} has none for this server yet.",
                "Add --password-file FILE (its first line is the password).",
            )
    elif not url.password:
        keeping = PasswordKeeping.KEYRING  # nothing to keep: the server needs no password
    elif password_store_available():
        keeping = PasswordKeeping.KEYRING
    elif from_env:
        keeping = PasswordKeeping.ENVIRONMENT
    else:
        raise ConfigError(
            "This computer has no password store (keyring) to keep the database password in.",
            "Add --pgpass to keep it in the kiosk's password file (readable only by this user).",
        )
    return keeping_password(choice, keeping, settings), keeping


def unattended_setup(
    settings: Settings, options: UnattendedOptions, *, env: Mapping[str, str] | None = None
) -> UnattendedResult:
    """Check every choice, prepare the database, then save; raises one :class:`KioskError`."""
    env = os.environ if env is None else env
    if (options.admin_user is None) != (options.admin_pin_file is None):
        raise InvalidInput(
            "--admin-user and --admin-pin-file go together.", "Give both, or neither to keep the current PIN."
        )
    admin_user = None
    pin_hash = None
    admin_pin = ""
    if options.admin_user is not None and options.admin_pin_file is not None:
        admin_user = " ".join(options.admin_user.split())
        if not admin_user or len(admin_user) > ADMIN_NAME_MAX:
            raise InvalidInput(
                f"{options.admin_user!r} is not a usable admin name.", "Give the admin's name."
            )
        admin_pin = validate_pin(_read_secret_file(options.admin_pin_file, "admin PIN"))
        pin_hash = hash_pin(admin_pin)
    kiosk_id = check_kiosk_id(options.kiosk_id) if options.kiosk_id is not None else None
    profile = check_profile(settings, options.profile or settings.recognition.profile)
    camera = check_camera(options.camera if options.camera is not None else settings.camera.source)
    choice, keeping = _database_choice(options, settings, env)

    where = probe_database(choice, settings)
    plan = upgrade_schema(choice, settings)
    if admin_user is not None:
        create_first_admin(choice, settings, admin_user, admin_pin)  # shared by the school's kiosks
    choices = SetupChoices(
        database=choice,
        profile=profile,
        camera_source=camera,
        password_keeping=keeping,
        kiosk_id=kiosk_id,
        kiosk_mode=options.kiosk_mode,
        admin_user=admin_user,
        admin_pin_hash=pin_hash,
    )
    saved = save_setup(settings, choices)
    _check_the_kiosk_connects(settings)
    log.info("Unattended setup saved (database %s, profile %s)", where, profile)
    return UnattendedResult(saved, where, plan, profile, camera)


def _check_the_kiosk_connects(settings: Settings) -> None:
    """Open the database exactly as the kiosk will at its next start (no password in memory)."""
    reloaded = reload_settings(settings)
    try:
        Database.open(reloaded, upgrade=False).close()
    except KioskError as exc:
        raise type(exc)(
            f"The settings were saved, but the kiosk cannot connect with them: {exc.message}", exc.hint
        ) from None
