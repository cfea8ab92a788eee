"""Kill the primary, promote the standby: the kiosk goes on and delivers every mark exactly once.

A real primary and a real streaming standby (synchronous, as the README's two-server setup),
the kiosk given both in one libpq multi-host URL. Marks are taken before, during and after the
outage; the check is in SQL on the promoted server.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from district_support import ReplicatedPair, seed_class, wait_for
from sqlalchemy import create_engine, text

from kiosk.app.bootstrap import open_store
from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource
from kiosk.infra.config import OfflineSettings, load_settings
from kiosk.infra.offline.store import OfflineFirstStore

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _mark(session_id: uuid.UUID, student: uuid.UUID) -> AttendanceMark:
    return AttendanceMark(
        id=uuid.uuid4(),
        session_id=session_id,
        student_uuid=student,
        status=AttendanceStatus.PRESENT,
        marked_at=datetime.now(UTC),
        source=MarkSource.AUTO,
        confidence=0.9,
    )


def test_kill_primary_promote_standby_every_mark_once(pair: ReplicatedPair, tmp_path: Path) -> None:
    seed_class(pair.primary.url, n_students=60)
    base = load_settings(data_dir=tmp_path / "kiosk", database_url=pair.url)
    read_url = (
        f"postgresql://postgres@127.0.0.1:{pair.standby.port},127.0.0.1:{pair.primary.port}/kiosk"
        "?target_session_attrs=prefer-standby"
    )
    settings = replace(
        base,
        database=replace(base.database, read_url=read_url),
        offline=OfflineSettings(sync_interval_seconds=0.2, health_timeout_seconds=1.0, refresh_minutes=60),
    )
    store = open_store(settings)
    assert isinstance(store, OfflineFirstStore)
    try:
        with store.read_engine.connect() as conn:  # the roster refresh reads from the standby
            assert conn.execute(text("SELECT pg_is_in_recovery()")).scalar_one() is True
        with store.engine.connect() as conn:  # everything else from the primary
            assert conn.execute(text("SELECT pg_is_in_recovery()")).scalar_one() is False
        session = store.open_session("9B", started_by="test", kiosk_id="k1")
        roster = store.roster("9B")
        acked: list[uuid.UUID] = []

        def mark_some(n: int) -> None:
            for student in roster[len(acked) : len(acked) + n]:
                acked.append(store.mark(_mark(session.id, student.id)).id)
                time.sleep(0.02)

        mark_some(20)
        assert wait_for(lambda: store.outbox.queued() == 0, 30), "the first marks never reached the primary"

        pair.primary.kill()
        mark_some(20)  # the outage: marks queue locally and return at once
        assert wait_for(lambda: store.online is False, 15), "the kiosk did not notice the primary is gone"
        assert store.outbox.queued() > 0

        pair.standby.promote()
        promoted = time.monotonic()
        assert wait_for(lambda: store.online is True and store.outbox.queued() == 0, 10, 0.05), (
            f"not back within 10 s of the promotion: online={store.online}, queued={store.outbox.queued()}"
        )
        back_after = time.monotonic() - promoted
        mark_some(20)  # and after: straight to the new primary
        assert wait_for(lambda: store.outbox.queued() == 0, 20), "marks after the failover were not sent"
    finally:
        store.close()

    engine = create_engine(pair.standby.url)  # the new primary
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT id, student_id FROM attendance_records WHERE session_id = :s"), {"s": session.id}
            ).all()
            opened = conn.execute(
                text("SELECT count(*) FROM attendance_sessions WHERE id = :s"), {"s": session.id}
            ).scalar_one()
    finally:
        engine.dispose()
    stored = [r[0] for r in rows]
    assert len(acked) == 60
    assert opened == 1
    assert sorted(map(str, stored)) == sorted(map(str, acked)), "marks were lost or changed"
    assert len(stored) == len(set(stored)) and len({r[1] for r in rows}) == 60, "a mark was stored twice"
    assert back_after <= 10
