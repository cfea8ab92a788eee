"""The data folder is private to the user who runs the kiosk: folders 0700, files 0600.

It holds face vectors and thumbnails (the local database, the offline cache), the key that
encrypts them, queued attendance and logs. Other users of a shared classroom PC must read
none of it. New files are created private from their first byte; :func:`tighten` also fixes
a folder made by an older kiosk (0755 folders, 0644 files) at every start. No-ops where the
platform has no POSIX modes (Windows: the user's profile folder is already private).
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600
_SUBFOLDERS = ("cache", "cache/indexes", "logs")
# What may hold personal data or the key: the databases with their WAL/SHM files, the key,
# logs, index files, damaged files set aside, the settings.
_PATTERNS = (
    "kiosk.db*",
    "*.key",
    "config.toml",
    "cache/*.db*",
    "cache/*.damaged*",
    "cache/indexes/*",
    "logs/*",
)


def _posix() -> bool:
    return os.name == "posix"


def private_dir(path: Path) -> None:
    """Create ``path`` (and missing parents) and make it 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if _posix() and not path.is_symlink():
        with contextlib.suppress(OSError):
            path.chmod(DIR_MODE)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 unless it exists (SQLite then keeps the mode, and
    gives its -wal and -shm files the same)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))


def tighten(data_dir: Path) -> int:
    """Make the data folder and what it holds private; returns how many modes were changed."""
    if not _posix() or not data_dir.is_dir():
        return 0
    changed = 0
    folders = [data_dir] + [data_dir / sub for sub in _SUBFOLDERS]
    for folder in folders:
        changed += _set_mode(folder, DIR_MODE, want_dir=True)
    for pattern in _PATTERNS:
        for path in data_dir.glob(pattern):
            changed += _set_mode(path, FILE_MODE, want_dir=False)
    if changed:
        log.info("Made %d file(s) and folder(s) in %s readable only by this user", changed, data_dir)
    return changed


def _set_mode(path: Path, mode: int, *, want_dir: bool) -> int:
    try:
        st = path.lstat()
    except FileNotFoundError:
        return 0
    if stat.S_ISLNK(st.st_mode) or stat.S_ISDIR(st.st_mode) != want_dir or st.st_uid != os.geteuid():
        return 0  # links (a shared models folder), other kinds, other owners: left alone
    if stat.S_IMODE(st.st_mode) == mode:
        return 0
    try:
        path.chmod(mode)
    except OSError as exc:
        log.warning("Could not make %s private (%s)", path, exc)
        return 0
    return 1
