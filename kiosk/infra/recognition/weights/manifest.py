"""Where the weight files live, the sha256 manifest beside them, and each file's state.

The files live where deepface looks for them, ``<weights_dir>/.deepface/weights`` (``weights_dir``
is the configured ``Settings.weights_dir``, deepface's home), under the names listed in
:mod:`kiosk.infra.recognition.profiles`. Each file the kiosk installs is recorded with its
sha256 in a small JSON manifest beside them (``kiosk-weights.json``), so a damaged or swapped
file is noticed before it is used.
"""

from __future__ import annotations

import enum
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.infra.atomic_files import write_atomically
from kiosk.infra.recognition import _deepface
from kiosk.infra.recognition.profiles import PROFILES, ModelProfile, WeightFile

log = logging.getLogger(__name__)

MANIFEST_NAME = "kiosk-weights.json"
_CHUNK = 1 << 20


class FileState(enum.StrEnum):
    INSTALLED = "installed"  # present and matching its recorded or known checksum
    UNVERIFIED = "unverified"  # present, but installed outside the kiosk (no checksum yet)
    MISSING = "missing"
    CORRUPT = "corrupt"  # present, but its checksum does not match


@dataclass(frozen=True, slots=True)
class FileStatus:
    file_name: str
    path: Path
    state: FileState
    size: int | None = None
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class ProfileStatus:
    profile: ModelProfile
    files: tuple[FileStatus, ...]
    active: bool  # the profile the settings select

    @property
    def name(self) -> str:
        return self.profile.name

    @property
    def installed(self) -> bool:
        return all(f.state in (FileState.INSTALLED, FileState.UNVERIFIED) for f in self.files)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(f.file_name for f in self.files if f.state is FileState.MISSING)

    @property
    def corrupt(self) -> tuple[str, ...]:
        return tuple(f.file_name for f in self.files if f.state is FileState.CORRUPT)


def weights_folder(weights_dir: Path) -> Path:
    """The folder deepface reads weight files from, under the configured ``weights_dir``."""
    return _deepface.weights_folder(weights_dir)


def manifest_path(weights_dir: Path) -> Path:
    return weights_folder(weights_dir) / MANIFEST_NAME


def read_manifest(weights_dir: Path) -> dict[str, dict[str, Any]]:
    """File name -> {sha256, size, mtime_ns, source, installed_at}; empty when absent or unreadable."""
    path = manifest_path(weights_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("Ignoring the unreadable weights manifest %s (%s)", path, exc)
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return (
        {str(k): dict(v) for k, v in files.items() if isinstance(v, dict)} if isinstance(files, dict) else {}
    )


def _write_manifest(weights_dir: Path, files: dict[str, dict[str, Any]]) -> None:
    path = manifest_path(weights_dir)
    text = json.dumps({"version": 1, "files": files}, indent=2, sort_keys=True)
    write_atomically(path, text.encode("utf-8"))


def record(weights_dir: Path, file_name: str, path: Path, digest: str, source: str) -> None:
    """Record ``path``'s checksum, size and time in the manifest, with where it came from."""
    files = read_manifest(weights_dir)
    st = path.stat()
    files[file_name] = {
        "sha256": digest,
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "source": source,
        "installed_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    _write_manifest(weights_dir, files)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _file_status(
    weights_dir: Path, wf: WeightFile, manifest: dict[str, dict[str, Any]], full_check: bool
) -> FileStatus:
    path = weights_folder(weights_dir) / wf.file_name
    try:
        st = path.stat()
    except FileNotFoundError:
        return FileStatus(wf.file_name, path, FileState.MISSING)
    if st.st_size == 0:
        return FileStatus(wf.file_name, path, FileState.CORRUPT, size=0)
    entry = manifest.get(wf.file_name)
    expected = wf.sha256 or (entry or {}).get("sha256")
    if expected is None:
        return FileStatus(wf.file_name, path, FileState.UNVERIFIED, size=st.st_size)
    unchanged = (
        entry is not None
        and entry.get("sha256") == expected
        and entry.get("size") == st.st_size
        and entry.get("mtime_ns") == st.st_mtime_ns
    )
    if unchanged and not full_check:
        return FileStatus(wf.file_name, path, FileState.INSTALLED, size=st.st_size, sha256=expected)
    digest = sha256_of(path)
    state = FileState.INSTALLED if digest == expected else FileState.CORRUPT
    return FileStatus(wf.file_name, path, state, size=st.st_size, sha256=digest)


def profile_status(
    weights_dir: Path, profile: ModelProfile, *, active_profile: str | None = None, full_check: bool = False
) -> ProfileStatus:
    """The state of ``profile``'s files; ``active`` when it is ``active_profile``."""
    manifest = read_manifest(weights_dir)
    files = tuple(_file_status(weights_dir, wf, manifest, full_check) for wf in profile.weights)
    return ProfileStatus(profile, files, active=profile.name == active_profile)


def status(
    weights_dir: Path, active_profile: str | None = None, *, full_check: bool = False
) -> list[ProfileStatus]:
    """The state of every profile's weight files.

    Files are hashed when they changed since they were recorded (or always, with
    ``full_check``); a file the kiosk did not install and has no known checksum for is
    reported as ``UNVERIFIED`` (usable, checked when loaded).
    """
    return [
        profile_status(weights_dir, p, active_profile=active_profile, full_check=full_check)
        for p in PROFILES.values()
    ]
