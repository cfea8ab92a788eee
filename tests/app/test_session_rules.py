"""The session service's rules, on in-memory fakes of its ports: milliseconds, no models.

Who is marked, when, and as what: a withdrawn student is never marked from a stale index,
the teacher's mark beats a later camera match, lateness at its boundaries and across time
zones, unknown faces, and the vote (N matches within T seconds). The same service runs on
real models, stores and videos in the slower tests (tests/app/test_headless_run.py, tests/gui).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from fakes import MODEL, FakeAnalyser, FakeFace, FakeIndex, FakeIndexSource, InMemoryStore, unit_vector

from kiosk.app.session import AttendanceSessionService
from kiosk.core.domain import AttendanceMark, AttendanceStatus, FaceBox, MarkSource, StudentInfo
from kiosk.infra.config import RecognitionSettings

BERLIN = ZoneInfo("Europe/Berlin")  # UTC+1 in winter, UTC+2 in summer
FRAME = np.zeros((48, 64, 3), dtype=np.uint8)  # the fake analyser does not look at the pixels
BOX = FaceBox(100, 80, 90, 90)
STEP = 0.25  # seconds between frames: a steady camera (the tracker keeps the face's track)
CLASS = "9B"


def recognition(*, votes: int = 3, window: float = 2.0, adaptive: bool = False) -> RecognitionSettings:
    """The fixed vote unless ``adaptive`` (tests/app/test_session_crowd.py covers that one)."""
    return RecognitionSettings(
        votes_needed=votes,
        vote_window_seconds=window,
        thresholds={MODEL: 0.8},
        margins={MODEL: 0.05},
        adaptive_votes=adaptive,
    )


class Clock:
    """The wall clock the service stamps marks with (aware UTC), moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Room:
    """One class in front of one kiosk."""

    store: InMemoryStore
    analyser: FakeAnalyser
    clock: Clock
    service: AttendanceSessionService
    ada: StudentInfo
    alan: StudentInfo

    def face_of(self, student: StudentInfo) -> FakeFace:
        return FakeFace(BOX, self.store.vectors[student.id])

    def camera(self, face: FakeFace | None, frames: int, *, start: float = 0.0) -> list[AttendanceMark]:
        """``frames`` frames, STEP apart from ``start`` seconds, with ``face`` in view."""
        if face is None:
            self.analyser.show()
        else:
            self.analyser.show(face)
        marks: list[AttendanceMark] = []
        for n in range(frames):
            marks.extend(self.service.process_frame(FRAME, timestamp=start + n * STEP, seq=n).new_marks)
        return marks


def make_room(
    *,
    starts_at: time | None = None,
    zone: tzinfo = BERLIN,
    now: datetime = datetime(2026, 1, 12, 7, 0, tzinfo=UTC),
    settings: RecognitionSettings | None = None,
    index_source: FakeIndexSource | None = None,
    store: InMemoryStore | None = None,
) -> Room:
    store = store or InMemoryStore()
    if CLASS not in store.classes:
        store.add_class(CLASS, starts_at=starts_at)
        store.add_student("Ada Lovelace", CLASS, vector=unit_vector(0))
        store.add_student("Alan Turing", CLASS, vector=unit_vector(1))
    by_name = {s.name: s for s in store.students.values()}
    ada, alan = by_name["Ada Lovelace"], by_name["Alan Turing"]
    analyser = FakeAnalyser()
    clock = Clock(now)
    service = AttendanceSessionService(
        store,
        analyser,
        index_source or FakeIndexSource(),
        recognition=settings or recognition(),
        late_grace_minutes=5,
        kiosk_id="room-12",
        actor="ms.rivera",
        clock=clock,
        local_zone=zone,
    )
    service.start(CLASS)
    return Room(store, analyser, clock, service, ada, alan)


# --- who may be marked ----------------------------------------------------------------------


