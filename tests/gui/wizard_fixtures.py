"""Fixtures for the setup wizard tests: a password-checking PostgreSQL, legacy files, media.

The shared test server trusts every local connection, so a wrong password can only be shown
by a server of our own that checks passwords (scram-sha-256): :func:`scram_server` starts one
in a /tmp folder on a free port for the test session and removes it afterwards.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytest
from sqlalchemy import create_engine, text

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SCRAM_USER = "kiosk_pw"
SCRAM_PASSWORD = "right-horse-battery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_owner(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    # initdb and postgres refuse to run as root.
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    return subprocess.run(cmd, cwd="/", capture_output=True, text=True, timeout=120, check=False)


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
    folder = Path(tempfile.mkdtemp(prefix="kiosk-wizard-pg-"))
    data = folder / "data"
    secret = uuid.uuid4().hex
    pwfile = folder / "pw"
    pwfile.write_text(secret + "\n", encoding="utf-8")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(pwfile, "postgres")
    done = _as_owner(
        [
            str(PG_BIN / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            f"--pwfile={pwfile}",
            "--auth-host=scram-sha-256",
            "--auth-local=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ]
    )
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"initdb failed: {done.stderr[-500:]}")
    port = _free_port()
    opts = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} -c fsync=off"
    done = _as_owner(
        [
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(folder / "log"),
            "-w",
            "-t",
            "60",
            "-o",
            opts,
            "start",
        ]
    )
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"the password-checking PostgreSQL did not start: {done.stderr[-500:]}")
    server = ScramServer(port, secret)
    try:
        admin = create_engine(server.url("postgres", secret), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE ROLE {SCRAM_USER} LOGIN PASSWORD '{SCRAM_PASSWORD}'"))
            conn.execute(text(f"CREATE DATABASE kiosk OWNER {SCRAM_USER}"))
        admin.dispose()
        yield server
    finally:
        _as_owner([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(folder, ignore_errors=True)


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
