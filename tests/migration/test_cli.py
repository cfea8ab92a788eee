"""``kiosk migrate`` end to end: SIGKILL at random points, own-schema sources, bad input."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import create_engine, text

from kiosk.app.migration import run_migration
from kiosk.cli.main import main
from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource
from kiosk.infra.config import Settings
from kiosk.infra.db import schema
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import attendance, classes, encodings, students
from tests.conftest import PostgresServer
from tests.migration.conftest import database_content, file_hash
from tests.migration.legacy_factory import LegacySpec, make_legacy_db

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"


def _cli(data_dir: Path, *args: str) -> list[str]:
    return [
        str(PYTHON if PYTHON.exists() else sys.executable),
        "-m",
        "kiosk",
        "--data-dir",
        str(data_dir),
        "migrate",
        *args,
    ]


@pytest.mark.postgres
@pytest.mark.slow
def test_killed_runs_resume_to_the_same_data_as_one_clean_run(
    pg_server: PostgresServer, tmp_path: Path
) -> None:
    legacy = make_legacy_db(
        tmp_path / "legacy", LegacySpec(students=300, sessions=20, records=2000, edge_cases=True)
    )
    before = file_hash(legacy.path)
    killed_db = pg_server.new_database(migrated=False)
    clean_db = pg_server.new_database(migrated=False)
    try:
        killed_url, clean_url = pg_server.url_for(killed_db), pg_server.url_for(clean_db)
        rng = random.Random(5)
        # 100 rows per transaction: many commit points for the kills to land between.
        env = {**os.environ, "PYTHONPATH": str(ROOT), "KIOSK_MIGRATE_BATCH_ROWS": "100"}
        # The clean run first: its duration tells where the kills can land mid-migration.
        t0 = time.monotonic()
        clean = subprocess.run(
            _cli(tmp_path / "d", "--from", str(legacy.path), "--to", clean_url),
            env=env,
            capture_output=True,
            check=False,
        )
        duration = time.monotonic() - t0
        assert clean.returncode == 0, clean.stdout
        total = _map_count(clean_url)
        # Kill points: three at random points of the write phase, found by watching the
        # target's map, then one after a random delay (reading, verifying or writing the rest).
        thresholds = [*sorted(int(total * rng.uniform(lo, lo + 0.3)) for lo in (0.05, 0.35, 0.65)), 0]
        partial = []
        for threshold in thresholds:
            proc = subprocess.Popen(
                _cli(tmp_path / "d", "--from", str(legacy.path), "--to", killed_url),
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if threshold == 0:
                time.sleep(rng.uniform(0.2, 0.8) * duration)
            else:
                while proc.poll() is None and _map_count(killed_url) < threshold:
                    time.sleep(0.02)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            partial.append(_map_count(killed_url))
        assert any(0 < n < total for n in partial), partial  # some kills landed mid-migration
        final = subprocess.run(
            _cli(
                tmp_path / "d",
                "--from",
                str(legacy.path),
                "--to",
                killed_url,
                "--report",
                str(tmp_path / "r.json"),
            ),
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert final.returncode == 0, final.stdout + final.stderr
        report = json.loads((tmp_path / "r.json").read_text())
        assert report["ok"] and report["verified"]

        assert database_content(killed_url) == database_content(clean_url)
    finally:
        pg_server.drop(killed_db)
        pg_server.drop(clean_db)
    assert file_hash(legacy.path) == before


def _map_count(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if not conn.execute(text("SELECT to_regclass('migration_map')")).scalar():
                return 0
            return int(conn.execute(text("SELECT COUNT(*) FROM migration_map")).scalar_one())
    finally:
        engine.dispose()


def _own_database(path: Path) -> dict[str, object]:
    engine = create_engine(f"sqlite:///{path}")
    schema.upgrade(engine)
    made: dict[str, object] = {}
    with unit_of_work(session_factory(engine)) as s:
        classes.add_class(s, "9B", "Biology 9B", teacher="Ms Novak")
        ana = students.add_student(
            s, student_id="S1", name="Ana", class_code="9B", consent=True, consent_by="parent"
        )
        ben = students.add_student(s, student_id="S2", name="Ben", class_code="9B")
        encodings.add_encoding(s, ana.id, model_name="Facenet512", vector=np.ones(512, dtype=np.float32))
        ses = attendance.open_session(s, "9B", started_by="teacher", kiosk_id="k1")
        mark = AttendanceMark(
            id=uuid.uuid4(),
            session_id=ses.id,
            student_uuid=ana.id,
            status=AttendanceStatus.PRESENT,
            marked_at=datetime.now(UTC),
            source=MarkSource.AUTO,
            confidence=0.91,
            details={"votes": 3},
        )
        attendance.apply_mark(s, mark)
        made.update(ana=ana.id, ben=ben.id, session=ses.id, mark=mark.id)
    engine.dispose()
    return made


@pytest.mark.postgres
def test_own_schema_source_is_moved_as_is(pg_url: str, tmp_path: Path, mig_settings: Settings) -> None:
    source = tmp_path / "kiosk.db"
    made = _own_database(source)
    report = run_migration(source, pg_url, settings=mig_settings)
    assert report.ok, report.to_text()
    assert report.source_kind.value == "kiosk"
    assert {t.table: t.moved for t in report.tables if t.moved} == {
        "classes": 1,
        "students": 2,
        "face_encodings": 1,
        "attendance_sessions": 1,
        "attendance_records": 1,
        "consent_ledger": 1,  # Ana's consent, recorded when she was added ...
        "audit_log": 1,  # ... and audited
    }
    assert [n.student_id for n in report.needs_consent] == ["S2"]
    engine = create_engine(pg_url)
    with unit_of_work(session_factory(engine)) as s:
        assert students.get_by_uuid(s, made["ana"]).consent_given  # type: ignore[arg-type]
        assert encodings.load_gallery(s, "Facenet512").student_ids == (made["ana"],)
        marks = attendance.marks_for_session(s, made["session"])  # type: ignore[arg-type]
        assert [m.id for m in marks] == [made["mark"]] and marks[0].details == {"votes": 3}
        classes.add_class(s, "10A", "History 10A")  # the id sequence was moved past copied ids
    engine.dispose()
    again = run_migration(source, pg_url, settings=mig_settings)
    assert again.ok and again.moved == 0 and again.table("students").already_present == 2


def test_bad_input_gives_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path / "d"), "migrate"]
    pg = "postgresql://postgres@127.0.0.1:1/nothing"
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("hello")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER)")
    legacy = make_legacy_db(tmp_path / "legacy", LegacySpec(students=3, records=3))
    cases = [
        ([*data, "--from", str(tmp_path / "missing.db"), "--to", pg], "does not exist"),
        ([*data, "--from", str(not_sqlite), "--to", pg], "is not a SQLite database"),
        ([*data, "--from", str(other), "--to", pg], "neither a kiosk database nor"),
        ([*data, "--from", str(legacy.path)], "pass --to"),
        ([*data, "--from", str(legacy.path), "--to", pg], "cannot be reached"),
    ]
    for argv, fragment in cases:
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert fragment.lower() in err.lower(), err
        assert err.count("\n") == 1 and "Traceback" not in err
