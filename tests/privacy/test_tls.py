"""Hole 2 of issue 12 and item 4 of issue 15: every connection honours ``sslmode=verify-full``.

Against a real PostgreSQL that speaks only TLS, with a certificate authority made by the test
(tests/tls_server.py): without the CA certificate neither the main engine nor the sync worker
(its push engine and its health probe) connects, and nothing queued is delivered; with the CA
given as ``sslrootcert`` both connect and the queued marks arrive.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from tls_server import TlsPostgres, make_authority

from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource, SessionInfo
from kiosk.core.errors import DatabaseError, KioskError
from kiosk.infra.config import DatabaseSettings, OfflineSettings, Settings, load_settings
from kiosk.infra.db.connect import check_connection
from kiosk.infra.db.engine import build_engine, session_factory, unit_of_work
from kiosk.infra.db.repo import classes, students
from kiosk.infra.offline.outbox import Outbox
from kiosk.infra.offline.sync import Syncer, sync_engine_for

pytestmark = pytest.mark.postgres

FAST = OfflineSettings(refresh_minutes=5, health_timeout_seconds=2.0, sync_interval_seconds=0.1)


def _records(server: TlsPostgres) -> int:
    engine = create_engine(server.socket_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM attendance_records")).scalar_one())
    finally:
        engine.dispose()


@pytest.fixture
def student(tls_postgres: TlsPostgres) -> uuid.UUID:
    engine = create_engine(tls_postgres.socket_url)
    try:
        with unit_of_work(session_factory(engine)) as s:
            code = f"T{uuid.uuid4().hex[:6]}"
            classes.add_class(s, code, "TLS class")
            info = students.add_student(
                s, student_id=f"S-{code}", name="Tess Ell", class_code=code, consent=True
            )
            return info.id
    finally:
        engine.dispose()


def _class_of(server: TlsPostgres, student_uuid: uuid.UUID) -> str:
    engine = create_engine(server.socket_url)
    try:
        with engine.connect() as conn:
            return str(
                conn.execute(
                    text("SELECT c.code FROM classes c JOIN students s ON s.class_id = c.id WHERE s.id = :s"),
                    {"s": student_uuid},
                ).scalar_one()
            )
    finally:
        engine.dispose()


def _settings(tmp_path: Path, server: TlsPostgres, *, ca: Path | None) -> Settings:
    base = load_settings(data_dir=tmp_path / "data", database_url=server.url(), env={})
    db = replace(base.database, sslmode="verify-full", sslrootcert=str(ca) if ca else "")
    return replace(base, database=db, offline=FAST)


def _queue_a_mark(outbox: Outbox, class_code: str, student_uuid: uuid.UUID) -> None:
    session = SessionInfo(uuid.uuid4(), class_code, datetime.now(UTC), "t", "k1")
    outbox.open_session(session)
    outbox.record_mark(
        AttendanceMark(
            uuid.uuid4(),
            session.id,
            student_uuid,
            AttendanceStatus.PRESENT,
            datetime.now(UTC),
            MarkSource.AUTO,
            0.9,
        )
    )


def _try_sync(
    settings: Settings, cache_dir: Path, class_code: str, student_uuid: uuid.UUID
) -> tuple[bool, int]:
    """Health check and push through the sync worker's own engines. (healthy, events sent)."""
    engine = build_engine(settings)
    outbox = Outbox.open(cache_dir)
    syncer = Syncer(sync_engine_for(engine, settings.offline), outbox, settings.offline)
    try:
        _queue_a_mark(outbox, class_code, student_uuid)
        healthy = syncer.healthy()
        try:
            sent = len(syncer.push_all().sent)
        except Exception:  # refused: nothing may have been delivered
            sent = 0
        return healthy, sent
    finally:
        syncer.close()
        syncer.engine.dispose()
        engine.dispose()
        outbox.close()


