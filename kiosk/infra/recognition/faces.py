"""What the face pipeline hands out: detected faces, their vectors, one frame's analysis."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kiosk.core.domain import FaceBox
from kiosk.infra.recognition.images import ImageBGR
from kiosk.infra.recognition.quality import RejectReason

Vector = NDArray[np.float32]
Point = tuple[int, int]


@dataclass(frozen=True, slots=True, eq=False)
class DetectedFace:
    """One face found in a frame, in the full frame's pixel coordinates."""

    box: FaceBox
    left_eye: Point | None  # the person's left eye (on the viewer's right)
    right_eye: Point | None
    confidence: float
    sharpness: float  # see kiosk.infra.recognition.quality: relative to the face's size
    crop: ImageBGR  # aligned face crop (BGR, uint8) cut from the full frame: what is embedded
    detector: str
    rejection: RejectReason | None = None

    @property
    def accepted(self) -> bool:
        return self.rejection is None


@dataclass(frozen=True, slots=True, eq=False)
class AnalysedFace:
    face: DetectedFace
    embedding: Vector | None  # L2-normalised; None when the face was rejected
    model_name: str


@dataclass(frozen=True, slots=True, eq=False)
class FrameAnalysis:
    model_name: str
    width: int
    height: int
    faces: tuple[AnalysedFace, ...]

    @property
    def accepted(self) -> tuple[AnalysedFace, ...]:
        return tuple(f for f in self.faces if f.embedding is not None)

    @property
    def rejected(self) -> tuple[AnalysedFace, ...]:
        return tuple(f for f in self.faces if f.embedding is None)

    def embeddings(self, dim: int | None = None) -> Vector:
        """The accepted faces' vectors as one (k, dim) array."""
        vectors = [f.embedding for f in self.faces if f.embedding is not None]
        if vectors:
            return np.stack(vectors).astype(np.float32, copy=False)
        return np.zeros((0, dim or 0), dtype=np.float32)
