"""Configuration: defaults, the per-user file, the environment, then command-line options.

:func:`load_settings` is the one place that reads them; everything else receives a frozen
:class:`Settings`. Passwords never live here in plain text: a PostgreSQL URL may omit its
password, which is then read from the OS keyring (see :mod:`kiosk.infra.secrets`).

Over 400 lines on purpose: it is one declarative list of every setting with its type and
default, plus the one loader and the one writer; splitting the list would spread the
precedence rule (defaults < file < environment < options) over several files.
"""

from __future__ import annotations

import logging
import os
import socket
import tempfile
import tomllib
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

if TYPE_CHECKING:
    import tomlkit

from kiosk.core.errors import ConfigError
from kiosk.core.liveness import LivenessPolicy
from kiosk.infra.atomic_files import write_atomically
from kiosk.infra.private_files import private_dir, tighten

log = logging.getLogger(__name__)

APP_NAME = "classroom-kiosk"
REPO_DEFAULTS = Path(__file__).resolve().parents[2] / "config.toml"
PROFILES = ("facenet512", "dlib-offline")


@dataclass(frozen=True)
class DatabaseSettings:
    url: str = field(default="", repr=False)  # may hold a password: never in a repr or a log
    pool_size: int = 5
    max_overflow: int = 10
    pool_recycle_seconds: int = 1800
    pool_timeout_seconds: int = 10
    connect_timeout_seconds: int = 5
    sslmode: str = ""
    passfile: str = ""  # libpq password file (pgpass) for a PC without a keyring; never the password
    sslrootcert: str = ""  # the CA certificate that verify-ca / verify-full check the server against
    # Optional second URL for reads a standby may answer (roster and encodings refresh), e.g.
    # postgresql://kiosk@db2,db1/kiosk?target_session_attrs=prefer-standby. Empty: the main URL.
    read_url: str = field(default="", repr=False)
    pgbouncer: bool = False  # behind PgBouncer in transaction mode: no prepared statements
    # Behind PgBouncer in transaction mode LISTEN does not work: the notification listener
    # connects here instead (PostgreSQL itself). Empty: the main URL (without PgBouncer).
    listen_url: str = field(default="", repr=False)


@dataclass(frozen=True)
class AttendanceSettings:
    late_grace_minutes: int = 5


@dataclass(frozen=True)
class RecognitionSettings:
    profile: str = "facenet512"
    votes_needed: int = 3
    vote_window_seconds: float = 2.0
    adaptive_votes: bool = True  # fewer votes for clear matches, more near the threshold
    faces_per_frame: int = 2  # embeddings per frame when crowded (0: all); see kiosk.core.crowd
    margin: float = 0.05
    min_face_pixels: int = 60
    min_sharpness: float = 40.0
    detect_width: int = 480
    dlib_in_subprocess: bool = True
    enroll_jitters: int = 5
    # A face no student of the class matches is looked up among the whole school's consenting
    # students and named as a visitor (never marked): off unless the school chooses it.
    school_wide_lookup: bool = False
    thresholds: Mapping[str, float] = field(
        default_factory=lambda: {"Facenet512": 0.70, "Dlib-chip": 0.95, "Dlib": 0.94}
    )
    margins: Mapping[str, float] = field(
        default_factory=lambda: {"Facenet512": 0.05, "Dlib-chip": 0.02, "Dlib": 0.02}
    )
    # Doubt bands (issue 14): a confirmed match within this much of the threshold, or of the
    # margin, goes to the teacher instead of being marked. Per model; a model not listed: 0.
    doubt_similarity_bands: Mapping[str, float] = field(
        default_factory=lambda: {"Facenet512": 0.03, "Dlib-chip": 0.005, "Dlib": 0.005}
    )
    doubt_margin_bands: Mapping[str, float] = field(
        default_factory=lambda: {"Facenet512": 0.02, "Dlib-chip": 0.005, "Dlib": 0.005}
    )

    def doubt_bands_for(self, model_name: str) -> tuple[float, float]:
        """(similarity band, margin band) for ``model_name``: 0 for a model not listed."""
        return (
            float(self.doubt_similarity_bands.get(model_name, 0.0)),
            float(self.doubt_margin_bands.get(model_name, 0.0)),
        )

    def threshold_for(self, model_name: str) -> float:
        """The minimum similarity for ``model_name``; 1.0 (nothing matches) for an unknown model."""
        return float(self.thresholds.get(model_name, 1.0))

    def margin_for(self, model_name: str) -> float:
        return float(self.margins.get(model_name, self.margin))


