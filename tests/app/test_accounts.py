"""Accounts on a real SQLite file: adding, throttling and lock-out kept across restarts, the old
admin PIN adopted, signing in from the local cache while PostgreSQL is away, ``kiosk user``."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine, create_engine

from kiosk.app.accounts import AccountService
from kiosk.app.admin_pin import hash_pin
from kiosk.cli.main import main
from kiosk.core.authz import LOCKOUT_AFTER, Action, Role, Throttle, allowed, needs_account
from kiosk.core.errors import AccessDenied, Conflict, InvalidInput
from kiosk.infra.config import load_settings, write_user_settings
from kiosk.infra.db import schema
from kiosk.infra.offline.cache import LocalCache
from kiosk.infra.offline.keys import VectorCipher


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{tmp_path / 'kiosk.db'}")
    schema.upgrade(engine)
    return engine


def test_the_rule_teachers_run_sessions_admins_everything() -> None:
    assert allowed(Role.TEACHER, Action.HAND_MARK) and allowed(Role.TEACHER, Action.START_SESSION)
    for action in (Action.ENROLL, Action.SETTINGS, Action.QUIT, Action.LEAVE_KIOSK_MODE, Action.CONSENT):
        assert not allowed(Role.TEACHER, action) and allowed(Role.ADMIN, action)
    assert not allowed(None, Action.START_SESSION)
    assert not needs_account(Action.START_SESSION, sessions_without_login=True)
    assert needs_account(Action.HAND_MARK, sessions_without_login=True)  # a teacher's word
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert not Throttle(2, now).refuses_at(now) and Throttle(3, now).refuses_at(now + timedelta(seconds=29))
    assert not Throttle(3, now).refuses_at(now + timedelta(seconds=31))


def test_throttling_and_lock_out_survive_a_restart(engine: Engine) -> None:
    clock = Clock()
    AccountService(engine).add("head", Role.ADMIN, "1357")
    with pytest.raises(Conflict):
        AccountService(engine).add("HEAD", Role.TEACHER, "2468")
    for _ in range(3):
        with pytest.raises(AccessDenied, match="not right"):
            AccountService(engine, clock=clock).sign_in("head", "0000")
    with pytest.raises(AccessDenied, match="wait 31 seconds"):
        AccountService(engine, clock=clock).sign_in("head", "1357")  # a new service: as after a restart
    clock.now += timedelta(seconds=31)
    assert AccountService(engine, clock=clock).sign_in("head", "1357").role is Role.ADMIN  # count reset
    for _ in range(LOCKOUT_AFTER):
        clock.now += timedelta(minutes=10)
        with pytest.raises(AccessDenied):
            AccountService(engine, clock=clock).sign_in("head", "0000")
    clock.now += timedelta(hours=1)
    with pytest.raises(AccessDenied, match="locked"):
        AccountService(engine, clock=clock).sign_in("head", "1357")
    AccountService(engine).reset("head")
    assert AccountService(engine, clock=clock).sign_in("head", "1357").name == "head"
    AccountService(engine).set_active("head", False)
    with pytest.raises(AccessDenied, match="disabled"):
        AccountService(engine, clock=clock).sign_in("head", "1357")


def test_bad_names_and_pins_are_refused_whole(engine: Engine) -> None:
    accounts = AccountService(engine)
    for name, secret in (("bell\x07", "1234"), ("  ", "1234"), ("ok", "12"), ("ok", "short")):
        with pytest.raises(InvalidInput):
            accounts.add(name, Role.TEACHER, secret)
    assert accounts.list_accounts() == []
    assert accounts.add("ok", Role.TEACHER, "a long password").name == "ok"


def test_the_old_admin_pin_becomes_the_admin_account(tmp_path: Path, engine: Engine) -> None:
    settings = load_settings(data_dir=tmp_path / "data", database_url=str(engine.url), env={})
    write_user_settings(settings.user_config_file, {"gui": {"admin_pin_hash": hash_pin("2468")}})
    settings = load_settings(data_dir=tmp_path / "data", database_url=str(engine.url), env={})
    accounts = AccountService(engine)
    assert accounts.adopt_admin_pin(settings) == "admin"
    assert accounts.sign_in("admin", "2468").role is Role.ADMIN
    assert load_settings(data_dir=tmp_path / "data", env={}).gui.admin_pin_hash == ""
    assert accounts.adopt_admin_pin(settings) is None  # once


def test_signing_in_offline_from_the_local_cache(tmp_path: Path, engine: Engine) -> None:
    from kiosk.app.roster import RosterService

    RosterService(engine).add_class("9B", "Biology 9B")
    AccountService(engine).add("rivera", Role.TEACHER, "2468", ["9B"])
    cipher = VectorCipher(np.random.default_rng(1).bytes(32))
    cache = LocalCache.open(tmp_path / "cache", cipher)
    cache.refresh_from(engine)
    clock = Clock()
    offline = AccountService(None, cache, clock=clock)  # no server at all
    assert offline.has_accounts()
    signed = offline.sign_in("Rivera", "2468")
    assert signed.role is Role.TEACHER and signed.classes == {"9B"}  # still only their class
    for _ in range(3):
        with pytest.raises(AccessDenied):
            offline.sign_in("rivera", "1111")
    cache.close()
    reopened = AccountService(None, LocalCache.open(tmp_path / "cache", cipher), clock=clock)
    with pytest.raises(AccessDenied, match="wait"):  # the offline failures were kept on disk
        reopened.sign_in("rivera", "2468")


def test_kiosk_user_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--data-dir", str(tmp_path / "data")]
    monkeypatch.setattr("sys.stdin", io.StringIO("1357\n"))
    assert main([*db, "user", "add", "head", "--role", "admin", "--stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main([*db, "user", "add", "rivera", "--stdin"]) == 0
    assert main([*db, "user", "add", "x", "--role", "boss", "--stdin"]) == 2
    assert main([*db, "user", "disable", "rivera"]) == 0
    assert main([*db, "user", "list"]) == 0
    out = capsys.readouterr()
    assert "Unknown role 'boss'" in out.err and out.err.count("\n") == 1
    assert "head" in out.out and "rivera               teacher  disabled" in out.out
    assert "1357" not in out.out
    monkeypatch.setattr("sys.stdin", io.StringIO("9753\n"))
    assert main([*db, "user", "reset", "head", "--stdin"]) == 0
    assert main([*db, "user", "reset", "nobody", "--unlock-only"]) == 2


def test_kiosk_user_classes_links_teachers_and_refuses_bad_input_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--data-dir", str(tmp_path / "data")]
    for code in ("9B", "10A", "11C"):
        assert main([*db, "class", "add", code, "--name", f"Class {code}"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main([*db, "user", "add", "rivera", "--classes", "9B, 10A", "--stdin"]) == 0
    assert "Account rivera added (teacher: 9B, 10A)." in capsys.readouterr().out

    def refused(*args: str, says: str) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO("1357\n"))
        assert main([*db, "user", *args]) != 0
        err = capsys.readouterr().err
        assert says in err and err.count("\n") == 1, err  # one line

    refused("add", "okafor", "--classes", "9B,7Z", "--stdin", says="no class with code '7Z'")
    refused("add", "head", "--role", "admin", "--classes", "9B", "--stdin", says="Admins see every class")
    refused("classes", "nobody", "--set", "9B", says="no account named 'nobody'")
    refused("classes", "rivera", "--set", "9B,7Z,8Q", says="no classes with codes '7Z', '8Q'")
    refused("classes", "rivera", "--remove", "7Z", says="'7Z'")
    refused("classes", "nobody", says="no account named 'nobody'")
    assert main([*db, "user", "list"]) == 0
    listed = capsys.readouterr().out
    assert "okafor" not in listed and "head" not in listed  # nothing stored half-way
    assert "classes: 9B, 10A" in listed

    refused("classes", "rivera", "--set", "9B", "--add", "11C", says="Give --set, or --add and --remove")
    refused("classes", "rivera", "--add", "11C,9B", "--remove", "9B", says="Both added and removed: 9B")
    assert main([*db, "user", "classes", "rivera", "--remove", "9B"]) == 0
    assert main([*db, "user", "classes", "rivera", "--add", "11C,10A", "--remove", "9B"]) == 0
    assert main([*db, "user", "classes", "Rivera"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["rivera teaches 10A.", "rivera teaches 10A, 11C.", "rivera teaches 10A, 11C."]
    assert main([*db, "user", "classes", "rivera", "--set", ""]) == 0
    assert capsys.readouterr().out == "rivera teaches no classes.\n"


def test_every_account_change_is_in_the_audit_log_without_the_secret(engine: Engine) -> None:
    from kiosk.infra.db.engine import session_factory, unit_of_work
    from kiosk.infra.db.repo import audit

    accounts = AccountService(engine)
    accounts.add("head", Role.ADMIN, "1357", by="setup")
    accounts.add("rivera", Role.TEACHER, "2468", by="head")
    accounts.set_active("rivera", False, by="head")
    accounts.reset("rivera", "8642", by="head")
    with pytest.raises(InvalidInput):
        accounts.add("x", Role.TEACHER, "1")  # refused: nothing written, nothing audited
    with unit_of_work(session_factory(engine)) as s:
        entries = [e for e in audit.entries(s) if e["action"].startswith("user.")]
        report = audit.verify_chain(s)
    assert [(e["action"], e["actor"], e["entity_id"]) for e in entries] == [
        ("user.add", "setup", "head"),
        ("user.add", "head", "rivera"),
        ("user.disable", "head", "rivera"),
        ("user.reset", "head", "rivera"),
    ]
    assert entries[1]["details"] == {"role": "teacher", "active": True, "classes": []}
    assert not any(secret in str(e) for e in entries for secret in ("1357", "2468", "8642"))
    assert report.intact
