"""The headless face pipeline: detect faces in a frame, judge them, turn them into vectors.

Two ways from a frame to a vector, chosen by the profile's ``face_path``:

- dlib-offline runs dlib's own canonical path (:mod:`.dlib_chip`: HOG box, 5 landmarks,
  aligned 150x150 chip);
- the deepface path (Facenet512, and the old dlib path kept for comparison) is built here.

The deepface path uses deepface's lower-level pieces (its detector and recognition model
classes, its face alignment and its resizing), not ``DeepFace.represent``, so that:

- detection runs once per frame, on a copy scaled down to ``recognition.detect_width``;
  boxes and eyes are scaled back and the aligned crop is cut from the full-size frame;
- faces that are too small, blurred or cut off by the frame edge are rejected with a
  reason before any embedding is computed;
- the faces of one frame are embedded as one batch.

The crops and vectors match what ``DeepFace.represent(..., align=True,
normalization="base")`` produces for the same face, so vectors from either are comparable.
Face vectors are never logged.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, cast

import cv2
import numpy as np
from numpy.typing import NDArray

from kiosk.core.domain import FaceBox
from kiosk.core.errors import KioskError
from kiosk.core.matching import InvalidVector, l2_normalise
from kiosk.infra.config import Settings
from kiosk.infra.recognition import _deepface
from kiosk.infra.recognition.dlib_chip import RESNET_FILE, DlibChipDetector, DlibChipEmbedder
from kiosk.infra.recognition.dlib_process import deepface_dlib_input, shared_process
from kiosk.infra.recognition.faces import AnalysedFace, DetectedFace, FrameAnalysis, Point, Vector
from kiosk.infra.recognition.images import ImageBGR, to_bgr
from kiosk.infra.recognition.profiles import FacePath, ModelProfile, get_profile
from kiosk.infra.recognition.quality import (
    PhotoProblem,
    PhotoRejected,
    RejectReason,
    face_sharpness,
    judge,
    photo_advice,
    problem_of,
)
from kiosk.infra.recognition.weights import describe_error, ensure_ready, pin_unverified, weights_folder

__all__ = [
    "AnalysedFace",
    "DetectedFace",
    "Embedder",
    "FaceDetector",
    "FacePipeline",
    "FrameAnalysis",
    "RejectReason",
    "Vector",
]

log = logging.getLogger(__name__)

# Crops are embedded in chunks of this many (memory stays flat with a crowded frame).
MAX_BATCH = 32


def _load(settings: Settings, prof: ModelProfile, task: str, model_name: str) -> Any:
    try:
        return _deepface.build(task, model_name, settings.weights_dir)
    except KioskError:
        raise
    except Exception as exc:  # deepface raises ValueError, dlib RuntimeError, onnxruntime its own
        log.warning("Loading %s failed: %s: %s", model_name, type(exc).__name__, exc)
        raise describe_error(exc, prof, settings.weights_dir) from None


class Embedder:
    """A deepface recognition model turning aligned face crops into L2-normalised vectors."""

    def __init__(self, settings: Settings, profile: ModelProfile | str | None = None) -> None:
        self.profile = (
            profile
            if isinstance(profile, ModelProfile)
            else get_profile(profile or settings.recognition.profile)
        )
        self._model = _load(settings, self.profile, "facial_recognition", self.profile.recognition_model)
        shape = tuple(self._model.input_shape)  # deepface keeps (width, height)
        self._target = (int(shape[1]), int(shape[0]))  # (height, width), as represent passes it
        self._lock = threading.Lock()
        # dlib holds the GIL while it embeds: run it in a helper process (see dlib_process).
        self._dlib = (
            shared_process(_deepface.weights_folder(settings.weights_dir) / RESNET_FILE)
            if self.profile.recognition_model == "Dlib" and settings.recognition.dlib_in_subprocess
            else None
        )

    @property
    def model_name(self) -> str:
        return self.profile.model_name

    @property
    def dim(self) -> int:
        return self.profile.embedding_dim

    def _prepare(self, crop: object) -> NDArray[np.float32]:
        img = crop if _is_bgr(crop) else to_bgr(crop, what="A face crop")
        assert isinstance(img, np.ndarray)
        scaled = img.astype(np.float32) / 255.0
        resized: NDArray[np.float32] = _deepface.preprocessing().resize_image(
            img=scaled, target_size=self._target
        )
        return resized  # (1, h, w, 3), BGR in [0, 1]: deepface's "base" normalisation

    def _forward(self, batch: NDArray[np.float32]) -> Any:
        if self._dlib is not None:
            try:
                return self._dlib.embed(deepface_dlib_input(batch))
            except (OSError, EOFError) as exc:  # the helper died: carry on in this process
                log.warning("The dlib helper process stopped (%s); embedding in this process", exc)
                self._dlib = None
        predict = getattr(self._model, "predict", None)
        return predict(batch) if callable(predict) else self._model.forward(batch)

    def embed_crops(self, crops: Sequence[object], *, jitters: int = 0) -> Vector:
        """Vectors (n, dim) for aligned BGR face crops, in one batch per ``MAX_BATCH``.

        ``jitters`` is for dlib's chip path only; deepface's models have no such option.
        """
        del jitters
        if len(crops) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        out: list[Vector] = []
        for start in range(0, len(crops), MAX_BATCH):
            chunk = crops[start : start + MAX_BATCH]
            batch = np.concatenate([self._prepare(c) for c in chunk], axis=0)
            with self._lock:
                raw = self._forward(batch)
            vectors = np.asarray(raw, dtype=np.float32).reshape(len(chunk), -1)
            if vectors.shape[1] != self.dim:
                raise KioskError(
                    f"The {self.model_name} model produced {vectors.shape[1]}-number vectors "
                    f"instead of {self.dim}.",
                    "Its weight file is not the expected model: install it again with `kiosk models fetch`.",
                )
            try:
                out.append(l2_normalise(vectors))
            except InvalidVector as exc:  # a model that outputs NaN or zeros is broken, not the photo
                raise KioskError(
                    f"The {self.model_name} model produced unusable vectors ({exc}).",
                    "Its weight file may be damaged: install it again with `kiosk models fetch`.",
                ) from None
        return np.concatenate(out, axis=0)


def _is_bgr(crop: object) -> bool:
    return isinstance(crop, np.ndarray) and crop.dtype == np.uint8 and crop.ndim == 3 and crop.shape[2] == 3


class FaceDetector:
    """deepface's detector for a profile, run on a scaled-down copy of each frame."""

    def __init__(self, settings: Settings, profile: ModelProfile | str | None = None) -> None:
        prof = (
            profile
            if isinstance(profile, ModelProfile)
            else get_profile(profile or settings.recognition.profile)
        )
        self.profile = prof
        self.settings = settings.recognition
        self._detector = _load(settings, prof, "face_detector", prof.detector_backend)
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.profile.detector_backend

    def detect(self, frame_bgr: object, *, max_faces: int | None = None) -> list[DetectedFace]:
        frame = to_bgr(frame_bgr, what="The frame")
        height, width = frame.shape[:2]
        scale = min(1.0, self.settings.detect_width / width) if self.settings.detect_width > 0 else 1.0
        if scale < 1.0:
            size = (max(1, round(width * scale)), max(1, round(height * scale)))
            small = cv2.resize(frame, size, interpolation=cv2.INTER_AREA)
        else:
            small = frame
        with self._lock:
            regions = list(self._detector.detect_faces(small))
        if max_faces is not None and len(regions) > max_faces:
            regions = sorted(regions, key=lambda r: r.w * r.h, reverse=True)[:max_faces]
        sh, sw = small.shape[:2]
        faces = [self._face(frame, region, scale, sw, sh) for region in regions]
        faces = [f for f in faces if f is not None]
        log.debug("%d face(s) in a %dx%d frame", len(faces), width, height)
        return faces  # type: ignore[return-value]

    def _face(self, frame: ImageBGR, region: Any, scale: float, sw: int, sh: int) -> DetectedFace | None:
        height, width = frame.shape[:2]
        # detectors clip boxes to the image: a box touching an edge ran past it
        cut_off = region.x <= 0 or region.y <= 0 or region.x + region.w >= sw or region.y + region.h >= sh

        def up(v: float) -> int:
            return round(v / scale)

        def up_point(p: Any) -> Point | None:
            return None if p is None else (up(p[0]), up(p[1]))

        x, y = max(0, up(region.x)), max(0, up(region.y))
        w, h = min(width - x, up(region.w)), min(height - y, up(region.h))
        if w <= 1 or h <= 1:
            return None
        left_eye, right_eye = up_point(region.left_eye), up_point(region.right_eye)
        crop = self._aligned_crop(frame, region, x, y, w, h, left_eye, right_eye)
        if crop.size == 0:
            return None
        sharpness = face_sharpness(frame[y : y + h, x : x + w])
        rejection = judge(
            cut_off=cut_off,
            face_width=w,
            sharpness=sharpness,
            min_face_pixels=self.settings.min_face_pixels,
            min_sharpness=self.settings.min_sharpness,
        )
        return DetectedFace(
            box=FaceBox(x, y, w, h),
            left_eye=left_eye,
            right_eye=right_eye,
            confidence=float(region.confidence or 0.0),
            sharpness=sharpness,
            crop=crop,
            detector=self.name,
            rejection=rejection,
        )

    def _aligned_crop(
        self,
        frame: ImageBGR,
        region: Any,
        x: int,
        y: int,
        w: int,
        h: int,
        left_eye: Point | None,
        right_eye: Point | None,
    ) -> ImageBGR:
        if left_eye is None or right_eye is None:
            # deepface would fall back to OpenCV's Haar eye finder, which OpenCV 5 lacks
            return np.ascontiguousarray(frame[y : y + h, x : x + w])
        full_region = replace(region, x=x, y=y, w=w, h=h, left_eye=left_eye, right_eye=right_eye)
        # no border: deepface pads the region around the face itself when it is near an edge
        face = _deepface.detection().extract_face(
            facial_area=full_region,
            img=frame,
            align=True,
            expand_percentage=0,
            width_border=0,
            height_border=0,
            detector_backend=self.name,
        )
        return cast(ImageBGR, np.ascontiguousarray(face.img, dtype=np.uint8))


