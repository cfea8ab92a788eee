"""Liveness checks: cost per face and the rates on the test clips.

Usage: python benchmarks/bench_liveness.py [--frames N] [--fasnet-runs N]

- **motion** (offline, dlib's 68 landmarks + homography): time per ``observe`` (one frame of
  one face), and its verdicts on
  - spoof clips GENERATED from the still photos of tests/data/faces: each person's first
    photo shown as a rigid plane (print or phone screen), moved in 8 ways (see
    ``tests/liveness/liveness_clips.py``); "caught" = not judged LIVE, so never marked
    automatically; "judged spoof" = refused under the ``reject`` policy;
  - real faces: each person's photos shown one after another, three frames each. These are
    real faces in real pose and expression changes, but NOT video (no face video is
    available here); "passed" = judged LIVE.
  The thresholds were chosen on persons 01-07; persons 08-13 are reported apart (held out).
- **fasnet**: time per face of deepface's FasNet path (two crops, two graphs) with GENERATED
  stand-in graphs of the real files' signature ((N, 80, 80, 3) in, (N, 3) softmax out), not
  the real MiniFASNet weights (which cannot be downloaded here): the figure is deepface's
  cropping plus onnxruntime's overhead, not the real networks' cost.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "liveness")]
os.environ.setdefault("DEEPFACE_BACKEND_ENGINE", "onnx")

import liveness_clips as clips  # noqa: E402
from fasnet_standin import write_fasnet_standins  # noqa: E402

from kiosk.core.liveness import Liveness  # noqa: E402
from kiosk.infra.config import load_settings  # noqa: E402
from kiosk.infra.recognition import weights  # noqa: E402
from kiosk.infra.recognition.liveness_fasnet import FasnetLivenessCheck  # noqa: E402
from kiosk.infra.recognition.liveness_motion import MotionLivenessCheck  # noqa: E402

TUNED_ON = 7  # persons 01-07


def motion(frames: int) -> None:
    check = MotionLivenessCheck()
    costs: list[float] = []
    cpu: list[float] = []  # this process's processor time: what load from other programs does not inflate
    track = 0

    def judge(clip: clips.Clip) -> Liveness:
        nonlocal track
        track += 1
        for i, (frame, box) in enumerate(clip):
            start, start_cpu = time.perf_counter(), time.process_time()
            check.observe(track, frame, box, i / 15)
            costs.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        return check.verdict(track)

    stills = list(clips.stills_with_a_face())
    print("\n## Spoof clips (generated from still photos)")
    print("| motion | caught, tuned half (01-07) | caught, held out (08-13) | judged spoof (all) |")
    print("|---|---|---|---|")
    totals = {"tuned": [0, 0], "held": [0, 0], "spoof": 0, "n": 0}
    for m in clips.SPOOF_MOTIONS:
        verdicts = [
            judge(clips.spoof_clip(clips.load(p), m, frames=frames, seed=k)) for k, p in enumerate(stills)
        ]
        tuned, held = verdicts[:TUNED_ON], verdicts[TUNED_ON:]
        caught_t = sum(v is not Liveness.LIVE for v in tuned)
        caught_h = sum(v is not Liveness.LIVE for v in held)
        spoofed = sum(v is Liveness.SPOOF for v in verdicts)
        totals["tuned"][0] += caught_t
        totals["tuned"][1] += len(tuned)
        totals["held"][0] += caught_h
        totals["held"][1] += len(held)
        totals["spoof"] += spoofed
        totals["n"] += len(verdicts)
        print(f"| {m.name} | {caught_t}/{len(tuned)} | {caught_h}/{len(held)} | {spoofed}/{len(verdicts)} |")
    t, h = totals["tuned"], totals["held"]
    print(f"| **all** | {t[0]}/{t[1]} | {h[0]}/{h[1]} | {totals['spoof']}/{totals['n']} |")

    print("\n## Real faces (photo sequences of one person, not video)")
    print("| person | photos | verdict |")
    print("|---|---|---|")
    real: dict[str, Liveness] = {}
    for person, photos in clips.person_photos().items():
        real[person] = judge(clips.real_photo_sequence(photos))
        print(
            f"| {person}{' (held out)' if int(person[-2:]) > TUNED_ON else ''} | {len(photos)} | {real[person]} |"
        )
    for label, keys in (("tuned", list(real)[:TUNED_ON]), ("held out", list(real)[TUNED_ON:])):
        live = sum(real[k] is Liveness.LIVE for k in keys)
        spoof = sum(real[k] is Liveness.SPOOF for k in keys)
        print(f"- {label}: passed {live}/{len(keys)}, judged spoof {spoof}/{len(keys)}")
    for label, values in (("wall-clock", costs), ("processor time", cpu)):
        ms = sorted(c * 1000 for c in values)
        print(
            f"\nmotion check per face and frame, {label}: median {statistics.median(ms):.2f} ms, "
            f"p90 {ms[int(len(ms) * 0.9)]:.2f} ms, max {ms[-1]:.2f} ms over {len(ms)} frames"
        )


def fasnet(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(data_dir=Path(tmp) / "data", env={})
        stick = Path(tmp) / "stick"
        write_fasnet_standins(stick)
        weights.import_weights(settings.weights_dir, stick)
        check = FasnetLivenessCheck(settings.weights_dir)
        photo = clips.load(next(clips.stills_with_a_face()))
        box = clips.detect_box(photo)
        assert box is not None
        check.observe(1, photo, box, 0.0)  # warm-up
        costs = []
        for i in range(runs):
            start = time.perf_counter()
            check.observe(1, photo, box, float(i))
            costs.append((time.perf_counter() - start) * 1000)
        print(
            f"\nfasnet (STAND-IN graphs, same signature) per face: median {statistics.median(costs):.2f} ms, "
            f"max {max(costs):.2f} ms over {runs} runs"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=20, help="frames per spoof clip (default 20)")
    parser.add_argument("--fasnet-runs", type=int, default=200)
    args = parser.parse_args()
    print(f"# Liveness: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f} at start")  # fmt: skip
    motion(args.frames)
    fasnet(args.fasnet_runs)
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
