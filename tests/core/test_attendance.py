"""The attendance rules on plain values: which mark stands, lateness, a session's summary."""

from __future__ import annotations

import itertools
import time as clock
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.attendance import arrival_status, as_aware, incoming_wins, summarise
from kiosk.core.domain import (
    AttendanceMark,
    AttendanceStatus,
    ClassInfo,
    MarkSource,
    SessionInfo,
    StudentInfo,
)

SESSION = uuid.uuid4()
STUDENT = uuid.uuid4()
T0 = datetime(2026, 3, 2, 7, 55, tzinfo=UTC)
AUTO, MANUAL = MarkSource.AUTO, MarkSource.MANUAL
PRESENT, LATE, ABSENT, EXCUSED = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.ABSENT,
    AttendanceStatus.EXCUSED,
)
BERLIN = ZoneInfo("Europe/Berlin")


def mark(
    source: MarkSource,
    at: datetime,
    status: AttendanceStatus = PRESENT,
    student: uuid.UUID = STUDENT,
) -> AttendanceMark:
    return AttendanceMark(uuid.uuid4(), SESSION, student, status, at, source)


# --- which of two marks stands ----------------------------------------------------------


def test_manual_beats_auto_whatever_the_times() -> None:
    assert incoming_wins(mark(AUTO, T0), mark(MANUAL, T0 + timedelta(hours=1)))
    assert incoming_wins(mark(AUTO, T0), mark(MANUAL, T0 - timedelta(hours=1)))
    assert not incoming_wins(mark(MANUAL, T0), mark(AUTO, T0 - timedelta(hours=1)))
    assert not incoming_wins(mark(MANUAL, T0), mark(AUTO, T0 + timedelta(hours=1)))


def test_earliest_auto_wins() -> None:
    assert incoming_wins(mark(AUTO, T0), mark(AUTO, T0 - timedelta(seconds=1)))
    assert not incoming_wins(mark(AUTO, T0), mark(AUTO, T0 + timedelta(seconds=1)))
    assert not incoming_wins(mark(AUTO, T0), mark(AUTO, T0))  # a tie keeps the first seen


def test_latest_manual_wins() -> None:
    assert incoming_wins(mark(MANUAL, T0), mark(MANUAL, T0 + timedelta(seconds=1)))
    assert not incoming_wins(mark(MANUAL, T0), mark(MANUAL, T0 - timedelta(seconds=1)))
    assert incoming_wins(mark(MANUAL, T0), mark(MANUAL, T0))  # a tie: the newer correction


def test_times_compare_as_instants_across_zones_and_naive_is_utc() -> None:
    naive_utc = datetime(2026, 3, 2, 8, 0)  # 08:00 UTC, as a database without time zones returns it
    berlin_0830 = datetime(2026, 3, 2, 8, 30, tzinfo=BERLIN)  # 07:30 UTC: earlier, though 8:30 > 8:00
    assert incoming_wins(mark(AUTO, naive_utc), mark(AUTO, berlin_0830))
    assert not incoming_wins(mark(AUTO, berlin_0830), mark(AUTO, naive_utc))
    assert not incoming_wins(mark(MANUAL, naive_utc), mark(MANUAL, berlin_0830))
    assert incoming_wins(mark(MANUAL, berlin_0830), mark(MANUAL, naive_utc))


def test_as_aware_takes_naive_as_utc_and_leaves_aware_alone() -> None:
    assert as_aware(datetime(2026, 3, 2, 8, 0)) == datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    berlin = datetime(2026, 3, 2, 8, 0, tzinfo=BERLIN)
    assert as_aware(berlin) is berlin


def _winner(marks: tuple[AttendanceMark, ...]) -> AttendanceMark:
    stored = marks[0]
    for incoming in marks[1:]:
        if incoming_wins(stored, incoming):
            stored = incoming
    return stored


def test_the_same_mark_stands_whatever_order_the_marks_arrive_in() -> None:
    """What lets an offline kiosk decide alone and the server agree later."""
    marks = (
        mark(AUTO, T0 + timedelta(minutes=5), LATE),
        mark(AUTO, T0, PRESENT),
        mark(MANUAL, T0 + timedelta(minutes=1), EXCUSED),
        mark(MANUAL, T0 + timedelta(minutes=20), ABSENT),
        mark(AUTO, T0 - timedelta(minutes=1), PRESENT),
    )
    winners = {_winner(order).id for order in itertools.permutations(marks)}
    assert winners == {marks[3].id}
    assert _winner(marks[:2]).id == marks[1].id  # without manual marks, the earliest auto


# --- lateness -----------------------------------------------------------------------------


def test_no_start_time_is_always_present() -> None:
    assert arrival_status(datetime(2026, 3, 2, 23, 59, tzinfo=UTC), None, 0) is PRESENT


def test_grace_boundary_is_inclusive() -> None:
    start = time(8, 0)
    at_end_of_grace = datetime(2026, 3, 2, 8, 5, tzinfo=BERLIN)
    assert arrival_status(at_end_of_grace, start, 5, local_zone=BERLIN) is PRESENT
    assert arrival_status(at_end_of_grace + timedelta(seconds=1), start, 5, local_zone=BERLIN) is LATE
    assert arrival_status(datetime(2026, 3, 2, 7, 0, tzinfo=BERLIN), start, 5, local_zone=BERLIN) is PRESENT


