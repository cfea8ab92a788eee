"""Outages against a real PostgreSQL: network cut, server stopped, slow network, damaged cache."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from offline_support import (
    TcpProxy,
    ThrowawayPostgres,
    auto_mark,
    offline_settings,
    seed,
    server_records,
    wait_for,
)

from kiosk.app.bootstrap import open_store
from kiosk.core.errors import DatabaseUnavailable
from kiosk.infra.offline.cache import CACHE_FILE_NAME
from kiosk.infra.offline.outbox import Outbox
from kiosk.infra.offline.store import OfflineFirstStore

pytestmark = pytest.mark.postgres


def _store(settings: object) -> OfflineFirstStore:
    store = open_store(settings)  # type: ignore[arg-type]
    assert isinstance(store, OfflineFirstStore)
    return store


def test_network_cut_mid_session_every_mark_arrives_once(
    seeded: tuple[str, list[uuid.UUID]], proxy: TcpProxy, tmp_path: Path
) -> None:
    url, ids = seeded
    store = _store(offline_settings(tmp_path / "data", proxy.url_for(url)))
    acknowledged: list[uuid.UUID] = []
    try:
        session = store.open_session("9B", started_by=None, kiosk_id="k1")
        for sid in ids[:3]:
            acknowledged.append(store.mark(auto_mark(session.id, sid)).id)
        assert wait_for(lambda: store.outbox.queued() == 0, 10)
        proxy.cut()
        for sid in ids[3:10]:
            started = time.monotonic()
            acknowledged.append(store.mark(auto_mark(session.id, sid)).id)
            assert time.monotonic() - started < 0.5
        assert wait_for(lambda: store.online is False, 10), "the outage was not detected"
        assert "offline, " in store.status_line()
        store.close_session(session.id)
        assert store.summary(session.id).counts["present"] == 10
        proxy.restore()
        assert wait_for(lambda: store.outbox.queued() == 0, 30), store.status_line()
        assert store.online is True
    finally:
        store.close()
    rows = server_records(url)
    assert sorted(r[0] for r in rows) == sorted(acknowledged)


def test_server_stopped_mid_session_then_started(own_server: ThrowawayPostgres, tmp_path: Path) -> None:
    ids = seed(own_server.url, class_code="7A")
    store = _store(offline_settings(tmp_path / "data", own_server.url))
    acknowledged: list[uuid.UUID] = []
    try:
        session = store.open_session("7A", started_by=None, kiosk_id="k1")
        for sid in ids[:4]:
            acknowledged.append(store.mark(auto_mark(session.id, sid)).id)
        own_server.stop()
        try:
            for sid in ids[4:]:
                acknowledged.append(store.mark(auto_mark(session.id, sid)).id)
                time.sleep(0.05)
            assert wait_for(lambda: store.online is False, 10)
            assert store.outbox.queued() > 0
        finally:
            own_server.start()
        assert wait_for(lambda: store.outbox.queued() == 0, 40), store.status_line()
    finally:
        store.close()
    rows = server_records(own_server.url)
    assert sorted(r[0] for r in rows) == sorted(acknowledged)
    assert len({(r[1], r[2]) for r in rows}) == len(rows) == len(ids)


def test_slow_network_marking_stays_fast(
    seeded: tuple[str, list[uuid.UUID]], proxy: TcpProxy, tmp_path: Path
) -> None:
    """The GUI-responsiveness check: with 2 s of delay each way, marking still returns at once."""
    url, ids = seeded
    store = _store(offline_settings(tmp_path / "data", proxy.url_for(url)))
    try:
        proxy.delay = 2.0
        started = time.monotonic()
        session = store.open_session("9B", started_by=None, kiosk_id="k1")
        assert time.monotonic() - started < 0.5
        slowest = 0.0
        for sid in ids:
            t = time.monotonic()
            store.mark(auto_mark(session.id, sid))
            store.status_line()
            store.summary(session.id)
            slowest = max(slowest, time.monotonic() - t)
            time.sleep(0.1)  # the worker is pushing over the slow link meanwhile
        assert slowest < 0.5, f"a mark took {slowest:.2f} s with a slow network"
        proxy.delay = 0.0
        assert wait_for(lambda: store.outbox.queued() == 0, 60), store.status_line()
    finally:
        proxy.delay = 0.0
        store.close()
    assert len(server_records(url)) == len(ids)


@pytest.mark.parametrize("damage", ["corrupt", "delete"])
def test_damaged_cache_rebuilt_outbox_kept(
    damage: str, seeded: tuple[str, list[uuid.UUID]], proxy: TcpProxy, tmp_path: Path
) -> None:
    url, ids = seeded
    settings = offline_settings(tmp_path / "data", proxy.url_for(url))
    store = _store(settings)
    proxy.cut()
    session = store.open_session("9B", started_by=None, kiosk_id="k1")
    acknowledged = [store.mark(auto_mark(session.id, sid)).id for sid in ids[:6]]
    store.close()
    cache_file = settings.cache_dir / CACHE_FILE_NAME
    for suffix in ("-wal", "-shm"):
        Path(f"{cache_file}{suffix}").unlink(missing_ok=True)
    if damage == "corrupt":
        cache_file.write_bytes(b"this is not a database" * 500)
    else:
        cache_file.unlink()

    # Still offline: no roster to run from, a clear error, and the queued marks untouched.
    with pytest.raises(DatabaseUnavailable, match="no local copy"):
        open_store(settings)
    outbox = Outbox.open(settings.cache_dir)
    assert outbox.queued() == 7
    outbox.close()

    proxy.restore()
    store = _store(settings)
    try:
        assert any("Rebuilt from PostgreSQL" in n for n in store.notices), store.notices
        assert len(store.roster("9B")) == 12
        assert wait_for(lambda: store.outbox.queued() == 0, 20), store.status_line()
    finally:
        store.close()
    assert sorted(r[0] for r in server_records(url)) == sorted(acknowledged)
