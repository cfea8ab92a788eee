"""The frozen kiosk (``installer/build.sh``): where it finds what it ships, and its model pack.

PyInstaller unpacks nothing at run time in a one-folder bundle: the kiosk's modules keep a
``__file__`` inside ``sys._MEIPASS`` (``<bundle>/_internal``), so the paths the code already
derives from ``__file__`` (the Alembic migrations beside ``kiosk/infra/db``, ``config.toml`` and
``resources/`` two levels above ``kiosk/``) land on the copies the build puts there.

The bundle also carries a **model pack**: ``<_MEIPASS>/models`` holds weight files under the
names deepface uses (the ``kiosk models import`` format) and ``model-pack.json`` listing each
with its size and sha256. At start the pack is checked cheaply (every file there, right size);
a file is hashed against the manifest before it is copied into a data folder
(:mod:`kiosk.infra.recognition.model_pack`), and ``installer/check-bundle.sh`` hashes them all.

Nothing here imports a heavy library: the frozen entry point calls it before anything loads.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import KioskError

MODEL_PACK_FOLDER = "models"
PACK_MANIFEST = "model-pack.json"
PACK_FORMAT = 1
_CHUNK = 1 << 20
REINSTALL = "Reinstall the kiosk package (or unpack the bundle again)."


class ModelPackDamaged(KioskError):
    """The bundle's model pack is incomplete or a file in it differs from its manifest."""


@dataclass(frozen=True, slots=True)
class PackFile:
    file_name: str
    sha256: str
    size: int
    profile: str


def is_frozen() -> bool:
    """Whether this process runs from a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def bundle_root() -> Path | None:
    """The bundle's data folder (``sys._MEIPASS``), or ``None`` when not frozen."""
    if not is_frozen():
        return None
    root = getattr(sys, "_MEIPASS", None)
    return Path(root) if root else Path(sys.executable).resolve().parent


def model_pack_dir(root: Path | None = None) -> Path | None:
    """The model pack's folder in ``root`` (default: this bundle), if it has a manifest."""
    base = root if root is not None else bundle_root()
    if base is None:
        return None
    folder = base / MODEL_PACK_FOLDER
    return folder if (folder / PACK_MANIFEST).is_file() else None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_pack(folder: Path) -> dict[str, PackFile]:
    """File name -> entry, from ``folder/model-pack.json``; :class:`ModelPackDamaged` if unreadable."""
    path = folder / PACK_MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        return {
            str(name): PackFile(str(name), str(e["sha256"]), int(e["size"]), str(e.get("profile", "")))
            for name, e in files.items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelPackDamaged(
            f"The model pack's manifest {path} cannot be read ({type(exc).__name__}).", REINSTALL
        ) from None


def write_pack_manifest(folder: Path, files: list[PackFile], version: str) -> Path:
    """Write ``folder/model-pack.json`` (used by the build)."""
    path = folder / PACK_MANIFEST
    payload = {
        "format": PACK_FORMAT,
        "kiosk_version": version,
        "files": {
            f.file_name: {"sha256": f.sha256, "size": f.size, "profile": f.profile}
            for f in sorted(files, key=lambda f: f.file_name)
        },
    }
    path.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def check_file(folder: Path, entry: PackFile, *, full: bool) -> str | None:
    """What is wrong with one pack file (``None``: fine); ``full`` hashes it too."""
    path = folder / entry.file_name
    try:
        size = path.stat().st_size
    except OSError:
        return f"{entry.file_name} is missing"
    if size != entry.size:
        return f"{entry.file_name} has {size} bytes instead of {entry.size}"
    if full and sha256_of(path) != entry.sha256:
        return f"{entry.file_name} does not match its sha256 in {PACK_MANIFEST}"
    return None


def check_pack(folder: Path, *, full: bool = False) -> list[str]:
    """Every problem of the pack in ``folder``: files missing, of the wrong size or (``full``) content."""
    return [p for entry in read_pack(folder).values() if (p := check_file(folder, entry, full=full))]


def verify_file(folder: Path, entry: PackFile) -> Path:
    """The path of ``entry`` in the pack after checking its size and sha256 against the manifest."""
    problem = check_file(folder, entry, full=True)
    if problem is not None:
        raise ModelPackDamaged(f"The kiosk's bundled model pack is damaged: {problem}.", REINSTALL)
    return folder / entry.file_name


def startup_problem(root: Path | None = None) -> ModelPackDamaged | None:
    """The cheap check the frozen kiosk runs at every start: is the pack whole (names, sizes)?"""
    folder = model_pack_dir(root)
    if folder is None:
        base = root if root is not None else bundle_root()
        if base is not None and (base / MODEL_PACK_FOLDER).is_dir():
            return ModelPackDamaged(
                f"The model pack in {base / MODEL_PACK_FOLDER} has no manifest.", REINSTALL
            )
        return None
    try:
        problems = check_pack(folder)
    except ModelPackDamaged as exc:
        return exc
    if problems:
        return ModelPackDamaged(
            f"The kiosk's bundled model pack is damaged: {'; '.join(problems)}.", REINSTALL
        )
    return None


def _verify_this_bundle() -> int:
    """``kiosk -m kiosk.infra.bundle`` (frozen): hash every file of the pack against its manifest."""
    folder = model_pack_dir()
    if folder is None:
        sys.stderr.write("kiosk: this kiosk has no bundled model pack (not a frozen bundle).\n")
        return 1
    try:
        problems = check_pack(folder, full=True)
        count = len(read_pack(folder))
    except ModelPackDamaged as exc:
        problems, count = [exc.message], 0
    if problems:
        sys.stderr.write(f"kiosk: the bundled model pack is damaged: {'; '.join(problems)}. {REINSTALL}\n")
        return 1
    sys.stdout.write(f"model pack {folder}: {count} files verified (size and sha256)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(_verify_this_bundle())
