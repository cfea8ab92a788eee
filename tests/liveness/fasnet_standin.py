"""Stand-ins for deepface's FasNet graphs (the real weights cannot be downloaded here).

Each graph has the real files' signature: channels-last (N, 80, 80, 3) float pixels in
[0, 255] in, (N, 3) softmax over (spoof, real, spoof) out. What it computes is made up so a
test can steer it: a face crop whose mean brightness is below ``pivot`` comes out "real",
above it "spoof" (a washed-out, glaring screen). It says nothing about real spoofs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

FILES = ("2.7_80x80_MiniFASNetV2.onnx", "4_0_0_80x80_MiniFASNetV1SE.onnx")


def write_fasnet_standin(path: Path, *, pivot: float = 170.0, output_dim: int = 3, side: int = 80) -> None:
    slope = numpy_helper.from_array(np.array([[0.1, -0.1, 0.0][:output_dim]], np.float32), "slope")
    centre = numpy_helper.from_array(np.array([pivot], np.float32), "pivot")
    axes = numpy_helper.from_array(np.array([1, 2, 3], np.int64), "axes")
    last = numpy_helper.from_array(np.array([1], np.int64), "last")
    nodes = [
        helper.make_node("ReduceMean", ["input", "axes"], ["mean"], keepdims=0),  # (N,)
        helper.make_node("Sub", ["mean", "pivot"], ["centred"]),
        helper.make_node("Unsqueeze", ["centred", "last"], ["column"]),  # (N, 1)
        helper.make_node("Mul", ["column", "slope"], ["logits"]),  # (N, 3)
        helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
    ]
    graph = helper.make_graph(
        nodes,
        "fasnet-standin",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", side, side, 3])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", output_dim])],
        initializer=[slope, centre, axes, last],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(path))


def write_fasnet_standins(folder: Path, **kwargs: float) -> list[Path]:
    paths = [folder / name for name in FILES]
    for path in paths:
        write_fasnet_standin(path, **kwargs)  # type: ignore[arg-type]
    return paths
