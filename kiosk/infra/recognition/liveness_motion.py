"""The offline liveness check: does the tracked face move like a head, or like a flat picture?

A printed photo or a phone screen held up to the camera is one rigid plane: however it is
moved, tilted or turned, the image of every point on it follows one homography (a 3x3
perspective map) from frame to frame. A real head does not: turning it moves the nose tip
against the cheeks and the jaw line (parallax, the face is not flat), and talking or
blinking moves the mouth and eyes against the rest.

So for each tracked face this check finds dlib's 68 landmarks in every frame it is shown,
and compares the newest frames with the oldest still in a short window (each side the mean
of ``smooth`` frames, which halves the landmarks' frame-to-frame jitter):

- the residual after the best similarity (shift, turn in the image, scale) says how much
  the face moved *beyond* sliding and zooming. Below ``min_motion`` the pair tells nothing
  either way: a head and a photo slid across the frame look alike.
- the residual after the best homography says how much of that movement no plane can
  explain. Above ``live_residual``: a head (parallax, a mouth or eyes moving). Below
  ``planar_residual``: a plane. The homography is fitted to all 68 points (least squares):
  with RANSAC's inliers-only refit the landmarks' own noise piled up on the points it left
  out, and flat pictures looked like heads about twice as often on the test clips.

Residuals are in units of the face's eye-to-eye distance, so they do not depend on the
face's size in the frame. The verdict is LIVE once ``live_pairs`` comparisons (and at least
``live_share`` of those that moved) were not planar, SPOOF after ``spoof_pairs`` planar ones
with almost none that were not, UNSURE until then: a pupil who stands perfectly still is
sent to the teacher, never judged a photo.

What it does not catch: a *video* of the person replayed on a screen (the face in it moves
like a head); FasNet (:mod:`.liveness_fasnet`) looks at the picture itself.
"""

from __future__ import annotations

import logging
import math
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.core.domain import FaceBox
from kiosk.core.errors import WeightsMissing
from kiosk.core.liveness import Liveness
from kiosk.infra.bundle import model_pack_dir
from kiosk.infra.recognition.weights.acquisition import OFFLINE_PACKAGE, offline_package_folder

log = logging.getLogger(__name__)

LANDMARKS_FILE = "shape_predictor_68_face_landmarks.dat"
# The official file in face_recognition_models 0.3.0 (dlib.net publishes no checksum).
LANDMARKS_SHA256 = "fbdc2cb80eb9aa7a758672cbfdda32ba6300efe9b6e6c7a299ff7e736b11b92f"
# Outer eye corners in dlib's 68-point layout: the face's scale.
_LEFT_EYE_OUTER, _RIGHT_EYE_OUTER = 36, 45
# The face is cut out with this much of its box around it before landmarking.
_CROP_PAD = 0.25
# Below this tilt (degrees) the crop is used as it is: the model copes, and turning costs time.
_MIN_ROLL = 5.0

_model_lock = threading.Lock()
_models: dict[str, Any] = {}


@dataclass(frozen=True, slots=True)
class MotionThresholds:
    """Chosen on generated spoof clips and real photos of persons 01-07 of tests/data/faces
    (08-13 held out; see the README and ``benchmarks/bench_liveness.py``)."""

    window: int = 8  # frames kept per face; the newest are compared with the oldest
    smooth: int = 2  # frames averaged on each side of a comparison
    min_motion: float = 0.02  # similarity residual (eye distances) below which a pair says nothing
    live_residual: float = 0.035  # homography residual above which a pair is a head
    planar_residual: float = 0.02  # ... and below which it is a plane
    live_pairs: int = 2
    live_share: float = 0.3  # of the pairs that moved: one slipped landmark does not make a photo live
    # High on purpose: at 3, a real person in the held-out photos who barely moved was judged a photo.
    spoof_pairs: int = 6
    min_eye_distance: float = 12.0  # pixels: smaller faces give landmarks too noisy to judge


