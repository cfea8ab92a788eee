"""PostgreSQL answers the reports through indexes, not by reading every attendance record.

A seeded school (6 classes of 10, 100 days of 5 periods: 30,000 records, a day is 1 % of
them) after VACUUM ANALYZE, the planner's settings untouched. If another transaction on the
(shared) server keeps VACUUM from marking every page of the records all-visible and the
planner then prefers a sequential scan (it costs the index-only scans with heap reads,
which a settled database does not need), the test is skipped, saying so. today's absentees (a local day, not a whole UTC
day, so the records themselves are counted) reach the records through the day's sessions
(index on start) and the covering index of a session's records; a class's term comes from
the day counts by their primary key (class, day) and the records of its ends.
"""

from __future__ import annotations

import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, create_engine, insert

from kiosk.core.reports import day_bounds
from kiosk.infra.db.models import AttendanceRecord, AttendanceSession, SchoolClass, Student
from kiosk.infra.db.repo.reports import tallies_statement

pytestmark = pytest.mark.postgres

TZ = ZoneInfo("Europe/Berlin")
FIRST = date(2026, 9, 7)  # a Monday
# At most 30,000 records: ANALYZE then reads every row (its statistics do not vary by sample).
CLASSES, STUDENTS, DAYS, PERIODS = 6, 10, 100, 5


def _school_days() -> list[date]:
    days, day = [], FIRST
    while len(days) < DAYS:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def _seed(engine: Engine) -> list[int]:
    rng = random.Random(11)
    with engine.begin() as conn:
        class_ids = [
            conn.execute(
                insert(SchoolClass).values(code=f"K{i}", name=f"K{i}").returning(SchoolClass.id)
            ).scalar_one()
            for i in range(CLASSES)
        ]
        members = {cid: [uuid.uuid4() for _ in range(STUDENTS)] for cid in class_ids}
        conn.execute(
            insert(Student),
            [
                {"id": sid, "student_id": f"P{cid}-{i}", "name": f"Pupil {cid}-{i}", "class_id": cid}
                for cid, sids in members.items()
                for i, sid in enumerate(sids)
            ],
        )
        sessions, records = [], []
        for day in _school_days():
            for cid in class_ids:
                for period in range(PERIODS):
                    started = datetime.combine(day, clock(8 + period), tzinfo=TZ).astimezone(UTC)
                    sess = uuid.uuid4()
                    sessions.append({"id": sess, "class_id": cid, "started_at": started})
                    records += [
                        {
                            "id": uuid.uuid4(),
                            "session_id": sess,
                            "student_id": sid,
                            "status": "present" if rng.random() < 0.9 else "absent",
                            "source": "auto",
                            "marked_at": started,
                        }
                        for sid in members[cid]
                    ]
        conn.execute(insert(AttendanceSession), sessions)
        conn.execute(insert(AttendanceRecord), records)
    return class_ids


def _vacuum(engine: Engine) -> bool:
    """VACUUM ANALYZE (again, a few times, while another snapshot holds it back); whether
    every page of the records ended up all-visible, as on a settled database."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for attempt in range(3):
            conn.exec_driver_sql("VACUUM ANALYZE")
            pages, visible = conn.exec_driver_sql(
                "SELECT relpages, relallvisible FROM pg_class WHERE relname = 'attendance_records'"
            ).one()
            if visible >= pages:
                return True
            time.sleep(1 + attempt)
    return False


def _plan(engine: Engine, stmt: object) -> str:
    with engine.connect() as conn:
        compiled = stmt.compile(conn)  # type: ignore[attr-defined]
        rows = conn.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params).all()
    return "\n".join(row[0] for row in rows)


def test_report_queries_use_indexes_on_postgres(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        class_ids = _seed(engine)
        settled = _vacuum(engine)
        days = _school_days()
        today = days[12]
        day_plan = _plan(engine, tallies_statement(*day_bounds(today, today, TZ)))
        class_plan = _plan(
            engine, tallies_statement(*day_bounds(days[0], days[-1], TZ), class_id=class_ids[2])
        )
    finally:
        engine.dispose()
    plans = (("today's absentees", day_plan), ("class term report", class_plan))
    scans = [name for name, plan in plans if "Seq Scan on attendance_" in plan]
    if scans and not settled:
        # Seen on the shared test server: the planner then costs each session's index-only
        # scan as random heap reads and may prefer one sequential read of the table.
        pytest.skip(
            "another transaction on the test server kept VACUUM from marking every page of the "
            f"records all-visible, and the planner chose a sequential scan for {', '.join(scans)}; "
            "a settled database is all-visible"
        )
    for name, plan in plans:
        assert "Seq Scan on attendance_records" not in plan, f"{name}:\n{plan}"
        assert "Seq Scan on attendance_sessions" not in plan, f"{name}:\n{plan}"
    assert "ix_attendance_sessions_started" in day_plan, day_plan
    assert "ix_attendance_records_session_student_status" in day_plan, day_plan
    assert "attendance_day_counts" in class_plan and "Seq Scan on attendance_day_counts" not in class_plan, (
        class_plan
    )
