"""History, one session's lines, corrections with a reason, sign-off lock, search."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select

from kiosk.app.records import RecordsService
from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource
from kiosk.core.errors import Conflict, InvalidInput, NotFound
from kiosk.core.records import MarkMethod
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.models import AttendanceRecord, AuditLog
from kiosk.infra.db.repo import attendance, audit

from .term import DAYS, PERIODS, TZ, Term


def _counts(engine: Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(AttendanceRecord)).scalar_one(),
            conn.execute(select(func.count()).select_from(AuditLog)).scalar_one(),
        )


def test_history_lists_the_sessions_of_a_class_in_a_local_date_range(
    term: Term, records: RecordsService
) -> None:
    days = term.school_days()
    listed = records.list_sessions(class_code="9B", start=days[2], end=days[4])
    assert len(listed) == 3 * len(PERIODS)
    assert {s.class_code for s in listed} == {"9B"}
    assert [s.started_at for s in listed] == sorted((s.started_at for s in listed), reverse=True)
    assert {s.started_at.astimezone(TZ).date() for s in listed} == set(days[2:5])

    everything = records.list_sessions()
    assert len(everything) == DAYS * 3 * len(PERIODS) + 1
    # 23:30 local on day 3 is still day 3 (in UTC it is 22:30 or 21:30, but also day 3 here).
    day3 = records.list_sessions(class_code="11C", start=days[3], end=days[3])
    assert len(day3) == len(PERIODS) + 1
    assert records.list_sessions(class_code="11C", start=days[3] + timedelta(days=100)) == []
    for overview in listed:
        assert overview.expected == 7 or overview.expected == 6  # the mover joins 9B halfway


def test_bad_history_queries_are_refused(term: Term, records: RecordsService) -> None:
    with pytest.raises(NotFound, match="no class with code 'XX'"):
        records.list_sessions(class_code="XX")
    with pytest.raises(InvalidInput, match="reversed"):
        records.list_sessions(start=date(2026, 10, 2), end=date(2026, 10, 1))
    with pytest.raises(InvalidInput, match="not a session id"):
        records.session("123")
    with pytest.raises(NotFound):
        records.session(str(uuid.uuid4()))


def test_a_session_shows_each_student_with_status_method_and_local_time(
    term: Term, records: RecordsService
) -> None:
    overview = records.list_sessions(class_code="10A")[-1]  # the first session of the term
    detail = records.session(overview.id)
    assert len(detail.lines) == 5
    assert [ln.name for ln in detail.lines] == sorted(ln.name for ln in detail.lines)
    for line in detail.lines:
        if line.marked_at is None:
            assert line.status is AttendanceStatus.ABSENT and line.method is MarkMethod.NONE
        else:
            assert line.method in {MarkMethod.CAMERA, MarkMethod.HAND}
    tally = {s: sum(1 for ln in detail.lines if ln.status is s) for s in AttendanceStatus}
    assert (overview.present, overview.late, overview.absent, overview.excused) == (
        tally[AttendanceStatus.PRESENT],
        tally[AttendanceStatus.LATE],
        tally[AttendanceStatus.ABSENT],
        tally[AttendanceStatus.EXCUSED],
    )


def test_a_correction_needs_a_reason_and_a_person_and_lands_in_the_audit_log(
    term: Term, records: RecordsService, engine: Engine
) -> None:
    session_id = records.list_sessions(class_code="9B")[0].id
    before = _counts(engine)
    for reason, actor in (("", "ms rivera"), ("   ", "ms rivera"), ("note from the office", "")):
        with pytest.raises(InvalidInput):
            records.correct(session_id, "S-9B-1", "excused", reason=reason, actor=actor)
    with pytest.raises(InvalidInput, match="not an attendance status"):
        records.correct(session_id, "S-9B-1", "gone", reason="x", actor="y")
    with pytest.raises(NotFound):
        records.correct(session_id, "S-NOPE", "present", reason="x", actor="y")
    assert _counts(engine) == before  # nothing changed by a refused correction

    line = records.correct(
        session_id,
        "S-9B-1",
        AttendanceStatus.EXCUSED,
        reason="note from the office",
        actor="ms rivera",
        excuse="dentist",
    )
    assert line.status is AttendanceStatus.EXCUSED and line.corrected
    assert (line.corrected_by, line.correction_reason, line.note) == (
        "ms rivera",
        "note from the office",
        "dentist",
    )
    assert line.method is MarkMethod.HAND
    assert records.session(session_id).overview.corrected == 1
    assert records.list_sessions(class_code="9B")[0].corrected == 1
    with unit_of_work(session_factory(engine)) as s:
        entries = audit.entries(s, action="attendance.correct")
    assert len(entries) == 1
    assert entries[0]["actor"] == "ms rivera"
    assert entries[0]["details"]["reason"] == "note from the office"
    assert entries[0]["details"]["to"] == "excused"
    assert entries[0]["details"]["student"] == "S-9B-1"


def test_a_signed_off_session_is_locked_but_can_be_corrected_with_a_reason(
    term: Term, records: RecordsService, engine: Engine
) -> None:
    overview = records.list_sessions(class_code="11C")[0]
    detail = records.session(overview.id)
    student = detail.lines[0]
    # Before sign-off a one-tap fix needs no reason.
    fixed = records.fix_before_sign_off(
        overview.id, student.student_uuid, AttendanceStatus.LATE, actor="mr o"
    )
    assert fixed.status is AttendanceStatus.LATE

    with pytest.raises(InvalidInput):
        records.sign_off(overview.id, actor=" ")
    signed = records.sign_off(overview.id, actor="mr okafor")
    assert signed.signed_off and signed.signed_off_by == "mr okafor" and signed.ended_at is not None
    with pytest.raises(Conflict, match="already signed off"):
        records.sign_off(overview.id, actor="mr okafor")

    before = _counts(engine)
    with pytest.raises(Conflict, match="signed off"):
        records.fix_before_sign_off(overview.id, student.student_uuid, AttendanceStatus.ABSENT, actor="mr o")
    live_mark = AttendanceMark(
        id=uuid.uuid4(),
        session_id=overview.id,
        student_uuid=detail.lines[1].student_uuid,
        status=AttendanceStatus.PRESENT,
        marked_at=datetime.now(UTC),
        source=MarkSource.MANUAL,
    )
    with pytest.raises(Conflict, match="locked"), unit_of_work(session_factory(engine)) as s:
        attendance.apply_mark(s, live_mark)
    assert _counts(engine) == before

    line = records.correct(
        overview.id, student.student_id, "present", reason="was at the nurse", actor="office"
    )
    assert line.status is AttendanceStatus.PRESENT and line.corrected
    with unit_of_work(session_factory(engine)) as s:
        entries = audit.entries(s, action="attendance.correct")
        assert entries[-1]["details"]["signed_off"] is True
        assert audit.entries(s, action="attendance.sign_off")[0]["actor"] == "mr okafor"


def test_search_finds_accented_and_misspelt_names_and_not_unrelated_ones(
    term: Term, records: RecordsService
) -> None:
    def names(text: str) -> list[str]:
        return [f.student.name for f in records.search_students(text)]

    assert names("zoe") == ["Zoë Martin"]
    assert names("ZOË") == ["Zoë Martin"]
    assert names("soren orsted") == ["Søren Ørsted"]
    assert names("dijkstar")[0] == "Edsger Dijkstra"  # a typo
    assert names("lovelase")[0] == "Ada Lovelace"
    assert "Grace Hopper" in names("hoper")
    assert names("martin") == ["Zoë Martin"]
    assert names("xylophone") == []
    assert "Alan Turing" not in names("zoe")
    assert names("100%") == []  # LIKE wildcards are text, not patterns
    with pytest.raises(InvalidInput):
        records.search_students("  ")


def test_the_search_column_follows_renames(term: Term, records: RecordsService, engine: Engine) -> None:
    from kiosk.infra.db.models import Student

    with unit_of_work(session_factory(engine)) as s:
        row = s.scalar(select(Student).where(Student.student_id == "S-9B-2"))
        assert row is not None
        row.name = "Émile Zola"
    assert [f.student.student_id for f in records.search_students("emile")] == ["S-9B-2"]
    assert records.search_students("turing") == []
