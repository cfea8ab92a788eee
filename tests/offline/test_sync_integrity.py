"""Fault 9: an IntegrityError while syncing (another kiosk inserted the same row at the same
moment, as in a concurrent first sync) is a conflict the server answered, not an outage.

The collision is made real with a trigger that raises PostgreSQL's unique_violation, as a
concurrent insert by another kiosk would.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

import pytest
from offline_support import auto_mark, offline_settings
from sqlalchemy import create_engine, text

from kiosk.app.bootstrap import cache_cipher
from kiosk.infra.db.engine import build_engine
from kiosk.infra.offline.store import OfflineFirstStore

pytestmark = pytest.mark.postgres

COLLIDE = """
CREATE FUNCTION kiosk_test_collide() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'duplicate from another kiosk' USING ERRCODE = 'unique_violation'; END $$;
CREATE TRIGGER kiosk_test_collide BEFORE INSERT ON attendance_sessions
FOR EACH ROW EXECUTE FUNCTION kiosk_test_collide();
"""


def _sql(url: str, sql: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(sql))
    engine.dispose()


def test_integrity_error_during_sync_is_not_called_unreachable(
    seeded: tuple[str, list[uuid.UUID]], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url, ids = seeded
    settings = offline_settings(tmp_path / "data", url)
    store = OfflineFirstStore.create(
        settings, build_engine(settings), cipher=cache_cipher(settings), start_worker=False
    )
    try:
        session = store.open_session("9B", started_by=None, kiosk_id="k1")
        store.mark(auto_mark(session.id, ids[0]))
        _sql(url, COLLIDE)
        caplog.set_level(logging.INFO)
        store.worker.step()
        assert "unreachable" not in caplog.text.lower(), caplog.text
        assert store.worker.online is not False
        assert store.outbox.queued() > 0  # nothing lost: sent again next round

        _sql(url, "DROP TRIGGER kiosk_test_collide ON attendance_sessions")
        store.worker.step()
        assert store.outbox.queued() == 0
    finally:
        store.close()
