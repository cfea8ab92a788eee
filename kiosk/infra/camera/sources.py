"""Where frames come from: a camera, a video file, a network stream, a folder of images, one image.

Cameras, streams and video files live here; still images in :mod:`kiosk.infra.camera.stills`,
what they share in :mod:`kiosk.infra.camera.source_base`.

Every kind implements :class:`FrameSource`. :func:`make_source` turns the configured
``[camera] source`` string into one (unopened); :func:`open_source` also opens it, so a
wrong setting fails at once with a :class:`~kiosk.core.errors.CameraError` whose message
and hint can be shown as they are.

Live sources (cameras, streams) may drop out: their ``read`` raises ``CameraError`` and the
capture worker reconnects. Finite sources (files, folders, images) return ``None`` from
``read`` once they are used up, so a headless session knows when to end.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import cv2

from kiosk.core.errors import CameraError
from kiosk.core.photos import IMAGE_SUFFIXES
from kiosk.infra.camera._opencv import quiet_opencv
from kiosk.infra.camera.devices import device_path, list_devices
from kiosk.infra.camera.frame import Image
from kiosk.infra.camera.source_base import (
    DEFAULT_FILE_FPS,
    DEFAULT_IMAGE_FPS,
    SOURCE_HINT,
    FrameSource,
    Pacer,
    require_regular_file,
)
from kiosk.infra.camera.stills import ImageFileSource, ImageFolderSource
from kiosk.infra.image_guard import MAX_FRAME_PIXELS

log = logging.getLogger(__name__)

STREAM_SCHEMES = frozenset({"rtsp", "rtsps", "rtmp", "http", "https"})


class _CaptureSource(FrameSource):
    """Shared reading logic for sources backed by :class:`cv2.VideoCapture`."""

    def __init__(self) -> None:
        super().__init__()
        self._cap: cv2.VideoCapture | None = None
        self._pending: Image | None = None  # the frame read while checking the source at open
        self._fps: float | None = None

    @property
    def nominal_fps(self) -> float | None:
        return self._fps

    def _fps_from(self, cap: cv2.VideoCapture) -> float | None:
        fps = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)
        return fps if 0.5 <= fps <= 240.0 else None  # 0, NaN and 90000 (a timebase) all mean unknown

    def _grab_image(self) -> Image | None:
        if self._pending is not None:
            image, self._pending = self._pending, None
            return image
        assert self._cap is not None
        ok, image = self._cap.read()
        if not ok or image is None or image.size == 0:
            return None
        if image.shape[0] * image.shape[1] > MAX_FRAME_PIXELS:
            log.error(
                "%s sent a %dx%d frame, above the frame size limit: stopping",
                self.description,
                image.shape[1],
                image.shape[0],
            )
            return None
        return image

    def _check_frame_size(self, cap: cv2.VideoCapture) -> None:
        """Refuse, before the first frame is decoded, a source whose frames are absurdly large."""
        width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH) or 0)
        height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT) or 0)
        if width * height > MAX_FRAME_PIXELS:
            cap.release()
            raise CameraError(
                f"{self.description} sends {width}x{height} frames, too large to process "
                f"(at most {MAX_FRAME_PIXELS // 1_000_000} million pixels).",
                "Use a smaller resolution or a scaled-down copy of the video.",
            )

    def _close(self) -> None:
        self._pending = None
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class DeviceSource(_CaptureSource):
    """A local camera by index (``/dev/videoN`` on Linux)."""

    def __init__(self, index: int, *, width: int | None = None, height: int | None = None) -> None:
        super().__init__()
        if index < 0:
            raise CameraError(f"Camera index {index} is not valid.", "Camera indexes start at 0.")
        self.index = index
        self.width = width
        self.height = height

    @property
    def description(self) -> str:
        return f"Camera {self.index}"

    @property
    def is_live(self) -> bool:
        return True

    def _missing(self) -> CameraError:
        found = list_devices()
        if found:
            names = ", ".join(f"{d.index} ({d.name})" if d.name else str(d.index) for d in found)
            hint = f"Cameras found: {names}. {SOURCE_HINT}"
        else:
            hint = f"No camera was found on this computer: plug one in, or use another source. {SOURCE_HINT}"
        return CameraError(f"No camera at index {self.index}.", hint)

    def _open(self) -> None:
        node = device_path(self.index)
        if node is not None and not node.exists():  # Linux: fail fast, without asking OpenCV
            raise self._missing()
        backend = cv2.CAP_V4L2 if sys.platform.startswith("linux") else cv2.CAP_ANY
        with quiet_opencv():
            cap = cv2.VideoCapture(self.index, backend)
        if not cap.isOpened():
            cap.release()
            if node is None:
                raise self._missing()
            raise CameraError(
                f"Camera {self.index} ({node}) cannot be opened.",
                "Another program may be using it, or this user may not be allowed to use cameras "
                "(on Linux, add the user to the 'video' group and log in again).",
            )
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # the newest frame, not one from a stale driver queue
        if self.width:
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        if self.height:
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        self._check_frame_size(cap)
        ok, image = cap.read()
        if not ok or image is None:
            cap.release()
            raise CameraError(
                f"Camera {self.index} opened but sends no pictures.",
                "Another program may be using it, or it is not a video camera (some /dev/video "
                "nodes are metadata only): close other camera apps or try the next index.",
            )
        self._cap, self._pending, self._fps = cap, image, self._fps_from(cap)

    def _read(self) -> Image | None:
        image = self._grab_image()
        if image is None:
            raise CameraError(
                f"Camera {self.index} stopped sending pictures.", "Check its cable; the kiosk keeps retrying."
            )
        return image


def _redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    netloc = f"{parts.username}:***@{host}" if parts.username else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


class StreamSource(_CaptureSource):
    """A network stream: ``rtsp://``, ``rtsps://``, ``rtmp://``, ``http(s)://`` (MJPEG, HLS, ...)."""

    def __init__(self, url: str, *, open_timeout_s: float = 5.0, read_timeout_s: float = 5.0) -> None:
        super().__init__()
        url = url.strip()
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        label = "RTSP" if scheme.startswith("rtsp") else scheme.upper() or "stream"
        try:
            port = parts.port
        except ValueError:
            port = -1
        if scheme not in STREAM_SCHEMES or not parts.hostname or port == -1 or re.search(r"\s", url):
            raise CameraError(
                f"{_redact(url)!r} is not a valid {label} URL.",
                "Write it as rtsp://[user[:password]@]host[:port]/path (or http://...), without spaces.",
            )
        self.url = url
        self.open_timeout_s = open_timeout_s
        self.read_timeout_s = read_timeout_s
        self._label = label

    @property
    def description(self) -> str:
        return f"{self._label} stream {_redact(self.url)}"

    @property
    def is_live(self) -> bool:
        return True

    def _open(self) -> None:
        params = [
            cv2.CAP_PROP_OPEN_TIMEOUT_MSEC,
            round(self.open_timeout_s * 1000),
            cv2.CAP_PROP_READ_TIMEOUT_MSEC,
            round(self.read_timeout_s * 1000),
        ]
        started = time.monotonic()
        with quiet_opencv():
            cap = cv2.VideoCapture(self.url, cv2.CAP_FFMPEG, params)
        if not cap.isOpened():
            cap.release()
            waited = time.monotonic() - started
            why = (
                f" (no answer within {self.open_timeout_s:g} s)"
                if waited >= 0.8 * self.open_timeout_s
                else ""
            )
            raise CameraError(
                f"Could not connect to the {self._label} stream at {_redact(self.url)}{why}.",
                "Check the address, port, user name and password, that the camera is switched on "
                "and that this computer can reach it on the network.",
            )
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        self._check_frame_size(cap)
        ok, image = cap.read()
        if not ok or image is None:
            cap.release()
            raise CameraError(
                f"The {self._label} stream at {_redact(self.url)} connected but sent no pictures.",
                "Check the stream path (the part after the host) in the camera's manual.",
            )
        self._cap, self._pending, self._fps = cap, image, self._fps_from(cap)

    def _read(self) -> Image | None:
        image = self._grab_image()
        if image is None:
            raise CameraError(
                f"The stream {_redact(self.url)} stopped sending pictures.",
                "Check the camera and the network; the kiosk keeps retrying.",
            )
        return image


