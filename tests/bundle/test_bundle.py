"""The frozen kiosk's model pack: manifest, start-up check, install into a data folder."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from kiosk.core.errors import KioskError
from kiosk.infra import bundle
from kiosk.infra.config import load_settings
from kiosk.infra.recognition import model_pack, weights
from kiosk.infra.recognition.profiles import DLIB_OFFLINE, FACENET512


def make_pack(root: Path) -> Path:
    """A pack like installer/build.sh makes, from the face-recognition-models package."""
    source = weights.offline_package_folder()
    assert source is not None
    folder = root / bundle.MODEL_PACK_FOLDER
    folder.mkdir(parents=True)
    entries = []
    for wf in DLIB_OFFLINE.weights:
        target = folder / wf.file_name
        shutil.copyfile(source / str(wf.offline_package_file), target)
        entries.append(
            bundle.PackFile(wf.file_name, bundle.sha256_of(target), target.stat().st_size, "dlib-offline")
        )
    bundle.write_pack_manifest(folder, entries, "9.9.9")
    return folder


@pytest.fixture(scope="module")
def pack_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bundle")
    make_pack(root)
    return root


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch, pack_root: Path) -> Path:
    """This process as PyInstaller runs it: sys.frozen set, sys._MEIPASS the bundle's folder."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(pack_root), raising=False)
    return pack_root


def test_not_frozen_means_no_bundle_and_no_pack() -> None:
    assert not bundle.is_frozen()
    assert bundle.bundle_root() is None and bundle.model_pack_dir() is None
    assert bundle.startup_problem() is None


def test_the_manifest_lists_each_file_with_its_sha256(pack_root: Path) -> None:
    folder = bundle.model_pack_dir(pack_root)
    assert folder is not None

    pack = bundle.read_pack(folder)

    assert set(pack) == set(DLIB_OFFLINE.file_names)
    for wf in DLIB_OFFLINE.weights:
        assert pack[wf.file_name].sha256 == wf.sha256  # the official files
    assert bundle.check_pack(folder, full=True) == []
    assert json.loads((folder / bundle.PACK_MANIFEST).read_text(encoding="utf-8"))["kiosk_version"] == "9.9.9"


def test_the_startup_check_finds_a_missing_or_truncated_file(tmp_path: Path) -> None:
    folder = make_pack(tmp_path)
    (folder / "shape_predictor_5_face_landmarks.dat").unlink()
    with (folder / "dlib_face_recognition_resnet_model_v1.dat").open("r+b") as fh:
        fh.truncate(1000)

    problem = bundle.startup_problem(tmp_path)

    assert isinstance(problem, KioskError)
    assert "shape_predictor_5_face_landmarks.dat is missing" in problem.message
    assert "dlib_face_recognition_resnet_model_v1.dat has 1000 bytes" in problem.message
    assert "Reinstall" in problem.hint


def test_a_pack_without_manifest_or_with_a_broken_one_is_reported(tmp_path: Path) -> None:
    (tmp_path / bundle.MODEL_PACK_FOLDER).mkdir()
    assert "has no manifest" in str(bundle.startup_problem(tmp_path))

    (tmp_path / bundle.MODEL_PACK_FOLDER / bundle.PACK_MANIFEST).write_text("{not json", encoding="utf-8")
    assert "cannot be read" in str(bundle.startup_problem(tmp_path))


def test_a_changed_file_of_the_same_size_fails_the_hash_and_is_never_installed(tmp_path: Path) -> None:
    folder = make_pack(tmp_path / "bundle")
    target = folder / "shape_predictor_5_face_landmarks.dat"
    data = bytearray(target.read_bytes())
    data[5000] ^= 0xFF
    target.write_bytes(bytes(data))
    settings = load_settings(data_dir=tmp_path / "data", env={"KIOSK_PROFILE": "dlib-offline"})

    assert bundle.startup_problem(tmp_path / "bundle") is None  # the cheap check: sizes only
    with pytest.raises(bundle.ModelPackDamaged, match="does not match its sha256"):
        model_pack.install_missing(settings.weights_dir, DLIB_OFFLINE, folder)
    assert not any(weights.weights_folder(settings.weights_dir).glob("*.dat"))


