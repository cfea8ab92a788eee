"""A class at the door: several students at once, on this machine, with the real session code.

    .venv/bin/python benchmarks/bench_crowd.py [--compute dlib-offline facenet512] [--students 10 20 30]

Generated classroom-door streams (:mod:`benchmarks.crowd_stream`) at 15 fps, 960x540
(detected at 640 wide), from the labelled test photos: N students pass in 60 s, up to 4
faces in view at once, plus 3 strangers; faces 80-200 px wide. Plus one stream with one
face at a time (10 students in 60 s) at 640x480, detected at the default 480 wide. Each stream runs in a new session of the real :class:`AttendanceSessionService` on an
embedded SQLite database, students enrolled from the other half of their photos.

Reported per stream: share of students marked, wrong marks (must be 0), time to mark
p50/p95 (from the student's first frame in view to the mark), recognition frames/s, passes
in view 1.5 s or more never examined, and the load average. ``--clock cpu`` times each
frame by this process's CPU time instead of the wall clock (dlib then runs in-process; its
HOG and ResNet use one core), which estimates a quiet machine on a shared one; ONNX
Runtime uses both cores, so for Facenet512 the CPU clock overstates the time.

``--compute facenet512``: the Facenet512 profile's weights cannot be downloaded here, so its
compute is timed with an ONNX graph of its real architecture and random weights
(:mod:`benchmarks.facenet_graph`), run through the kiosk's own Facenet512 embedder
(deepface's ONNX engine, 160x160 crops, one batch per frame). Random weights cannot
recognise anyone, so each face's *vector* is then the dlib-offline vector of the photo of
the person at that place (looked up from the stream's ground truth, computed before the
stream starts, not timed): marks and errors follow dlib's decisions, the timing is
Facenet512's. Detection stays dlib's HOG (YuNet's weights are not here either; YuNet is a
much smaller network, so detection is timed pessimistically).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEEPFACE_BACKEND_ENGINE", "onnx")

from benchmarks.crowd_stream import CLASS, CrowdStream, build_stream, crowd_settings, enroll, run_stream  # noqa: E402
from benchmarks.facenet_graph import build_facenet512  # noqa: E402
from kiosk.app.session import AttendanceSessionService  # noqa: E402
from kiosk.core.domain import FaceBox  # noqa: E402
from kiosk.core.tracking import iou  # noqa: E402
from kiosk.infra.config import load_settings  # noqa: E402
from kiosk.infra.recognition import weights  # noqa: E402
from kiosk.infra.recognition.faces import DetectedFace  # noqa: E402
from kiosk.infra.recognition.images import load_image  # noqa: E402
from kiosk.infra.recognition.pipeline import Embedder, FacePipeline  # noqa: E402
from kiosk.infra.recognition.profiles import FACENET512  # noqa: E402

log = logging.getLogger("bench_crowd")


class FacenetComputeAnalyser:
    """dlib's detector, Facenet512's compute, dlib's decisions (see the module docstring)."""

    def __init__(self, pipeline: FacePipeline, embedder: Embedder, stream: CrowdStream) -> None:
        self.pipeline = pipeline
        self.embedder = embedder
        self.truth: Sequence[tuple[str, FaceBox]] = ()
        self.vectors: dict[str, np.ndarray] = {}
        photos = {a.label: a.photo for a in stream.classroom.actors.values()}
        for label, photo in photos.items():  # once, before the stream: not timed
            faces = [f for f in pipeline.detect(load_image(photo)) if f.accepted]
            if faces:
                biggest = max(faces, key=lambda f: f.box.w)
                self.vectors[label] = pipeline.embed([biggest])[0]
        self.unknown = np.zeros(pipeline.dim, dtype=np.float32)
        self.unknown[0] = 1.0

    @property
    def model_name(self) -> str:
        return self.pipeline.model_name

    def see(self, truth: Sequence[tuple[str, FaceBox]]) -> None:
        self.truth = truth

    def detect(self, frame_bgr: np.ndarray) -> list[DetectedFace]:
        return self.pipeline.detect(frame_bgr)

    def embed(self, faces: Sequence[DetectedFace]) -> np.ndarray:
        self.embedder.embed_crops([f.crop for f in faces])  # the compute being timed
        out = []
        for face in faces:
            label = max(self.truth, key=lambda t: iou(face.box, t[1]), default=(None, None))[0]
            out.append(self.vectors.get(label or "", self.unknown))
        return np.stack(out).astype(np.float32) if out else np.zeros((0, self.pipeline.dim), np.float32)