class VideoFileSource(_CaptureSource):
    """A video file. Finite, unless ``loop``; ``realtime`` paces it at its own frame rate.

    ``live=True`` makes it behave like a camera for the capture worker: when it ends (or
    fails) it is reopened after the reconnect delay rather than reported as exhausted.
    """

    def __init__(
        self, path: Path | str, *, realtime: bool = False, loop: bool = False, live: bool = False
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.realtime = realtime
        self.loop = loop
        self.live = live
        self._pacer: Pacer | None = None
        self.frame_count: int | None = None

    @property
    def description(self) -> str:
        return f"Video file {self.path.name}"

    @property
    def is_live(self) -> bool:
        return self.live

    def _open_capture(self) -> tuple[cv2.VideoCapture, Image]:
        require_regular_file(self.path)
        if not self.path.is_file():
            raise CameraError(
                f"The video file {self.path} does not exist.", "Check the path, or choose another source."
            )
        with quiet_opencv():
            cap = cv2.VideoCapture(str(self.path), cv2.CAP_FFMPEG)
            if cap.isOpened():
                self._check_frame_size(cap)
            ok, image = cap.read() if cap.isOpened() else (False, None)
        if not ok or image is None:
            cap.release()
            raise CameraError(
                f"{self.path} is not a video file that can be read.",
                "Use a common format (MP4/H.264, AVI/MJPEG, ...), check that the file is complete, "
                f"or choose another source. {SOURCE_HINT}",
            )
        return cap, image

    def _open(self) -> None:
        cap, image = self._open_capture()
        self._cap, self._pending, self._fps = cap, image, self._fps_from(cap) or DEFAULT_FILE_FPS
        count = int(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
        self.frame_count = count if count > 0 else None
        self._pacer = Pacer(self._fps) if self.realtime else None

    def _read(self) -> Image | None:
        if self._pacer is not None:
            self._pacer.wait()
        image = self._grab_image()
        if image is None and self.loop:
            self._close()  # reopen from the start: a plain seek is unreliable for some codecs
            self._cap, image = self._open_capture()
        return image


# --------------------------------------------------------------------------------------------
# Still images
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Parsing the configured source
# --------------------------------------------------------------------------------------------


def make_source(
    spec: str | int | Path,
    *,
    realtime: bool = False,
    loop: bool = False,
    repeat: int = 1,
    image_fps: float = DEFAULT_IMAGE_FPS,
    open_timeout_s: float = 5.0,
    read_timeout_s: float = 5.0,
    width: int | None = None,
    height: int | None = None,
) -> FrameSource:
    """The source a ``[camera] source`` value names, not yet opened.

    - ``"0"``, ``"1"``, ... (or an int): a local camera;
    - ``rtsp://``, ``rtsps://``, ``rtmp://``, ``http://``, ``https://``: a network stream;
    - a folder: its images; a file with an image suffix: that image; any other file: a video.

    ``realtime`` paces files, folders and images at their frame rate (a folder or image at
    ``image_fps``); ``loop`` restarts a video file at its end; ``repeat`` delivers each still
    image that many times. Raises :class:`CameraError` when the value cannot name a source.
    """
    if isinstance(spec, int) and not isinstance(spec, bool):
        return DeviceSource(spec, width=width, height=height)
    text = str(spec).strip()
    if not text:
        raise CameraError("No camera source is configured.", SOURCE_HINT)
    if text.isdigit():
        return DeviceSource(int(text), width=width, height=height)
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in STREAM_SCHEMES:
        return StreamSource(text, open_timeout_s=open_timeout_s, read_timeout_s=read_timeout_s)
    if scheme == "file":
        text = urlsplit(text).path
    elif scheme:
        raise CameraError(f"Unsupported source address {_redact(text)!r}.", SOURCE_HINT)
    path = Path(text).expanduser()
    if path.is_dir():
        return ImageFolderSource(path, fps=image_fps, realtime=realtime, repeat=repeat)
    if not path.exists():
        raise CameraError(f"The camera source {path} does not exist (no such file or folder).", SOURCE_HINT)
    require_regular_file(path)
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return ImageFileSource(path, repeat=repeat, fps=image_fps, realtime=realtime)
    return VideoFileSource(path, realtime=realtime, loop=loop)


def open_source(
    spec: str | int | Path,
    *,
    realtime: bool = False,
    loop: bool = False,
    repeat: int = 1,
    image_fps: float = DEFAULT_IMAGE_FPS,
    open_timeout_s: float = 5.0,
    read_timeout_s: float = 5.0,
    width: int | None = None,
    height: int | None = None,
) -> FrameSource:
    """:func:`make_source`, then :meth:`FrameSource.open`: a usable source or a :class:`CameraError`."""
    source = make_source(
        spec,
        realtime=realtime,
        loop=loop,
        repeat=repeat,
        image_fps=image_fps,
        open_timeout_s=open_timeout_s,
        read_timeout_s=read_timeout_s,
        width=width,
        height=height,
    )
    source.open()
    return source


__all__ = [
    "SOURCE_HINT",
    "DeviceSource",
    "FrameSource",
    "ImageFileSource",
    "ImageFolderSource",
    "StreamSource",
    "VideoFileSource",
    "make_source",
    "open_source",
]
