"""The face pipeline on real photos with the real dlib-offline models."""

from __future__ import annotations

import dataclasses
from itertools import combinations
from pathlib import Path

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray

from kiosk.core.errors import InvalidInput
from kiosk.infra.config import Settings
from kiosk.infra.recognition.images import load_image
from kiosk.infra.recognition.pipeline import FacePipeline, RejectReason

FACES_DIR = Path(__file__).resolve().parents[1] / "data" / "faces"
COUPLE = FACES_DIR / "groups" / "couple.jpg"
SELFIE = FACES_DIR / "groups" / "selfie-many-people.jpg"

pytestmark = pytest.mark.recognition


def test_one_face_in_a_portrait(dlib_pipeline: FacePipeline, portrait: NDArray[np.uint8]) -> None:
    faces = dlib_pipeline.detect(portrait)

    assert len(faces) == 1
    face = faces[0]
    assert face.accepted, face.rejection
    h, w = portrait.shape[:2]
    box = face.box
    assert box.x > 0 and box.x + box.w < w and box.y > 0 and box.y + box.h < h
    assert box.w >= 150  # the face fills much of the photo
    assert face.left_eye is not None and face.right_eye is not None
    for ex, ey in (face.left_eye, face.right_eye):
        assert box.x <= ex <= box.x + box.w and box.y <= ey <= box.y + box.h
    # the person's left eye is on the viewer's right
    assert face.left_eye[0] > face.right_eye[0]
    assert face.crop.dtype == np.uint8 and face.crop.ndim == 3 and face.crop.shape[2] == 3
    assert face.detector == "dlib"


def test_two_or_more_faces_in_a_group_photo(dlib_pipeline: FacePipeline) -> None:
    faces = dlib_pipeline.detect(load_image(COUPLE))

    assert len(faces) >= 2
    assert sum(f.accepted for f in faces) >= 2
    boxes = sorted((f.box for f in faces), key=lambda b: b.x)
    assert boxes[0].x + boxes[0].w <= boxes[1].x  # side by side, not the same face twice


def test_vectors_are_unit_length_float32_with_the_model_name(
    dlib_pipeline: FacePipeline, portrait: NDArray[np.uint8]
) -> None:
    analysis = dlib_pipeline.analyse(portrait)

    assert analysis.model_name == "Dlib-chip"
    assert (analysis.width, analysis.height) == (portrait.shape[1], portrait.shape[0])
    vectors = analysis.embeddings(dlib_pipeline.dim)
    assert vectors.shape == (1, 128) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert all(f.model_name == "Dlib-chip" for f in analysis.faces)


def test_same_person_is_closer_than_different_people(dlib_pipeline: FacePipeline) -> None:
    photos = {
        "person01": ["1.jpg", "2.jpg"],
        "person02": ["1.jpg", "2.jpg"],
        "person03": ["1.jpg", "2.jpg"],
    }
    labels: list[str] = []
    faces = []
    for person, files in photos.items():
        for name in files:
            found = [
                f
                for f in dlib_pipeline.detect(load_image(FACES_DIR / "people" / person / name))
                if f.accepted
            ]
            assert len(found) == 1, f"{person}/{name}"
            faces.append(found[0])
            labels.append(person)
    vectors = dlib_pipeline.embed(faces)  # one batch for all six
    sims = vectors @ vectors.T

    same = [sims[i, j] for i, j in combinations(range(len(labels)), 2) if labels[i] == labels[j]]
    different = [sims[i, j] for i, j in combinations(range(len(labels)), 2) if labels[i] != labels[j]]
    assert min(same) > max(different)
    assert np.mean(same) - np.mean(different) > 0.05


def test_a_batch_gives_the_same_vectors_as_one_by_one(dlib_pipeline: FacePipeline) -> None:
    faces = [f for f in dlib_pipeline.detect(load_image(COUPLE)) if f.accepted][:2]

    together = dlib_pipeline.embed(faces)
    apart = np.concatenate([dlib_pipeline.embed([f]) for f in faces])

    assert together.shape == (2, 128)
    assert np.allclose(together, apart, atol=1e-5)
    assert dlib_pipeline.embed([]).shape == (0, 128)


def test_boxes_are_scaled_back_to_the_full_frame(
    dlib_pipeline: FacePipeline, portrait: NDArray[np.uint8]
) -> None:
    """A frame twice as wide is detected at detect_width, and its box comes back twice as big."""
    big = cv2.resize(portrait, None, fx=2, fy=2, interpolation=cv2.INTER_LINEAR)
    small_box = dlib_pipeline.detect(portrait)[0].box
    big_faces = dlib_pipeline.detect(big)

    assert len(big_faces) == 1
    big_box = big_faces[0].box
    for a, b in zip(dataclasses.astuple(small_box), dataclasses.astuple(big_box), strict=True):
        assert abs(b - 2 * a) <= 0.06 * 2 * small_box.w