class FacePipeline:
    """Detection, quality gates and embedding for the configured (or given) profile.

    The models are loaded once, in the constructor, after checking the weight files
    (:func:`~kiosk.infra.recognition.weights.ensure_ready`); a missing or damaged file is a
    :class:`~kiosk.core.errors.WeightsMissing` with the ways on, never a traceback.
    Safe to call from one worker thread at a time per model (calls are serialised).
    """

    detector: FaceDetector | DlibChipDetector
    embedder: Embedder | DlibChipEmbedder

    def __init__(self, settings: Settings, profile: ModelProfile | str | None = None) -> None:
        self.settings = settings
        self.profile = ensure_ready(settings.weights_dir, profile or settings.recognition.profile)
        _deepface.configure(settings.weights_dir)
        if self.profile.face_path is FacePath.DLIB_CHIP:
            folder = weights_folder(settings.weights_dir)
            try:
                self.detector = DlibChipDetector(folder, settings.recognition)
                self.embedder = DlibChipEmbedder(
                    folder,
                    model_name=self.profile.model_name,
                    in_subprocess=settings.recognition.dlib_in_subprocess,
                )
            except RuntimeError as exc:  # dlib cannot read a damaged file
                raise describe_error(exc, self.profile, settings.weights_dir) from None
        else:
            self.detector = FaceDetector(settings, self.profile)
            self.embedder = Embedder(settings, self.profile)
        pin_unverified(settings.weights_dir, self.profile)
        log.info(
            "Face pipeline ready: %s (detector %s, %d-number vectors)",
            self.profile.model_name,
            self.profile.detector_backend,
            self.profile.embedding_dim,
        )

    @property
    def model_name(self) -> str:
        return self.profile.model_name

    @property
    def dim(self) -> int:
        return self.profile.embedding_dim

    def detect(self, frame_bgr: object, *, max_faces: int | None = None) -> list[DetectedFace]:
        """Faces in ``frame_bgr`` (largest first when ``max_faces`` limits them), each with its rejection reason."""
        return self.detector.detect(frame_bgr, max_faces=max_faces)

    def embed(self, faces: Sequence[DetectedFace], *, jitters: int = 0) -> Vector:
        """Vectors (n, dim), float32, L2-normalised, for ``faces`` (rejected or not), as one batch.

        ``jitters`` (dlib-offline only) averages that many jittered copies of each face: for
        enrollment photos, never for camera frames (it costs that many times the work).
        """
        return self.embedder.embed_crops([f.crop for f in faces], jitters=jitters)

    def analyse(self, frame_bgr: object, *, max_faces: int | None = None) -> FrameAnalysis:
        """Detect, gate, and embed the accepted faces of one frame in one batch."""
        frame = to_bgr(frame_bgr, what="The frame")
        faces = self.detect(frame, max_faces=max_faces)
        accepted = [f for f in faces if f.accepted]
        vectors = self.embed(accepted)
        by_id = {id(f): vectors[i] for i, f in enumerate(accepted)}
        analysed = tuple(AnalysedFace(f, by_id.get(id(f)), self.model_name) for f in faces)
        return FrameAnalysis(self.model_name, frame.shape[1], frame.shape[0], analysed)

    def embed_single(self, frame_bgr: object, *, jitters: int | None = None) -> tuple[DetectedFace, Vector]:
        """The one usable face of an enrollment photo and its vector.

        :class:`InvalidInput` when there is no face, more than one, or it fails a quality gate
        (saying what kind of photo would do). ``jitters`` defaults to
        ``[recognition] enroll_jitters``.
        """
        faces = self.detect(frame_bgr)
        if not faces:
            raise PhotoRejected(
                PhotoProblem.NO_FACE,
                "No face was found in the photo.",
                "Use a clear, front-facing photo of one person (a face of 80 px or more).",
            )
        if len(faces) > 1:
            raise PhotoRejected(
                PhotoProblem.SEVERAL_FACES,
                f"{len(faces)} faces were found in the photo.",
                "Use a photo showing only the student.",
            )
        face = faces[0]
        if face.rejection is not None:
            raise PhotoRejected(
                problem_of(face.rejection),
                f"The photo cannot be used. {self.advice(face)}",
                "Take or choose another photo.",
            )
        if jitters is None:
            jitters = self.settings.recognition.enroll_jitters
        return face, self.embed([face], jitters=jitters)[0]

    def advice(self, face: DetectedFace) -> str:
        """Why a photo's face was rejected and what kind of photo would be accepted."""
        if face.rejection is None:
            return ""
        rec = self.settings.recognition
        return photo_advice(
            face.rejection,
            face_width=face.box.w,
            sharpness=face.sharpness,
            min_face_pixels=rec.min_face_pixels,
            min_sharpness=rec.min_sharpness,
        )
