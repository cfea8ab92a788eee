"""The passive liveness check: deepface's FasNet (MiniFASNet V2 + V1SE) on its ONNX engine.

FasNet looks at one picture of the face (no movement needed) and says whether it is a live
face or a print or a screen. deepface builds it from two ONNX graphs in its weights folder
(:data:`kiosk.infra.recognition.profiles.FASNET`), fetched with `kiosk models fetch fasnet`
or copied with `kiosk models import PATH`; until they are installed this check is not built
(the configuration falls back to the motion check, or reports the missing files).

One frame can fool it (a glint, a blur), so a face's verdict is the vote of its last
``window`` frames: LIVE when at least ``live_share`` of them were judged real, SPOOF when at
least ``spoof_share`` were judged spoofed, UNSURE with fewer than ``min_frames``.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from kiosk.core.domain import FaceBox
from kiosk.core.liveness import Liveness
from kiosk.infra.recognition import _deepface
from kiosk.infra.recognition.profiles import FASNET
from kiosk.infra.recognition.weights import ensure_ready
from kiosk.infra.recognition.weights.readiness import describe_error, pin_unverified

log = logging.getLogger(__name__)

DEEPFACE_TASK = "spoofing"
DEEPFACE_MODEL = "Fasnet"


@dataclass(frozen=True, slots=True)
class FasnetVoting:
    window: int = 5
    min_frames: int = 3
    live_share: float = 0.8
    spoof_share: float = 0.6


class FasnetLivenessCheck:
    """A :class:`~kiosk.core.liveness.LivenessCheck` over deepface's FasNet."""

    name = "fasnet"

    def __init__(self, weights_dir: Path, voting: FasnetVoting | None = None) -> None:
        ensure_ready(weights_dir, FASNET, install_offline_files=False)  # WeightsMissing naming the ways on
        try:
            self._model = _deepface.build(DEEPFACE_TASK, DEEPFACE_MODEL, weights_dir)
        except Exception as exc:  # onnxruntime's and deepface's own exception types
            raise describe_error(exc, FASNET, weights_dir) from None
        pin_unverified(weights_dir, FASNET)  # it loaded: from now on a changed file is damage
        self.voting = voting or FasnetVoting()
        self._votes: dict[int, deque[bool]] = {}
        self._lock = threading.Lock()

    def judge(self, image_bgr: npt.NDArray[np.uint8], box: FaceBox) -> tuple[bool, float]:
        """deepface's answer for one frame: (judged real, its score)."""
        with self._lock:  # one inference session pair, shared
            is_real, score = self._model.analyze(img=image_bgr, facial_area=(box.x, box.y, box.w, box.h))
        return bool(is_real), float(score)

    def observe(self, track_id: int, image_bgr: npt.NDArray[np.uint8], box: FaceBox, now: float) -> None:
        if box.w < 2 or box.h < 2:
            return
        is_real, _score = self.judge(image_bgr, box)
        votes = self._votes.get(track_id)
        if votes is None:
            votes = self._votes[track_id] = deque(maxlen=self.voting.window)
        votes.append(is_real)

    def verdict(self, track_id: int) -> Liveness:
        votes = self._votes.get(track_id)
        if not votes or len(votes) < self.voting.min_frames:
            return Liveness.UNSURE
        real = sum(votes) / len(votes)
        if real >= self.voting.live_share:
            return Liveness.LIVE
        if 1.0 - real >= self.voting.spoof_share:
            return Liveness.SPOOF
        return Liveness.UNSURE

    def forget(self, track_ids: Iterable[int]) -> None:
        for track_id in track_ids:
            self._votes.pop(track_id, None)


def model_class_name(check: FasnetLivenessCheck) -> str:
    """deepface's class behind the check (for tests: the ONNX engine's, not TensorFlow's)."""
    model: Any = check._model
    return f"{type(model).__module__}.{type(model).__name__}"
