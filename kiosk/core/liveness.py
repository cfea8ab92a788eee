"""Liveness: is the face in front of the camera a live person, not a photo or a screen?

The verdict a check gives for a tracked face, and the school's policy for using it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from kiosk.core.domain import FaceBox

if TYPE_CHECKING:  # for the annotations only: the config reads the policy names without numpy
    import numpy as np
    import numpy.typing as npt


class Liveness(enum.StrEnum):
    LIVE = "live"  # the check is satisfied that this is a live face
    SPOOF = "spoof"  # the check judged it a photo, a screen or a mask
    UNSURE = "unsure"  # not enough evidence yet (too few frames, too little movement)


class LivenessPolicy(enum.StrEnum):
    OFF = "off"  # no check: every confirmed face may be marked
    REVIEW = "review"  # spoofed or unsure faces go to the teacher, never marked automatically
    REJECT = "reject"  # spoofed faces are refused; unsure ones go to the teacher


class LivenessCheck(Protocol):
    """Judges tracked faces over the frames they appear in."""

    def observe(self, track_id: int, image_bgr: npt.NDArray[np.uint8], box: FaceBox, now: float) -> None:
        """One more frame of a tracked face (called for faces not yet marked)."""

    def verdict(self, track_id: int) -> Liveness:
        """The verdict so far for a tracked face."""

    def forget(self, track_ids: Iterable[int]) -> None:
        """Tracks that left the frame."""