def landmarks_model_path() -> Path | None:
    """Where dlib's 68-point model is: the bundle's model pack, else the ``face_recognition_models`` package."""
    pack = model_pack_dir()
    if pack is not None and (pack / LANDMARKS_FILE).is_file():
        return pack / LANDMARKS_FILE
    folder = offline_package_folder()
    if folder is not None and (folder / LANDMARKS_FILE).is_file():
        return folder / LANDMARKS_FILE
    return None


def _predictor(path: Path) -> Any:
    import dlib

    key = str(path.resolve())
    with _model_lock:
        model = _models.get(key)
        if model is None:
            log.info("Loading dlib's 68-point landmarks from %s", path)
            try:
                model = dlib.shape_predictor(key)
            except RuntimeError as exc:
                raise WeightsMissing(
                    f"dlib's landmark model {path} cannot be loaded ({str(exc).splitlines()[0][:100]}).",
                    f'Reinstall the {OFFLINE_PACKAGE} package, or set [liveness] policy = "off".',
                ) from None
            _models[key] = model
        return model


@dataclass
class _Track:
    points: deque[npt.NDArray[np.float32]]
    informative: int = 0
    nonrigid: int = 0
    planar: int = 0
    # the last comparisons (similarity, homography residual), for logs and benchmarks
    residuals: deque[tuple[float, float]] = field(default_factory=lambda: deque(maxlen=64))


class MotionLivenessCheck:
    """A :class:`~kiosk.core.liveness.LivenessCheck` from landmark motion; needs no download."""

    name = "motion"

    def __init__(self, model_path: Path | None = None, thresholds: MotionThresholds | None = None) -> None:
        path = model_path or landmarks_model_path()
        if path is None:
            raise WeightsMissing(
                f"dlib's 68-point landmark model ({LANDMARKS_FILE}) was not found.",
                f"Reinstall the kiosk (it depends on the {OFFLINE_PACKAGE} package), "
                'or set [liveness] policy = "off".',
            )
        self.thresholds = thresholds or MotionThresholds()
        self._predictor = _predictor(path)
        self._tracks: dict[int, _Track] = {}
        self._lock = threading.Lock()

    def landmarks(
        self, image_bgr: npt.NDArray[np.uint8], box: FaceBox, roll: float = 0.0
    ) -> npt.NDArray[np.float32]:
        """The 68 landmarks (x, y) of the face in ``box``, in frame pixels.

        ``roll``: the face's tilt in the image (degrees, from its last landmarks). dlib's model
        was trained on upright faces and bends its landmarks on tilted ones, which looked like a
        live face's movement: the crop is turned upright first and the points turned back.
        """
        import dlib

        height, width = image_bgr.shape[:2]
        pad_x, pad_y = round(box.w * _CROP_PAD), round(box.h * _CROP_PAD)
        x0, y0 = max(0, box.x - pad_x), max(0, box.y - pad_y)
        x1, y1 = min(width, box.x + box.w + pad_x), min(height, box.y + box.h + pad_y)
        # grey and only the face: a tenth of the cost of converting the whole frame
        crop = cv2.cvtColor(np.ascontiguousarray(image_bgr[y0:y1, x0:x1]), cv2.COLOR_BGR2GRAY)
        centre = (box.x - x0 + box.w / 2, box.y - y0 + box.h / 2)
        upright: Any = None  # the 2x3 turn that made the crop upright
        half_w, half_h = box.w / 2, box.h / 2
        if abs(roll) >= _MIN_ROLL:
            upright = cv2.getRotationMatrix2D(centre, roll, 1.0)
            crop = cv2.warpAffine(crop, upright, (crop.shape[1], crop.shape[0]), flags=cv2.INTER_LINEAR)
            # an upright box around a tilted face is larger than the face by this much
            grown = abs(math.cos(math.radians(roll))) + abs(math.sin(math.radians(roll)))
            half_w, half_h = half_w / grown, half_h / grown
        rect = dlib.rectangle(
            round(centre[0] - half_w),
            round(centre[1] - half_h),
            round(centre[0] + half_w),
            round(centre[1] + half_h),
        )
        with self._lock:  # dlib's objects are not documented as thread-safe
            shape = self._predictor(crop, rect)
        pts: npt.NDArray[Any] = np.array([(p.x, p.y) for p in shape.parts()], dtype=np.float32)
        if upright is not None:
            pts = cv2.transform(pts.reshape(-1, 1, 2), cv2.invertAffineTransform(upright)).reshape(-1, 2)
        return np.asarray(pts + np.array([x0, y0], dtype=np.float32), dtype=np.float32)

    def observe(self, track_id: int, image_bgr: npt.NDArray[np.uint8], box: FaceBox, now: float) -> None:
        if box.w < 2 or box.h < 2:
            return
        track = self._tracks.get(track_id)
        if track is None:
            track = self._tracks[track_id] = _Track(deque(maxlen=self.thresholds.window))
        roll = eye_line_degrees(track.points[-1]) if track.points else 0.0
        points = self.landmarks(image_bgr, box, roll)
        now_roll = eye_line_degrees(points)
        if abs(now_roll - roll) >= _MIN_ROLL:  # a face's first frame, or a quick tilt: once more upright
            points = self.landmarks(image_bgr, box, now_roll)
        track.points.append(points)
        smooth = self.thresholds.smooth
        if len(track.points) >= 2 * smooth:
            frames = list(track.points)
            self._judge(track, np.mean(frames[:smooth], axis=0), np.mean(frames[-smooth:], axis=0))

    def _judge(self, track: _Track, before: npt.NDArray[Any], after: npt.NDArray[Any]) -> None:
        t = self.thresholds
        scale = float(np.linalg.norm(before[_RIGHT_EYE_OUTER] - before[_LEFT_EYE_OUTER]))
        if scale < t.min_eye_distance:
            return
        similarity, planar = residuals(before.astype(np.float32), after.astype(np.float32), scale)
        track.residuals.append((similarity, planar))
        if similarity < t.min_motion:
            return
        track.informative += 1
        if planar >= t.live_residual:
            track.nonrigid += 1
        elif planar <= t.planar_residual:
            track.planar += 1

    def verdict(self, track_id: int) -> Liveness:
        track = self._tracks.get(track_id)
        if track is None:
            return Liveness.UNSURE
        t = self.thresholds
        if track.nonrigid >= t.live_pairs and track.nonrigid >= t.live_share * track.informative:
            return Liveness.LIVE
        # one odd pair (a landmark slipping) does not clear a picture that moved flat many times
        if track.planar >= t.spoof_pairs and track.nonrigid * 10 <= track.informative:
            return Liveness.SPOOF
        return Liveness.UNSURE

    def evidence(self, track_id: int) -> tuple[int, int, int]:
        """(pairs that moved enough, of them non-planar, of them planar): for logs and benchmarks."""
        track = self._tracks.get(track_id)
        return (track.informative, track.nonrigid, track.planar) if track else (0, 0, 0)

    def forget(self, track_ids: Iterable[int]) -> None:
        for track_id in track_ids:
            self._tracks.pop(track_id, None)