LIVENESS_CHECKS = ("auto", "motion", "fasnet")


@dataclass(frozen=True)
class LivenessSettings:
    # off | review | reject (kiosk.core.liveness.LivenessPolicy): what a face that may be a
    # photo or a screen does. off: nothing is checked (as before).
    policy: str = "off"
    # auto: FasNet when its weights are installed, else the offline motion check;
    # motion: dlib's landmarks over the frames (no download); fasnet: deepface's FasNet.
    check: str = "auto"

    @property
    def chosen_policy(self) -> LivenessPolicy:
        """The policy as the rule's type (checked when the settings load, so never invalid here)."""
        return LivenessPolicy(self.policy)


@dataclass(frozen=True)
class CameraSettings:
    source: str = "0"
    reconnect_seconds: float = 2.0


@dataclass(frozen=True)
class OfflineSettings:
    refresh_minutes: int = 5
    health_timeout_seconds: float = 2.0
    sync_interval_seconds: float = 2.0


@dataclass(frozen=True)
class GuiSettings:
    kiosk_mode: bool = False
    admin_pin_hash: str = ""
    admin_user: str = ""  # who set the PIN up (unattended setup); one PIN until user accounts exist
    language: str = ""  # the window's language ("de", "es", "en"); empty: the system's
    greeting_seconds: float = 4.0  # the large "Welcome, Ana" after each mark (issue 14)
    sound: bool = False  # a short tone with each greeting


BIPA_MAX_DAYS = 1095  # Illinois BIPA: biometric identifiers go within three years of the last contact


@dataclass(frozen=True)
class PrivacySettings:
    # A kiosk working offline matches faces against its last copy of the roster; a consent
    # withdrawn since then is unknown to it. After this many hours without a refresh, face
    # matching stops (teachers mark by hand) until the kiosk reaches PostgreSQL again. 0: no limit.
    offline_face_matching_max_age_hours: float = 72.0
    # False: no face recognition at all; cards, PINs and the teacher only (issue 12).
    face_recognition: bool = True
    # Retention periods in days (0 = keep), for the daily purge (kiosk.app.privacy).
    templates_inactive_days: int = 30
    templates_unseen_days: int = 365
    thumbnails_unseen_days: int = 365
    attendance_days: int = 0
    audit_days: int = 0


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    user_config_file: Path
    kiosk_id: str = ""
    # [kiosk] who may do what: anyone may start and end sessions (the timetable), and how long
    # a signed-in teacher or admin stays signed in without touching the kiosk.
    sessions_without_login: bool = False
    lock_after_minutes: float = 5.0
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    attendance: AttendanceSettings = field(default_factory=AttendanceSettings)
    recognition: RecognitionSettings = field(default_factory=RecognitionSettings)
    camera: CameraSettings = field(default_factory=CameraSettings)
    offline: OfflineSettings = field(default_factory=OfflineSettings)
    gui: GuiSettings = field(default_factory=GuiSettings)
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    liveness: LivenessSettings = field(default_factory=LivenessSettings)

    # Everything the kiosk writes lives under data_dir.
    @property
    def local_database_path(self) -> Path:
        return self.data_dir / "kiosk.db"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def weights_dir(self) -> Path:
        """deepface's home: deepface keeps its weights in ``<home>/.deepface/weights``."""
        return self.data_dir / "models"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def uses_embedded_database(self) -> bool:
        """A local SQLite file (the default, or one named by URL): no server, no offline mode."""
        return not self.database.url or self.database.url.lower().startswith("sqlite")

    @property
    def database_url(self) -> str:
        """The configured URL, or the embedded SQLite file when none is configured."""
        return self.database.url or f"sqlite:///{self.local_database_path}"

    @property
    def effective_kiosk_id(self) -> str:
        return self.kiosk_id or socket.gethostname()


