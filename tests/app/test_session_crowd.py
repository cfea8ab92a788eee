"""The session with several faces at once: the per-frame budget and the adaptive vote (fakes)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from fakes import MODEL, FakeAnalyser, FakeFace, FakeIndexSource, InMemoryStore, unit_vector

from kiosk.app.session import AttendanceSessionService
from kiosk.core.domain import AttendanceMark, FaceBox, StudentInfo
from kiosk.infra.config import RecognitionSettings

FRAME = np.zeros((48, 64, 3), dtype=np.uint8)  # the fake analyser does not look at the pixels


def recognition(
    *, votes: int = 3, window: float = 2.0, adaptive: bool = True, budget: int = 2
) -> RecognitionSettings:
    return RecognitionSettings(
        votes_needed=votes,
        vote_window_seconds=window,
        thresholds={MODEL: 0.8},
        margins={MODEL: 0.05},
        adaptive_votes=adaptive,
        faces_per_frame=budget,
    )


@dataclass
class Room:
    analyser: FakeAnalyser
    service: AttendanceSessionService
    ada: StudentInfo
    alan: StudentInfo

    def camera(self, face: FakeFace, frames: int, *, start: float = 0.0) -> list[AttendanceMark]:
        self.analyser.show(face)
        marks: list[AttendanceMark] = []
        for n in range(frames):
            marks.extend(self.service.process_frame(FRAME, timestamp=start + n * 0.25, seq=n).new_marks)
        return marks


def make_room(*, settings: RecognitionSettings) -> Room:
    store = InMemoryStore()
    store.add_class("9B")
    ada = store.add_student("Ada Lovelace", "9B", vector=unit_vector(0))
    alan = store.add_student("Alan Turing", "9B", vector=unit_vector(1))
    analyser = FakeAnalyser()
    service = AttendanceSessionService(
        store, analyser, FakeIndexSource(), recognition=settings, late_grace_minutes=5, kiosk_id="room-12"
    )
    service.start("9B")
    return Room(analyser, service, ada, alan)


def crowd_settings(*, budget: int) -> RecognitionSettings:
    return recognition(budget=budget)


def test_a_frame_embeds_at_most_its_budget_and_confirmed_faces_are_skipped() -> None:
    room = make_room(settings=crowd_settings(budget=2))
    ada = FakeFace(FaceBox(10, 10, 20, 20), unit_vector(0))
    alan = FakeFace(FaceBox(34, 10, 20, 20), unit_vector(1))
    strangers = [FakeFace(FaceBox(10 + 24 * n, 30, 20, 20), unit_vector(4 + n)) for n in range(2)]
    room.analyser.show(ada, alan, *strangers)
    marked: list[object] = []
    per_frame: list[int] = []
    for n in range(8):
        before = room.analyser.embedded
        marked += [m.student_uuid for m in room.service.process_frame(FRAME, timestamp=n * 0.25).new_marks]
        per_frame.append(room.analyser.embedded - before)
    assert sorted(map(str, marked)) == sorted(map(str, [room.ada.id, room.alan.id]))
    assert max(per_frame) == 2  # four faces waited, two were served a frame
    # once both are confirmed only the two strangers still need embeddings
    assert per_frame[-1] == 2


def test_a_clear_match_is_marked_on_the_second_frame() -> None:
    room = make_room(settings=recognition(votes=3, window=2.0, adaptive=True))
    marks = room.camera(FakeFace(FaceBox(10, 10, 20, 20), unit_vector(0)), 2)
    assert [m.student_uuid for m in marks] == [room.ada.id]
    assert marks[0].details["votes"] == 2


def test_a_match_just_above_the_threshold_needs_four_frames() -> None:
    room = make_room(settings=recognition(votes=3, window=2.0, adaptive=True))
    near = np.zeros(8, dtype=np.float32)
    near[0], near[7] = 0.81, float(np.sqrt(1 - 0.81**2))  # similarity 0.81, threshold 0.8
    face = FakeFace(FaceBox(10, 10, 20, 20), near)
    assert room.camera(face, 3) == []
    assert [m.details["votes"] for m in room.camera(face, 1, start=0.75)] == [4]
