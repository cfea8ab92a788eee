"""The dlib-offline profile on dlib's own canonical path: HOG box, 5 landmarks, aligned chip.

dlib's face descriptor was trained on face chips made one way: the 5-point landmarks
(``shape_predictor_5_face_landmarks``) define a similarity transform that puts the eyes and
nose where the training chips had them, 150x150 pixels with 25% padding
(``dlib.get_face_chip``). Fed deepface's crop instead (a box rotated by the eye line and
resized, which is how the kiosk ran before), the same model separates people markedly
worse: on 351 news photos of 60 people, TAR at FAR 1e-3 went from 76% to 93% with the chip.
Vectors of the two paths are not comparable, so this path stores them under its own model
tag (``Dlib-chip``).

- :class:`DlibChipDetector`: HOG detection on a copy scaled to ``detect_width`` (upsampled
  once, as deepface's dlib detector does), landmarks on the full-size frame, and the chip.
- :class:`DlibChipEmbedder`: ``compute_face_descriptor`` on the chips, in the helper process
  (:mod:`.dlib_process`) so dlib's long hold of the GIL never stalls the GUI. ``jitters``
  (dlib's ``num_jitters``: the average over slightly shifted, mirrored copies) is for
  enrollment photos only: it costs that many times the work.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from kiosk.core.domain import FaceBox
from kiosk.core.errors import KioskError
from kiosk.core.matching import InvalidVector, l2_normalise
from kiosk.infra.config import RecognitionSettings
from kiosk.infra.recognition.dlib_process import DIM, shared_process
from kiosk.infra.recognition.faces import DetectedFace, Point, Vector
from kiosk.infra.recognition.images import ImageBGR, to_bgr
from kiosk.infra.recognition.quality import face_sharpness, judge

log = logging.getLogger(__name__)

SHAPE_PREDICTOR_FILE = "shape_predictor_5_face_landmarks.dat"
RESNET_FILE = "dlib_face_recognition_resnet_model_v1.dat"
CHIP_SIZE = 150  # what the ResNet was trained on
CHIP_PADDING = 0.25  # dlib's default: the chip shows the face with a quarter of its size around it
# The face proper inside a 150 px chip with 0.25 padding: the central 100 px (25 px around).
_CHIP_MARGIN = round(CHIP_SIZE * CHIP_PADDING / (1 + 2 * CHIP_PADDING))
MAX_BATCH = 32
DETECTOR_NAME = "dlib"

_models_lock = threading.Lock()
_models: dict[tuple[str, str], Any] = {}


def _dlib_model(kind: str, path: Path | None = None) -> Any:
    """dlib's models, loaded once per file (the shape predictor and ResNet take a second each)."""
    import dlib

    key = (kind, str(path.resolve()) if path is not None else "")
    with _models_lock:
        model = _models.get(key)
        if model is None:
            log.info("Loading dlib %s from %s", kind, path)
            if kind == "hog":
                model = dlib.get_frontal_face_detector()
            elif kind == "shape":
                model = dlib.shape_predictor(str(path))
            else:
                model = dlib.face_recognition_model_v1(str(path))
            _models[key] = model
        return model


def face_in_chip(chip: ImageBGR) -> ImageBGR:
    """The face area of a chip (without the padding around it), for the quality gates."""
    if chip.shape[:2] != (CHIP_SIZE, CHIP_SIZE):
        return chip
    return chip[_CHIP_MARGIN:-_CHIP_MARGIN, _CHIP_MARGIN:-_CHIP_MARGIN]


