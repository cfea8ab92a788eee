"""The Qt-free helpers behind the GUI: the admin PIN, the CSV export, ``kiosk admin-pin``."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kiosk.app.admin_pin import hash_pin, pin_is_set, save_pin, validate_pin, verify_pin
from kiosk.app.database import Database
from kiosk.app.exports import summary_table, write_table
from kiosk.cli.main import main
from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource
from kiosk.core.errors import InvalidInput
from kiosk.infra.config import load_settings
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import classes, students
from kiosk.infra.db.store import DirectStore


def test_pin_is_stored_salted_and_verified() -> None:
    first, second = hash_pin("4821"), hash_pin("4821")
    assert first != second and "4821" not in first  # salted, never the PIN itself
    assert first.startswith("scrypt$")
    assert verify_pin("4821", first) and verify_pin(" 4821 ", second)
    assert not verify_pin("4822", first)
    assert not verify_pin("4821", "garbage") and not verify_pin("4821", "")


@pytest.mark.parametrize("bad", ["", "12", "abcd", "12 34", "1234567890123"])
def test_unusable_pins_are_refused_with_a_reason(bad: str) -> None:
    with pytest.raises(InvalidInput, match="4 to 12 digits"):
        validate_pin(bad)


def test_save_pin_writes_only_the_hash_to_the_user_config(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, env={})
    assert not pin_is_set(settings)
    save_pin(settings, "246810")
    text = settings.user_config_file.read_text(encoding="utf-8")
    assert "246810" not in text
    reloaded = load_settings(data_dir=tmp_path, env={})
    assert pin_is_set(reloaded) and verify_pin("246810", reloaded.gui.admin_pin_hash)
    save_pin(reloaded, None)
    assert not pin_is_set(load_settings(data_dir=tmp_path, env={}))


def test_admin_pin_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("13579\n"))
    assert main(["--data-dir", str(tmp_path), "admin-pin", "--stdin"]) == 0
    assert "Admin PIN set" in capsys.readouterr().out
    assert verify_pin("13579", load_settings(data_dir=tmp_path, env={}).gui.admin_pin_hash)
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    assert main(["--data-dir", str(tmp_path), "admin-pin", "--stdin"]) == 2
    assert "4 to 12 digits" in capsys.readouterr().err
    assert verify_pin("13579", load_settings(data_dir=tmp_path, env={}).gui.admin_pin_hash)  # unchanged


def test_export_the_summary_of_a_real_session(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", env={})
    engine = Database.open(settings).engine
    try:
        with unit_of_work(session_factory(engine)) as s:
            classes.add_class(s, "7C", "History 7C")
            ana = students.add_student(s, student_id="A1", name="Ana Núñez", class_code="7C", consent=True)
            students.add_student(s, student_id="B2", name="Ben Ode", class_code="7C")
        store = DirectStore(engine)
        session = store.open_session("7C", started_by="t", kiosk_id="k")
        store.mark(
            AttendanceMark(
                uuid.uuid4(),
                session.id,
                ana.id,
                AttendanceStatus.EXCUSED,
                datetime.now(UTC),
                MarkSource.MANUAL,
                note="dentist, 10:00",
            ),
            actor="t",
        )
        store.close_session(session.id)
        summary = store.summary(session.id)
        path = write_table(summary_table(summary), tmp_path / "7C.csv")
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert [(r["name"], r["status"], r["method"], r["note"]) for r in rows] == [
            ("Ana Núñez", "excused", "hand", "dentist, 10:00"),
            ("Ben Ode", "absent", "", ""),
        ]
        # Local time with its UTC offset, as every export of the record.
        marked = datetime.fromisoformat(rows[0]["marked_at"])
        assert marked.utcoffset() == datetime.now().astimezone().utcoffset()
        # The same rows in a workbook.
        book = load_workbook(write_table(summary_table(summary), tmp_path / "7C.xlsx"))
        sheet = [[c.value for c in row] for row in book["Attendance"].iter_rows()]
        assert [(r[3], r[4]) for r in sheet[1:]] == [("Ana Núñez", "excused"), ("Ben Ode", "absent")]
        blocker = tmp_path / "file"
        blocker.write_text("x")
        with pytest.raises(InvalidInput, match="Cannot write"):
            write_table(summary_table(summary), blocker / "sub" / "x.csv")
        with pytest.raises(InvalidInput, match="unknown format"):
            write_table(summary_table(summary), tmp_path / "7C.txt")
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_on_postgresql_the_window_runs_offline_first_and_can_still_enroll(
    pg_url: str, tmp_path: Path
) -> None:
    from kiosk.gui.context import GuiContext
    from kiosk.infra.offline.store import OfflineFirstStore

    ctx = GuiContext(load_settings(data_dir=tmp_path / "data", database_url=pg_url, env={}))
    store = ctx.open_services().store
    try:
        assert isinstance(store, OfflineFirstStore)
        # Enrollment writes to the central database: the window must have its engine.
        assert ctx.engine is not None and ctx.engine.dialect.name == "postgresql"
    finally:
        store.close()
