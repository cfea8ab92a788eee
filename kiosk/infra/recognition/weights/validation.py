"""Checking that a weight file is the model it claims to be (checksum, or loading it)."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.errors import WeightsMissing
from kiosk.infra.recognition.profiles import WeightFile, WeightKind
from kiosk.infra.recognition.weights.manifest import sha256_of


class WeightsCorrupt(WeightsMissing):
    """A weight file is present but damaged, truncated or not the expected model."""


def corrupt(file_name: str, path: Path, why: str) -> WeightsCorrupt:
    return WeightsCorrupt(
        f"The weight file {file_name} at {path} is damaged or not the expected model ({why}).",
        "Delete it and install it again: `kiosk models fetch`, `kiosk models import PATH`, "
        "or `kiosk models use dlib-offline`.",
    )


def _validate_onnx_graph(path: Path, wf: WeightFile) -> None:
    import onnxruntime as ort

    try:
        options = ort.SessionOptions()
        options.log_severity_level = 3
        session = ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own exception types
        raise corrupt(wf.file_name, path, f"not a loadable ONNX graph: {type(exc).__name__}") from None
    inputs, outputs = session.get_inputs(), session.get_outputs()
    if wf.input_shape is not None:
        shape = tuple(inputs[0].shape) if inputs else ()
        # a dimension the graph leaves open (a name instead of a number) takes any size
        fixed = tuple(d if isinstance(d, int) else w for d, w in zip(shape[1:], wf.input_shape, strict=False))
        if len(shape) != 4 or fixed != wf.input_shape:
            raise corrupt(wf.file_name, path, f"input shape {shape}, expected (N, {wf.input_shape})")
    if wf.output_dim is not None:
        shape = tuple(outputs[0].shape) if outputs else ()
        if len(shape) != 2 or shape[-1] != wf.output_dim:
            raise corrupt(wf.file_name, path, f"output shape {shape}, expected (N, {wf.output_dim})")


def _validate_yunet(path: Path, wf: WeightFile) -> None:
    import cv2

    try:
        cv2.FaceDetectorYN.create(str(path), "", (320, 320))
    except cv2.error:
        raise corrupt(wf.file_name, path, "OpenCV cannot load it as a YuNet face detector") from None


def _validate_dlib(path: Path, wf: WeightFile) -> None:
    import dlib

    loader = (
        dlib.shape_predictor if wf.kind is WeightKind.DLIB_SHAPE_PREDICTOR else dlib.face_recognition_model_v1
    )
    try:
        loader(str(path))
    except RuntimeError as exc:
        raise corrupt(wf.file_name, path, f"dlib cannot load it: {str(exc).splitlines()[0][:120]}") from None


def validate_weight_file(path: Path, wf: WeightFile) -> None:
    """Check ``path`` loads as the model ``wf`` describes; :class:`WeightsCorrupt` if not."""
    if not path.is_file() or path.stat().st_size == 0:
        raise corrupt(wf.file_name, path, "empty or not a file")
    if wf.sha256 is not None:
        digest = sha256_of(path)
        if digest != wf.sha256:
            raise corrupt(wf.file_name, path, "its checksum does not match the official file")
        return  # the official file: loading it again would only cost time
    if wf.kind is WeightKind.ONNX:
        if wf.file_name.startswith("face_detection_yunet"):
            _validate_yunet(path, wf)
        else:
            _validate_onnx_graph(path, wf)
    else:
        _validate_dlib(path, wf)
