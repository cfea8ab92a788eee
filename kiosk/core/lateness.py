"""Whether an arrival counts as present or late."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from kiosk.core.domain import AttendanceStatus


def arrival_status(
    arrived_at: datetime, class_starts_at: time | None, grace_minutes: int
) -> AttendanceStatus:
    """``LATE`` when the student arrives after the class start plus the grace period.

    The start time is a wall-clock time on the day of arrival, compared in the arrival's
    own time zone (the kiosk's local time), which is how teachers read a timetable.
    """
    if class_starts_at is None:
        return AttendanceStatus.PRESENT
    local = arrived_at.astimezone() if arrived_at.tzinfo else arrived_at
    start = datetime.combine(local.date(), class_starts_at, tzinfo=local.tzinfo)
    if local > start + timedelta(minutes=grace_minutes):
        return AttendanceStatus.LATE
    return AttendanceStatus.PRESENT
