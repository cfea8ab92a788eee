"""Helpers that write real media for the camera tests (imported by the test modules)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

FACES_DIR = Path(__file__).resolve().parents[1] / "data" / "faces"
PEOPLE_DIR = FACES_DIR / "people"

VideoMaker = Callable[..., Path]


def numbered_image(n: int, size: tuple[int, int] = (160, 120)) -> np.ndarray:
    """A picture whose grey level encodes ``n`` (survives lossy compression to within a few levels)."""
    w, h = size
    image = np.full((h, w, 3), (n * 10) % 250, dtype=np.uint8)
    cv2.putText(image, str(n), (10, h - 20), cv2.FONT_HERSHEY_SIMPLEX, 1.5, (255, 255, 255), 3)
    return image


def grey_of(image: np.ndarray) -> int:
    """The number encoded by :func:`numbered_image` (read from a corner away from the text)."""
    return round(float(image[:20, -40:].mean()) / 10)


def write_video(path: Path, frames: int = 20, fps: float = 10.0, size: tuple[int, int] = (160, 120)) -> Path:
    """A real MP4 of ``frames`` numbered pictures at ``fps``."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), fps, size)
    assert writer.isOpened()
    for n in range(frames):
        writer.write(numbered_image(n, size))
    writer.release()
    return path
