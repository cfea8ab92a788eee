"""Hole 3 of issue 12: in SQLite mode the data folder is private and face data is encrypted.

Real SQLite files, the real ``kiosk`` command in subprocesses; an "old" data folder is made as
a kiosk before this change left it (0755/0644, plain vectors and thumbnails) and must be fixed
at the next start. The migration to PostgreSQL must still move the plain values.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from alembic import command
from sqlalchemy import create_engine, text

from kiosk.infra.config import load_settings
from kiosk.infra.db import schema
from kiosk.infra.db.engine import build_engine, session_factory, unit_of_work
from kiosk.infra.db.repo import classes, encodings, students
from kiosk.infra.db.sealing import MAGIC

VECTOR = np.frombuffer(b"VECTORSECRETBYTE" * 32, dtype="<f4")  # 128 finite values, readable bytes
PHOTO = b"\xff\xd8\xff\xe0PHOTOSECRET-thumbnail"
PRIVATE_FILES = ("kiosk.db", "logs/kiosk.log", "cache.key")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _kiosk(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(data.parent),
            "PYTHONPATH": str(Path.cwd()),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        },
    )


def _raw(data: Path) -> tuple[bytes, bytes]:
    with sqlite3.connect(data / "kiosk.db") as conn:
        vector = conn.execute("SELECT vector FROM face_encodings").fetchone()[0]
        photo = conn.execute("SELECT photo FROM students WHERE photo IS NOT NULL").fetchone()[0]
    return bytes(vector), bytes(photo)


def _file_bytes(data: Path) -> bytes:
    return b"".join(p.read_bytes() for p in data.glob("kiosk.db*"))


def _assert_private(data: Path) -> None:
    assert _mode(data) == 0o700
    assert _mode(data / "logs") == 0o700
    for name in PRIVATE_FILES:
        assert _mode(data / name) == 0o600, name
    for path in data.glob("kiosk.db-*"):
        assert _mode(path) == 0o600, path.name


def _add_pupil(url: str, data: Path) -> None:
    settings = load_settings(data_dir=data, database_url=url, env={})
    engine = build_engine(settings)
    with unit_of_work(session_factory(engine)) as s:
        # Consent as the flag alone: revision 0007 has no consent ledger yet.
        info = students.add_student(s, student_id="P1", name="Pia", class_code="9B")
        s.execute(text("UPDATE students SET consent_given = :t WHERE student_id = 'P1'"), {"t": True})
        s.expire_all()
        encodings.add_encoding(s, info.id, model_name="Dlib", vector=VECTOR)
        students.set_photo(s, info.id, PHOTO)
    engine.dispose()


def test_a_new_data_folder_is_private_and_its_face_data_encrypted(tmp_path: Path) -> None:
    data = tmp_path / "kiosk-data"
    made = _kiosk(data, "class", "add", "9B", "--name", "Biology 9B")
    assert made.returncode == 0, made.stderr
    _add_pupil(f"sqlite:///{data / 'kiosk.db'}", data)
    listed = _kiosk(data, "student", "list")
    assert "Pia" in listed.stdout
    _assert_private(data)
    vector, photo = _raw(data)
    assert vector.startswith(MAGIC) and photo.startswith(MAGIC)
    stored = _file_bytes(data)
    assert b"VECTORSECRET" not in stored and b"PHOTOSECRET" not in stored
    # The repositories still read plain values.
    settings = load_settings(data_dir=data, env={})
    engine = build_engine(settings)
    with unit_of_work(session_factory(engine)) as s:
        gallery = encodings.load_gallery(s, "Dlib")
        assert gallery.vectors.tobytes() == VECTOR.tobytes()
        assert list(students.photos(s, list(gallery.student_ids)).values()) == [PHOTO]
    engine.dispose()


def _old_kiosk_folder(data: Path) -> None:
    """What a kiosk before this change left: 0755/0644, schema 0007, plain vectors and thumbnails."""
    (data / "logs").mkdir(parents=True)
    (data / "cache").mkdir()
    url = f"sqlite:///{data / 'kiosk.db'}"
    engine = create_engine(url)
    cfg = schema.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007_search_fts")  # the revision before the sealing one
    with unit_of_work(session_factory(engine)) as s:  # a bare engine: no key, plain bytes
        classes.add_class(s, "9B", "Biology 9B")
        # Consent as the flag alone: revision 0007 has no consent ledger yet.
        info = students.add_student(s, student_id="P1", name="Pia", class_code="9B")
        s.execute(text("UPDATE students SET consent_given = :t WHERE student_id = 'P1'"), {"t": True})
        s.expire_all()
        encodings.add_encoding(s, info.id, model_name="Dlib", vector=VECTOR)
        students.set_photo(s, info.id, PHOTO)
    engine.dispose()
    (data / "logs" / "kiosk.log").write_text("old log\n")
    (data / "cache.key").write_text("not really a key\n")
    for path in (data, data / "logs", data / "cache"):
        path.chmod(0o755)
    for path in (data / "kiosk.db", data / "logs" / "kiosk.log", data / "cache.key"):
        path.chmod(0o644)


def test_an_old_data_folder_is_tightened_and_encrypted_at_start_idempotently(tmp_path: Path) -> None:
    data = tmp_path / "kiosk-data"
    _old_kiosk_folder(data)
    (data / "cache.key").unlink()  # no key yet: the first start makes one
    assert _raw(data) == (VECTOR.tobytes(), PHOTO)
    first = _kiosk(data, "student", "list")
    assert first.returncode == 0, first.stderr
    assert "Pia" in first.stdout
    _assert_private(data)
    sealed = _raw(data)
    assert sealed[0].startswith(MAGIC) and sealed[1].startswith(MAGIC)
    second = _kiosk(data, "student", "list")
    assert second.returncode == 0, second.stderr
    assert _raw(data) == sealed  # idempotent: sealed values are not sealed again
    engine = create_engine(f"sqlite:///{data / 'kiosk.db'}")
    with engine.connect() as conn:
        assert (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == schema.head_revision()
        )
    engine.dispose()


@pytest.mark.postgres
def test_kiosk_migrate_moves_plain_values_from_an_encrypted_kiosk_database(
    pg_url: str, tmp_path: Path
) -> None:
    data = tmp_path / "kiosk-data"
    assert _kiosk(data, "class", "add", "9B", "--name", "Biology 9B").returncode == 0
    _add_pupil(f"sqlite:///{data / 'kiosk.db'}", data)
    assert _raw(data)[0].startswith(MAGIC)
    moved = _kiosk(data, "migrate", "--from", str(data / "kiosk.db"), "--to", pg_url)
    assert moved.returncode == 0, moved.stdout + moved.stderr
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        assert bytes(conn.execute(text("SELECT vector FROM face_encodings")).scalar_one()) == VECTOR.tobytes()
        assert bytes(conn.execute(text("SELECT photo FROM students")).scalar_one()) == PHOTO
    engine.dispose()


@pytest.mark.postgres
def test_postgresql_keeps_plain_bytea(pg_url: str, tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "d", database_url=pg_url, env={})
    engine = build_engine(settings)
    with unit_of_work(session_factory(engine)) as s:
        classes.add_class(s, "9B", "Biology 9B")
    engine.dispose()
    _add_pupil(pg_url, tmp_path / "d")
    raw = create_engine(pg_url)
    with raw.connect() as conn:
        assert bytes(conn.execute(text("SELECT vector FROM face_encodings")).scalar_one()) == VECTOR.tobytes()
    raw.dispose()


def test_a_migration_of_another_computers_encrypted_file_says_so(tmp_path: Path) -> None:
    data = tmp_path / "kiosk-data"
    assert _kiosk(data, "class", "add", "9B", "--name", "Biology 9B").returncode == 0
    _add_pupil(f"sqlite:///{data / 'kiosk.db'}", data)
    other = tmp_path / "other-kiosk"
    result = _kiosk(
        other,
        "migrate",
        "--from",
        str(data / "kiosk.db"),
        "--to",
        "postgresql://u@127.0.0.1:1/x",
        "--dry-run",
    )
    assert result.returncode != 0
    assert "key" in result.stderr and "Traceback" not in result.stderr
    assert os.path.exists(data / "kiosk.db")
