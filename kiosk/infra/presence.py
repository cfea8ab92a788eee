"""Whether another process of this kiosk is running on its data folder.

Each kiosk process that takes attendance holds a *shared* ``flock`` on ``running.lock`` in
its data folder for its whole life; the kernel drops it when the process ends, even by
``kill -9``, so a crash leaves nothing stale. A starting process first asks for the lock
*exclusively* without waiting: getting it means no other process of this kiosk is running,
so sessions left open from before are orphans, and it holds the exclusive lock while it
closes them (another process starting meanwhile sees it running and leaves them alone).
Then it shares the lock like every running process.

(The one-kiosk-per-data-folder lock, when present, makes "alone" always true for a running
kiosk; this check stays correct without it.)
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

PRESENCE_FILE_NAME = "running.lock"


class KioskPresence:
    """Built on start; :attr:`alone` says whether no other process of this kiosk runs."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._fd: int | None = os.open(data_dir / PRESENCE_FILE_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self.alone = True
        except BlockingIOError:
            self.alone = False
            fcntl.flock(self._fd, fcntl.LOCK_SH)

    def share(self) -> None:
        """Done looking at orphans: hold the lock shared, like every running process."""
        if self._fd is not None and self.alone:
            fcntl.flock(self._fd, fcntl.LOCK_SH)

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)  # closing drops the lock
            self._fd = None