def eye_line_degrees(points: npt.NDArray[Any]) -> float:
    """The face's tilt in the image: the angle of the line through the outer eye corners."""
    dx, dy = points[_RIGHT_EYE_OUTER] - points[_LEFT_EYE_OUTER]
    return math.degrees(math.atan2(float(dy), float(dx)))


def residuals(before: npt.NDArray[Any], after: npt.NDArray[Any], scale: float) -> tuple[float, float]:
    """RMS landmark residuals (in units of ``scale``) after the best similarity and the best homography."""
    similarity, _ = cv2.estimateAffinePartial2D(before, after, method=cv2.LMEDS)
    if similarity is None:
        return 0.0, 0.0
    moved = before @ similarity[:, :2].T + similarity[:, 2]
    similarity_rms = float(np.sqrt(np.mean(np.sum((moved - after) ** 2, axis=1)))) / scale
    homography, _ = cv2.findHomography(before, after, 0)  # least squares over all 68 (see the top)
    if homography is None:
        return similarity_rms, similarity_rms
    projected = cv2.perspectiveTransform(before.reshape(-1, 1, 2), homography).reshape(-1, 2)
    planar_rms = float(np.sqrt(np.mean(np.sum((projected - after) ** 2, axis=1)))) / scale
    return similarity_rms, planar_rms
