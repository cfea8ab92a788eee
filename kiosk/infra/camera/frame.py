"""The one value that travels from a camera to the recognition engine and the screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy.typing as npt

Image = npt.NDArray[Any]
"""A BGR image: ``uint8``, ``shape == (height, width, 3)``, as OpenCV decodes it.

(Typed loosely because OpenCV's stubs return untyped arrays.)"""


@dataclass(frozen=True, slots=True, eq=False)
class Frame:
    """One picture from a source.

    ``seq`` counts up from 1 per source (or per capture worker, which renumbers), so a
    consumer can tell a new frame from one it has already seen. ``timestamp`` is
    :func:`time.monotonic` when the frame was read. ``source_fps`` is the source's frame
    rate: measured by the capture worker, or the nominal rate straight from a source
    (0.0 when unknown).
    """

    image: Image
    seq: int
    timestamp: float
    source_fps: float = 0.0

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])
