"""One running kiosk (window or ``kiosk run``) per data folder.

Two kiosks on one data folder would share one outbox and one cache and interleave their
sessions. The lock is an ``fcntl`` lock on ``kiosk.lock`` in the data folder: the kernel
releases it when the process ends, even by ``kill -9`` or a power cut, so a crash never
leaves a stale lock. The holder writes who it is (pid, host, since when, what) into the file,
so the second kiosk can say who holds it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import socket
from datetime import datetime
from pathlib import Path
from types import TracebackType

from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "kiosk.lock"


class AlreadyRunning(KioskError):
    """Another kiosk holds this data folder."""


class DataFolderLock:
    """Held from :meth:`acquire` until :meth:`release` (or the end of the process)."""

    def __init__(self, data_dir: Path, what: str) -> None:
        self.path = Path(data_dir) / LOCK_FILE_NAME
        self.what = what
        self._fd: int | None = None

    def acquire(self) -> DataFolderLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _describe_holder(fd)
            os.close(fd)
            raise AlreadyRunning(
                f"Another kiosk is already running on the data folder {self.path.parent} ({holder}).",
                "Close it first, or give this one its own folder with --data-dir.",
            ) from None
        except BaseException:
            os.close(fd)
            raise
        me = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds"),
            "what": self.what,
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(me).encode("utf-8"), 0)
        self._fd = fd
        log.debug("Holding %s (%s)", self.path, self.what)
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)  # no stale "who" for a later reader
        os.close(self._fd)  # closing drops the lock
        self._fd = None

    def __enter__(self) -> DataFolderLock:
        return self.acquire()

    def __exit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self.release()


def _describe_holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0).decode("utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    if not isinstance(info, dict) or "pid" not in info:
        return "it is starting up"
    since = str(info.get("since", "?"))
    with contextlib.suppress(ValueError):
        since = datetime.fromisoformat(since).strftime("%Y-%m-%d %H:%M")
    return f"{info.get('what', 'kiosk')}, process {info.get('pid')} on {info.get('host', '?')} since {since}"
