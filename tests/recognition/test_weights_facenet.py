"""Facenet512 through deepface's ONNX engine.

The real weights cannot be downloaded here, so a tiny ONNX graph with Facenet512's exact
signature (deepface's ``facenet512_weights.onnx``: channels-last (N, 160, 160, 3) float
input, (N, 512) output) stands in for them: it checks the file name, the import, deepface's
loading path and our batching and normalisation. Tests with the real weights are marked
``facenet_weights`` and skipped without them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from kiosk.core.errors import WeightsMissing
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.recognition import weights
from kiosk.infra.recognition.images import load_image
from kiosk.infra.recognition.pipeline import Embedder, FacePipeline
from kiosk.infra.recognition.profiles import FACENET512
from kiosk.infra.recognition.weights import FileState, WeightsCorrupt

FACES_DIR = Path(__file__).resolve().parents[1] / "data" / "faces"


def write_standin(path: Path, output_dim: int = 512) -> None:
    """A graph shaped like Facenet512: per-row pixel statistics times a fixed random matrix."""
    rng = np.random.default_rng(7)
    weight = numpy_helper.from_array(rng.standard_normal((6, output_dim)).astype(np.float32), "w")
    nodes = [
        helper.make_node("ReduceMean", ["input_1"], ["mean_hw"], axes=[2], keepdims=0),  # (N, 160, 3)
        helper.make_node("ReduceMean", ["mean_hw"], ["mean"], axes=[1], keepdims=0),  # (N, 3)
        helper.make_node("ReduceMax", ["mean_hw"], ["peak"], axes=[1], keepdims=0),  # (N, 3)
        helper.make_node("Concat", ["mean", "peak"], ["features"], axis=1),  # (N, 6)
        helper.make_node("MatMul", ["features", "w"], ["embedding"]),  # (N, dim)
    ]
    graph = helper.make_graph(
        nodes,
        "facenet512-standin",
        [helper.make_tensor_value_info("input_1", TensorProto.FLOAT, ["N", 160, 160, 3])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["N", output_dim])],
        initializer=[weight],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def settings_for(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", env={"KIOSK_PROFILE": "facenet512"})


def face_crops() -> list[np.ndarray]:
    crops = []
    for rel in ("people/person01/1.jpg", "people/person02/1.jpg", "people/person03/1.jpg"):
        img = load_image(FACES_DIR / rel)
        h, w = img.shape[:2]
        crops.append(np.ascontiguousarray(img[h // 5 : h // 5 + w // 2, w // 4 : w // 4 + w // 2]))
    return crops


def test_a_facenet512_shaped_graph_loads_through_deepface(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    stick = tmp_path / "usb"
    stick.mkdir()
    write_standin(stick / "facenet512_weights.onnx")

    assert weights.import_weights(settings.weights_dir, stick) == ["facenet512_weights.onnx"]
    state = {f.file_name: f.state for f in weights.profile_status(settings.weights_dir, FACENET512).files}
    assert state["facenet512_weights.onnx"] is FileState.INSTALLED
    assert state["face_detection_yunet_2023mar.onnx"] is FileState.MISSING

    embedder = Embedder(settings, FACENET512)

    # deepface's own ONNX client, reading the file by its deepface name from our folder
    assert type(embedder._model).__name__ == "FaceNet512dClient"
    assert embedder.model_name == "Facenet512"
    vectors = embedder.embed_crops(face_crops())
    assert vectors.shape == (3, 512) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(vectors[0], vectors[1])
    singles = np.concatenate([embedder.embed_crops([c]) for c in face_crops()])
    assert np.allclose(vectors, singles, atol=1e-5)


def test_the_pipeline_still_needs_the_yunet_detector(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    write_standin(tmp_path / "facenet512_weights.onnx")
    weights.import_weights(settings.weights_dir, tmp_path / "facenet512_weights.onnx")

    with pytest.raises(WeightsMissing, match=r"face_detection_yunet_2023mar\.onnx"):
        FacePipeline(settings)


def test_a_graph_with_the_wrong_output_size_is_refused(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    write_standin(tmp_path / "facenet512_weights.onnx", output_dim=128)

    with pytest.raises(WeightsCorrupt, match="512"):
        weights.import_weights(settings.weights_dir, tmp_path / "facenet512_weights.onnx")


@pytest.mark.facenet_weights
@pytest.mark.recognition
def test_real_facenet512_finds_and_tells_faces_apart(facenet_settings: Settings) -> None:
    pipeline = FacePipeline(facenet_settings)
    faces = {}
    for rel in ("people/person01/1.jpg", "people/person01/2.jpg", "people/person02/1.jpg"):
        found = [f for f in pipeline.detect(load_image(FACES_DIR / rel)) if f.accepted]
        assert len(found) == 1, rel
        faces[rel] = found[0]
    assert len(pipeline.detect(load_image(FACES_DIR / "groups" / "couple.jpg"))) >= 2

    v = pipeline.embed(list(faces.values()))

    assert v.shape == (3, 512) and pipeline.model_name == "Facenet512"
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2])


def test_a_file_placed_by_hand_is_pinned_once_it_loads(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    folder = weights.weights_folder(settings.weights_dir)
    folder.mkdir(parents=True)
    write_standin(folder / "facenet512_weights.onnx")  # copied by hand, as deepface's docs say
    state = {f.file_name: f.state for f in weights.profile_status(settings.weights_dir, FACENET512).files}
    assert state["facenet512_weights.onnx"] is FileState.UNVERIFIED

    Embedder(settings, FACENET512)
    assert weights.pin_unverified(settings.weights_dir, FACENET512) == ["facenet512_weights.onnx"]
    state = {f.file_name: f.state for f in weights.profile_status(settings.weights_dir, FACENET512).files}
    assert state["facenet512_weights.onnx"] is FileState.INSTALLED

    (folder / "facenet512_weights.onnx").unlink()
    write_standin(folder / "facenet512_weights.onnx", output_dim=128)  # swapped afterwards
    state = {f.file_name: f.state for f in weights.profile_status(settings.weights_dir, FACENET512).files}
    assert state["facenet512_weights.onnx"] is FileState.CORRUPT
