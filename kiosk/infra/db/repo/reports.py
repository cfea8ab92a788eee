"""Counts for the reports: one GROUP BY per figure, over the records of a range of sessions.

The arithmetic (rates, unmarked-as-absent, at-risk) is :mod:`kiosk.core.reports`; this
module only counts. The per-student counts of a range come from two places, in one query:

- ``attendance_day_counts`` (revision 0014_session_counts, kept by triggers) for the whole
  UTC days inside the range: a student's day is one row, not one per period;
- the records themselves for the hours at the range's ends that are not a whole UTC day (a
  local school day starts at local midnight), through the covering index of a session's
  records (session, student, status) from revision 0005_records.

Both count the same thing (marks by status per student and class of the session), so a
report's figures do not depend on which part a session fell in.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, union_all
from sqlalchemy.orm import Session

from kiosk.core.domain import AttendanceStatus
from kiosk.core.errors import NotFound
from kiosk.core.records import method_of
from kiosk.core.reports import ClassTally, SessionTally, StudentRef, StudentSessionLine
from kiosk.infra.db.models import AttendanceDayCount, AttendanceSessionCount, SchoolClass, Student
from kiosk.infra.db.repo.records import R, S, count_of

C = AttendanceDayCount
SC = AttendanceSessionCount.__table__
_STATUS_COLUMNS = ("present", "late", "absent", "excused")


def _in_range(start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(S.started_at >= start, S.started_at < end)


def whole_utc_days(start: datetime, end: datetime) -> tuple[date, date] | None:
    """The UTC days [first, stop) lying wholly inside [start, end), or None if there is none."""
    lo, hi = start.astimezone(UTC), end.astimezone(UTC)
    first = lo.date() if lo.time() == time(0) else lo.date() + timedelta(days=1)
    stop = hi.date()  # the day holding ``end`` is not whole (end is exclusive)
    return (first, stop) if first < stop else None


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def _records_part(
    start: datetime, end: datetime, class_id: int | None, student_uuid: uuid.UUID | None
) -> Select[Any]:
    stmt = (
        select(
            R.student_id.label("student_id"),
            S.class_id.label("class_id"),
            count_of(AttendanceStatus.PRESENT).label("present"),
            count_of(AttendanceStatus.LATE).label("late"),
            count_of(AttendanceStatus.ABSENT).label("absent"),
            count_of(AttendanceStatus.EXCUSED).label("excused"),
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


def tallies_statement(
    start: datetime,
    end: datetime,
    *,
    class_id: int | None = None,
    student_uuid: uuid.UUID | None = None,
    day_counts: bool = True,
) -> Select[Any]:
    """The one GROUP BY behind every report (exposed so the benchmark can EXPLAIN it).

    Rows: (student, class of the session, present, late, absent, excused), one per pair
    with at least one mark. Grouped by the class of the session and joined to nothing else:
    a join to the students (for "own class") cost a third of the time; the core does it on
    the few hundred grouped rows instead (:func:`kiosk.core.reports.merge_tallies`).
    ``day_counts=False`` counts the records alone (the benchmark's before-and-after).
    """
    days = whole_utc_days(start, end) if day_counts else None
    if days is None:
        return _records_part(start, end, class_id, student_uuid)
    first, stop = days
    edges = [(lo, hi) for lo, hi in ((start, _midnight(first)), (_midnight(stop), end)) if lo < hi]
    counted = select(C.student_id, C.class_id, C.present, C.late, C.absent, C.excused).where(
        C.day >= first, C.day < stop
    )
    if class_id is not None:
        counted = counted.where(C.class_id == class_id)
    if student_uuid is not None:
        counted = counted.where(C.student_id == student_uuid)
    # One part per end (each a plain range on the sessions' index), not one OR of both.
    parts = [counted, *(_records_part(lo, hi, class_id, student_uuid) for lo, hi in edges)]
    u = union_all(*parts).subquery() if len(parts) > 1 else counted.subquery()
    sums = [func.sum(u.c[name]) for name in _STATUS_COLUMNS]
    return (
        select(u.c.student_id, u.c.class_id, *sums)
        .group_by(u.c.student_id, u.c.class_id)
        # A day's counts may have fallen back to zero (a mark deleted): no mark, no row.
        .having(func.sum(u.c.present + u.c.late + u.c.absent + u.c.excused) > 0)
    )


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
    session: Session,
    start: datetime,
    end: datetime,
    *,
    class_id: int,
    members: int,
    outsiders: Collection[uuid.UUID],
) -> list[SessionTally]:
    """Per session of one class: counts by status and the active members left unmarked.

    ``members``: the class's active students; ``outsiders``: the students marked in the
    class's sessions in the range who are not among them (a class's tallies name them).
    The counts are each session's row of ``attendance_session_counts``; a member's marks
    are the session's marks less the outsiders' (read, if any, through their own index).
    """
    stmt = (
        select(S.id, S.started_at, *(func.coalesce(SC.c[name], 0) for name in _STATUS_COLUMNS))
        .outerjoin(SC, SC.c.session_id == S.id)
        .where(S.class_id == class_id, _in_range(start, end))
        .order_by(S.started_at)
    )
    theirs: dict[uuid.UUID, int] = {}
    if outsiders:
        outsider_marks = (
            select(R.session_id, func.count())
            .join(S, S.id == R.session_id)
            .where(R.student_id.in_(outsiders), S.class_id == class_id, _in_range(start, end))
            .group_by(R.session_id)
        )
        theirs = {sid: int(n) for sid, n in session.execute(outsider_marks)}
    out = []
    for sid, started, p, lt, a, e in session.execute(stmt):
        own = int(p) + int(lt) + int(a) + int(e) - theirs.get(sid, 0)
        out.append(SessionTally(sid, started, int(p), int(lt), int(a), int(e), max(0, members - own)))
    return out


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
