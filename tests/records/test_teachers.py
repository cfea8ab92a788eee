"""Teachers see and change only their own classes, at the service layer, on a real SQLite file
and a real PostgreSQL database (the generated term: classes 9B, 10A and 11C).

The rule is :func:`kiosk.core.authz.check_class`; the records, reports and session services ask
it for the account they act for. Without an account (the CLI: the computer's own user) every
class is open, as before. Also: revision 0011 links a class's free-text teacher to the account
of that name, and only when that is unambiguous.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from fakes import FakeIndexSource
from sqlalchemy import Engine, create_engine, text

from kiosk.app.accounts import AccountService
from kiosk.app.records import RecordsService
from kiosk.app.reports import ReportsService
from kiosk.app.session import AttendanceSessionService
from kiosk.core.authz import Account, Role
from kiosk.core.domain import AttendanceStatus
from kiosk.core.errors import AccessDenied
from kiosk.infra.config import RecognitionSettings
from kiosk.infra.db import schema
from kiosk.infra.db.store import DirectStore

from .term import MOVER, TERM_START, Term

END = TERM_START + timedelta(days=40)


def teacher(engine: Engine, name: str, *classes: str) -> Account:
    return AccountService(engine).add(name, Role.TEACHER, "2468", list(classes))


def audit_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one())


def a_session_of(records: RecordsService, code: str) -> uuid.UUID:
    return records.list_sessions(class_code=code)[0].id


def test_a_teacher_reads_only_their_classes_records_and_reports(
    engine: Engine, term: Term, records: RecordsService, reports: ReportsService
) -> None:
    rivera = teacher(engine, "rivera", "9B")
    own, other = records.for_account(rivera), reports.for_account(rivera)

    assert records.class_codes() == ["9B", "10A", "11C"]  # the CLI's user: every class
    assert own.class_codes() == ["9B"]
    mine = own.list_sessions()  # "All classes": all of theirs
    assert mine and {s.class_code for s in mine} == {"9B"}
    assert [s.id for s in mine] == [s.id for s in records.list_sessions(class_code="9B")]
    with pytest.raises(AccessDenied, match="rivera does not teach class 10A") as refused:
        own.list_sessions(class_code="10A")
    assert "\n" not in refused.value.message and "kiosk user classes rivera --add" in refused.value.hint
    with pytest.raises(AccessDenied, match="class 10A"):
        own.session(a_session_of(records, "10A"))
    assert own.session(a_session_of(records, "9B")).overview.class_code == "9B"

    assert other.class_report("9B", TERM_START, END).class_code == "9B"
    with pytest.raises(AccessDenied, match="class 11C"):
        other.class_report("11C", TERM_START, END)
    with pytest.raises(AccessDenied, match="not the whole school"):
        other.school_rates(TERM_START, END)
    with pytest.raises(AccessDenied, match="class 10A"):
        other.student_report("S-10A-0", TERM_START, END)
    moved = other.student_report(MOVER, TERM_START, END)  # in 10A, then in 9B: only the 9B half
    everything = reports.student_report(MOVER, TERM_START, END)
    assert {ln.class_code for ln in moved.history} == {"9B"}
    assert {ln.class_code for ln in everything.history} == {"9B", "10A"}

    day = term.school_days()[1]
    assert {a.student.class_code for a in reports.day_report(day).absentees} > {"9B"}
    assert {a.student.class_code for a in other.day_report(day).absentees} == {"9B"}
    found = own.search_students("a")
    assert found and {f.student.class_code for f in found} == {"9B"}
    assert {f.student.class_code for f in records.search_students("a")} > {"9B"}

    head = AccountService(engine).add("head", Role.ADMIN, "1357")
    assert records.for_account(head).class_codes() == ["9B", "10A", "11C"]
    assert reports.for_account(head).class_report("11C", TERM_START, END).class_code == "11C"


def test_a_teacher_corrects_only_their_classes_and_an_unlinked_class_is_refused_at_once(
    engine: Engine, term: Term, records: RecordsService
) -> None:
    rivera = teacher(engine, "rivera", "9B", "11C")
    own = records.for_account(rivera)
    theirs, mine = a_session_of(records, "10A"), a_session_of(records, "9B")
    before, audited = records.session(theirs), audit_count(engine)

    with pytest.raises(AccessDenied, match="does not teach class 10A"):
        own.correct(theirs, "S-10A-0", "excused", reason="note from home", actor="rivera")
    with pytest.raises(AccessDenied, match="class 10A"):
        own.sign_off(theirs, actor="rivera")
    student = before.lines[0].student_uuid
    with pytest.raises(AccessDenied, match="class 10A"):
        own.fix_before_sign_off(theirs, student, AttendanceStatus.PRESENT, actor="rivera")
    assert records.session(theirs) == before and audit_count(engine) == audited  # nothing changed

    line = own.correct(mine, "S-9B-1", "excused", reason="note from home", actor="rivera")
    assert line.status is AttendanceStatus.EXCUSED and audit_count(engine) == audited + 1

    # The admin unlinks 9B: refused from the next call on, without signing in again.
    AccountService(engine).change_classes("rivera", remove=["9B"])
    with pytest.raises(AccessDenied, match="class 9B"):
        own.correct(mine, "S-9B-1", "present", reason="typo", actor="rivera")
    assert own.class_codes() == ["11C"]
    AccountService(engine).set_active("rivera", False)
    with pytest.raises(AccessDenied, match="disabled"):
        own.list_sessions(class_code="11C")


def test_a_teacher_starts_ends_and_marks_by_hand_only_in_their_classes(engine: Engine, term: Term) -> None:
    rivera, okafor = teacher(engine, "rivera", "9B"), teacher(engine, "okafor", "10A")
    store = DirectStore(engine)
    service = AttendanceSessionService(
        store,
        None,
        FakeIndexSource(),
        recognition=RecognitionSettings(),
        late_grace_minutes=5,
        kiosk_id="room-12",
    )
    with engine.connect() as conn:
        sessions_before = conn.execute(text("SELECT count(*) FROM attendance_sessions")).scalar_one()
    with pytest.raises(AccessDenied, match="rivera does not teach class 10A"):
        service.start("10A", started_by="rivera", account=rivera)
    assert service.session is None
    service.start("9B", started_by="rivera", account=rivera)
    ada = term.students["S-9B-1"]
    with pytest.raises(AccessDenied, match="okafor does not teach class 9B"):
        service.manual_mark(ada, AttendanceStatus.EXCUSED, note="dentist", actor="okafor", account=okafor)
    with pytest.raises(AccessDenied, match="okafor does not teach class 9B"):
        service.end(account=okafor)
    assert service.session is not None and service.session.ended_at is None
    assert not any(e.mark for e in service.roster())
    service.manual_mark(ada, AttendanceStatus.EXCUSED, note="dentist", actor="rivera", account=rivera)
    summary = service.end(account=rivera)
    assert summary.counts["excused"] == 1
    with engine.connect() as conn:
        assert (
            conn.execute(text("SELECT count(*) FROM attendance_sessions")).scalar_one() == sessions_before + 1
        )


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def bare_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Engine:
    url = (
        f"sqlite:///{tmp_path / 'old.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("empty_pg_url")
    )
    engine = create_engine(str(url))
    request.addfinalizer(engine.dispose)
    return engine


def test_the_upgrade_links_a_class_to_the_account_its_teacher_text_names_and_only_then(
    bare_engine: Engine,
) -> None:
    from alembic import command

    cfg = schema.alembic_config()
    with bare_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0010_consent")
    with bare_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, name, role, secret_hash) VALUES "
                "(1, 'Rivera', 'teacher', 'x'), (2, 'okafor', 'teacher', 'x'), (3, 'head', 'admin', 'x')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO classes (id, code, name, teacher) VALUES "
                "(1, '9B', 'Biology', '  rivera '), (2, '10A', 'Maths', 'Ms Okafor'), "
                "(3, '11C', 'Art', 'Rivera, Okafor'), (4, '12D', 'Music', 'head'), (5, '7A', 'PE', NULL), "
                "(6, '8A', 'Drama', 'okafor')"
            )
        )
    schema.upgrade(bare_engine)
    with bare_engine.connect() as conn:
        links = conn.execute(text("SELECT user_id, class_id FROM class_teachers ORDER BY class_id")).all()
    assert [tuple(r) for r in links] == [(1, 1), (2, 6)]  # exact names only; never an admin
    accounts = {a.name: a for a in AccountService(bare_engine).list_accounts()}
    assert accounts["Rivera"].classes == {"9B"} and accounts["okafor"].classes == {"8A"}
