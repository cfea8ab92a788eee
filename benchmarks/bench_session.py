"""The kiosk's live targets, measured on this machine with the real session code.

    .venv/bin/python benchmarks/bench_session.py [--trials 10] [--profile dlib-offline]

A student enrolled from three photos walks in front of a camera (a video file played at its
own 15 fps through the capture worker, exactly as a camera is read), once per trial, each
trial a new session. Reported:

- capture frames/s: what the live view is fed (the view repaints every captured frame);
- recognition frames/s while one face is in view (frames the camera delivers faster are dropped);
- time to mark: from the first captured frame showing the face to the mark being stored
  (p50 and p95 over the trials), with the default voting (3 matches within 2 s).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.app.bootstrap import open_database, prepare_environment  # noqa: E402
from kiosk.app.demo_video import Actor, Appearance, write_classroom_video  # noqa: E402
from kiosk.app.enrollment import EnrollmentService  # noqa: E402
from kiosk.app.session import AttendanceSessionService  # noqa: E402
from kiosk.infra.camera.capture import CaptureWorker  # noqa: E402
from kiosk.infra.camera.sources import make_source  # noqa: E402
from kiosk.infra.config import load_settings  # noqa: E402
from kiosk.infra.db.engine import session_factory, unit_of_work  # noqa: E402
from kiosk.infra.db.repo import classes, students  # noqa: E402
from kiosk.infra.db.store import DirectStore  # noqa: E402
from kiosk.infra.recognition.pipeline import FacePipeline  # noqa: E402

FACES = ROOT / "tests" / "data" / "faces" / "people"
APPEAR_AT = 1.0  # seconds into the clip


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--profile", default="dlib-offline")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="kiosk-bench-session-"))
    settings = load_settings(data_dir=data_dir, env={"KIOSK_PROFILE": args.profile})
    prepare_environment(settings)
    engine = open_database(settings)
    with unit_of_work(session_factory(engine)) as s:
        classes.add_class(s, "B1", "Bench class")
        students.add_student(
            s, student_id="S1", name="Walker", class_code="B1", consent=True, consent_by="bench"
        )
    pipeline = FacePipeline(settings)
    EnrollmentService(settings, engine, pipeline).enroll_paths(
        "S1", [FACES / "person01" / f"{i}.jpg" for i in (2, 3, 4)]
    )
    clip = write_classroom_video(
        [Actor("S1", FACES / "person01" / "1.jpg")],
        data_dir / "walk-in.mp4",
        timeline=[Appearance("S1", APPEAR_AT, 4.0, (0.35, 0.45), (0.5, 0.42), face_width=124)],
        fps=15.0,
    )

    store = DirectStore(engine)
    latencies: list[float] = []
    rec_fps: list[float] = []
    cap_fps: list[float] = []
    for trial in range(args.trials):
        service = AttendanceSessionService(settings, store, pipeline)
        service.start("B1")
        worker = CaptureWorker(make_source(clip.path, realtime=True))
        worker.start()
        first_face_at: float | None = None
        marked_at: float | None = None
        processed = 0
        window_start = window_end = 0.0
        last = 0
        while True:
            got = worker.wait_frame(last, timeout=1.0)
            if got is None:
                if worker.finished:
                    break
                continue
            last, frame = got
            video_t = frame.seq / clip.fps
            result = service.process_frame(frame.image, timestamp=frame.timestamp, seq=frame.seq)
            now = time.monotonic()
            if video_t >= APPEAR_AT and first_face_at is None:
                # the capture time of the first frame (seq) at or after the appearance
                first_face_at = frame.timestamp - (video_t - APPEAR_AT)
                window_start = now
            if first_face_at is not None and video_t <= APPEAR_AT + 4.0:
                processed += 1
                window_end = now
            if result.new_marks and marked_at is None:
                marked_at = now
        worker.stop()
        worker.join(5)
        cap_fps.append(worker.frames_read / max(1e-6, clip.duration_s))
        service.end()
        if first_face_at is not None and marked_at is not None:
            latencies.append(marked_at - first_face_at)
        if window_end > window_start:
            rec_fps.append(processed / (window_end - window_start))
        print(
            f"trial {trial + 1}: "
            + (f"marked after {latencies[-1] * 1000:.0f} ms" if marked_at else "NOT MARKED")
            + f", recognition {rec_fps[-1] if rec_fps else 0:.1f} frames/s"
        )

    engine.dispose()
    print()
    print(f"profile {args.profile}, {args.trials} trials, camera 15 fps (640x480)")
    print(f"capture (live view feed): {statistics.median(cap_fps):.1f} frames/s median")
    print(
        f"recognition with one face in view: {statistics.median(rec_fps):.1f} frames/s median, min {min(rec_fps):.1f}"
    )
    if latencies:
        q = sorted(latencies)
        p95 = q[min(len(q) - 1, round(0.95 * (len(q) - 1)))]
        print(
            f"time to mark: p50 {statistics.median(q) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, marked {len(q)}/{args.trials}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
