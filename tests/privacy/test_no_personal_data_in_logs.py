"""Hole 4 of issue 12: a database error must not carry a pupil's data into a log or onto a screen.

Each test forces a real constraint violation on a real PostgreSQL (a CHECK the test adds, which
PostgreSQL reports with ``DETAIL: Failing row contains (...)``, and SQLAlchemy with the
statement's parameters), then greps the log file and stderr for the name, the photo bytes and
the vector bytes.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import create_engine, text

from kiosk.app.errors import as_kiosk_error
from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource
from kiosk.infra.config import load_settings
from kiosk.infra.db.engine import build_engine, session_factory, unit_of_work
from kiosk.infra.db.repo import classes, encodings, students
from kiosk.infra.db.schema import upgrade
from kiosk.infra.db.store import DirectStore
from kiosk.infra.logging_setup import configure_logging
from kiosk.infra.redaction import redact
from tests.conftest import offline_profile_data_dir

pytestmark = pytest.mark.postgres

NAME = "Zelda Secretname"
PHOTO = b"\xff\xd8\xff\xe0PHOTOSECRET-jfif"
VECTOR_BYTES = b"VECTORSECRETBYTE"  # four finite float32 values whose bytes are readable text
SECRETS = ("Secretname", "PHOTOSECRET", "VECTORSECRET", "50484f544f534543524554", "564543544f52534543524554")


def _assert_clean(*texts: str) -> None:
    for blob in texts:
        for secret in SECRETS:
            assert secret.lower() not in blob.lower(), f"{secret!r} leaked:\n{blob[-3000:]}"


def _execute(url: str, sql: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(sql))
    engine.dispose()


def _kiosk(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(data.parent), "PYTHONPATH": str(Path.cwd())},
    )


def _log_text(data: Path) -> str:
    return "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in (data / "logs").glob("kiosk.log*")
    )


def _kiosk_source(path: Path) -> Path:
    """A kiosk's own SQLite database holding one pupil with a photo and a face vector."""
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine)
    with unit_of_work(session_factory(engine)) as s:
        classes.add_class(s, "9Z", "Class 9Z")
        info = students.add_student(
            s, student_id="Z-1", name=NAME, class_code="9Z", consent=True, consent_by="mum"
        )
        students.set_photo(s, info.id, PHOTO)
        encodings.add_encoding(
            s, info.id, model_name="Facenet512", vector=np.frombuffer(VECTOR_BYTES, dtype="<f4"), quality=0.77
        )
    engine.dispose()
    return path


@pytest.mark.parametrize(
    "check",
    [
        "ALTER TABLE students ADD CONSTRAINT no_zelda CHECK (name NOT LIKE '%Secretname%')",
        "ALTER TABLE face_encodings ADD CONSTRAINT low_quality CHECK (quality < 0.5)",
    ],
    ids=["student-row", "vector-row"],
)
def test_a_failed_migrate_logs_no_row_values(pg_url: str, tmp_path: Path, check: str) -> None:
    source = _kiosk_source(tmp_path / "old-kiosk.db")
    _execute(pg_url, check)
    data = tmp_path / "kiosk-data"
    result = _kiosk(data, "--verbose", "migrate", "--from", str(source), "--to", pg_url)
    assert result.returncode != 0, result.stdout
    log_text = _log_text(data)
    assert "stopped by a database error" in log_text  # the failure is logged...
    assert "Traceback" in log_text  # ...with its traceback...
    _assert_clean(result.stdout, result.stderr, log_text)  # ...but nothing of the pupil


def test_a_failed_roster_import_logs_no_row_values(
    pg_url: str, tmp_path: Path, dlib_models_dir: Path
) -> None:
    # Not a CHECK here: the roster reports those as a duplicate id without logging. A trigger
    # that refuses the row fails the statement the way an unexpected server error would.
    _execute(
        pg_url,
        "CREATE FUNCTION refuse_student() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "RAISE EXCEPTION 'no new students today' USING DETAIL = 'Failing row contains (' || NEW.name || ')'; "
        "END $$; CREATE TRIGGER refuse BEFORE INSERT ON students FOR EACH ROW EXECUTE FUNCTION refuse_student()",
    )
    data = offline_profile_data_dir(tmp_path, dlib_models_dir)  # the import loads a face model first
    roster = tmp_path / "roster.csv"
    roster.write_text(
        f"student_id,name,class,email\nZ-1,{NAME},,zelda.secretname@example.org\n", encoding="utf-8"
    )
    (tmp_path / "photos").mkdir()
    result = _kiosk(
        data,
        "--database",
        pg_url,
        "--verbose",
        "import-roster",
        str(roster),
        "--photos",
        str(tmp_path / "photos"),
    )
    assert result.returncode != 0, result.stdout
    log_text = _log_text(data)
    assert "Traceback" in log_text
    _assert_clean(result.stdout, result.stderr, log_text)


def test_a_failed_mark_logs_no_row_values(
    pg_url: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    settings = load_settings(data_dir=tmp_path / "kiosk-data", database_url=pg_url, env={})
    engine = build_engine(settings)
    with unit_of_work(session_factory(engine)) as s:
        classes.add_class(s, "9Z", "Class 9Z")
        pupil = students.add_student(s, student_id="Z-1", name="Zoe", class_code="9Z")
    _execute(
        pg_url, "ALTER TABLE attendance_records ADD CONSTRAINT no_note CHECK (note NOT LIKE '%Secretname%')"
    )
    configure_logging(settings)
    try:
        store = DirectStore(engine)
        session = store.open_session("9Z", started_by="t", kiosk_id="k")
        mark = AttendanceMark(
            uuid.uuid4(),
            session.id,
            pupil.id,
            AttendanceStatus.EXCUSED,
            datetime.now(UTC),
            MarkSource.MANUAL,
            note=f"{NAME} has a doctor's appointment",
        )
        with pytest.raises(Exception) as failure:
            store.mark(mark, actor="t")
        shown = as_kiosk_error(failure.value, "Saving the mark")  # what the GUI does with a failure
        logging.getLogger("kiosk.test").error("Mark failed: %s", failure.value)
    finally:
        engine.dispose()
        for handler in [h for h in logging.getLogger().handlers if getattr(h, "_kiosk_handler", False)]:
            logging.getLogger().removeHandler(handler)
            handler.close()
    out, err = capfd.readouterr()
    log_text = _log_text(tmp_path / "kiosk-data")
    assert "Database failure" in log_text and "Traceback" in log_text
    _assert_clean(shown.message, shown.hint or "", out, err, log_text)


def test_redact_removes_parameters_details_and_bytes() -> None:
    raw = (
        '(psycopg.errors.CheckViolation) new row violates check constraint "x"\n'
        "DETAIL:  Failing row contains (Zelda Secretname, \\xffd8ffe050484f544f).\n"
        "[SQL: INSERT INTO students (name, photo) VALUES (%(name)s, %(photo)s)]\n"
        "[parameters: {'name': 'Zelda Secretname', 'photo': b'\\xff\\xd8PHOTOSECRET'}]\n"
        'vector=b"VECTORSECRET"'
    )
    clean = redact(raw)
    _assert_clean(clean)
    assert "new row violates check constraint" in clean
    assert "INSERT INTO students" in clean