# Weak matches marked, not asked: every model's doubt bands at 0 (the defaults name each model).
NO_BANDS = {
    "doubt_similarity_bands": {m: 0.0 for m in ("Dlib", "Dlib-chip", "Facenet512")},
    "doubt_margin_bands": {m: 0.0 for m in ("Dlib", "Dlib-chip", "Facenet512")},
}


def load_average() -> str:
    return " ".join(f"{v:.1f}" for v in os.getloadavg())


def run(args: argparse.Namespace) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-bench-crowd-"))
    fn_settings = None
    if "facenet512" in args.compute:
        fn_settings = load_settings(data_dir=scratch / "facenet", env={"KIOSK_PROFILE": "facenet512"})
        graph = scratch / "graph" / "facenet512_weights.onnx"
        build_facenet512(graph)
        weights.import_weights(fn_settings.weights_dir, graph)
    # (title, students, strangers, at once, frame size, detect width): one face at a time at
    # the kiosk's usual 640x480 camera and default detection width; the crowd at 960x540.
    scenarios: list[tuple[str, int, int, int, tuple[int, int], int]] = [
        ("one face at a time", 10, 0, 1, (640, 480), 480)
    ]
    scenarios += [(f"{n} students, up to 4 at once", n, 3, 4, (960, 540), 640) for n in args.students]
    rows: list[str] = []
    for compute in args.compute:
        for title, students, strangers, at_once, size, detect_width in scenarios:
            stream = build_stream(
                students=students,
                strangers=strangers,
                seconds=60.0,
                max_at_once=at_once,
                seed=args.seed,
                size=size,
            )
            settings = crowd_settings(
                scratch / f"{compute}-{students}-{at_once}",
                faces_per_frame=args.faces_per_frame,
                adaptive_votes=not args.fixed_votes,
                **(NO_BANDS if args.no_doubt_bands else {}),
                dlib_in_subprocess=args.clock == "wall",
                detect_width=detect_width,
            )
            services = enroll(settings, stream)
            pipeline = services.models.load()
            analyser: Any = pipeline
            before = None
            if compute == "facenet512":
                assert fn_settings is not None
                fn = FacenetComputeAnalyser(pipeline, Embedder(fn_settings, FACENET512), stream)
                analyser, before = fn, fn.see
            service = AttendanceSessionService(
                services.store,
                analyser,
                services.index_cache,
                recognition=settings.recognition,
                late_grace_minutes=5,
                kiosk_id="bench",
            )
            service.start(CLASS)
            clock = time.process_time if args.clock == "cpu" else time.perf_counter
            result = run_stream(service, stream, before_frame=before, clock=clock)
            service.end()
            services.close()
            line = f"{compute:12} | {args.clock:4} | {title:30} | {result.summary()} | load {load_average()}"
            print(line, flush=True)
            if result.wrong:
                print("   wrong:", "; ".join(result.wrong))
            if result.unmarked:
                print("   not marked:", ", ".join(result.unmarked))
            if result.unexamined:
                print("   unexamined:", ", ".join(result.unexamined))
            rows.append(line)
    print()
    print("\n".join(rows))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--compute", nargs="+", default=["dlib-offline", "facenet512"])
    parser.add_argument("--students", nargs="*", type=int, default=[10, 20, 30], help="none: one face only")
    parser.add_argument("--faces-per-frame", type=int, default=2)
    parser.add_argument("--fixed-votes", action="store_true", help="always votes_needed (no adaptive votes)")
    parser.add_argument(
        "--no-doubt-bands",
        action="store_true",
        help="weak matches marked, not asked (the crowd path alone, without issue 14's questions)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--clock",
        choices=["wall", "cpu"],
        default="wall",
        help="wall: real time (dlib in its helper process, as the kiosk runs); cpu: this "
        "process's CPU time, dlib in-process (a quiet machine's time on a shared one)",
    )
    logging.basicConfig(level=logging.WARNING)
    return run(parser.parse_args())


if __name__ == "__main__":
    raise SystemExit(main())
