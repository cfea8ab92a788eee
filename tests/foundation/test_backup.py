"""``kiosk backup`` / ``kiosk restore`` on a real embedded SQLite database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ._helpers import assert_clean_failure, run_cli, scalar


def _kiosk(capsys: pytest.CaptureFixture[str], data: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(capsys, ["--data-dir", str(data), *args])


def _ok(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> str:
    result = _kiosk(capsys, data, *args)
    assert result.code == 0, result
    return result.out


def _students(data: Path) -> int:
    return int(scalar(f"sqlite:///{data / 'kiosk.db'}", "SELECT count(*) FROM students") or 0)


def test_backup_restore_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    _ok(capsys, data, "class", "add", "9B", "--name", "Biology 9B")
    _ok(capsys, data, "student", "add", "--student-id", "S1", "--name", "Ada", "--class", "9B")
    backup = tmp_path / "monday.db"
    out = _ok(capsys, data, "backup", "--out", str(backup))
    assert "integrity check passed" in out and "1 students" in out
    assert not list(tmp_path.glob(".*partial*"))

    _ok(capsys, data, "student", "add", "--student-id", "S2", "--name", "Bo", "--class", "9B")
    assert _students(data) == 2
    out = _ok(capsys, data, "restore", str(backup))
    assert "kept as" in out
    assert _students(data) == 1
    kept = list(data.glob("kiosk.db.before-restore-*"))
    assert len(kept) == 1
    conn = sqlite3.connect(kept[0])
    assert conn.execute("SELECT count(*) FROM students").fetchone()[0] == 2  # the state before
    conn.close()
    # The kiosk runs on the restored file.
    assert "Ada" in _ok(capsys, data, "student", "list")

    second = _kiosk(capsys, data, "backup", "--out", str(backup))
    assert_clean_failure(second, "already exists")


def test_restore_refuses_bad_and_newer_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    _ok(capsys, data, "class", "add", "9B", "--name", "Biology 9B")
    before = (data / "kiosk.db").stat().st_size

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    assert_clean_failure(_kiosk(capsys, data, "restore", str(junk)))

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    assert_clean_failure(_kiosk(capsys, data, "restore", str(other)), "not a kiosk database")

    newer = tmp_path / "newer.db"
    _ok(capsys, data, "backup", "--out", str(newer))
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    assert_clean_failure(_kiosk(capsys, data, "restore", str(newer)), "newer version")

    assert_clean_failure(_kiosk(capsys, data, "restore", str(tmp_path / "missing.db")), "no file")
    assert not list(data.glob("kiosk.db.before-restore-*"))  # nothing was touched
    assert (data / "kiosk.db").stat().st_size == before
    assert "9B" in _ok(capsys, data, "class", "list")


def test_backup_of_postgres_points_to_pg_dump(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(
        capsys,
        [
            "--database",
            "postgresql://kiosk@db.invalid/kiosk",
            "--data-dir",
            str(tmp_path),
            "backup",
            "--out",
            str(tmp_path / "x.db"),
        ],
    )
    assert_clean_failure(result, "pg_dump")
