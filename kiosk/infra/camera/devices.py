"""Which local cameras exist, found cheaply (no OpenCV on Linux, so nothing printed to stderr)."""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

_DEV = Path("/dev")
_SYSFS = Path("/sys/class/video4linux")


@dataclass(frozen=True, slots=True)
class CameraDevice:
    index: int
    name: str = ""  # the driver's name for it ("HD Pro Webcam C920"), empty when unknown
    path: str = ""  # /dev/videoN on Linux

    @property
    def label(self) -> str:
        return f"{self.index}: {self.name}" if self.name else f"Camera {self.index}"


def device_path(index: int) -> Path | None:
    """``/dev/videoN`` on Linux, ``None`` where cameras are not device files."""
    return _DEV / f"video{index}" if sys.platform.startswith("linux") else None


def _linux_devices(max_index: int, dev: Path, sysfs: Path) -> list[CameraDevice]:
    found: list[CameraDevice] = []
    try:
        nodes = list(dev.glob("video*"))
    except OSError as exc:
        log.debug("cannot list %s: %s", dev, exc)
        return []
    for node in nodes:
        match = re.fullmatch(r"video(\d+)", node.name)
        if not match or int(match.group(1)) > max_index:
            continue
        index = int(match.group(1))
        info = sysfs / node.name
        name = _read(info / "name")
        # A camera usually exposes two nodes: the picture (index 0) and metadata (index 1).
        if _read(info / "index") not in ("", "0"):
            continue
        found.append(CameraDevice(index=index, name=name, path=str(node)))
    return sorted(found, key=lambda d: d.index)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def _probe_devices(max_index: int) -> list[CameraDevice]:  # pragma: no cover - Windows / macOS
    import cv2

    from kiosk.infra.camera._opencv import quiet_opencv

    found: list[CameraDevice] = []
    with quiet_opencv():
        for index in range(max_index + 1):
            cap = cv2.VideoCapture(index)
            try:
                if cap.isOpened():
                    found.append(CameraDevice(index=index))
            finally:
                cap.release()
    return found


def list_devices(max_index: int = 5) -> list[CameraDevice]:
    """Local cameras with an index from 0 to ``max_index``, lowest first.

    On Linux this only looks at ``/dev/video*`` and sysfs (instant, no device is opened);
    elsewhere each index is opened briefly with OpenCV.
    """
    if sys.platform.startswith("linux"):
        return _linux_devices(max_index, _DEV, _SYSFS)
    return _probe_devices(max_index)
