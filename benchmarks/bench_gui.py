"""The live view's frame rate and the GUI's responsiveness while recognition runs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py [--seconds 20]

The real kiosk window (offscreen) runs a session on a 15 fps camera stream (a video file
played at its own speed through the capture worker) showing the demo class's students, with
the dlib-offline models recognising them on their worker thread. Reported: frames the live
view showed per second, recognition frames per second, and how late a 10 ms GUI timer fired
(the longest the GUI thread was ever busy, i.e. the worst "freeze").
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.app.demo import DEMO_FACES, DEMO_STUDENTS, prepare_demo  # noqa: E402
from kiosk.app.demo_video import Actor, write_classroom_video  # noqa: E402
from kiosk.gui.app import build_gui  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    setup = prepare_demo(Path(tempfile.mkdtemp(prefix="kiosk-bench-gui-")))
    actors = [Actor(sid, DEMO_FACES / sid / "1.jpg") for sid, _n, appears in DEMO_STUDENTS if appears]
    clip = write_classroom_video(actors * 2, setup.settings.data_dir / "gui-15fps.mp4", fps=15.0, seed=1)
    gui = build_gui(setup.settings, class_code=setup.class_code, camera=str(clip.path), auto_end=True)
    gui.window.resize(1280, 720)
    gui.window.show()

    deadline = time.monotonic() + 60
    while gui.session.service is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    if gui.session.service is None:
        print("the session did not start", file=sys.stderr)
        return 1

    lateness: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        lateness.append(max(0.0, now - last[0] - 10))
        last[0] = now

    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(tick)
    probe.start()
    video = gui.window.live_view.video
    warm_until = time.monotonic() + 2.0  # past the session's start-up (index load, first frames)
    while time.monotonic() < warm_until:
        app.processEvents()
        time.sleep(0.002)
    lateness.clear()
    shown0, t0 = video.frames_shown, time.monotonic()
    capture = gui.session.capture
    read0 = capture.frames_read if capture is not None else 0
    rec_samples: list[float] = []
    end = t0 + min(args.seconds, clip.duration_s - 3.5)
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.002)
        if gui.session.recognition is not None and gui.session.recognition.fps:
            rec_samples.append(gui.session.recognition.fps)
    elapsed = time.monotonic() - t0
    shown = video.frames_shown - shown0
    captured = (capture.frames_read - read0) if capture is not None else 0
    probe.stop()
    counts = gui.session.service.counts()
    gui.shutdown()
    gui.window.allow_close()
    gui.window.close()

    q = sorted(lateness)
    print(
        f"camera 15 fps, {elapsed:.1f} s of a session with {len(actors)} students walking past (dlib-offline)"
    )
    print(f"live view: {shown / elapsed:.1f} frames/s shown, of {captured / elapsed:.1f} frames/s captured")
    if rec_samples:
        print(f"recognition: {statistics.median(rec_samples):.1f} frames/s (median of the status-bar figure)")
    print(
        f"GUI timer lateness: p50 {q[len(q) // 2]:.0f} ms, p99 {q[int(0.99 * (len(q) - 1))]:.0f} ms, "
        f"max {q[-1]:.0f} ms over {len(q)} ticks"
    )
    print(f"marked present so far: {counts['present'] + counts['late']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