def test_a_recognised_student_is_marked_present_once() -> None:
    room = make_room()
    marks = room.camera(room.face_of(room.ada), 12)
    assert [(m.student_uuid, m.status, m.source) for m in marks] == [
        (room.ada.id, AttendanceStatus.PRESENT, MarkSource.AUTO)
    ]
    assert room.store.marks(room.service.session.id) == marks  # type: ignore[union-attr]


@pytest.mark.parametrize("change", [{"consent_given": False}, {"is_active": False}, {"class_code": "10A"}])
def test_a_student_withdrawn_since_the_index_was_built_is_never_marked(change: dict[str, object]) -> None:
    # The cached index was built while Ada could still be recognised; since then her
    # consent was withdrawn (or she left, or moved class), and nobody rebuilt the cache.
    store = InMemoryStore()
    store.add_class(CLASS)
    ada = store.add_student("Ada Lovelace", CLASS, vector=unit_vector(0))
    alan = store.add_student("Alan Turing", CLASS, vector=unit_vector(1))
    stale = FakeIndex(np.stack([unit_vector(0), unit_vector(1)]), [ada.id, alan.id])
    store.update_student(ada, **change)
    room = make_room(store=store, index_source=FakeIndexSource(stale=stale))

    assert room.camera(FakeFace(BOX, unit_vector(0)), 20) == []
    faces = room.service.process_frame(FRAME, timestamp=5.5).faces
    assert [(f.state, f.student) for f in faces] == [("unknown", None)]  # not even her name is shown
    assert room.store.marks(room.service.session.id) == []  # type: ignore[union-attr]
    # The others are still recognised from the same index.
    assert [m.student_uuid for m in room.camera(room.face_of(room.alan), 12, start=10.0)] == [room.alan.id]


def test_an_unknown_face_is_never_marked() -> None:
    room = make_room()
    stranger = FakeFace(BOX, unit_vector(5))  # similarity 0 to every enrolled student
    assert room.camera(stranger, 40) == []
    faces = room.service.process_frame(FRAME, timestamp=11.0).faces
    assert [(f.state, f.student) for f in faces] == [("unknown", None)]
    assert room.store.marks(room.service.session.id) == []  # type: ignore[union-attr]


def test_a_face_too_poor_to_recognise_is_never_embedded_nor_marked() -> None:
    room = make_room()
    blurred = FakeFace(BOX, room.store.vectors[room.ada.id], accepted=False)
    assert room.camera(blurred, 12) == []
    assert room.analyser.embedded == 0
    assert [f.state for f in room.service.process_frame(FRAME, timestamp=4.0).faces] == ["low_quality"]


# --- the teacher and the camera ------------------------------------------------------------


def test_the_teachers_mark_beats_a_later_camera_match() -> None:
    room = make_room()
    manual = room.service.manual_mark(room.ada.id, AttendanceStatus.EXCUSED, note="dentist")
    room.clock.now += timedelta(minutes=3)
    assert room.camera(room.face_of(room.ada), 20) == []  # seen, but never re-marked
    stored = room.store.marks(room.service.session.id)  # type: ignore[union-attr]
    assert stored == [manual]
    assert (manual.source, manual.status, manual.note) == (
        MarkSource.MANUAL,
        AttendanceStatus.EXCUSED,
        "dentist",
    )
    assert room.store.audit == [("ms.rivera", manual)]
    assert {e.student.id: e.status for e in room.service.roster()}[room.ada.id] is AttendanceStatus.EXCUSED


def test_the_teachers_mark_replaces_an_earlier_camera_mark() -> None:
    room = make_room()
    (auto,) = room.camera(room.face_of(room.ada), 12)
    room.clock.now += timedelta(minutes=1)
    manual = room.service.manual_mark(room.ada.id, AttendanceStatus.ABSENT)
    assert room.store.marks(room.service.session.id) == [manual]  # type: ignore[union-attr]
    assert auto.source is MarkSource.AUTO and manual.source is MarkSource.MANUAL
    summary = room.service.end()
    assert [s.id for s in summary.absent] == [room.ada.id, room.alan.id]


