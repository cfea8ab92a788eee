"""The attendance rules, each written once: lateness, which mark stands, a session's summary.

The server's repository (:mod:`kiosk.infra.db.repo.attendance`), the kiosk's offline outbox
and local store (:mod:`kiosk.infra.offline`) and the session service all call these, so the
kiosk and the server can never disagree about a rule.

When two marks for the same student in the same session meet, the one that stands is:

1. a manual mark (the teacher or the office) over the pupil's own check-in (camera, card, PIN);
2. between the pupil's own check-ins, the earliest (the first time the kiosk saw the student);
3. between manual marks, the latest change.

The rule picks the same winner whatever order the marks arrive in, which is what lets the
kiosk decide locally while offline and the server agree later.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, time, timedelta, tzinfo

from kiosk.core.domain import (
    AttendanceMark,
    AttendanceStatus,
    ClassInfo,
    SessionInfo,
    SessionSummary,
    StudentInfo,
)


def as_aware(value: datetime) -> datetime:
    """``value`` with a time zone; a naive time is taken as UTC, which is what the kiosk stores."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def incoming_wins(existing: AttendanceMark, incoming: AttendanceMark) -> bool:
    """Whether ``incoming`` replaces the student's ``existing`` mark (see the module docstring).

    Times are compared as instants, so marks written in different time zones, or naive (UTC)
    and aware, compare correctly.
    """
    # The pupil's own check-ins (camera, card, PIN) are one kind: the first one stands.
    if existing.source.by_teacher != incoming.source.by_teacher:
        return incoming.source.by_teacher
    existing_at, incoming_at = as_aware(existing.marked_at), as_aware(incoming.marked_at)
    if not incoming.source.by_teacher:
        return incoming_at < existing_at
    return incoming_at >= existing_at


def arrival_status(
    arrived_at: datetime,
    class_starts_at: time | None,
    grace_minutes: int,
    *,
    local_zone: tzinfo | None = None,
) -> AttendanceStatus:
    """``LATE`` when the student arrives after the class start plus the grace period.

    The start time is a wall-clock time on the day of arrival, compared in the kiosk's local
    time zone (``local_zone``, by default the computer's), which is how teachers read a
    timetable. An aware ``arrived_at`` (the kiosk marks in UTC) is converted to that zone; a
    naive one is taken as local wall-clock time already. Arriving exactly at the end of the
    grace period is still on time.
    """
    if class_starts_at is None:
        return AttendanceStatus.PRESENT
    local = arrived_at.astimezone(local_zone) if arrived_at.tzinfo else arrived_at
    start = datetime.combine(local.date(), class_starts_at, tzinfo=local.tzinfo)
    if local > start + timedelta(minutes=grace_minutes):
        return AttendanceStatus.LATE
    return AttendanceStatus.PRESENT


def summarise(
    session: SessionInfo,
    class_info: ClassInfo,
    roster: Iterable[StudentInfo],
    marks: Iterable[AttendanceMark],
    student_of: Callable[[uuid.UUID], StudentInfo],
) -> SessionSummary:
    """Present / late / excused / absent for a session.

    ``roster`` is the class's active students: those without a mark are absent. A mark for a
    student no longer in the roster (moved class, withdrawn) still counts; ``student_of``
    looks such a student up. Marked groups keep the order of ``marks``; absent is by name.
    """
    roster = list(roster)
    by_uuid = {s.id: s for s in roster}
    groups: dict[AttendanceStatus, list[tuple[StudentInfo, AttendanceMark]]] = {
        s: [] for s in AttendanceStatus
    }
    marked: set[uuid.UUID] = set()
    for mark in marks:
        student = by_uuid.get(mark.student_uuid) or student_of(mark.student_uuid)
        groups[mark.status].append((student, mark))
        marked.add(mark.student_uuid)
    absent = [s for s, _ in groups[AttendanceStatus.ABSENT]] + [s for s in roster if s.id not in marked]
    return SessionSummary(
        session=session,
        class_info=class_info,
        present=tuple(groups[AttendanceStatus.PRESENT]),
        late=tuple(groups[AttendanceStatus.LATE]),
        excused=tuple(groups[AttendanceStatus.EXCUSED]),
        absent=tuple(sorted(absent, key=lambda s: s.name)),
    )
