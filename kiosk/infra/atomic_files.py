"""Writing files so that a crash or a second process at the same moment never sees half of one.

Temp files get a unique name beside the target (a fixed ``.tmp`` name made two kiosks
starting together delete or rename each other's), and a file that must be made only once
(the cache key) is published with a hard link, which fails if the name already exists.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _write_temp(path: Path, data: bytes, mode: int) -> Path:
    """A fully written, fsynced file with a unique name in ``path``'s folder."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_atomically(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Replace ``path`` with ``data`` in one step (readers see the old or the new file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _write_temp(path, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def create_exclusively(path: Path, data: bytes, *, mode: int = 0o600) -> bool:
    """Make ``path`` with ``data`` unless it exists: True if this call made it, False if another had.

    The file appears complete or not at all (a hard link to a finished temp file).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _write_temp(path, data, mode)
    try:
        os.link(tmp, path)
        return True
    except FileExistsError:
        return False
    except OSError:
        # A file system without hard links (FAT on a USB stick): O_EXCL still makes it once.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            return False
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        return True
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