def test_install_missing_copies_the_profile_files_and_records_them(tmp_path: Path, pack_root: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", env={"KIOSK_PROFILE": "dlib-offline"})

    installed = model_pack.install_missing(
        settings.weights_dir, DLIB_OFFLINE, pack_root / bundle.MODEL_PACK_FOLDER
    )

    assert sorted(installed) == sorted(DLIB_OFFLINE.file_names)
    assert weights.profile_status(settings.weights_dir, DLIB_OFFLINE).installed
    recorded = weights.read_manifest(settings.weights_dir)
    assert {e["source"] for e in recorded.values()} == {f"bundle:{n}" for n in DLIB_OFFLINE.file_names}
    # already there: nothing to do; a profile the pack does not hold: nothing either
    assert (
        model_pack.install_missing(settings.weights_dir, DLIB_OFFLINE, pack_root / bundle.MODEL_PACK_FOLDER)
        == []
    )
    assert (
        model_pack.install_missing(settings.weights_dir, FACENET512, pack_root / bundle.MODEL_PACK_FOLDER)
        == []
    )


def test_a_frozen_kiosk_takes_its_weights_from_the_pack(tmp_path: Path, frozen: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", env={"KIOSK_PROFILE": "dlib-offline"})

    assert bundle.is_frozen() and bundle.model_pack_dir() == frozen / bundle.MODEL_PACK_FOLDER
    assert bundle.startup_problem() is None
    assert weights.offline_package_folder() == frozen / bundle.MODEL_PACK_FOLDER
    assert weights.ensure_ready(settings.weights_dir, settings.recognition.profile) is DLIB_OFFLINE
    sources = {e["source"] for e in weights.read_manifest(settings.weights_dir).values()}
    assert sources == {f"bundle:{n}" for n in DLIB_OFFLINE.file_names}


def test_a_frozen_kiosk_without_facenet_in_its_pack_still_names_the_ways_on(
    tmp_path: Path, frozen: Path
) -> None:
    settings = load_settings(data_dir=tmp_path / "data", env={"KIOSK_PROFILE": "facenet512"})

    with pytest.raises(KioskError, match="kiosk models import"):
        weights.ensure_ready(settings.weights_dir, settings.recognition.profile)


def write_facenet_standin(path: Path) -> None:
    """A tiny graph with Facenet512's signature ((N, 160, 160, 3) in, (N, 512) out)."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    weight = numpy_helper.from_array(np.ones((3, 512), dtype=np.float32), "w")
    nodes = [
        helper.make_node("ReduceMean", ["input_1"], ["rows"], axes=[1, 2], keepdims=0),  # (N, 3)
        helper.make_node("MatMul", ["rows", "w"], ["embedding"]),  # (N, 512)
    ]
    graph = helper.make_graph(
        nodes,
        "facenet512-standin",
        [helper.make_tensor_value_info("input_1", TensorProto.FLOAT, ["N", 160, 160, 3])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["N", 512])],
        initializer=[weight],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, str(path))


def test_a_pack_with_facenet_installs_what_it_has_and_names_what_is_still_missing(tmp_path: Path) -> None:
    folder = tmp_path / "bundle" / bundle.MODEL_PACK_FOLDER
    folder.mkdir(parents=True)
    graph = folder / "facenet512_weights.onnx"
    write_facenet_standin(graph)
    entry = bundle.PackFile(graph.name, bundle.sha256_of(graph), graph.stat().st_size, "facenet512")
    bundle.write_pack_manifest(folder, [entry], "9.9.9")
    settings = load_settings(data_dir=tmp_path / "data", env={"KIOSK_PROFILE": "facenet512"})

    assert model_pack.install_missing(settings.weights_dir, FACENET512, folder) == ["facenet512_weights.onnx"]

    st = weights.profile_status(settings.weights_dir, FACENET512)
    assert st.missing == ("face_detection_yunet_2023mar.onnx",)
    assert weights.read_manifest(settings.weights_dir)["facenet512_weights.onnx"]["sha256"] == entry.sha256
