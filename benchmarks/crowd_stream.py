"""Classroom-door streams for the crowd benchmark and its short test: who passes, and how
the session did.

A stream is built from the labelled photos (``tests/data/faces/people/personNN/K.jpg``):
the first half of each enrolled person's photos are for enrollment, the others appear in
the stream, so no photo is both enrolled and recognised. Each *pass* is one person walking
past the kiosk: on screen for 2-4 s at once (stepping out from the door frame, no fade),
drifting a little sideways, face 80-200 px wide, in one of up to four lanes; when every
lane is taken the next person waits. A few passes are strangers (never enrolled). The
frames are rendered by :class:`kiosk.app.demo_video.SyntheticClassroom`.

There are only 11 enrolled people in the test photos, so a stream of 30 students has each
person pass about three times (with their different photos, never two passes of one
person at once). A student is "marked" on a pass when the session shows that face as
confirmed as the right student; the first pass of a person also stores the mark, later
passes are confirmed but not marked again (the session marks once), which costs the
same recognition work.

:func:`run_stream` plays a stream against a real :class:`AttendanceSessionService` on a
*virtual camera clock*: the camera delivers a frame every 1/fps s; the session always
takes the newest frame; the clock advances by the real time ``process_frame`` took (frames
that arrived meanwhile are dropped, as with a live camera). Rendering costs nothing on this
clock, so the figures are those of a kiosk fed by a real camera.
"""

from __future__ import annotations

import csv
import logging
import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kiosk.app.bootstrap import KioskServices, build_services, prepare_environment
from kiosk.app.demo_video import Actor, Appearance, SyntheticClassroom
from kiosk.app.enrollment import LookalikeRefused
from kiosk.app.session import AttendanceSessionService
from kiosk.core.domain import FaceBox
from kiosk.core.tracking import iou
from kiosk.infra.config import Settings, load_settings, write_user_settings
from kiosk.infra.recognition import weights

log = logging.getLogger(__name__)

FACES = Path(__file__).resolve().parents[1] / "tests" / "data" / "faces"
SIZE = (960, 540)
FPS = 15.0
LANES = (0.14, 0.38, 0.62, 0.86)
CLASS = "DOOR"


@dataclass(frozen=True, slots=True)
class Pass:
    """One person walking past: ``actor`` is the stream's label (one per pass)."""

    actor: str
    identity: str  # the person (personNN): the student id when enrolled
    enrolled: bool
    appearance: Appearance

    def first_frame(self, fps: float) -> int:
        return math.ceil(self.appearance.start_s * fps - 1e-9)


@dataclass(frozen=True)
class CrowdStream:
    """A stream's frames, its passes and who is enrolled from which photos."""

    classroom: SyntheticClassroom
    passes: tuple[Pass, ...]
    enroll_photos: dict[str, list[Path]]  # identity -> photos to enroll

    @property
    def fps(self) -> float:
        return self.classroom.fps