def test_vectors_match_deepface_represent(
    old_dlib_pipeline: FacePipeline, portrait: NDArray[np.uint8]
) -> None:
    """On the deepface path: same preprocessing as DeepFace.represent, so vectors from either are comparable.

    Given deepface's own crop, the vector is the same; the whole pipeline differs only
    because deepface detects on a copy padded with black borders, which moves dlib's box
    by a few pixels.
    """
    from deepface import DeepFace
    from deepface.modules import detection

    theirs = DeepFace.represent(
        portrait, model_name="Dlib", detector_backend="dlib", align=True, l2_normalize=True
    )
    assert len(theirs) == 1
    reference = np.asarray(theirs[0]["embedding"], dtype=np.float32)
    their_crop = detection.extract_faces(
        portrait, detector_backend="dlib", color_face="bgr", normalize_face=False
    )
    same_crop = old_dlib_pipeline.embedder.embed_crops([their_crop[0]["face"].astype(np.uint8)])[0]
    ours = old_dlib_pipeline.analyse(portrait).embeddings(128)[0]

    assert float(same_crop @ reference) > 0.9999
    assert float(ours @ reference) > 0.97


# --- quality gates ------------------------------------------------------------------------


def test_a_blurred_face_is_rejected(dlib_pipeline: FacePipeline, portrait: NDArray[np.uint8]) -> None:
    blurred = cv2.GaussianBlur(portrait, (0, 0), 5)

    faces = dlib_pipeline.detect(blurred)

    assert len(faces) == 1
    assert faces[0].rejection is RejectReason.BLURRED
    assert faces[0].sharpness < dlib_pipeline.settings.recognition.min_sharpness
    analysis = dlib_pipeline.analyse(blurred)
    assert analysis.accepted == () and len(analysis.rejected) == 1
    assert analysis.embeddings(128).shape == (0, 128)


def test_a_small_face_is_rejected(dlib_pipeline: FacePipeline, portrait: NDArray[np.uint8]) -> None:
    """A face about 45 pixels wide, far from the camera, in a 640x480 frame."""
    small = cv2.resize(portrait, None, fx=0.2, fy=0.2, interpolation=cv2.INTER_AREA)
    frame = np.full((480, 640, 3), 128, dtype=np.uint8)
    frame[100 : 100 + small.shape[0], 250 : 250 + small.shape[1]] = small

    faces = dlib_pipeline.detect(frame)

    assert len(faces) == 1
    assert faces[0].box.w < dlib_pipeline.settings.recognition.min_face_pixels
    assert faces[0].rejection is RejectReason.TOO_SMALL


def test_a_face_cut_by_the_frame_edge_is_rejected(
    dlib_pipeline: FacePipeline, portrait: NDArray[np.uint8]
) -> None:
    cut = np.ascontiguousarray(portrait[:, 180:])  # the left part of the face is outside

    faces = dlib_pipeline.detect(cut)

    assert len(faces) == 1
    assert faces[0].rejection is RejectReason.CUT_OFF
    assert faces[0].box.x == 0


def test_the_group_selfie_has_a_face_cut_by_the_left_edge(dlib_pipeline: FacePipeline) -> None:
    faces = dlib_pipeline.detect(load_image(SELFIE))

    assert sum(f.accepted for f in faces) >= 2
    assert [f.box.x for f in faces if f.rejection is RejectReason.CUT_OFF] == [0]


def test_thresholds_come_from_the_settings(dlib_settings: Settings, portrait: NDArray[np.uint8]) -> None:
    strict = dataclasses.replace(
        dlib_settings,
        recognition=dataclasses.replace(dlib_settings.recognition, min_face_pixels=1000),
    )
    faces = FacePipeline(strict).detect(portrait)  # models are shared, not loaded again

    assert [f.rejection for f in faces] == [RejectReason.TOO_SMALL]


# --- input handling -----------------------------------------------------------------------


def test_grayscale_and_transparent_frames_are_accepted(
    dlib_pipeline: FacePipeline, portrait: NDArray[np.uint8]
) -> None:
    gray = cv2.cvtColor(portrait, cv2.COLOR_BGR2GRAY)
    bgra = cv2.cvtColor(portrait, cv2.COLOR_BGR2BGRA)

    assert len(dlib_pipeline.analyse(gray).accepted) == 1
    assert len(dlib_pipeline.analyse(bgra).accepted) == 1


@pytest.mark.parametrize(
    "frame",
    [np.zeros((0, 0, 3), np.uint8), np.zeros((480, 640, 5), np.uint8), "not an image", None],
    ids=["empty", "five-channels", "text", "none"],
)
def test_bad_frames_are_invalid_input(dlib_pipeline: FacePipeline, frame: object) -> None:
    with pytest.raises(InvalidInput):
        dlib_pipeline.detect(frame)


def test_a_frame_without_faces_gives_nothing(dlib_pipeline: FacePipeline) -> None:
    frame = np.full((360, 640, 3), 90, dtype=np.uint8)
    assert dlib_pipeline.detect(frame) == []
    assert dlib_pipeline.analyse(frame).faces == ()


def test_enrollment_photo_needs_exactly_one_usable_face(
    dlib_pipeline: FacePipeline, portrait: NDArray[np.uint8]
) -> None:
    face, vector = dlib_pipeline.embed_single(portrait)
    assert face.accepted and vector.shape == (128,)

    with pytest.raises(InvalidInput, match="faces were found"):
        dlib_pipeline.embed_single(load_image(COUPLE))
    with pytest.raises(InvalidInput, match="No face"):
        dlib_pipeline.embed_single(np.full((300, 300, 3), 200, dtype=np.uint8))
    with pytest.raises(InvalidInput, match="blurred"):
        dlib_pipeline.embed_single(cv2.GaussianBlur(portrait, (0, 0), 5))