def test_verify_full_without_the_ca_refuses_the_main_engine_and_the_sync_worker(
    tls_postgres: TlsPostgres, student: uuid.UUID, tmp_path: Path
) -> None:
    settings = _settings(tmp_path, tls_postgres, ca=None)
    engine = build_engine(settings)
    with pytest.raises(DatabaseError, match="secure connection"):
        check_connection(engine)
    engine.dispose()
    before = _records(tls_postgres)
    healthy, sent = _try_sync(settings, tmp_path / "cache", _class_of(tls_postgres, student), student)
    assert not healthy
    assert sent == 0
    assert _records(tls_postgres) == before


def test_verify_full_with_another_authority_refuses_too(
    tls_postgres: TlsPostgres, student: uuid.UUID, tmp_path: Path
) -> None:
    stranger = make_authority(tmp_path / "other", "Some Other CA")
    settings = _settings(tmp_path, tls_postgres, ca=stranger.cert_path)
    before = _records(tls_postgres)
    healthy, sent = _try_sync(settings, tmp_path / "cache", _class_of(tls_postgres, student), student)
    assert (healthy, sent) == (False, 0)
    assert _records(tls_postgres) == before


def test_verify_full_with_the_ca_connects_and_delivers(
    tls_postgres: TlsPostgres, student: uuid.UUID, tmp_path: Path
) -> None:
    settings = _settings(tmp_path, tls_postgres, ca=tls_postgres.ca.cert_path)
    engine = build_engine(settings)
    check_connection(engine)
    with engine.connect() as conn:  # really encrypted, not merely allowed
        assert conn.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar_one()
    engine.dispose()
    before = _records(tls_postgres)
    healthy, sent = _try_sync(settings, tmp_path / "cache", _class_of(tls_postgres, student), student)
    assert healthy
    assert sent == 2  # the opening and the mark
    assert _records(tls_postgres) == before + 1


def test_a_wrong_sslmode_or_a_missing_ca_file_is_one_clear_line(tmp_path: Path) -> None:
    base = load_settings(data_dir=tmp_path, database_url="postgresql://u@127.0.0.1:1/x", env={})
    with pytest.raises(KioskError, match="SSL mode"):
        build_engine(
            replace(base, database=DatabaseSettings(url=base.database.url, sslmode="verify-everything"))
        )
    with pytest.raises(KioskError, match="CA certificate file"):
        build_engine(
            replace(
                base,
                database=DatabaseSettings(
                    url=base.database.url, sslmode="verify-full", sslrootcert=str(tmp_path / "none.crt")
                ),
            )
        )


def test_kiosk_sync_in_a_subprocess_honours_the_configured_ca(
    tls_postgres: TlsPostgres, student: uuid.UUID, tmp_path: Path
) -> None:
    """The real ``kiosk sync`` command, configured by config.toml as a school would."""
    data = tmp_path / "kiosk-data"
    data.mkdir()
    outbox = Outbox.open(data / "cache")
    _queue_a_mark(outbox, _class_of(tls_postgres, student), student)
    outbox.close()
    before = _records(tls_postgres)

    def sync(ca: str) -> subprocess.CompletedProcess[str]:
        (data / "config.toml").write_text(
            f'[database]\nurl = "{tls_postgres.url()}"\nsslmode = "verify-full"\nsslrootcert = "{ca}"\n',
            encoding="utf-8",
        )
        return subprocess.run(
            [sys.executable, "-m", "kiosk", "--data-dir", str(data), "sync"],
            capture_output=True,
            text=True,
            timeout=120,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(Path.cwd())},
        )

    refused = sync("")
    assert refused.returncode != 0, refused.stdout
    assert "secure connection" in refused.stderr
    assert _records(tls_postgres) == before
    delivered = sync(str(tls_postgres.ca.cert_path))
    assert delivered.returncode == 0, delivered.stderr
    assert _records(tls_postgres) == before + 1