def photos_by_person(faces_dir: Path = FACES) -> dict[str, list[Path]]:
    with (faces_dir / "identities.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out: dict[str, list[Path]] = {}
    for row in rows:
        out.setdefault(row["identity"], []).append(faces_dir / row["file"])
    return {k: sorted(v, key=lambda p: (len(p.stem), p.stem)) for k, v in sorted(out.items())}


def build_stream(
    *,
    students: int,
    strangers: int,
    seconds: float,
    enrolled: int = 11,
    max_at_once: int = 4,
    seed: int = 0,
    size: tuple[int, int] = SIZE,
    fps: float = FPS,
    face_width: tuple[int, int] = (80, 200),
    stay_s: tuple[float, float] = (2.0, 4.0),
    faces_dir: Path = FACES,
) -> CrowdStream:
    """``students`` passes of the first ``enrolled`` people and ``strangers`` passes of the
    others, spread over ``seconds``, at most ``max_at_once`` in view."""
    people = photos_by_person(faces_dir)
    names = list(people)
    if enrolled >= len(names):
        raise ValueError(f"only {len(names)} people: keep some as strangers")
    enrolled_names, stranger_names = names[:enrolled], names[enrolled:]
    enroll_photos: dict[str, list[Path]] = {}
    stream_photos: dict[str, list[Path]] = {}
    for name in enrolled_names:
        photos = people[name]
        half = max(1, len(photos) // 2)
        enroll_photos[name], stream_photos[name] = photos[:half], photos[half:]
    for name in stranger_names:
        stream_photos[name] = people[name]

    rng = np.random.default_rng(seed)
    who = [(enrolled_names[i % enrolled], True) for i in range(students)]
    who += [(stranger_names[i % len(stranger_names)], False) for i in range(strangers)]
    order = rng.permutation(len(who))
    who = [who[i] for i in order]
    used: dict[str, int] = {}
    lane_free = [0.0] * max_at_once
    person_free: dict[str, float] = {}
    spacing = max(0.0, (seconds - stay_s[1]) / max(1, len(who) - 1))
    actors: list[Actor] = []
    passes: list[Pass] = []
    lanes = LANES if max_at_once == 4 else tuple((i + 0.5) / max_at_once for i in range(max_at_once))
    for n, (name, is_student) in enumerate(who):
        photo = stream_photos[name][used.get(name, 0) % len(stream_photos[name])]
        used[name] = used.get(name, 0) + 1
        planned = 0.3 + n * spacing + float(rng.uniform(-0.3, 0.3)) * spacing
        lane = min(range(max_at_once), key=lambda i: (max(lane_free[i], planned), rng.random()))
        start = max(planned, lane_free[lane], person_free.get(name, 0.0), 0.2)
        stay = float(rng.uniform(*stay_s))
        x0 = lanes[lane] + float(rng.uniform(-0.02, 0.02))
        x1 = x0 + float(rng.choice([-1.0, 1.0])) * float(rng.uniform(0.01, 0.03))
        y0 = 0.45 + float(rng.uniform(-0.04, 0.04))
        width = int(rng.integers(face_width[0], face_width[1] + 1))
        label = f"{name}-pass{n:02d}"
        appearance = Appearance(label, round(start, 3), round(stay, 3), (x0, y0), (x1, y0), face_width=width)
        actors.append(Actor(label, photo))
        passes.append(Pass(label, name, is_student, appearance))
        lane_free[lane] = start + stay + 0.4
        person_free[name] = start + stay + 1.5  # never two passes of one person at once
    classroom = _NoFadeClassroom(
        actors, [p.appearance for p in passes], size=size, fps=fps, seed=seed, tail_s=1.0
    )
    return CrowdStream(classroom, tuple(passes), enroll_photos)


class _NoFadeClassroom(SyntheticClassroom):
    """People step out from the door frame: fully visible from their first frame, so "time
    to mark" counts from a frame that shows the whole face."""

    def _position(self, appearance: Appearance, t: float) -> tuple[int, int, float]:
        x, y, _ = super()._position(appearance, t)
        return x, y, 1.0 if appearance.start_s <= t < appearance.end_s else 0.0


def crowd_settings(data_dir: Path, **recognition: object) -> Settings:
    """dlib-offline on an embedded database; frames of 960x540 are detected at 640 wide
    (at the default 480 an 80 px face would shrink to 40 px, below what HOG finds)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    rec: dict[str, object] = {"profile": "dlib-offline", "detect_width": 640, **recognition}
    write_user_settings(data_dir / "config.toml", {"recognition": rec, "database": {"url": ""}})
    return load_settings(data_dir=data_dir, env={})


def enroll(settings: Settings, stream: CrowdStream) -> KioskServices:
    """The class and its students (the stream's enrolled people), enrolled from their photos."""
    prepare_environment(settings)
    weights.install_offline(settings.weights_dir)
    services = build_services(settings)
    roster = services.roster()
    roster.add_class(CLASS, "At the door", teacher="Bench", starts_at=None)
    enrollment = services.enrollment()
    for name, photos in stream.enroll_photos.items():
        roster.add_student(student_id=name, name=name, class_code=CLASS, consent=True, consent_by="bench")
        try:
            enrollment.enroll_paths(name, photos)
        except LookalikeRefused as refused:
            # As a school's admin would for real look-alikes (person06 and person09 of the test
            # photos): recorded as a pair, so their matches go to the teacher, never auto-marked.
            twins = sorted({d.other.student_id for d in refused.duplicates})
            log.warning("%s enrolled as a recorded look-alike of %s", name, ", ".join(twins))
            enrollment.enroll(name, [(str(p), p) for p in photos], lookalike_of=twins, actor="bench")
    return services


# --- playing a stream against the session ------------------------------------------------


@dataclass
class CrowdResult:
    passes: int
    students: int
    marked: dict[str, float] = field(default_factory=dict)  # pass -> seconds to mark
    wrong: list[str] = field(default_factory=list)
    unexamined: list[str] = field(default_factory=list)  # passes in view >= 1.5 s never examined
    unmarked: list[str] = field(default_factory=list)  # students' passes never confirmed
    # Passes the kiosk asked the teacher about instead of marking ("Is this ...?"): the
    # candidate named -> right (True) or wrong (False). Never a mark, but counted.
    asked: dict[str, bool] = field(default_factory=dict)
    frames: int = 0
    seconds: float = 0.0
    faces_in_frames: int = 0

    @property
    def marked_share(self) -> float:
        return len(self.marked) / self.students if self.students else 1.0

    def percentile(self, q: float) -> float:
        values = sorted(self.marked.values())
        if not values:
            return math.nan
        return values[min(len(values) - 1, round(q * (len(values) - 1)))]

    @property
    def frames_per_second(self) -> float:
        return self.frames / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        p50 = statistics.median(self.marked.values()) if self.marked else math.nan
        return (
            f"marked {len(self.marked)}/{self.students} ({self.marked_share:.1%}), wrong {len(self.wrong)}, "
            f"time to mark p50 {p50 * 1000:.0f} ms p95 {self.percentile(0.95) * 1000:.0f} ms, "
            f"recognition {self.frames_per_second:.1f} frames/s, unexamined {len(self.unexamined)}, "
            f"asked the teacher {len(self.asked)} ({sum(not ok for ok in self.asked.values())} naming someone else)"
        )


def _owner(box: FaceBox, truth: Sequence[tuple[str, FaceBox]]) -> str | None:
    best, label = 0.2, None
    for name, gt in truth:
        overlap = iou(box, gt)
        if overlap > best:
            best, label = overlap, name
    return label


def run_stream(
    service: AttendanceSessionService,
    stream: CrowdStream,
    *,
    before_frame: Callable[[Sequence[tuple[str, FaceBox]]], None] | None = None,
    frame_seconds: float | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> CrowdResult:
    """Play ``stream`` against a started ``service`` on the virtual camera clock.

    ``frame_seconds``: count every processed frame as taking this long instead of its real
    time (tests: the same frames whatever the machine's load). ``clock``: what a frame's
    processing time is read from; ``time.process_time`` (this process's CPU time) with dlib
    in this process estimates a quiet machine on a shared one (dlib runs on one core).
    """
    fps = stream.fps
    by_actor = {p.actor: p for p in stream.passes}
    result = CrowdResult(len(stream.passes), sum(1 for p in stream.passes if p.enrolled))
    examined: set[str] = set()
    now = 0.0
    last = -1
    total = stream.classroom.frame_count
    while True:
        index = max(last + 1, math.floor(now * fps + 1e-9))
        if index >= total:
            break
        now = max(now, index / fps)
        truth = [(v.label, v.box) for v in stream.classroom.visible(index) if v.opacity > 0]
        frame = stream.classroom.frame(index)
        if before_frame is not None:
            before_frame(truth)
        started = clock()
        out = service.process_frame(frame, timestamp=now, seq=index)
        now += frame_seconds if frame_seconds is not None else clock() - started
        last = index
        result.frames += 1
        result.faces_in_frames += len(truth)
        for doubt in out.new_doubts:
            actor = _owner(doubt.box, truth)
            who = by_actor.get(actor) if actor is not None else None
            if actor is not None and actor not in result.asked:
                result.asked[actor] = who is not None and who.identity == doubt.student.student_id
        for face in out.faces:
            actor = _owner(face.box, truth)
            if actor is not None and (face.similarity is not None or face.state in ("confirmed", "matching")):
                examined.add(actor)
            if face.state != "confirmed" or face.student is None:
                continue
            who = by_actor.get(actor) if actor is not None else None
            if who is None or not who.enrolled or who.identity != face.student.student_id:
                wrong = f"{actor or 'no one'} confirmed as {face.student.student_id}"
                if wrong not in result.wrong:
                    result.wrong.append(wrong)
            elif actor not in result.marked:
                result.marked[who.actor] = now - who.first_frame(fps) / fps
    result.seconds = now
    result.unmarked = [p.actor for p in stream.passes if p.enrolled and p.actor not in result.marked]
    for p in stream.passes:
        if p.appearance.duration_s >= 1.5 and p.actor not in examined and p.actor not in result.marked:
            result.unexamined.append(p.actor)
    return result