_SECTIONS: dict[str, type] = {
    "database": DatabaseSettings,
    "attendance": AttendanceSettings,
    "recognition": RecognitionSettings,
    "camera": CameraSettings,
    "offline": OfflineSettings,
    "gui": GuiSettings,
    "privacy": PrivacySettings,
    "liveness": LivenessSettings,
}


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"The configuration file {path} is not valid TOML ({exc}).",
            "Fix the line it names, or delete the file to go back to the defaults.",
        ) from None
    except OSError as exc:
        raise ConfigError(f"The configuration file {path} cannot be read ({exc.strerror}).") from None


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(dict(merged[key]), value)
        else:
            merged[key] = value
    return merged


def _coerce(section: str, key: str, value: Any, default: Any) -> Any:
    """Check a value against the default's type, so a typo fails at start, not mid-session."""
    where = f"[{section}] {key}"
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
            return value.lower() in {"1", "true", "yes", "on"}
    elif isinstance(value, bool):
        pass  # TOML true/false is never a number or text: int(True) would hide the mistake
    elif isinstance(default, int):
        try:
            number = float(value) if isinstance(value, float) else int(value)
        except (TypeError, ValueError):
            pass
        else:
            if number == int(number):  # 2.5 pool connections is a typo, not 2
                return int(number)
    elif isinstance(default, float):
        try:
            return float(value)
        except (TypeError, ValueError):
            pass
    elif isinstance(default, str):
        if not isinstance(value, Mapping | list):
            return str(value)
    elif isinstance(default, Mapping) and isinstance(value, Mapping):
        try:
            return {str(k): float(v) for k, v in value.items()}
        except (TypeError, ValueError):
            pass
    kinds = {bool: "true or false", int: "whole number", float: "number", str: "text"}
    kind = kinds.get(type(default), "table of names and numbers")
    raise ConfigError(
        f"The setting {where} has the value {value!r}, which is not a {kind}.",
        "Correct it in the configuration file or environment.",
    )


def _build_section(name: str, values: Mapping[str, Any]) -> Any:
    cls = _SECTIONS[name]
    default = cls()
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if not hasattr(default, key):
            raise ConfigError(
                f"Unknown setting [{name}] {key}.",
                f"Check the spelling; the known ones are listed in {REPO_DEFAULTS.name}.",
            )
        current = getattr(default, key)
        if isinstance(current, Mapping) and isinstance(value, Mapping):
            value = {**current, **value}
        kwargs[key] = _coerce(name, key, value, current)
    return replace(default, **kwargs)


def _postgres_url_from_parts(env: Mapping[str, str]) -> str | None:
    host = env.get("POSTGRES_HOST")
    if not host:
        return None
    from sqlalchemy.engine import URL  # local: keeps config importable without SQLAlchemy's cost

    try:
        port = int(env.get("POSTGRES_PORT", "5432"))
    except ValueError:
        raise ConfigError(
            f"POSTGRES_PORT must be a number, not {env.get('POSTGRES_PORT')!r}.",
            "Set it to the server's port, usually 5432.",
        ) from None
    url = URL.create(
        "postgresql+psycopg",
        username=env.get("POSTGRES_USER") or None,
        password=env.get("POSTGRES_PASSWORD") or None,
        host=host,
        port=port,
        database=env.get("POSTGRES_DB") or env.get("POSTGRES_USER") or "kiosk",
    )
    return url.render_as_string(hide_password=False)


