"""dlib-offline on dlib's canonical path (HOG box, 5 landmarks, aligned chip), on real photos."""

from __future__ import annotations

import uuid
from itertools import combinations

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray

from kiosk.core.errors import InvalidInput, ModelMismatch
from kiosk.infra.config import Settings
from kiosk.infra.recognition.dlib_chip import CHIP_SIZE
from kiosk.infra.recognition.images import load_image
from kiosk.infra.recognition.index import FaceIndex
from kiosk.infra.recognition.pipeline import FacePipeline, RejectReason
from kiosk.infra.recognition.weights import weights_folder
from tests.recognition.conftest import FACES_DIR

pytestmark = pytest.mark.recognition


def test_the_chip_path_is_dlibs_canonical_call(
    dlib_settings: Settings, dlib_pipeline: FacePipeline, portrait: NDArray[np.uint8]
) -> None:
    """Our chip and vector equal dlib's compute_face_descriptor(image, shape) on the same face."""
    import dlib

    folder = weights_folder(dlib_settings.weights_dir)
    rgb = cv2.cvtColor(portrait, cv2.COLOR_BGR2RGB)
    (rect,) = dlib.get_frontal_face_detector()(rgb, 1)
    shape = dlib.shape_predictor(str(folder / "shape_predictor_5_face_landmarks.dat"))(rgb, rect)
    model = dlib.face_recognition_model_v1(str(folder / "dlib_face_recognition_resnet_model_v1.dat"))
    reference = np.asarray(model.compute_face_descriptor(rgb, shape), dtype=np.float32)
    reference /= np.linalg.norm(reference)

    face, vector = dlib_pipeline.embed_single(portrait, jitters=0)

    assert face.crop.shape == (CHIP_SIZE, CHIP_SIZE, 3)
    assert dlib_pipeline.model_name == "Dlib-chip"
    assert (
        float(vector @ reference) > 0.999
    )  # the portrait is large: detection at 480 px moves the box a little


def _embed_all(pipeline: FacePipeline) -> tuple[NDArray[np.float32], list[str]]:
    vectors, labels = [], []
    for photo in sorted((FACES_DIR / "people").glob("*/*.jpg")):
        _, vector = pipeline.embed_single(load_image(photo), jitters=0)
        vectors.append(vector)
        labels.append(photo.parent.name)
    return np.stack(vectors), labels


def _separation(vectors: NDArray[np.float32], labels: list[str]) -> tuple[float, float, int]:
    """Mean same-person minus mean different-person similarity, d', and overlapping pairs."""
    sims = vectors @ vectors.T
    pairs = list(combinations(range(len(labels)), 2))
    same = np.array([sims[i, j] for i, j in pairs if labels[i] == labels[j]])
    diff = np.array([sims[i, j] for i, j in pairs if labels[i] != labels[j]])
    d_prime = (same.mean() - diff.mean()) / np.sqrt((same.var() + diff.var()) / 2)
    overlap = int((diff >= same.min()).sum() + (same <= diff.max()).sum())
    return float(same.mean() - diff.mean()), float(d_prime), overlap


@pytest.mark.slow
def test_the_chip_path_separates_people_more_widely_than_the_old_path(
    dlib_pipeline: FacePipeline, old_dlib_pipeline: FacePipeline
) -> None:
    """Every photo of tests/data/faces (13 people, 61 photos) through both paths."""
    new, labels = _embed_all(dlib_pipeline)
    old, old_labels = _embed_all(old_dlib_pipeline)
    assert labels == old_labels and len(labels) == 61

    new_gap, new_d, new_overlap = _separation(new, labels)
    old_gap, old_d, old_overlap = _separation(old, labels)

    assert new_gap > old_gap + 0.01  # measured: 0.133 vs 0.117
    assert new_d > old_d  # measured: 5.3 vs 4.6
    assert new_overlap <= old_overlap  # pairs on the wrong side of the other distribution's extreme
    # same-person pairs are, on average, far above different-person pairs
    sims = new @ new.T
    for i, j in combinations(range(len(labels)), 2):
        if labels[i] == labels[j]:
            assert sims[i, j] > 0.9


def test_old_and_new_encodings_are_never_compared(
    dlib_pipeline: FacePipeline, old_dlib_pipeline: FacePipeline, portrait: NDArray[np.uint8]
) -> None:
    assert dlib_pipeline.model_name == "Dlib-chip" and old_dlib_pipeline.model_name == "Dlib"
    _, new_vector = dlib_pipeline.embed_single(portrait, jitters=0)
    _, old_vector = old_dlib_pipeline.embed_single(portrait)
    index = FaceIndex.build(old_vector[None, :], [uuid.uuid4()], old_dlib_pipeline.model_name)

    with pytest.raises(ModelMismatch):
        index.search(new_vector, dlib_pipeline.model_name)


def _face_of_width(image: NDArray[np.uint8], pipeline: FacePipeline, width: int) -> NDArray[np.uint8]:
    (face,) = pipeline.detect(image)
    scale = width / face.box.w
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def test_the_gate_accepts_a_sharp_90_px_face_and_rejects_a_blurred_one(
    dlib_pipeline: FacePipeline, portrait: NDArray[np.uint8]
) -> None:
    """A roster-sized photo (face about 90 px wide) is normal; blur is judged relative to the face."""
    small = _face_of_width(portrait, dlib_pipeline, 90)
    (sharp,) = dlib_pipeline.detect(small)
    assert 80 <= sharp.box.w <= 100
    assert sharp.accepted, dlib_pipeline.advice(sharp)
    dlib_pipeline.embed_single(small)  # an enrollment photo like this is taken

    blurred = cv2.GaussianBlur(small, (0, 0), 2.5)  # about 3% of the face's width
    (face,) = dlib_pipeline.detect(blurred)
    assert face.rejection is RejectReason.BLURRED
    with pytest.raises(InvalidInput) as info:
        dlib_pipeline.embed_single(blurred)
    assert "blurred" in info.value.message and "in focus" in info.value.message


def test_a_rejected_photo_says_what_would_make_it_usable(
    dlib_pipeline: FacePipeline, portrait: NDArray[np.uint8]
) -> None:
    tiny = np.full((480, 640, 3), 128, dtype=np.uint8)
    small = cv2.resize(portrait, None, fx=0.2, fy=0.2, interpolation=cv2.INTER_AREA)  # a face ~42 px wide
    tiny[100 : 100 + small.shape[0], 250 : 250 + small.shape[1]] = small

    with pytest.raises(InvalidInput) as info:
        dlib_pipeline.embed_single(tiny)

    assert "px wide" in info.value.message and "at least 60 px" in info.value.message
