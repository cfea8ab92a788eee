"""Fixtures for the setup wizard tests: a password-checking PostgreSQL, legacy files, media.

The shared test server trusts every local connection, so a wrong password can only be shown
by a server of our own that checks passwords (scram-sha-256): :func:`scram_server` starts one
in a /tmp folder on a free port for the test session and removes it afterwards.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytest
from sqlalchemy import create_engine, text

from tests.pg_servers import PG_BIN, PasswordCluster

SCRAM_USER = "kiosk_pw"
SCRAM_PASSWORD = "right-horse-battery"


@dataclass(frozen=True)
class ScramServer:
    port: int
    superuser_password: str

    def url(self, user: str = SCRAM_USER, password: str | None = None, database: str = "postgres") -> str:
        auth = f"{user}:{password}" if password is not None else user
        return f"postgresql+psycopg://{auth}@127.0.0.1:{self.port}/{database}"


@pytest.fixture(scope="session")
def scram_server() -> Iterator[ScramServer]:
    """A throwaway PostgreSQL that checks passwords, with the role ``kiosk_pw``."""
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL server binaries not found in {PG_BIN}")
    secret = uuid.uuid4().hex
    cluster = PasswordCluster(secret, prefix="kiosk-wizard-pg-")
    server = ScramServer(cluster.port, secret)
    try:
        admin = create_engine(server.url("postgres", secret), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE ROLE {SCRAM_USER} LOGIN PASSWORD '{SCRAM_PASSWORD}'"))
            conn.execute(text(f"CREATE DATABASE kiosk OWNER {SCRAM_USER}"))
        admin.dispose()
        yield server
    finally:
        cluster.destroy()


@dataclass(frozen=True)
class NoCreateDatabase:
    url: str  # connects as a role that may not create tables there


@pytest.fixture
def no_create_db(pg_server) -> Iterator[NoCreateDatabase]:  # type: ignore[no-untyped-def]
    """A fresh database where a login role exists without CREATE on schema public."""
    name = pg_server.new_database(migrated=False)
    role = f"kiosk_nocreate_{uuid.uuid4().hex[:8]}"
    db_engine = create_engine(pg_server.url_for(name), isolation_level="AUTOCOMMIT")
    with pg_server.admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN"))
    with db_engine.connect() as conn:
        conn.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    db_engine.dispose()
    url = pg_server.base_url.set(database=name, username=role, password=None)
    try:
        yield NoCreateDatabase(url.render_as_string(hide_password=False))
    finally:
        pg_server.drop(name)
        with pg_server.admin.connect() as conn:
            conn.execute(text(f"DROP ROLE IF EXISTS {role}"))


def write_legacy_db(folder: Path, students: int = 6, records_per_student: int = 3) -> Path:
    """A small file in the old attendance app's layout, with .npy encodings and one bad row.

    Used when the migration engineer's generator (tests/migration/legacy_factory.py) is absent.
    """
    folder.mkdir(parents=True, exist_ok=True)
    enc = folder / "encodings"
    enc.mkdir(exist_ok=True)
    path = folder / "attendance.db"
    rng = np.random.default_rng(7)
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE classes (id INTEGER PRIMARY KEY, name TEXT, description TEXT);
        CREATE TABLE students (id INTEGER PRIMARY KEY, student_id TEXT, name TEXT, email TEXT,
            phone TEXT, class_id INTEGER, face_encoding_path TEXT, photo_path TEXT,
            is_active INTEGER, created_at TEXT);
        CREATE TABLE attendance_sessions (id INTEGER PRIMARY KEY, class_id INTEGER,
            start_time TEXT, end_time TEXT);
        CREATE TABLE attendance_records (id INTEGER PRIMARY KEY, session_id INTEGER,
            student_id INTEGER, timestamp TEXT, confidence REAL);
        """
    )
    conn.execute("INSERT INTO classes VALUES (1, 'Class 7B', 'Room 12')")
    for i in range(1, students + 1):
        vec = rng.normal(size=512).astype(np.float32)
        name = f"s{i}.npy"
        if i == students:
            np.save(enc / name, vec[:100])  # wrong length: must be kept aside with a reason
        else:
            np.save(enc / name, vec)
        conn.execute(
            "INSERT INTO students VALUES (?, ?, ?, ?, ?, 1, ?, NULL, 1, ?)",
            (
                i,
                f"S{i:03d}",
                f"Student {i}",
                f"s{i}@school.test",
                None,
                f"encodings/{name}",
                "2024-09-02T08:00:00",
            ),
        )
    conn.execute(
        "INSERT INTO attendance_sessions VALUES (1, 1, '2024-09-02T08:00:00', '2024-09-02T09:00:00')"
    )
    rec = 1
    for i in range(1, students + 1):
        for _ in range(records_per_student):
            conn.execute(
                "INSERT INTO attendance_records VALUES (?, 1, ?, ?, ?)", (rec, i, "2024-09-02T08:05:00", 0.8)
            )
            rec += 1
    conn.commit()
    conn.close()
    return path


def write_video(path: Path, frames: int = 12, size: tuple[int, int] = (320, 240)) -> Path:
    """A real MP4 with moving content, for the camera preview."""
    w, h = size
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), 10.0, size)
    assert writer.isOpened()
    for n in range(frames):
        image = np.full((h, w, 3), (40, 90, 140), dtype=np.uint8)
        cv2.circle(image, (20 + n * 20, h // 2), 30, (255, 255, 255), -1)
        writer.write(image)
    writer.release()
    return path
