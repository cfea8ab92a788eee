"""An ONNX graph with Facenet512's real architecture and random weights, to time it.

Facenet512 (deepface's ``facenet512_weights.onnx``) is Inception-ResNet-v1 on a
channels-last (N, 160, 160, 3) input with a 512-number output. Its weights cannot be
downloaded here; the compute does not depend on them, so this builds the same layers with
random weights (batch normalisation folded into the convolutions, as an exported inference
graph has it): the stem, 5 Inception-ResNet-A blocks (scale 0.17), reduction A, 10
Inception-ResNet-B blocks (scale 0.10), reduction B, 5 Inception-ResNet-C blocks (scale
0.20, the last without ReLU), global average pooling and the 512-unit bottleneck with its
batch normalisation. About 21.9 million weights: the published 23.5 million also count
the batch-normalisation statistics, folded in here.

    python benchmarks/facenet_graph.py /tmp/facenet512_weights.onnx
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


class _Builder:
    def __init__(self, seed: int = 0) -> None:
        self.rng = np.random.default_rng(seed)
        self.nodes: list[onnx.NodeProto] = []
        self.weights: list[onnx.TensorProto] = []
        self.count = 0
        self.params = 0

    def name(self, kind: str) -> str:
        self.count += 1
        return f"{kind}_{self.count}"

    def const(self, array: np.ndarray, kind: str) -> str:
        name = self.name(kind)
        self.weights.append(numpy_helper.from_array(array.astype(np.float32), name))
        self.params += int(array.size)
        return name

    def conv(
        self,
        x: str,
        cin: int,
        cout: int,
        kernel: tuple[int, int],
        *,
        stride: int = 1,
        same: bool = True,
        relu: bool = True,
    ) -> str:
        kh, kw = kernel
        fan_in = cin * kh * kw
        w = self.const(self.rng.standard_normal((cout, cin, kh, kw)) * np.sqrt(2.0 / fan_in), "w")
        b = self.const(np.zeros(cout), "b")
        pads = [(kh - 1) // 2, (kw - 1) // 2, kh // 2, kw // 2] if same else [0, 0, 0, 0]
        out = self.name("conv")
        self.nodes.append(
            helper.make_node(
                "Conv", [x, w, b], [out], kernel_shape=[kh, kw], strides=[stride, stride], pads=pads
            )
        )
        if not relu:
            return out
        act = self.name("relu")
        self.nodes.append(helper.make_node("Relu", [out], [act]))
        return act

    def op(self, kind: str, inputs: list[str], **attrs: object) -> str:
        out = self.name(kind.lower())
        self.nodes.append(helper.make_node(kind, inputs, [out], **attrs))
        return out

    def maxpool(self, x: str) -> str:
        return self.op("MaxPool", [x], kernel_shape=[3, 3], strides=[2, 2])

    def residual(self, x: str, branches: str, cin: int, cmid: int, scale: float, relu: bool = True) -> str:
        up = self.conv(branches, cmid, cin, (1, 1), relu=False)
        scaled = self.op("Mul", [up, self.const(np.array(scale), "scale")])
        added = self.op("Add", [x, scaled])
        return self.op("Relu", [added]) if relu else added


def build_facenet512(path: Path, *, seed: int = 0) -> int:
    """Write the graph to ``path``; returns its parameter count."""
    g = _Builder(seed)
    x = g.op("Transpose", ["input_1"], perm=[0, 3, 1, 2])  # NHWC in, as deepface feeds it
    # stem: 160 -> 79 -> 77 -> 77 -> 38 -> 38 -> 36 -> 17
    x = g.conv(x, 3, 32, (3, 3), stride=2, same=False)
    x = g.conv(x, 32, 32, (3, 3), same=False)
    x = g.conv(x, 32, 64, (3, 3))
    x = g.maxpool(x)
    x = g.conv(x, 64, 80, (1, 1), same=False)
    x = g.conv(x, 80, 192, (3, 3), same=False)
    x = g.conv(x, 192, 256, (3, 3), stride=2, same=False)
    for _ in range(5):  # Inception-ResNet-A, 17x17x256
        b0 = g.conv(x, 256, 32, (1, 1))
        b1 = g.conv(g.conv(x, 256, 32, (1, 1)), 32, 32, (3, 3))
        b2 = g.conv(g.conv(g.conv(x, 256, 32, (1, 1)), 32, 32, (3, 3)), 32, 32, (3, 3))
        x = g.residual(x, g.op("Concat", [b0, b1, b2], axis=1), 256, 96, 0.17)
    # reduction A: 17 -> 8, 256 -> 896
    b0 = g.conv(x, 256, 384, (3, 3), stride=2, same=False)
    b1 = g.conv(g.conv(g.conv(x, 256, 192, (1, 1)), 192, 192, (3, 3)), 192, 256, (3, 3), stride=2, same=False)
    x = g.op("Concat", [b0, b1, g.maxpool(x)], axis=1)
    for _ in range(10):  # Inception-ResNet-B, 8x8x896
        b0 = g.conv(x, 896, 128, (1, 1))
        b1 = g.conv(g.conv(g.conv(x, 896, 128, (1, 1)), 128, 128, (1, 7)), 128, 128, (7, 1))
        x = g.residual(x, g.op("Concat", [b0, b1], axis=1), 896, 256, 0.10)
    # reduction B: 8 -> 3, 896 -> 1792
    b0 = g.conv(g.conv(x, 896, 256, (1, 1)), 256, 384, (3, 3), stride=2, same=False)
    b1 = g.conv(g.conv(x, 896, 256, (1, 1)), 256, 256, (3, 3), stride=2, same=False)
    b2 = g.conv(g.conv(g.conv(x, 896, 256, (1, 1)), 256, 256, (3, 3)), 256, 256, (3, 3), stride=2, same=False)
    x = g.op("Concat", [b0, b1, b2, g.maxpool(x)], axis=1)
    for n in range(5):  # Inception-ResNet-C, 3x3x1792
        b0 = g.conv(x, 1792, 192, (1, 1))
        b1 = g.conv(g.conv(g.conv(x, 1792, 192, (1, 1)), 192, 192, (1, 3)), 192, 192, (3, 1))
        x = g.residual(x, g.op("Concat", [b0, b1], axis=1), 1792, 384, 0.20, relu=n < 4)
    x = g.op("GlobalAveragePool", [x])
    x = g.op("Flatten", [x], axis=1)
    x = g.op("MatMul", [x, g.const(g.rng.standard_normal((1792, 512)) * np.sqrt(1 / 1792), "dense")])
    # the bottleneck's batch normalisation, folded: a scale and a shift per output
    x = g.op("Mul", [x, g.const(np.ones(512), "bn_scale")])
    out = "embedding"
    g.nodes.append(helper.make_node("Add", [x, g.const(np.zeros(512), "bn_shift")], [out]))
    graph = helper.make_graph(
        g.nodes,
        "facenet512-inception-resnet-v1-random",
        [helper.make_tensor_value_info("input_1", TensorProto.FLOAT, ["N", 160, 160, 3])],
        [helper.make_tensor_value_info(out, TensorProto.FLOAT, ["N", 512])],
        initializer=g.weights,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(path))
    return g.params


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "facenet512_weights.onnx")
    print(f"{target}: {build_facenet512(target):,} parameters")
