"""A few weeks of past sessions for a class, for the screenshots and the demo: the records
screen and its charts need a history to show. Called through
:meth:`kiosk.app.records.RecordsService.add_sample_history` (one transaction)."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, time, timedelta

from sqlalchemy.orm import Session

from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource
from kiosk.core.records import checked_correction
from kiosk.infra.db.repo import attendance, records, students


def _status(roll: float) -> AttendanceStatus:
    if roll > 0.9:
        return AttendanceStatus.ABSENT
    return AttendanceStatus.LATE if roll > 0.82 else AttendanceStatus.PRESENT


def write_sample_history(s: Session, class_code: str, *, days: int = 20, seed: int = 4) -> int:
    """``days`` school days of sessions before today, most students present, a few late or
    absent, one mark corrected, older sessions signed off. Returns the sessions added."""
    rng = random.Random(seed)
    roster = students.list_students(s, class_code=class_code, active_only=True)
    day = datetime.now().astimezone().date() - timedelta(days=1)
    added = 0
    while added < days:
        if day.weekday() >= 5:
            day -= timedelta(days=1)
            continue
        start = datetime.combine(day, time(8, 30)).astimezone().astimezone(UTC)
        info = attendance.open_session(s, class_code, started_by="sample", started_at=start)
        for i, student in enumerate(roster):
            roll = rng.random() + (0.08 if i == 1 else 0.0)  # one student misses more often
            if roll > 0.97:
                continue  # never marked: absent
            attendance.apply_mark(
                s,
                AttendanceMark(
                    id=uuid.uuid4(),
                    session_id=info.id,
                    student_uuid=student.id,
                    status=_status(roll),
                    marked_at=start + timedelta(minutes=rng.randint(0, 15)),
                    source=MarkSource.AUTO if student.consent_given else MarkSource.MANUAL,
                    confidence=round(rng.uniform(0.5, 0.98), 3) if student.consent_given else None,
                ),
            )
        attendance.close_session(s, info.id, ended_at=start + timedelta(minutes=45))
        if added == 0 and roster:
            correction = checked_correction("excused", "note from the office", "office", "dentist")
            records.correct_mark(s, info.id, roster[0].id, correction)
        if added >= 2:
            records.sign_off(s, info.id, actor="ms.rivera")
        added += 1
        day -= timedelta(days=1)
    return added