def test_zero_grace_is_late_one_second_after_the_start() -> None:
    start = datetime(2026, 3, 2, 8, 0, tzinfo=BERLIN)
    assert arrival_status(start, time(8, 0), 0, local_zone=BERLIN) is PRESENT
    assert arrival_status(start + timedelta(seconds=1), time(8, 0), 0, local_zone=BERLIN) is LATE


@pytest.mark.parametrize(
    ("utc_arrival", "expected"),
    [
        # Winter: Berlin is UTC+1, so a class at 08:00 local starts at 07:00 UTC.
        (datetime(2026, 1, 12, 7, 5, tzinfo=UTC), PRESENT),  # 08:05 local, the last second of grace
        (datetime(2026, 1, 12, 7, 5, 1, tzinfo=UTC), LATE),
        # Summer: UTC+2, the same 08:00 class starts at 06:00 UTC.
        (datetime(2026, 6, 15, 6, 5, tzinfo=UTC), PRESENT),
        (datetime(2026, 6, 15, 6, 30, tzinfo=UTC), LATE),
        (datetime(2026, 6, 15, 7, 4, tzinfo=UTC), LATE),  # 07:04 UTC: an hour late in Berlin
    ],
)
def test_class_start_is_local_wall_clock_and_marks_are_utc(
    utc_arrival: datetime, expected: AttendanceStatus
) -> None:
    assert arrival_status(utc_arrival, time(8, 0), 5, local_zone=BERLIN) is expected


def test_local_day_decides_when_utc_is_on_another_day() -> None:
    """23:30 UTC is already 08:30 next morning in Tokyo: late for an 08:00 class there."""
    tokyo = timezone(timedelta(hours=9))
    assert arrival_status(datetime(2026, 3, 1, 23, 30, tzinfo=UTC), time(8, 0), 10, local_zone=tokyo) is LATE
    assert (
        arrival_status(datetime(2026, 3, 1, 22, 55, tzinfo=UTC), time(8, 0), 0, local_zone=tokyo) is PRESENT
    )


def test_naive_arrival_is_local_wall_clock() -> None:
    assert arrival_status(datetime(2026, 3, 2, 8, 5), time(8, 0), 5) is PRESENT
    assert arrival_status(datetime(2026, 3, 2, 8, 6), time(8, 0), 5) is LATE


@pytest.fixture
def kiosk_in_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    clock.tzset()
    yield
    monkeypatch.undo()
    clock.tzset()


@pytest.mark.usefixtures("kiosk_in_new_york")
def test_default_zone_is_the_computers() -> None:
    # New York in March 2026 (after the 8 March change) is UTC-4: 08:00 local is 12:00 UTC.
    assert arrival_status(datetime(2026, 3, 16, 12, 10, tzinfo=UTC), time(8, 0), 10) is PRESENT
    assert arrival_status(datetime(2026, 3, 16, 12, 11, tzinfo=UTC), time(8, 0), 10) is LATE


# --- a session's summary -----------------------------------------------------------------


def student(name: str) -> StudentInfo:
    return StudentInfo(uuid.uuid4(), name.lower(), name, "9B")


def test_summary_groups_marks_and_counts_the_unmarked_as_absent() -> None:
    ana, ben, cy, dee, eve = (student(n) for n in ("Ana", "Ben", "Cy", "Dee", "Eve"))
    moved = student("Zed")  # marked, then moved to another class: no longer in the roster
    info = SessionInfo(SESSION, "9B", T0)
    marks = [
        mark(AUTO, T0 + timedelta(minutes=2), PRESENT, ben.id),
        mark(AUTO, T0, PRESENT, ana.id),
        mark(AUTO, T0 + timedelta(minutes=9), LATE, cy.id),
        mark(MANUAL, T0, EXCUSED, moved.id),
        mark(MANUAL, T0, ABSENT, eve.id),
    ]
    looked_up: list[uuid.UUID] = []

    def student_of(student_uuid: uuid.UUID) -> StudentInfo:
        looked_up.append(student_uuid)
        return moved

    summary = summarise(info, ClassInfo("9B", "Year 9B"), [eve, dee, cy, ben, ana], marks, student_of)
    assert summary.session == info
    assert [s.name for s, _ in summary.present] == ["Ben", "Ana"]  # the order of the marks
    assert [s.name for s, _ in summary.late] == ["Cy"]
    assert [(s.name, m.status) for s, m in summary.excused] == [("Zed", EXCUSED)]
    assert [s.name for s in summary.absent] == ["Dee", "Eve"]  # marked absent or not marked, by name
    assert looked_up == [moved.id]  # only students outside the roster are looked up
    assert summary.counts == {"present": 2, "late": 1, "excused": 1, "absent": 2}


def test_summary_of_an_empty_session_lists_the_whole_roster_absent() -> None:
    roster = [student("Ben"), student("Ana")]
    summary = summarise(
        SessionInfo(SESSION, "9B", T0), ClassInfo("9B", "9B"), roster, [], lambda u: roster[0]
    )
    assert [s.name for s in summary.absent] == ["Ana", "Ben"]
    assert summary.present == summary.late == summary.excused == ()