class DlibChipDetector:
    """dlib's HOG detector and 5-point landmarks; each face's crop is its aligned chip."""

    def __init__(self, weights_folder: Path, settings: RecognitionSettings) -> None:
        self.settings = settings
        self._hog = _dlib_model("hog")
        self._shape = _dlib_model("shape", weights_folder / SHAPE_PREDICTOR_FILE)
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return DETECTOR_NAME

    def detect(self, frame_bgr: object, *, max_faces: int | None = None) -> list[DetectedFace]:
        import dlib

        frame = to_bgr(frame_bgr, what="The frame")
        height, width = frame.shape[:2]
        scale = min(1.0, self.settings.detect_width / width) if self.settings.detect_width > 0 else 1.0
        small = (
            cv2.resize(
                frame,
                (max(1, round(width * scale)), max(1, round(height * scale))),
                interpolation=cv2.INTER_AREA,
            )
            if scale < 1.0
            else frame
        )
        small_rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB)
        with self._lock:  # dlib's objects are not documented as thread-safe
            rects, scores, _ = self._hog.run(small_rgb, 1)
        found = list(zip(rects, scores, strict=True))
        if max_faces is not None and len(found) > max_faces:
            found = sorted(found, key=lambda rs: rs[0].width() * rs[0].height(), reverse=True)[:max_faces]
        if not found:
            return []
        rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB) if scale < 1.0 else small_rgb
        sh, sw = small.shape[:2]
        faces: list[DetectedFace] = []
        for rect, score in found:
            # HOG boxes may run past the image: a box touching or crossing an edge is cut off
            cut_off = rect.left() <= 0 or rect.top() <= 0 or rect.right() >= sw - 1 or rect.bottom() >= sh - 1
            full = dlib.rectangle(
                round(rect.left() / scale),
                round(rect.top() / scale),
                round(rect.right() / scale),
                round(rect.bottom() / scale),
            )
            with self._lock:
                shape = self._shape(rgb, full)
            chip_rgb = dlib.get_face_chip(rgb, shape, size=CHIP_SIZE, padding=CHIP_PADDING)
            chip = np.ascontiguousarray(chip_rgb[:, :, ::-1])
            x, y = max(0, full.left()), max(0, full.top())
            w, h = min(width, full.right() + 1) - x, min(height, full.bottom() + 1) - y
            if w <= 1 or h <= 1:
                continue
            sharpness = face_sharpness(face_in_chip(chip))
            faces.append(
                DetectedFace(
                    box=FaceBox(x, y, w, h),
                    left_eye=_mean_point(shape, 0, 1),  # points 0-1: the person's left eye
                    right_eye=_mean_point(shape, 2, 3),
                    confidence=float(min(max(score, 0.0), 1.0)),
                    sharpness=sharpness,
                    crop=chip,
                    detector=self.name,
                    rejection=judge(
                        cut_off=cut_off,
                        face_width=w,
                        sharpness=sharpness,
                        min_face_pixels=self.settings.min_face_pixels,
                        min_sharpness=self.settings.min_sharpness,
                    ),
                )
            )
        log.debug("%d face(s) in a %dx%d frame", len(faces), width, height)
        return faces


def _mean_point(shape: Any, a: int, b: int) -> Point:
    pa, pb = shape.part(a), shape.part(b)
    return ((pa.x + pb.x) // 2, (pa.y + pb.y) // 2)


class DlibChipEmbedder:
    """dlib's ResNet on aligned 150x150 chips (BGR in, as every crop in the kiosk)."""

    def __init__(self, weights_folder: Path, *, model_name: str, in_subprocess: bool) -> None:
        self.model_name = model_name
        self.dim = DIM
        path = weights_folder / RESNET_FILE
        self._model = _dlib_model("resnet", path)
        self._lock = threading.Lock()
        self._dlib = shared_process(path) if in_subprocess else None

    def _forward(self, chips_rgb: NDArray[np.uint8], jitters: int) -> NDArray[np.float32]:
        if self._dlib is not None:
            try:
                return self._dlib.embed(chips_rgb, jitters)
            except (OSError, EOFError) as exc:  # the helper died: carry on in this process
                log.warning("The dlib helper process stopped (%s); embedding in this process", exc)
                self._dlib = None
        descriptors = self._model.compute_face_descriptor(list(chips_rgb), jitters)
        return np.asarray([np.asarray(d) for d in descriptors], dtype=np.float32)

    def embed_crops(self, crops: Sequence[object], *, jitters: int = 0) -> Vector:
        """Vectors (n, 128) for aligned chips; ``jitters`` > 1 averages that many jittered copies."""
        if len(crops) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        out: list[Vector] = []
        for start in range(0, len(crops), MAX_BATCH):
            chunk = [_chip_rgb(c) for c in crops[start : start + MAX_BATCH]]
            with self._lock:
                raw = self._forward(np.stack(chunk), jitters)
            try:
                out.append(l2_normalise(np.asarray(raw, dtype=np.float32).reshape(len(chunk), self.dim)))
            except InvalidVector as exc:  # a model that outputs NaN or zeros is broken, not the photo
                raise KioskError(
                    f"The {self.model_name} model produced unusable vectors ({exc}).",
                    "Its weight file may be damaged: install it again with `kiosk models fetch dlib-offline`.",
                ) from None
        return np.concatenate(out, axis=0)


def _chip_rgb(crop: object) -> NDArray[np.uint8]:
    img = to_bgr(crop, what="A face chip")
    if img.shape[:2] != (CHIP_SIZE, CHIP_SIZE):
        # not a chip from DlibChipDetector: resized, so the call still works (tests, benchmarks)
        img = np.asarray(
            cv2.resize(img, (CHIP_SIZE, CHIP_SIZE), interpolation=cv2.INTER_AREA), dtype=np.uint8
        )
    return np.ascontiguousarray(img[:, :, ::-1])
