"""What every frame source is (:class:`FrameSource`), its pacing, and the checks sources share.

The sources themselves: cameras and streams in :mod:`kiosk.infra.camera.sources`, still
images in :mod:`kiosk.infra.camera.stills`.
"""

from __future__ import annotations

import logging
import stat
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Self

from kiosk.core.errors import CameraError
from kiosk.infra.camera.frame import Frame, Image

log = logging.getLogger(__name__)

DEFAULT_FILE_FPS = 25.0
DEFAULT_IMAGE_FPS = 5.0
SOURCE_HINT = (
    "Set [camera] source (or KIOSK_CAMERA, or --camera) to a camera index such as 0, a video file, "
    "an rtsp:// or http:// URL, a folder of images or an image file."
)


class Pacer:
    """Sleeps so successive calls happen at ``fps``, like a camera delivering frames."""

    def __init__(self, fps: float) -> None:
        self.interval = 1.0 / fps if fps > 0 else 0.0
        self._next: float | None = None

    def wait(self) -> None:
        if self.interval <= 0:
            return
        now = time.monotonic()
        if self._next is None or now - self._next > 1.0:  # first frame, or far behind: restart the clock
            self._next = now
        elif self._next > now:
            time.sleep(self._next - now)
        self._next += self.interval

    def reset(self) -> None:
        self._next = None


class FrameSource(ABC):
    """A source of BGR frames. Not thread-safe: one thread opens, reads and closes it.

    ``open`` raises :class:`CameraError` when the source cannot be used. ``read`` returns the
    next :class:`Frame`, or ``None`` when a finite source is used up; a live source that
    stops delivering raises :class:`CameraError` instead, so it can be reconnected by
    calling ``open`` again. ``close`` is idempotent.
    """

    def __init__(self) -> None:
        self._seq = 0
        self._is_open = False

    # --- what a source is ------------------------------------------------------------
    @property
    @abstractmethod
    def description(self) -> str:
        """A short human-readable name, e.g. ``Camera 0`` or ``Video file lesson.mp4``."""

    @property
    def is_live(self) -> bool:
        """True for cameras and streams: they never end, and are reconnected when they drop."""
        return False

    @property
    def nominal_fps(self) -> float | None:
        """The frame rate the source claims (file header, camera mode), ``None`` when unknown."""
        return None

    @property
    def is_open(self) -> bool:
        return self._is_open

    # --- lifecycle ---------------------------------------------------------------------
    def open(self) -> None:
        """Open (or reopen) the source; raises :class:`CameraError` with a message and hint."""
        if self._is_open:
            self.close()
        self._open()
        self._is_open = True
        log.info("opened %s (live=%s, fps=%s)", self.description, self.is_live, self.nominal_fps)

    def read(self) -> Frame | None:
        if not self._is_open:
            raise CameraError(f"{self.description} is not open.", "Open the source before reading from it.")
        image = self._read()
        if image is None:
            return None
        self._seq += 1
        return Frame(
            image=image, seq=self._seq, timestamp=time.monotonic(), source_fps=self.nominal_fps or 0.0
        )

    def close(self) -> None:
        if self._is_open:
            self._is_open = False
            self._close()
            log.debug("closed %s", self.description)

    @abstractmethod
    def _open(self) -> None: ...

    @abstractmethod
    def _read(self) -> Image | None: ...

    def _close(self) -> None:  # noqa: B027 - optional hook
        pass

    # --- conveniences --------------------------------------------------------------------
    def __enter__(self) -> Self:
        if not self._is_open:
            self.open()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __iter__(self) -> Iterator[Frame]:
        """Every frame until the source ends (forever for a live source that keeps working)."""
        while True:
            frame = self.read()
            if frame is None:
                return
            yield frame

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.description!r}>"


# --------------------------------------------------------------------------------------------
# OpenCV VideoCapture based sources
# --------------------------------------------------------------------------------------------


def require_regular_file(path: Path) -> None:
    """Refuse a path that exists but is no file (a device, a FIFO, a socket), saying what it is.

    Opening one would read forever (/dev/zero) or block (a FIFO); "does not exist" would mislead.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # missing: the caller says so
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device file"
        hint = "For a camera, give its number instead (0 for /dev/video0, 1 for /dev/video1, ...)."
    elif stat.S_ISFIFO(mode):
        kind, hint = "a named pipe (FIFO)", SOURCE_HINT
    elif stat.S_ISSOCK(mode):
        kind, hint = "a socket", SOURCE_HINT
    else:
        kind, hint = "not a regular file", SOURCE_HINT
    raise CameraError(f"The camera source {path} is {kind}, not a video file, image or folder.", hint)
