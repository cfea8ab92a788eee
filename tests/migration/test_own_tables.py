"""A school that started on the embedded SQLite and moves to PostgreSQL keeps everything people
entered there: accounts and the classes they teach, consent texts and the consent ledger
(objections too), check-in cards and PINs, look-alike pairs; not only the roster and marks."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from kiosk.app.accounts import AccountService
from kiosk.app.checkin import CheckinAdmin
from kiosk.app.consent import ConsentService
from kiosk.app.migration import run_migration
from kiosk.app.roster import RosterService
from kiosk.core.authz import Role
from kiosk.core.consent import ConsentKind, ConsentParty
from kiosk.infra.config import Settings
from kiosk.infra.db import schema
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import checkin, classes, students

pytestmark = pytest.mark.postgres

NEW_TABLES = (
    "lookalike_pairs",
    "consent_texts",
    "consent_ledger",
    "checkin_credentials",
    "users",
    "class_teachers",
)


def _school_on_sqlite(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    try:
        schema.upgrade(engine)
        with unit_of_work(session_factory(engine)) as s:
            classes.add_class(s, "9B", "Biology 9B")
            students.add_student(s, student_id="S1", name="Ana Silva", class_code="9B")
            students.add_student(s, student_id="S2", name="Ben Silva", class_code="9B")
        accounts = AccountService(engine)
        accounts.add("office", Role.ADMIN, "13579", by="setup")
        accounts.add("novak", Role.TEACHER, "2468", by="office")
        accounts.set_classes("novak", ["9B"], by="office")
        consent = ConsentService(engine)
        consent.set_text("2026-09", "We use your child's face to take attendance ...", actor="office")
        consent.record(
            "S1", ConsentKind.CONSENT, party=ConsentParty.PARENT, name="Rosa Silva", method="paper form"
        )
        consent.record(
            "S2", ConsentKind.OBJECTION, party=ConsentParty.PARENT, name="Rosa Silva", method="email"
        )
        CheckinAdmin(engine).issue_cards("9B", actor="office")
        CheckinAdmin(engine).set_pin("S2", "4821", actor="office")
        RosterService(engine).record_lookalikes("S1", "S2", actor="office")  # twins
    finally:
        engine.dispose()


def test_accounts_consent_cards_and_look_alikes_move_with_the_school(
    pg_url: str, tmp_path: Path, mig_settings: Settings
) -> None:
    source = tmp_path / "kiosk.db"
    _school_on_sqlite(source)

    report = run_migration(source, pg_url, settings=mig_settings)

    assert report.ok, report.to_text()
    moved = {t.table: t.moved for t in report.tables}
    assert {table: moved[table] for table in NEW_TABLES} == {
        "lookalike_pairs": 1,
        "consent_texts": 1,
        "consent_ledger": 2,
        "checkin_credentials": 2,
        "users": 2,
        "class_teachers": 1,
    }
    assert report.unknown_tables == ()  # the search and count tables are the target's own
    target = create_engine(pg_url)
    try:
        accounts = AccountService(target)
        assert accounts.sign_in("novak", "2468").classes == frozenset({"9B"})
        accounts.add("rivera", Role.TEACHER, "8642", by="office")  # the key sequence moved on
        consent = ConsentService(target)
        assert [t.version for t in consent.texts()] == ["2026-09"]
        assert consent.history("S1").decision.allowed
        ben = consent.history("S2")
        assert [e.kind for e in ben.entries] == [ConsentKind.OBJECTION] and not ben.decision.allowed
        with unit_of_work(session_factory(target)) as s:
            assert checkin.counts(s) == {"cards": 2, "pins": 1}
        (pair,) = RosterService(target).recorded_lookalikes()
        assert {pair.first_id, pair.second_id} == {"S1", "S2"}
    finally:
        target.dispose()

    again = run_migration(source, pg_url, settings=mig_settings)
    assert again.ok and again.moved == 0
    assert all(again.table(table).already_present >= 1 for table in NEW_TABLES)


def test_accounts_clashing_with_the_targets_are_kept_aside_and_said(
    pg_url: str, tmp_path: Path, mig_settings: Settings
) -> None:
    """Another kiosk's accounts already there: keys are copied as they are, so a source account
    whose key or name the target uses is kept aside (with its classes), reported, and the
    target's own is untouched; the admin adds it again by hand."""
    source = tmp_path / "kiosk.db"
    _school_on_sqlite(source)
    target = create_engine(pg_url)
    try:
        AccountService(target).add("novak", Role.TEACHER, "1111", by="another kiosk")  # key 1
    finally:
        target.dispose()

    report = run_migration(source, pg_url, settings=mig_settings)

    reasons = {(p.table, p.legacy_id, p.reason) for p in report.problems}
    assert ("users", "1", "id 1 is used in the target by a different row") in reasons  # "office"
    assert ("users", "2", "the account name 'novak' is used in the target") in reasons
    assert ("class_teachers", "2/1", "account 2 was not migrated") in reasons
    assert "users" in report.to_text() and "novak" in report.to_text()
    target = create_engine(pg_url)
    try:
        accounts = AccountService(target)
        assert accounts.sign_in("novak", "1111").classes == frozenset()  # the target's own
        assert [a.name for a in accounts.list_accounts()] == ["novak"]
        assert ConsentService(target).history("S1").decision.allowed  # the rest moved
    finally:
        target.dispose()


def test_a_class_code_the_target_uses_for_another_class_is_kept_aside(
    pg_url: str, tmp_path: Path, mig_settings: Settings
) -> None:
    source = tmp_path / "kiosk.db"
    _school_on_sqlite(source)  # its 9B has key 1
    target = create_engine(pg_url)
    try:
        with unit_of_work(session_factory(target)) as s:
            classes.add_class(s, "7A", "Physics 7A")  # key 1, then gone
            classes.add_class(s, "9B", "Another 9B")  # key 2
        with target.begin() as conn:
            conn.execute(text("DELETE FROM classes WHERE code = '7A'"))
    finally:
        target.dispose()

    report = run_migration(source, pg_url, settings=mig_settings)

    reasons = {(p.table, p.legacy_id, p.reason) for p in report.problems}
    assert ("classes", "1", "class code '9B' is used in the target") in reasons
    assert report.table("students").moved == 2  # kept, without the class that clashed