def _env_overrides(env: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    db: dict[str, Any] = {}
    url = env.get("KIOSK_DATABASE_URL") or env.get("DATABASE_URL") or _postgres_url_from_parts(env)
    if url:
        db["url"] = url
    for var, key in (
        ("DB_POOL_SIZE", "pool_size"),
        ("DB_MAX_OVERFLOW", "max_overflow"),
        ("DB_POOL_RECYCLE", "pool_recycle_seconds"),
    ):
        if env.get(var):
            db[key] = env[var]
    if db:
        out["database"] = db
    if env.get("KIOSK_PROFILE"):
        out["recognition"] = {"profile": env["KIOSK_PROFILE"]}
    if env.get("KIOSK_CAMERA"):
        out["camera"] = {"source": env["KIOSK_CAMERA"]}
    if env.get("KIOSK_ID"):
        out["kiosk"] = {"id": env["KIOSK_ID"]}
    if env.get("KIOSK_MODE"):  # the packaged autostart entry opens the window in kiosk mode
        out["gui"] = {"kiosk_mode": env["KIOSK_MODE"]}
    return out


def user_config_path(data_dir: Path | None, explicit: Path | None = None) -> Path:
    if explicit is not None:
        return explicit
    if data_dir is not None:
        return data_dir / "config.toml"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def load_settings(
    *,
    data_dir: Path | str | None = None,
    config_file: Path | str | None = None,
    database_url: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Read the defaults, the per-user file, the environment and the given options, in that order."""
    env = os.environ if env is None else env
    explicit_dir = data_dir or env.get("KIOSK_DATA_DIR") or None
    resolved_dir = Path(explicit_dir).expanduser().resolve() if explicit_dir else None
    explicit_config = Path(config_file).expanduser() if config_file else None
    if explicit_config is not None and not explicit_config.is_file():
        raise ConfigError(
            f"The configuration file {explicit_config} does not exist.",
            "Check the path given to --config.",
        )

    raw: dict[str, Any] = _read_toml(REPO_DEFAULTS) if REPO_DEFAULTS.is_file() else {}
    user_file = user_config_path(resolved_dir, explicit_config)
    if user_file.is_file():
        raw = _merge(raw, _read_toml(user_file))
    raw = _merge(raw, _env_overrides(env))
    if database_url:
        raw = _merge(raw, {"database": {"url": database_url}})

    unknown = set(raw) - set(_SECTIONS) - {"kiosk"}
    if unknown:
        raise ConfigError(
            f"Unknown configuration section(s): {', '.join(sorted(unknown))}.",
            f"The known sections are listed in {REPO_DEFAULTS.name}.",
        )
    not_tables = sorted(name for name, value in raw.items() if not isinstance(value, Mapping))
    if not_tables:
        raise ConfigError(
            f"The configuration entry {not_tables[0]!r} must be a section ([{not_tables[0]}]), not a single value.",
            f"See how {REPO_DEFAULTS.name} lays out its sections.",
        )
    sections = {name: _build_section(name, raw.get(name, {})) for name in _SECTIONS}
    kiosk_section = raw.get("kiosk", {})
    kiosk_defaults = {"id": "", "sessions_without_login": False, "lock_after_minutes": 5.0}
    for key in kiosk_section:
        if key not in kiosk_defaults:
            raise ConfigError(
                f"Unknown setting [kiosk] {key}.",
                f"Check the spelling; the known ones are listed in {REPO_DEFAULTS.name}.",
            )
    kiosk_values = {k: _coerce("kiosk", k, kiosk_section.get(k, d), d) for k, d in kiosk_defaults.items()}
    settings = Settings(
        data_dir=resolved_dir or default_data_dir(),
        user_config_file=user_file,
        kiosk_id=str(kiosk_values["id"]),
        sessions_without_login=bool(kiosk_values["sessions_without_login"]),
        lock_after_minutes=float(kiosk_values["lock_after_minutes"]),
        **sections,
    )
    _check_privacy(settings.privacy)
    _check_liveness(settings.liveness)
    if settings.recognition.profile not in PROFILES:
        raise ConfigError(
            f"Unknown recognition profile {settings.recognition.profile!r}.",
            f"Use one of: {', '.join(PROFILES)}.",
        )
    return settings


def _check_privacy(privacy: PrivacySettings) -> None:
    if not 1 <= privacy.templates_unseen_days <= BIPA_MAX_DAYS:
        raise ConfigError(
            f"[privacy] templates_unseen_days is {privacy.templates_unseen_days}; it must be 1 to {BIPA_MAX_DAYS}.",
            "Face templates are never kept longer than three years after a student was last seen.",
        )
    for name in ("templates_inactive_days", "thumbnails_unseen_days", "attendance_days", "audit_days"):
        if getattr(privacy, name) < 0:
            raise ConfigError(f"[privacy] {name} cannot be negative.", "Use 0 to keep, or a number of days.")


def _check_liveness(liveness: LivenessSettings) -> None:
    policies = [p.value for p in LivenessPolicy]
    if liveness.policy not in policies:
        raise ConfigError(
            f"[liveness] policy is {liveness.policy!r}; it must be one of: {', '.join(policies)}.",
            "off: no check; review: faces that may be photos go to the teacher; reject: they are refused.",
        )
    if liveness.check not in LIVENESS_CHECKS:
        raise ConfigError(
            f"[liveness] check is {liveness.check!r}; it must be one of: {', '.join(LIVENESS_CHECKS)}.",
            "motion needs no download; fasnet needs `kiosk models fetch fasnet`; auto picks fasnet when installed.",
        )


def ensure_data_dir(settings: Settings) -> None:
    """Create the data folder and check it is writable, with a clear message when not."""
    try:
        private_dir(settings.data_dir)
        tighten(settings.data_dir)  # also a folder left 0755/0644 by an older kiosk
        # A probe of its own per call: the window checks from two threads at once at start-up.
        with tempfile.NamedTemporaryFile(dir=settings.data_dir, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise ConfigError(
            f"The data folder {settings.data_dir} is not writable ({exc.strerror}).",
            "Choose another with --data-dir or KIOSK_DATA_DIR, or fix its permissions.",
        ) from None


def write_user_settings(path: Path, updates: Mapping[str, Mapping[str, Any]]) -> None:
    """Merge ``updates`` into the per-user TOML file, atomically (never half-written).

    The file is edited, not rewritten: comments, blank lines and the order of a hand-edited
    file stay as they were (tomlkit keeps them), only the given keys change.
    """
    import tomlkit  # here: only writing needs it, and every command reads the settings

    document = _read_document(path)
    for section, values in updates.items():
        table = document.get(section)
        if not isinstance(table, MutableMapping):
            table = tomlkit.table()
            document[section] = table
        _update_table(table, values)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, tomlkit.dumps(document).encode("utf-8"))


def _read_document(path: Path) -> tomlkit.TOMLDocument:
    import tomlkit
    import tomlkit.exceptions

    if not path.is_file():
        return tomlkit.document()
    _read_toml(path)  # the same plain-words error for a broken file as when loading it
    try:
        return tomlkit.parse(path.read_text(encoding="utf-8"))
    except (tomlkit.exceptions.ParseError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"The configuration file {path} is not valid TOML ({exc}).",
            "Fix the line it names, or delete the file to go back to the defaults.",
        ) from None


def _update_table(table: MutableMapping[str, Any], values: Mapping[str, Any]) -> None:
    import tomlkit

    for key, value in values.items():
        current = table.get(key)
        if isinstance(value, Mapping) and isinstance(current, MutableMapping):
            _update_table(current, value)
        elif isinstance(value, Mapping):
            nested = tomlkit.table()
            _update_table(nested, value)
            table[key] = nested
        else:
            table[key] = value
