"""Retention: find, and delete, what is older than the school's periods ([privacy] settings).

"Last seen" for a student is their newest attendance mark (any method) or, if newer, their
newest face template (an enrollment is a contact too). Each function returns what it
found; the ``delete_*`` ones delete it in the caller's transaction.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Select, and_, delete, exists, func, or_, select
from sqlalchemy.orm import Session

from kiosk.infra.db.models import AttendanceRecord, AttendanceSession, FaceEncoding, Student


def _seen_since(cutoff: datetime) -> object:
    marked = exists().where(AttendanceRecord.student_id == Student.id, AttendanceRecord.marked_at >= cutoff)
    enrolled = exists().where(FaceEncoding.student_id == Student.id, FaceEncoding.created_at >= cutoff)
    return or_(marked, enrolled)


def _has_templates() -> object:
    return exists().where(FaceEncoding.student_id == Student.id)


def _ids(session: Session, stmt: Select[uuid.UUID, str]) -> dict[uuid.UUID, str]:
    return {sid: code for sid, code in session.execute(stmt)}


def templates_of_inactive(session: Session, cutoff: datetime) -> dict[uuid.UUID, str]:
    """Students inactive (left, graduated) since before ``cutoff`` who still have face data."""
    stmt = select(Student.id, Student.student_id).where(
        Student.is_active.is_(False),
        Student.updated_at < cutoff,
        or_(_has_templates(), Student.photo.is_not(None)),  # type: ignore[arg-type]
    )
    return _ids(session, stmt)


def templates_unseen(session: Session, cutoff: datetime) -> dict[uuid.UUID, str]:
    stmt = select(Student.id, Student.student_id).where(
        _has_templates(),  # type: ignore[arg-type]
        ~_seen_since(cutoff),  # type: ignore[operator]
    )
    return _ids(session, stmt)


def thumbnails_unseen(session: Session, cutoff: datetime) -> dict[uuid.UUID, str]:
    stmt = select(Student.id, Student.student_id).where(
        Student.photo.is_not(None),
        ~_seen_since(cutoff),  # type: ignore[operator]
    )
    return _ids(session, stmt)


def delete_templates(session: Session, students: list[uuid.UUID], *, with_thumbnails: bool) -> int:
    if not students:
        return 0
    n = session.scalar(select(func.count(FaceEncoding.id)).where(FaceEncoding.student_id.in_(students))) or 0
    session.execute(delete(FaceEncoding).where(FaceEncoding.student_id.in_(students)))
    if with_thumbnails:
        delete_thumbnails(session, students)
    session.flush()
    return int(n)


def delete_thumbnails(session: Session, students: list[uuid.UUID]) -> None:
    if students:
        session.query(Student).filter(Student.id.in_(students)).update({Student.photo: None})
        session.flush()


def attendance_older_than(session: Session, cutoff: datetime) -> int:
    return int(
        session.scalar(select(func.count(AttendanceRecord.id)).where(AttendanceRecord.marked_at < cutoff))
        or 0
    )


def delete_attendance_older_than(session: Session, cutoff: datetime) -> tuple[int, int]:
    """Marks older than ``cutoff``, then the sessions that ended before it and hold no mark."""
    records = attendance_older_than(session, cutoff)
    session.execute(delete(AttendanceRecord).where(AttendanceRecord.marked_at < cutoff))
    empty_old = select(AttendanceSession.id).where(
        and_(
            AttendanceSession.started_at < cutoff,
            ~exists().where(AttendanceRecord.session_id == AttendanceSession.id),
        )
    )
    sessions = len(session.scalars(empty_old).all())
    session.execute(delete(AttendanceSession).where(AttendanceSession.id.in_(empty_old)))
    session.flush()
    return records, sessions
