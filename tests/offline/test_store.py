"""The offline-first store against a real PostgreSQL: online flow, the conflict rule, the cache."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from offline_support import TcpProxy, auto_mark, offline_settings, server_records, wait_for
from sqlalchemy import create_engine

from kiosk.app.bootstrap import cache_cipher, open_store
from kiosk.app.roster import RosterService
from kiosk.core.domain import AttendanceStatus, MarkSource
from kiosk.core.errors import DatabaseUnavailable, OfflineRefused
from kiosk.infra.db.engine import build_engine, session_factory, unit_of_work
from kiosk.infra.db.repo import encodings
from kiosk.infra.db.store import DirectStore
from kiosk.infra.offline.cache import CACHE_FILE_NAME
from kiosk.infra.offline.keys import key_storage_description
from kiosk.infra.offline.store import OfflineFirstStore

pytestmark = pytest.mark.postgres


def test_online_session_reaches_server_and_reads_are_local(
    seeded: tuple[str, list[uuid.UUID]], tmp_path: Path
) -> None:
    url, ids = seeded
    settings = offline_settings(tmp_path / "data", url)
    store = open_store(settings)
    try:
        assert isinstance(store, OfflineFirstStore)
        assert store.status_line() == "PostgreSQL online"
        assert [c.code for c in store.list_classes()] == ["9B"]
        assert len(store.roster("9B")) == 12
        session = store.open_session("9B", started_by="teacher", kiosk_id="k1")
        for sid in ids[:5]:
            store.mark(auto_mark(session.id, sid))
        assert len(store.marks(session.id)) == 5
        summary = store.summary(session.id)
        assert summary.counts == {"present": 5, "late": 0, "excused": 0, "absent": 7}
        store.close_session(session.id)
        assert wait_for(lambda: store.outbox.queued() == 0, 10)
    finally:
        store.close()
    rows = server_records(url)
    assert sorted(r[2] for r in rows) == sorted(ids[:5])


def test_conflicting_marks_pushed_leave_the_server_as_the_kiosk_shows(
    seeded: tuple[str, list[uuid.UUID]], tmp_path: Path
) -> None:
    """The rule itself is tested in tests/core/test_attendance.py; here, its effect end to end:
    a student's conflicting marks decided in the outbox, then pushed, end the same on the server."""
    url, ids = seeded
    settings = offline_settings(tmp_path / "data", url)
    store = OfflineFirstStore.create(
        settings,
        build_engine(offline_settings(tmp_path / "d2", url)),
        cipher=cache_cipher(settings),
        start_worker=False,
    )
    try:
        t0 = datetime.now(UTC)
        session = store.open_session("9B", started_by=None, kiosk_id="k")
        student = ids[1]
        sequence = [
            (MarkSource.AUTO, AttendanceStatus.LATE, t0 + timedelta(minutes=5)),
            (MarkSource.AUTO, AttendanceStatus.PRESENT, t0),  # earlier auto wins
            (MarkSource.MANUAL, AttendanceStatus.EXCUSED, t0 + timedelta(minutes=1)),  # manual beats auto
            (MarkSource.AUTO, AttendanceStatus.PRESENT, t0 - timedelta(minutes=1)),  # auto never beats manual
            (MarkSource.MANUAL, AttendanceStatus.ABSENT, t0 + timedelta(minutes=20)),  # latest manual wins
            (MarkSource.MANUAL, AttendanceStatus.PRESENT, t0 + timedelta(minutes=2)),  # older manual loses
        ]
        for source, status, at in sequence:
            store.mark(auto_mark(session.id, student, source=source, status=status, marked_at=at))
        local = store.marks(session.id)
        assert [(m.status, m.source) for m in local] == [(AttendanceStatus.ABSENT, MarkSource.MANUAL)]
        store.syncer.push_all()
        server = DirectStore(create_engine(url))
        pushed = server.marks(session.id)
        server.engine.dispose()
        assert [(m.id, m.status, m.source, m.marked_at) for m in pushed] == [
            (m.id, m.status, m.source, m.marked_at) for m in local
        ]
    finally:
        store.close()


