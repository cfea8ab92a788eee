"""A generated term of attendance, written straight into a real database, and the figures
computed independently from its raw rows (plain SQL + Python sets, not the kiosk's queries).

The term has what makes reports hard: unmarked students (absent by default), excused and
late marks, an inactive student, a student who moved class mid-term (marks in two classes),
and sessions around local midnight so day boundaries matter.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, insert, text, update

from kiosk.infra.db.models import AttendanceRecord, AttendanceSession, SchoolClass, Student

TZ = ZoneInfo("Europe/Berlin")
TERM_START = date(2026, 9, 7)  # a Monday
DAYS = 20  # four school weeks (weekdays only)
PERIODS = (time(8, 30), time(11, 0))
NAMES = {
    "9B": ["Zoë Martin", "Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "=HYPERLINK(1)"],
    "10A": ["Barbara Liskov", "Donald Knuth", "Frances Allen", "Niklaus Wirth", "Ken Thompson"],
    "11C": ["Margaret Hamilton", "John Backus", "Radia Perlman", "Leslie Lamport", "Søren Ørsted"],
}
MOVER = "S-10A-2"  # moves from 10A to 9B halfway through the term
INACTIVE = "S-11C-3"


@dataclass
class Term:
    class_ids: dict[str, int] = field(default_factory=dict)
    students: dict[str, uuid.UUID] = field(default_factory=dict)  # school id -> uuid
    names: dict[str, str] = field(default_factory=dict)
    sessions: list[uuid.UUID] = field(default_factory=list)

    def school_days(self) -> list[date]:
        days, day = [], TERM_START
        while len(days) < DAYS:
            if day.weekday() < 5:
                days.append(day)
            day += timedelta(days=1)
        return days


def generate_term(engine: Engine, seed: int = 7) -> Term:
    rng = random.Random(seed)
    term = Term()
    with engine.begin() as conn:
        for code in NAMES:
            term.class_ids[code] = conn.execute(
                insert(SchoolClass).values(code=code, name=f"Class {code}").returning(SchoolClass.id)
            ).scalar_one()
        rows = []
        for code, names in NAMES.items():
            for i, name in enumerate(names):
                sid = uuid.uuid4()
                school_id = f"S-{code}-{i}"
                term.students[school_id], term.names[school_id] = sid, name
                rows.append(
                    {
                        "id": sid,
                        "student_id": school_id,
                        "name": name,
                        "class_id": term.class_ids[code],
                        "is_active": school_id != INACTIVE,
                    }
                )
        conn.execute(insert(Student), rows)
        members = {code: [f"S-{code}-{i}" for i in range(len(n))] for code, n in NAMES.items()}
        sessions, records = [], []
        days = term.school_days()
        for d_index, day in enumerate(days):
            for code in NAMES:
                for period in PERIODS:
                    started = datetime.combine(day, period, tzinfo=TZ).astimezone(UTC)
                    sess = uuid.uuid4()
                    term.sessions.append(sess)
                    sessions.append({"id": sess, "class_id": term.class_ids[code], "started_at": started})
                    roster = list(members[code])
                    if d_index >= DAYS // 2:  # the mover changed class
                        if code == "10A":
                            roster.remove(MOVER)
                        if code == "9B":
                            roster.append(MOVER)
                    for school_id in roster:
                        roll = rng.random()
                        if roll < 0.12:
                            continue  # never marked: absent by default
                        status = (
                            "absent"
                            if roll < 0.22
                            else "excused"
                            if roll < 0.27
                            else "late"
                            if roll < 0.40
                            else "present"
                        )
                        records.append(
                            {
                                "id": uuid.uuid4(),
                                "session_id": sess,
                                "student_id": term.students[school_id],
                                "status": status,
                                "source": "auto" if rng.random() < 0.8 else "manual",
                                "confidence": round(rng.uniform(0.45, 0.95), 3),
                                "marked_at": started + timedelta(minutes=rng.randint(0, 20)),
                            }
                        )
        # One session just before local midnight: it belongs to that local day, not the next.
        late_night = uuid.uuid4()
        term.sessions.append(late_night)
        sessions.append(
            {
                "id": late_night,
                "class_id": term.class_ids["11C"],
                "started_at": datetime.combine(days[3], time(23, 30), tzinfo=TZ).astimezone(UTC),
            }
        )
        conn.execute(insert(AttendanceSession), sessions)
        conn.execute(insert(AttendanceRecord), records)
        conn.execute(update(Student).where(Student.student_id == MOVER).values(class_id=term.class_ids["9B"]))
    return term


@dataclass(frozen=True)
class Figures:
    sessions: int
    present: int
    late: int
    absent: int
    excused: int

    @property
    def rate(self) -> float | None:
        counted = self.present + self.late + self.absent
        return None if counted == 0 else (self.present + self.late) / counted


def raw_figures(
    engine: Engine, start: date, end: date, *, class_code: str | None = None
) -> dict[str, Figures]:
    """Per school id, from the raw rows: expected = own class's sessions while active, plus
    any session with a mark; unmarked expected sessions count as absent."""
    lo = datetime.combine(start, time(0), tzinfo=TZ)
    hi = datetime.combine(end + timedelta(days=1), time(0), tzinfo=TZ)
    with engine.connect() as conn:
        classes = {cid: code for cid, code in conn.execute(text("SELECT id, code FROM classes"))}
        students = {
            str(uuid.UUID(str(sid))): (school_id, classes.get(cid), bool(active))
            for sid, school_id, cid, active in conn.execute(
                text("SELECT id, student_id, class_id, is_active FROM students")
            )
        }
        sessions = {}
        for sid, cid, started in conn.execute(
            text("SELECT id, class_id, started_at FROM attendance_sessions")
        ):
            if isinstance(started, str):
                started = datetime.fromisoformat(started)
            if started.tzinfo is None:
                started = started.replace(tzinfo=UTC)
            if lo <= started < hi and (class_code is None or classes[cid] == class_code):
                sessions[str(uuid.UUID(str(sid)))] = classes[cid]
        marks = {
            (str(uuid.UUID(str(sess))), str(uuid.UUID(str(st)))): status
            for sess, st, status in conn.execute(
                text("SELECT session_id, student_id, status FROM attendance_records")
            )
        }
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    expected = {
        (sess, st)
        for sess, code in sessions.items()
        for st, (_, own, active) in students.items()
        if active and own == code
    } | {pair for pair in marks if pair[0] in sessions}
    for sess, st in expected:
        school_id = students[st][0]
        counts[school_id]["sessions"] += 1
        counts[school_id][marks.get((sess, st), "absent")] += 1
    return {
        sid: Figures(c["sessions"], c["present"], c["late"], c["absent"], c["excused"])
        for sid, c in counts.items()
    }
