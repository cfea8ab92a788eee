"""The pre-aggregated counts (revision 0014_session_counts) equal a recount of the records
after every kind of write: live marks, a teacher's override, corrections, the sync worker's
bulk insert, a purge, a pupil's erasure, a session deleted or moved. And reports read from
them give the same figures as counting the records alone, for ranges in local time."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, delete, func, select, text, update

from kiosk.app.records import RecordsService
from kiosk.app.reports import ReportsService
from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource
from kiosk.core.reports import day_bounds
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.models import AttendanceDayCount, AttendanceRecord, AttendanceSession, Student
from kiosk.infra.db.repo import attendance
from kiosk.infra.db.repo import reports as report_repo

from .term import TZ, Term

STATUSES = ("present", "late", "absent", "excused")


def _utc(value: Any) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _day(value: Any) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def recount(engine: Engine) -> tuple[dict[tuple[Any, ...], Counter[str]], dict[str, Counter[str]]]:
    """By (class, UTC day, student) and by session, from the records, in Python."""
    by_day: dict[tuple[Any, ...], Counter[str]] = {}
    by_session: dict[str, Counter[str]] = {}
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT s.class_id, s.started_at, r.student_id, r.session_id, r.status "
                "FROM attendance_records r JOIN attendance_sessions s ON s.id = r.session_id"
            )
        ).all()
    for class_id, started, student, session_id, status in rows:
        key = (int(class_id), _utc(started).date(), str(uuid.UUID(str(student))))
        by_day.setdefault(key, Counter())[status] += 1
        by_session.setdefault(str(uuid.UUID(str(session_id))), Counter())[status] += 1
    return by_day, by_session


def stored(engine: Engine) -> tuple[dict[tuple[Any, ...], Counter[str]], dict[str, Counter[str]]]:
    """The two count tables, rows whose counts are all zero left out (readers skip them)."""
    columns = ", ".join(STATUSES)
    with engine.connect() as conn:
        days = conn.execute(text(f"SELECT class_id, day, student_id, {columns} FROM attendance_day_counts"))
        by_day = {
            (int(c), _day(d), str(uuid.UUID(str(st)))): Counter(dict(zip(STATUSES, counts, strict=True)))
            for c, d, st, *counts in days
            if any(counts)
        }
        sessions = conn.execute(text(f"SELECT session_id, {columns} FROM attendance_session_counts"))
        by_session = {
            str(uuid.UUID(str(sid))): Counter(dict(zip(STATUSES, counts, strict=True)))
            for sid, *counts in sessions
            if any(counts)
        }
    assert all(min(c.values(), default=0) >= 0 for c in by_day.values()), "a count went below zero"
    return by_day, by_session


def _drop_zeros(counts: dict[Any, Counter[str]]) -> dict[Any, Counter[str]]:
    return {k: Counter({s: n for s, n in c.items() if n}) for k, c in counts.items()}


def assert_consistent(engine: Engine) -> None:
    want_days, want_sessions = recount(engine)
    got_days, got_sessions = stored(engine)
    assert _drop_zeros(got_days) == want_days
    assert _drop_zeros(got_sessions) == want_sessions


def _mark(session_id: uuid.UUID, student: uuid.UUID, status: AttendanceStatus, **kw: Any) -> AttendanceMark:
    return AttendanceMark(
        id=uuid.uuid4(),
        session_id=session_id,
        student_uuid=student,
        status=status,
        marked_at=datetime.now(UTC),
        **kw,
    )


def _unmarked(engine: Engine, term: Term, session_id: uuid.UUID) -> list[uuid.UUID]:
    with engine.connect() as conn:
        marked = set(
            conn.scalars(select(AttendanceRecord.student_id).where(AttendanceRecord.session_id == session_id))
        )
        class_id = conn.scalar(select(AttendanceSession.class_id).where(AttendanceSession.id == session_id))
        members = set(conn.scalars(select(Student.id).where(Student.class_id == class_id)))
    return sorted(members - marked)


def test_migration_backfills_the_counts_of_existing_records(engine: Engine, term: Term) -> None:
    # The term is written straight into the tables (the triggers count it as it goes);
    # the recount is independent of both.
    assert_consistent(engine)
    assert stored(engine)[0], "the term holds marks"


def test_counts_follow_marks_overrides_and_corrections(
    engine: Engine, term: Term, records: RecordsService
) -> None:
    factory = session_factory(engine)
    session_id = next(sid for sid in term.sessions if _unmarked(engine, term, sid))
    first = _unmarked(engine, term, session_id)[0]
    with unit_of_work(factory) as s:  # a card check-in, then the teacher's override
        attendance.apply_mark(s, _mark(session_id, first, AttendanceStatus.LATE, source=MarkSource.CARD))
    assert_consistent(engine)
    with unit_of_work(factory) as s:
        attendance.apply_mark(
            s, _mark(session_id, first, AttendanceStatus.ABSENT, source=MarkSource.MANUAL), actor="mr o"
        )
    assert_consistent(engine)

    school_id = next(k for k, v in term.students.items() if v == first)
    records.correct(session_id, school_id, "excused", reason="dentist", actor="office", excuse="dentist")
    assert_consistent(engine)
    records.correct(session_id, school_id, "present", reason="was there after all", actor="office")
    assert_consistent(engine)
    # A correction of a student with no mark yet inserts the record.
    other = term.sessions[-2]
    left = _unmarked(engine, term, other)
    if left:
        school_id = next(k for k, v in term.students.items() if v == left[0])
        records.correct(other, school_id, "late", reason="came in at 9", actor="office")
        assert_consistent(engine)
    # A change that is not the status (a note) leaves the counts alone, and stays consistent.
    with engine.begin() as conn:
        conn.execute(update(AttendanceRecord).values(note="checked"))
    assert_consistent(engine)


@pytest.mark.postgres
def test_counts_follow_the_sync_workers_bulk_insert(engine: Engine, term: Term) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("the sync worker's bulk insert is PostgreSQL's (SQLite kiosks apply marks one by one)")
    marks = [
        _mark(sid, student, AttendanceStatus.PRESENT if i % 3 else AttendanceStatus.LATE)
        for i, sid in enumerate(term.sessions[:30])
        for student in _unmarked(engine, term, sid)
    ]
    assert marks
    with unit_of_work(session_factory(engine)) as s:
        inserted = attendance.insert_first_marks(s, marks)
        # Sent again (a lost acknowledgement): nothing more is inserted or counted.
        assert attendance.insert_first_marks(s, marks) == set()
    assert inserted == {m.id for m in marks}
    assert_consistent(engine)


def test_counts_follow_deletions_and_moves(engine: Engine, term: Term) -> None:
    day = datetime.combine(term.school_days()[5], datetime.min.time(), tzinfo=TZ).astimezone(UTC)
    with engine.begin() as conn:  # a retention purge: records before a day
        conn.execute(delete(AttendanceRecord).where(AttendanceRecord.marked_at < day))
    assert_consistent(engine)
    with engine.begin() as conn:  # a session deleted with its records (the cascade)
        conn.execute(delete(AttendanceSession).where(AttendanceSession.id == term.sessions[-3]))
    assert_consistent(engine)
    with engine.begin() as conn:  # a session moved to another class and day
        conn.execute(
            update(AttendanceSession)
            .where(AttendanceSession.id == term.sessions[-5])
            .values(class_id=term.class_ids["11C"], started_at=day + timedelta(days=40, hours=9))
        )
    assert_consistent(engine)
    with engine.begin() as conn:  # a pupil's erasure: their records and counts go
        conn.execute(delete(Student).where(Student.id == term.students["S-9B-1"]))
    assert_consistent(engine)
    with engine.connect() as conn:
        left = conn.scalar(
            select(func.count())
            .select_from(AttendanceDayCount)
            .where(AttendanceDayCount.student_id == term.students["S-9B-1"])
        )
    assert left == 0


def test_reports_from_the_counts_equal_reports_from_the_records(engine: Engine, term: Term) -> None:
    """Ranges in local time (Berlin): whole UTC days from the counts, the ends from the records."""
    days = term.school_days()
    ranges = [(days[0], days[-1]), (days[2], days[9]), (days[3], days[3]), (days[4], days[4])]
    with unit_of_work(session_factory(engine)) as s:
        for start, end in ranges:
            lo, hi = day_bounds(start, end, TZ)
            assert report_repo.whole_utc_days(lo, hi) is not None or start == end
            for class_id in (None, term.class_ids["9B"]):
                both = [
                    sorted(
                        tuple(row)
                        for row in s.execute(
                            report_repo.tallies_statement(lo, hi, class_id=class_id, day_counts=use)
                        )
                    )
                    for use in (True, False)
                ]
                assert both[0] == both[1], (start, end, class_id)
                assert both[0], "the range holds marks"


def test_class_report_weekly_chart_counts_members_not_outsiders(
    engine: Engine, term: Term, reports: ReportsService
) -> None:
    """The weekly chart's unmarked members: the session counts less the outsiders' marks
    (the student who moved out of 10A mid-term), checked against the records."""
    days = term.school_days()
    report = reports.class_report("10A", days[0], days[-1])
    lo, hi = day_bounds(days[0], days[-1], TZ)
    with engine.connect() as conn:
        members = set(
            conn.scalars(
                select(Student.id).where(
                    Student.class_id == term.class_ids["10A"], Student.is_active.is_(True)
                )
            )
        )
        sessions = conn.execute(
            select(AttendanceSession.id).where(
                AttendanceSession.class_id == term.class_ids["10A"],
                AttendanceSession.started_at >= lo,
                AttendanceSession.started_at < hi,
            )
        ).all()
        marked_members = Counter(
            sid
            for sid, student in conn.execute(select(AttendanceRecord.session_id, AttendanceRecord.student_id))
            if student in members
        )
    unmarked = sum(len(members) - marked_members[sid] for (sid,) in sessions)
    with unit_of_work(session_factory(engine)) as s:
        tallies = report_repo.session_tallies(
            s,
            lo,
            hi,
            class_id=term.class_ids["10A"],
            members=len(members),
            outsiders={term.students["S-10A-2"]},
        )
    assert sum(t.unmarked for t in tallies) == unmarked
    assert sum(w.sessions for w in report.weeks) == len(sessions)
