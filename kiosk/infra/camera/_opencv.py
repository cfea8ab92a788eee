"""Small OpenCV helpers shared by the camera modules: quiet opening, safe image decoding."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path

# FFmpeg prints its own errors ("Connection refused", ...) straight to stderr; the kiosk
# reports them as CameraError instead. Read once, when OpenCV first starts FFmpeg, so it
# must be set before the first VideoCapture. A value the user set is kept.
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")

import cv2
import numpy as np

from kiosk.infra.camera.frame import Image
from kiosk.infra.image_guard import MAX_FRAME_PIXELS, decode_checked

log = logging.getLogger(__name__)

_quiet_lock = threading.Lock()
_quiet_depth = 0
_saved_level: int | None = None


@contextlib.contextmanager
def quiet_opencv() -> Iterator[None]:
    """Silence OpenCV's own warnings ("can't open camera by index") while probing sources.

    OpenCV's log level is process-wide; nested and concurrent users are counted so the
    level the process had is restored when the last one leaves.
    """
    global _quiet_depth, _saved_level
    with _quiet_lock:
        if _quiet_depth == 0:
            try:
                _saved_level = int(cv2.utils.logging.getLogLevel())
                cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
            except (AttributeError, cv2.error):  # pragma: no cover - very old OpenCV builds
                _saved_level = None
        _quiet_depth += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0 and _saved_level is not None:
                cv2.utils.logging.setLogLevel(_saved_level)


def decode_image(path: Path) -> Image | None:
    """Read an image file as BGR, or ``None`` when it is not an image OpenCV can decode.

    Goes through :func:`numpy.fromfile` + :func:`cv2.imdecode` rather than ``imread`` so
    paths with non-ASCII characters work on Windows too. Raises
    :class:`~kiosk.infra.image_guard.ImageRefused` for an image too large for a camera
    frame (checked from its header, before decoding) or one that decodes with errors.
    """
    try:
        data = np.fromfile(str(path), dtype=np.uint8)
    except OSError as exc:
        log.debug("cannot read %s: %s", path, exc)
        return None
    if data.size == 0:
        return None
    image = decode_checked(data, cv2.IMREAD_COLOR, f"The image {path.name}", max_pixels=MAX_FRAME_PIXELS)
    if image is None or image.size == 0:
        return None
    return as_bgr(image)


def as_bgr(image: np.ndarray) -> Image:
    """Any decoded picture as a contiguous 3-channel uint8 BGR array."""
    if image.ndim == 2:
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    elif image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    if image.dtype != np.uint8:
        image = cv2.convertScaleAbs(image)
    return np.ascontiguousarray(image)
