"""Quality gates: is a detected face good enough to embed, and if not, what would make it so?

A face is judged on three things, cheapest first:

- **cut off**: its box touches the frame's edge (the detector clipped it);
- **too small**: narrower than ``min_face_pixels`` in the full frame;
- **blurred**: judged *relative to the face's size*. The face (the aligned chip's face area
  for dlib, the box for deepface's detectors) is scaled to :data:`SHARPNESS_SIDE` pixels
  before the variance of its Laplacian is taken. A face is never scaled *up* much for this
  (``min_face_pixels`` is about the same size), so a sharp 80-100 px face from a roster photo
  scores as high as a sharp 300 px one; a blur of a given share of the face's width scores
  low at any size. Measuring at the model's input size instead (150-160 px, as before)
  scaled small faces up, which smooths them, and rejected most sharp roster photos.

The rejection says what would make the face usable, for a live camera (:attr:`RejectReason.message`)
and for a photo (:func:`photo_advice`).
"""

from __future__ import annotations

import enum

import cv2
import numpy as np
from numpy.typing import NDArray

from kiosk.core.errors import InvalidInput

# Side (pixels) the face is scaled to before its sharpness is measured.
SHARPNESS_SIDE = 64


class RejectReason(enum.StrEnum):
    CUT_OFF = "cut_off"
    TOO_SMALL = "too_small"
    BLURRED = "blurred"

    @property
    def message(self) -> str:
        """What the person in front of the camera can do about it."""
        return _LIVE_MESSAGES[self]


_LIVE_MESSAGES = {
    RejectReason.CUT_OFF: "Face is partly outside the picture: step into the middle.",
    RejectReason.TOO_SMALL: "Face is too small: come closer to the camera.",
    RejectReason.BLURRED: "Face is blurred: hold still.",
}


class PhotoProblem(enum.StrEnum):
    """Why a photo gave no usable face (counted in ``kiosk eval`` and enrollment reports)."""

    UNREADABLE = "unreadable"
    NO_FACE = "no face"
    SEVERAL_FACES = "several faces"
    CUT_OFF = "cut off"
    TOO_SMALL = "too small"
    BLURRED = "blurred"
    ALREADY_ENROLLED = "already enrolled"  # the same photo file, enrolled before

    @classmethod
    def of(cls, exc: BaseException) -> PhotoProblem:
        return exc.problem if isinstance(exc, PhotoRejected) else cls.UNREADABLE


class PhotoRejected(InvalidInput):
    """A photo that cannot be enrolled, with the :class:`PhotoProblem` that stopped it."""

    def __init__(self, problem: PhotoProblem, message: str, hint: str = "") -> None:
        super().__init__(message, hint)
        self.problem = problem


_PROBLEM_OF = {
    RejectReason.CUT_OFF: PhotoProblem.CUT_OFF,
    RejectReason.TOO_SMALL: PhotoProblem.TOO_SMALL,
    RejectReason.BLURRED: PhotoProblem.BLURRED,
}


def problem_of(reason: RejectReason) -> PhotoProblem:
    return _PROBLEM_OF[reason]


def count_problems(problems: list[PhotoProblem]) -> str:
    """ "3 blurred, 1 no face" (most frequent first); empty for none."""
    counts: dict[PhotoProblem, int] = {}
    for problem in problems:
        counts[problem] = counts.get(problem, 0) + 1
    return ", ".join(f"{n} {problem}" for problem, n in sorted(counts.items(), key=lambda kv: -kv[1]))


def laplacian_variance(img: NDArray[np.uint8], size: tuple[int, int] | None = None) -> float:
    """Variance of the Laplacian of the grayscale image (after resizing to ``size`` = (w, h))."""
    gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY) if img.ndim == 3 else img
    if size is not None and gray.shape[:2] != (size[1], size[0]):
        interp = cv2.INTER_AREA if gray.shape[1] > size[0] else cv2.INTER_LINEAR
        gray = cv2.resize(gray, size, interpolation=interp)
    return float(cv2.Laplacian(gray, cv2.CV_64F).var())


def face_sharpness(face_bgr: NDArray[np.uint8]) -> float:
    """Sharpness of a face image (just the face, little background), relative to its size."""
    if face_bgr.size == 0:
        return 0.0
    return laplacian_variance(face_bgr, (SHARPNESS_SIDE, SHARPNESS_SIDE))


def judge(
    *, cut_off: bool, face_width: int, sharpness: float, min_face_pixels: int, min_sharpness: float
) -> RejectReason | None:
    """The first gate the face fails, or ``None`` when it may be embedded."""
    if cut_off:
        return RejectReason.CUT_OFF
    if face_width < min_face_pixels:
        return RejectReason.TOO_SMALL
    if sharpness < min_sharpness:
        return RejectReason.BLURRED
    return None


def photo_advice(
    reason: RejectReason, *, face_width: int, sharpness: float, min_face_pixels: int, min_sharpness: float
) -> str:
    """Why a *photo* was refused and what kind of photo would be accepted (one sentence or two)."""
    if reason is RejectReason.CUT_OFF:
        return (
            "The face touches the edge of the photo. "
            "Use a photo where the whole head is inside the picture, with some space around it."
        )
    if reason is RejectReason.TOO_SMALL:
        return (
            f"The face is {face_width} px wide; at least {min_face_pixels} px are needed. "
            "Use a larger photo or one taken closer (a face of 80-100 px, as roster photos have, is enough)."
        )
    return (
        f"The face is blurred (sharpness {sharpness:.0f}, at least {min_sharpness:.0f} needed, "
        "judged relative to the face's size). Use a photo that is in focus and not shaken; "
        "a small photo is fine if it is sharp, but not one enlarged from a smaller picture."
    )
