"""Counts for the reports: one GROUP BY per figure, over the records of a range of sessions.

The arithmetic (rates, unmarked-as-absent, at-risk) is :mod:`kiosk.core.reports`; this
module only counts. The indexes these queries rely on come with migration 0005_records:
sessions by (class, start) and by start, records by (session, student, status).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from kiosk.core.domain import AttendanceStatus
from kiosk.core.errors import NotFound
from kiosk.core.records import method_of
from kiosk.core.reports import ClassTally, SessionTally, StudentRef, StudentSessionLine
from kiosk.infra.db.models import SchoolClass, Student
from kiosk.infra.db.repo.records import R, S, _members_by_class, count_of


def _in_range(start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(S.started_at >= start, S.started_at < end)


def tallies_statement(
    start: datetime, end: datetime, *, class_id: int | None = None, student_uuid: uuid.UUID | None = None
) -> Select[Any]:
    """The one GROUP BY behind every report (exposed so the benchmark can EXPLAIN it).

    Grouped by (student, class of the session) and joined to nothing but the sessions: a
    join to the students (for "own class") cost a third of the time; the core does it on
    the few hundred grouped rows instead (:func:`kiosk.core.reports.merge_tallies`).
    """
    stmt = (
        select(
            R.student_id,
            S.class_id,
            count_of(AttendanceStatus.PRESENT),
            count_of(AttendanceStatus.LATE),
            count_of(AttendanceStatus.ABSENT),
            count_of(AttendanceStatus.EXCUSED),
        )
        .join(S, S.id == R.session_id)
        .where(_in_range(start, end))
        .group_by(R.student_id, S.class_id)
    )
    if class_id is not None:
        stmt = stmt.where(S.class_id == class_id)
    if student_uuid is not None:
        stmt = stmt.where(R.student_id == student_uuid)
    return stmt


def class_codes(session: Session) -> dict[int, str]:
    return {cid: code for cid, code in session.execute(select(SchoolClass.id, SchoolClass.code))}


def class_tallies(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    class_id: int | None = None,
    student_uuid: uuid.UUID | None = None,
    codes: dict[int, str] | None = None,
) -> list[ClassTally]:
    """Marks by status per (student, class of the session) over the sessions in [start, end).

    ``codes`` (class id to code) saves a round trip when the caller knows them."""
    codes = codes if codes is not None else class_codes(session)
    stmt = tallies_statement(start, end, class_id=class_id, student_uuid=student_uuid)
    return [
        ClassTally(sid, codes[cid], int(p), int(lt), int(a), int(e))
        for sid, cid, p, lt, a, e in session.execute(stmt)
    ]


def sessions_held(
    session: Session, start: datetime, end: datetime, *, class_id: int | None = None
) -> dict[str, int]:
    """Sessions per class code in [start, end)."""
    stmt = (
        select(SchoolClass.code, func.count(S.id))
        .join(SchoolClass, SchoolClass.id == S.class_id)
        .where(_in_range(start, end))
        .group_by(SchoolClass.code)
    )
    if class_id is not None:
        stmt = stmt.where(S.class_id == class_id)
    return {code: int(n) for code, n in session.execute(stmt)}


def _refs_query() -> Any:
    return select(
        Student.id, Student.student_id, Student.name, SchoolClass.code, Student.is_active
    ).outerjoin(SchoolClass, SchoolClass.id == Student.class_id)


def student_refs(
    session: Session, *, class_id: int | None = None, also: set[uuid.UUID] | None = None
) -> list[StudentRef]:
    """Active students (of one class, or all), plus the students in ``also`` (marked ones)."""
    also = also or set()
    if class_id is None:  # the whole school: every row, filtered here (no IN list of a thousand ids)
        rows = [StudentRef(*row) for row in session.execute(_refs_query())]
        return [r for r in rows if r.is_active or r.uuid in also]
    members = and_(Student.is_active.is_(True), Student.class_id == class_id)
    condition = or_(members, Student.id.in_(also)) if also else members
    return [StudentRef(*row) for row in session.execute(_refs_query().where(condition))]


def student_ref(session: Session, student_id: str) -> StudentRef:
    row = session.execute(_refs_query().where(Student.student_id == student_id)).first()
    if row is None:
        raise NotFound(
            f"There is no student with id {student_id!r}.", "Find the id with `kiosk student search NAME`."
        )
    return StudentRef(*row)


def session_tallies(
    session: Session, start: datetime, end: datetime, *, class_id: int, members: int | None = None
) -> list[SessionTally]:
    """Per session of one class: counts by status and the active members left unmarked
    (``members``: the class's active students, counted here unless given)."""
    member_ids = select(Student.id).where(Student.class_id == class_id, Student.is_active.is_(True))
    own_member = R.student_id.in_(member_ids.scalar_subquery())
    stmt = (
        select(
            S.id,
            S.started_at,
            count_of(AttendanceStatus.PRESENT),
            count_of(AttendanceStatus.LATE),
            count_of(AttendanceStatus.ABSENT),
            count_of(AttendanceStatus.EXCUSED),
            func.coalesce(func.sum(case((own_member, 1), else_=0)), 0),
        )
        .outerjoin(R, R.session_id == S.id)
        .where(S.class_id == class_id, _in_range(start, end))
        .group_by(S.id, S.started_at)
        .order_by(S.started_at)
    )
    if members is None:
        members = _members_by_class(session, [class_id]).get(class_id, 0)
    return [
        SessionTally(sid, started, int(p), int(lt), int(a), int(e), max(0, members - int(own)))
        for sid, started, p, lt, a, e, own in session.execute(stmt)
    ]


def student_history(
    session: Session, student: StudentRef, start: datetime, end: datetime
) -> list[StudentSessionLine]:
    """The sessions a student was expected at in [start, end), newest first: their class's
    sessions while active, and any session where they hold a mark."""
    class_id = session.scalar(select(Student.class_id).where(Student.id == student.uuid))
    marked_in = select(R.session_id).where(R.student_id == student.uuid)
    expected: ColumnElement[bool] = S.id.in_(marked_in)
    if class_id is not None and student.is_active:
        expected = or_(S.class_id == class_id, expected)
    stmt = (
        select(
            S.id,
            SchoolClass.code,
            S.started_at,
            R.status,
            R.source,
            R.details,
            R.marked_at,
            R.corrected_at,
            R.note,
        )
        .join(SchoolClass, SchoolClass.id == S.class_id)
        .outerjoin(R, and_(R.session_id == S.id, R.student_id == student.uuid))
        .where(expected, _in_range(start, end))
        .order_by(S.started_at.desc())
    )
    return [
        StudentSessionLine(
            session_id=sid,
            class_code=code,
            started_at=started,
            status=status or AttendanceStatus.ABSENT,
            method=method_of(source, details),
            marked_at=marked_at,
            corrected=corrected_at is not None,
            note=note,
        )
        for sid, code, started, status, source, details, marked_at, corrected_at, note in session.execute(
            stmt
        )
    ]
