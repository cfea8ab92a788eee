"""Report arithmetic: attendance rates, at-risk flags and weekly buckets, from tallies.

The database counts (one GROUP BY per report); this module turns counts into the figures
people read, the same way for every report and every database.

The rules:
- a student is *expected* at every session of their class while active, and at any other
  session where they hold a mark; an expected session without a mark counts as absent;
- the attendance rate is (present + late) / (present + late + absent): an excused absence
  is neither attendance nor absence (it leaves the denominator);
- a student is *at risk* when their rate is below the threshold (90 % by default); a student
  with no countable session has no rate and is not flagged.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from kiosk.core.domain import AttendanceStatus
from kiosk.core.errors import InvalidInput
from kiosk.core.records import MarkMethod

DEFAULT_AT_RISK_RATE = 0.90


def attendance_rate(present: int, late: int, absent: int) -> float | None:
    """(present + late) / (present + late + absent); None when nothing counts."""
    counted = present + late + absent
    return None if counted == 0 else (present + late) / counted


def check_threshold(threshold: float) -> float:
    if not 0.0 <= threshold <= 1.0:
        raise InvalidInput(
            f"{threshold} is not a rate between 0 and 1.", "Give the at-risk rate as, e.g., 0.9 for 90 %."
        )
    return threshold


def check_range(start: date, end: date) -> None:
    if end < start:
        raise InvalidInput(
            f"The date range is reversed ({start.isoformat()} is after {end.isoformat()}).",
            "Give --from before --to.",
        )


def day_bounds(start: date, end: date, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """The moments [start 00:00, the day after end 00:00) in local time (``tz``; None: the
    computer's zone), as aware datetimes: a range of whole local days, ``end`` included."""
    check_range(start, end)

    def midnight(day: date) -> datetime:
        naive = datetime.combine(day, time(0))
        local = naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()
        return local.astimezone(UTC)  # in UTC: arithmetic on one zone's values ignores DST

    return midnight(start), midnight(end + timedelta(days=1))


@dataclass(frozen=True, slots=True)
class MarkTally:
    """What the database counted for one student over a range."""

    student_uuid: uuid.UUID
    present: int = 0
    late: int = 0
    absent: int = 0
    excused: int = 0
    marked_in_own_class: int = 0  # marks in sessions of the student's current class


@dataclass(frozen=True, slots=True)
class ClassTally:
    """What the database counted for one student in one class's sessions over a range."""

    student_uuid: uuid.UUID
    class_code: str
    present: int = 0
    late: int = 0
    absent: int = 0
    excused: int = 0


@dataclass(frozen=True, slots=True)
class StudentRef:
    """Who a student is, for reports (no contact data, no face data)."""

    uuid: uuid.UUID
    student_id: str
    name: str
    class_code: str | None
    is_active: bool = True


@dataclass(frozen=True, slots=True)
class Found:
    """A search result: the student and how well the name matched."""

    student: StudentRef
    score: float  # 1.0 for a substring match; the word similarity otherwise


def merge_tallies(rows: Iterable[ClassTally], students: Iterable[StudentRef]) -> dict[uuid.UUID, MarkTally]:
    """One :class:`MarkTally` per student from their per-class counts; the marks in their
    current class's sessions are what the unmarked sessions are counted against."""
    own = {st.uuid: st.class_code for st in students}
    sums: dict[uuid.UUID, list[int]] = {}
    for row in rows:
        acc = sums.setdefault(row.student_uuid, [0, 0, 0, 0, 0])
        acc[0] += row.present
        acc[1] += row.late
        acc[2] += row.absent
        acc[3] += row.excused
        if own.get(row.student_uuid) == row.class_code:
            acc[4] += row.present + row.late + row.absent + row.excused
    return {sid: MarkTally(sid, *acc) for sid, acc in sums.items()}


@dataclass(frozen=True, slots=True)
class StudentRate:
    student: StudentRef
    sessions: int  # expected sessions (marked + unmarked)
    present: int
    late: int
    absent: int  # marked absent + unmarked
    excused: int
    rate: float | None
    at_risk: bool


def student_rates(
    students: Iterable[StudentRef],
    tallies: Mapping[uuid.UUID, MarkTally],
    held_by_class: Mapping[str, int],
    threshold: float = DEFAULT_AT_RISK_RATE,
) -> list[StudentRate]:
    """One :class:`StudentRate` per student, by name. ``held_by_class``: sessions per class code.

    Unmarked sessions are the own class's sessions (for active students) without a mark.
    """
    out: list[StudentRate] = []
    for st in students:
        tally = tallies.get(st.uuid, MarkTally(st.uuid))
        unmarked = 0
        if st.is_active and st.class_code is not None:
            unmarked = max(0, held_by_class.get(st.class_code, 0) - tally.marked_in_own_class)
        absent = tally.absent + unmarked
        rate = attendance_rate(tally.present, tally.late, absent)
        out.append(
            StudentRate(
                student=st,
                sessions=tally.present + tally.late + tally.absent + tally.excused + unmarked,
                present=tally.present,
                late=tally.late,
                absent=absent,
                excused=tally.excused,
                rate=rate,
                at_risk=rate is not None and rate < threshold,
            )
        )
    out.sort(key=lambda r: (r.student.name.casefold(), r.student.student_id))
    return out


@dataclass(frozen=True, slots=True)
class SessionTally:
    """One session's counts, for the weekly chart (``unmarked`` active members count absent)."""

    session_id: uuid.UUID
    started_at: datetime
    present: int
    late: int
    absent: int
    excused: int
    unmarked: int


@dataclass(frozen=True, slots=True)
class WeekRate:
    week_start: date  # the Monday, in local time
    sessions: int
    rate: float | None


def weekly_rates(tallies: Iterable[SessionTally], tz: tzinfo | None = None) -> list[WeekRate]:
    """Attendance rate per week (Monday to Sunday, local time), oldest first."""
    buckets: dict[date, list[int]] = {}
    for t in tallies:
        local = t.started_at.astimezone(tz)
        monday = local.date() - timedelta(days=local.weekday())
        b = buckets.setdefault(monday, [0, 0, 0, 0])
        b[0] += 1
        b[1] += t.present
        b[2] += t.late
        b[3] += t.absent + t.unmarked
    return [
        WeekRate(week_start=w, sessions=b[0], rate=attendance_rate(b[1], b[2], b[3]))
        for w, b in sorted(buckets.items())
    ]


@dataclass(frozen=True, slots=True)
class ClassReport:
    class_code: str
    class_name: str
    start: date
    end: date  # inclusive
    sessions_held: int
    threshold: float
    students: tuple[StudentRate, ...]
    weeks: tuple[WeekRate, ...] = ()

    @property
    def at_risk(self) -> tuple[StudentRate, ...]:
        return tuple(r for r in self.students if r.at_risk)

    @property
    def rate(self) -> float | None:
        """The class's overall rate: all its students' sessions together."""
        return attendance_rate(
            sum(r.present for r in self.students),
            sum(r.late for r in self.students),
            sum(r.absent for r in self.students),
        )


@dataclass(frozen=True, slots=True)
class StudentSessionLine:
    """One session in a student's history."""

    session_id: uuid.UUID
    class_code: str
    started_at: datetime
    status: AttendanceStatus
    method: MarkMethod
    marked_at: datetime | None
    corrected: bool
    note: str | None


@dataclass(frozen=True, slots=True)
class StudentReport:
    student: StudentRef
    start: date
    end: date
    summary: StudentRate
    history: tuple[StudentSessionLine, ...] = field(default=())  # newest first
    weeks: tuple[WeekRate, ...] = ()


def student_summary(
    student: StudentRef, lines: Sequence[StudentSessionLine], threshold: float = DEFAULT_AT_RISK_RATE
) -> StudentRate:
    """The student's figures from their history lines (unmarked lines are already absent)."""
    counts = {s: 0 for s in AttendanceStatus}
    for line in lines:
        counts[line.status] += 1
    rate = attendance_rate(
        counts[AttendanceStatus.PRESENT], counts[AttendanceStatus.LATE], counts[AttendanceStatus.ABSENT]
    )
    return StudentRate(
        student=student,
        sessions=len(lines),
        present=counts[AttendanceStatus.PRESENT],
        late=counts[AttendanceStatus.LATE],
        absent=counts[AttendanceStatus.ABSENT],
        excused=counts[AttendanceStatus.EXCUSED],
        rate=rate,
        at_risk=rate is not None and rate < threshold,
    )


def history_weeks(lines: Iterable[StudentSessionLine], tz: tzinfo | None = None) -> list[WeekRate]:
    """A student's weekly rate, from their history lines."""
    return weekly_rates(
        (
            SessionTally(
                session_id=line.session_id,
                started_at=line.started_at,
                present=int(line.status is AttendanceStatus.PRESENT),
                late=int(line.status is AttendanceStatus.LATE),
                absent=int(line.status is AttendanceStatus.ABSENT),
                excused=int(line.status is AttendanceStatus.EXCUSED),
                unmarked=0,
            )
            for line in lines
        ),
        tz,
    )


@dataclass(frozen=True, slots=True)
class DayReport:
    """Who is missing on one day, across classes: students with at least one absent session."""

    day: date
    sessions_held: int
    absentees: tuple[StudentRate, ...]  # by class, then name


def day_absentees(rates: Iterable[StudentRate]) -> tuple[StudentRate, ...]:
    missing = [replace(r, at_risk=False) for r in rates if r.absent > 0]
    missing.sort(key=lambda r: (r.student.class_code or "", r.student.name.casefold()))
    return tuple(missing)
