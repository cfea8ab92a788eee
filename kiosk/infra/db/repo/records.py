"""The attendance record: history of sessions, one session's lines, corrections, sign-off.

Every read is one set-based query (a GROUP BY over the range), never a query per session
or per student. Functions take a :class:`Session`, flush, never commit, and return the
frozen values of :mod:`kiosk.core.records`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from kiosk.core.domain import AttendanceStatus, MarkSource
from kiosk.core.errors import Conflict, NotFound
from kiosk.core.records import Correction, RecordLine, SessionDetail, SessionOverview, method_of
from kiosk.infra.db.models import AttendanceRecord, AttendanceSession, SchoolClass, Student
from kiosk.infra.db.repo import audit
from kiosk.infra.db.repo import classes as class_repo

R, S = AttendanceRecord, AttendanceSession


def count_of(status: AttendanceStatus) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((R.status == status, 1), else_=0)), 0)


def _members_by_class(session: Session, class_ids: Sequence[int] | None = None) -> dict[int, int]:
    """Active students per class id."""
    stmt = (
        select(Student.class_id, func.count())
        .where(Student.is_active.is_(True), Student.class_id.is_not(None))
        .group_by(Student.class_id)
    )
    if class_ids is not None:
        stmt = stmt.where(Student.class_id.in_(class_ids))
    return {int(cid): int(n) for cid, n in session.execute(stmt) if cid is not None}


def list_sessions(
    session: Session,
    *,
    class_code: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    session_ids: Sequence[uuid.UUID] | None = None,
    limit: int | None = None,
) -> list[SessionOverview]:
    """Past sessions, newest first, with their counts (one query, plus one for roster sizes)."""
    own_member = and_(Student.class_id == S.class_id, Student.is_active.is_(True))
    stmt = (
        select(
            S.id,
            SchoolClass.code,
            SchoolClass.name,
            S.class_id,
            S.started_at,
            S.ended_at,
            S.signed_off_at,
            S.signed_off_by,
            count_of(AttendanceStatus.PRESENT),
            count_of(AttendanceStatus.LATE),
            count_of(AttendanceStatus.ABSENT),
            count_of(AttendanceStatus.EXCUSED),
            func.coalesce(func.sum(case((R.corrected_at.is_not(None), 1), else_=0)), 0),
            func.coalesce(func.sum(case((own_member, 1), else_=0)), 0),
        )
        .join(SchoolClass, SchoolClass.id == S.class_id)
        .outerjoin(R, R.session_id == S.id)
        .outerjoin(Student, Student.id == R.student_id)
        .group_by(
            S.id,
            SchoolClass.code,
            SchoolClass.name,
            S.class_id,
            S.started_at,
            S.ended_at,
            S.signed_off_at,
            S.signed_off_by,
        )
        .order_by(S.started_at.desc())
    )
    if class_code is not None:
        stmt = stmt.where(S.class_id == class_repo.get_row(session, class_code).id)
    if start is not None:
        stmt = stmt.where(S.started_at >= start)
    if end is not None:
        stmt = stmt.where(S.started_at < end)
    if session_ids is not None:
        stmt = stmt.where(S.id.in_(session_ids))
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = session.execute(stmt).all()
    members = _members_by_class(session, sorted({row[3] for row in rows})) if rows else {}
    out = []
    for sid, code, name, class_id, started, ended, signed_at, signed_by, p, lt, a, e, corr, own in rows:
        unmarked = max(0, members.get(class_id, 0) - int(own))
        out.append(
            SessionOverview(
                id=sid,
                class_code=code,
                class_name=name,
                started_at=started,
                ended_at=ended,
                signed_off_at=signed_at,
                signed_off_by=signed_by,
                present=int(p),
                late=int(lt),
                absent=int(a) + unmarked,
                excused=int(e),
                corrected=int(corr),
            )
        )
    return out


def session_overview(session: Session, session_id: uuid.UUID) -> SessionOverview:
    found = list_sessions(session, session_ids=[session_id])
    if not found:
        raise NotFound(
            f"There is no attendance session {session_id}.", "See the sessions with `kiosk sessions`."
        )
    return found[0]


def session_detail(session: Session, session_id: uuid.UUID) -> SessionDetail:
    """The session's lines: its class's active students and anyone else marked in it, by name."""
    overview = session_overview(session, session_id)
    class_id = session.scalar(select(S.class_id).where(S.id == session_id))
    stmt = (
        select(
            Student.id,
            Student.student_id,
            Student.name,
            R.status,
            R.source,
            R.details,
            R.marked_at,
            R.confidence,
            R.note,
            R.corrected_at,
            R.corrected_by,
            R.correction_reason,
        )
        .outerjoin(R, and_(R.student_id == Student.id, R.session_id == session_id))
        .where(or_(and_(Student.class_id == class_id, Student.is_active.is_(True)), R.id.is_not(None)))
        .order_by(Student.name, Student.student_id)
    )
    lines = tuple(
        RecordLine(
            student_uuid=sid,
            student_id=school_id,
            name=name,
            status=status or AttendanceStatus.ABSENT,
            method=method_of(source, details),
            marked_at=marked_at,
            confidence=confidence,
            note=note,
            corrected_at=corrected_at,
            corrected_by=corrected_by,
            correction_reason=reason,
        )
        for sid, school_id, name, status, source, details, marked_at, confidence, note, corrected_at, corrected_by, reason in session.execute(
            stmt
        )
    )
    return SessionDetail(overview=overview, lines=lines)


def _session_row(session: Session, session_id: uuid.UUID) -> AttendanceSession:
    row = session.get(AttendanceSession, session_id)
    if row is None:
        raise NotFound(
            f"There is no attendance session {session_id}.", "See the sessions with `kiosk sessions`."
        )
    return row


def correct_mark(
    session: Session, session_id: uuid.UUID, student_uuid: uuid.UUID, correction: Correction
) -> RecordLine:
    """Change one student's mark after the fact; the change goes to the audit log.

    Allowed on signed-off sessions too (a correction always carries its reason and person).
    """
    session_row = _session_row(session, session_id)
    student = session.get(Student, student_uuid)
    if student is None:
        raise NotFound("That student does not exist.", "See the ids with `kiosk student list`.")
    record = session.scalar(select(R).where(R.session_id == session_id, R.student_id == student_uuid))
    now = datetime.now(UTC)
    previous = record.status.value if record is not None else None
    if record is None:
        record = AttendanceRecord(
            id=uuid.uuid4(),
            session_id=session_id,
            student_id=student_uuid,
            status=correction.status,
            source=MarkSource.MANUAL,
            marked_at=now,
            details={"corrected": True},
        )
        session.add(record)
    record.status = correction.status
    record.source = MarkSource.MANUAL
    if correction.excuse is not None:
        record.note = correction.excuse
    record.corrected_at = now
    record.corrected_by = correction.actor
    record.correction_reason = correction.reason
    session.flush()
    audit.record(
        session,
        actor=correction.actor,
        action="attendance.correct",
        entity="attendance",
        entity_id=str(student_uuid),
        details={
            "session": str(session_id),
            "student": student.student_id,
            "from": previous or "unmarked",
            "to": correction.status.value,
            "reason": correction.reason,
            "excuse": correction.excuse,
            "signed_off": session_row.signed_off_at is not None,
        },
    )
    line = session_detail(session, session_id).line_for(student.student_id)
    assert line is not None
    return line


def sign_off(session: Session, session_id: uuid.UUID, *, actor: str) -> SessionOverview:
    """The teacher confirms the register: the session ends (if still open) and is locked."""
    row = _session_row(session, session_id)
    if row.signed_off_at is not None:
        raise Conflict(
            f"This register was already signed off by {row.signed_off_by or 'someone'}.",
            "Change a mark with a correction and a reason instead.",
        )
    now = datetime.now(UTC)
    row.signed_off_at = now
    row.signed_off_by = actor
    if row.ended_at is None:
        row.ended_at = now
    session.flush()
    overview = session_overview(session, session_id)
    audit.record(
        session,
        actor=actor,
        action="attendance.sign_off",
        entity="session",
        entity_id=str(session_id),
        details={
            "present": overview.present,
            "late": overview.late,
            "absent": overview.absent,
            "excused": overview.excused,
        },
    )
    return overview


def is_signed_off(session: Session, session_id: uuid.UUID) -> bool:
    return session.scalar(select(S.signed_off_at).where(S.id == session_id)) is not None