# --- lateness and time zones -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("utc_now", "expected"),
    [
        (datetime(2026, 1, 12, 7, 34, 59, tzinfo=UTC), AttendanceStatus.PRESENT),
        (datetime(2026, 1, 12, 7, 35, 0, tzinfo=UTC), AttendanceStatus.PRESENT),  # exactly at the grace
        (datetime(2026, 1, 12, 7, 35, 1, tzinfo=UTC), AttendanceStatus.LATE),  # one second after
        # Summer time: Berlin is UTC+2, so the same 08:35 is 06:35 UTC.
        (datetime(2026, 7, 13, 6, 35, 0, tzinfo=UTC), AttendanceStatus.PRESENT),
        (datetime(2026, 7, 13, 6, 35, 1, tzinfo=UTC), AttendanceStatus.LATE),
    ],
)
def test_lateness_is_wall_clock_start_plus_grace_in_the_kiosks_zone(
    utc_now: datetime, expected: AttendanceStatus
) -> None:
    room = make_room(starts_at=time(8, 30), zone=BERLIN, now=utc_now)  # 08:30 Berlin, 5 min grace
    (mark,) = room.camera(room.face_of(room.ada), 12)
    assert mark.status is expected
    assert mark.marked_at == utc_now and mark.marked_at.utcoffset() == timedelta(0)  # stored in UTC


def test_the_same_instant_is_late_in_one_zone_and_on_time_in_another() -> None:
    instant = datetime(2026, 1, 12, 7, 40, tzinfo=UTC)  # 08:40 in Berlin, 07:40 in London
    berlin = make_room(starts_at=time(8, 30), zone=BERLIN, now=instant)
    london = make_room(starts_at=time(8, 30), zone=ZoneInfo("Europe/London"), now=instant)
    assert [m.status for m in berlin.camera(berlin.face_of(berlin.ada), 12)] == [AttendanceStatus.LATE]
    assert [m.status for m in london.camera(london.face_of(london.ada), 12)] == [AttendanceStatus.PRESENT]


def test_without_a_start_time_nobody_is_late() -> None:
    room = make_room(starts_at=None, now=datetime(2026, 1, 12, 16, 0, tzinfo=UTC))
    assert [m.status for m in room.camera(room.face_of(room.ada), 12)] == [AttendanceStatus.PRESENT]


# --- the vote ------------------------------------------------------------------------------------


def test_three_matches_within_the_window_mark_and_two_do_not() -> None:
    room = make_room(settings=recognition(votes=3, window=2.0))
    face = room.face_of(room.ada)
    assert room.camera(face, 2) == []  # two frames: not yet
    assert [m.student_uuid for m in room.camera(face, 1, start=2 * STEP)] == [room.ada.id]  # the third


def test_matches_spread_wider_than_the_window_never_mark() -> None:
    # One match every 0.9 s with a 1 s window: never three inside it (the face stays tracked).
    room = make_room(settings=recognition(votes=3, window=1.0))
    room.analyser.show(room.face_of(room.ada))
    marks = [
        mark
        for n in range(12)
        for mark in room.service.process_frame(FRAME, timestamp=n * 0.9, seq=n).new_marks
    ]
    assert marks == []
    assert room.analyser.embedded == 12  # every frame was matched: only the window said no


def test_the_vote_restarts_when_the_track_changes_its_mind() -> None:
    room = make_room(settings=recognition(votes=3, window=2.0))
    ada, alan = room.face_of(room.ada), room.face_of(room.alan)
    assert room.camera(ada, 2) == []
    assert room.camera(alan, 2, start=2 * STEP) == []  # same place, another student: count restarts
    assert [m.student_uuid for m in room.camera(alan, 1, start=4 * STEP)] == [room.alan.id]