def test_same_mark_twice_is_queued_once(seeded: tuple[str, list[uuid.UUID]], tmp_path: Path) -> None:
    url, ids = seeded
    settings = offline_settings(tmp_path / "data", url)
    store = OfflineFirstStore.create(
        settings, build_engine(settings), cipher=cache_cipher(settings), start_worker=False
    )
    try:
        session = store.open_session("9B", started_by=None, kiosk_id=None)
        m = auto_mark(session.id, ids[0])
        store.mark(m)
        store.mark(m)
        assert store.outbox.counts().pending == {"open": 1, "mark": 1, "close": 0}
        report = store.syncer.push_all()
        assert len(report.sent) == 2
        # A lost acknowledgement: the same events again change nothing on the server.
        store.outbox._db.conn.execute("UPDATE events SET sent_at = NULL")
        again = store.syncer.push_all()
        assert len(again.sent) == 2
    finally:
        store.close()
    assert [r[0] for r in server_records(url)] == [m.id]


def test_start_offline_from_cache_and_refuse_roster_changes(
    seeded: tuple[str, list[uuid.UUID]], proxy: TcpProxy, tmp_path: Path
) -> None:
    url, ids = seeded
    settings = offline_settings(tmp_path / "data", proxy.url_for(url))
    open_store(settings).close()  # first start online: the cache is filled
    proxy.cut()
    store = open_store(settings)
    try:
        assert isinstance(store, OfflineFirstStore)
        assert any("offline" in n and "copied" in n for n in store.notices)
        assert wait_for(lambda: store.online is False, 10)
        assert store.status_line().startswith("offline, 0 queued, roster from ")
        session = store.open_session("9B", started_by=None, kiosk_id=None)
        store.mark(auto_mark(session.id, ids[0]))
        assert store.status_line().startswith("offline, 2 queued")
        assert store.gallery("9B", "Facenet512").size == 12
        # Roster changes go straight to PostgreSQL through the roster service: refused offline.
        roster = RosterService(store.engine)
        with pytest.raises(OfflineRefused) as refused:
            roster.add_student(student_id="9B-NEW", name="New Student", class_code="9B")
        assert "Adding a student needs the school's database" in refused.value.message
        assert "nothing was saved" in refused.value.message
        proxy.restore()
        assert wait_for(lambda: store.outbox.queued() == 0, 20)
        assert store.status_line() == "PostgreSQL online"
        assert roster.add_student(student_id="9B-NEW", name="New Student", class_code="9B").class_code == "9B"
    finally:
        store.close()
    assert [r[2] for r in server_records(url)] == [ids[0]]


def test_start_offline_without_cache_is_a_clear_error(
    seeded: tuple[str, list[uuid.UUID]], proxy: TcpProxy, tmp_path: Path
) -> None:
    url, _ = seeded
    proxy.cut()
    with pytest.raises(DatabaseUnavailable) as err:
        open_store(offline_settings(tmp_path / "data", proxy.url_for(url)))
    assert "no local copy" in err.value.message
    assert err.value.hint


def test_cached_encodings_are_encrypted(seeded: tuple[str, list[uuid.UUID]], tmp_path: Path) -> None:
    url, _ = seeded
    settings = offline_settings(tmp_path / "data", url)
    store = OfflineFirstStore.create(
        settings, build_engine(settings), cipher=cache_cipher(settings), start_worker=False
    )
    try:
        cached = store.gallery("9B", "Facenet512")
    finally:
        store.close()
    engine = create_engine(url)
    with unit_of_work(session_factory(engine)) as s:
        truth = encodings.load_gallery(s, "Facenet512", class_code="9B")
    engine.dispose()
    np.testing.assert_array_equal(cached.vectors, truth.vectors)
    assert cached.fingerprint == truth.fingerprint
    blob = b"".join(p.read_bytes() for p in settings.cache_dir.glob(CACHE_FILE_NAME + "*"))
    for row in truth.vectors:
        assert row.astype("<f4").tobytes()[:64] not in blob  # not even 16 floats in a row
        assert row.astype("<f8").tobytes()[:64] not in blob
    key_file = settings.data_dir / "cache.key"
    description = key_storage_description(settings)
    if key_file.exists():  # no keyring backend on this machine: the fallback file
        assert key_file.stat().st_mode & 0o777 == 0o600
        assert "readable only by this user" in description
    else:
        assert "keyring" in description
