"""The kiosk through a real PgBouncer in transaction mode (the way past ~300 kiosks per server).

Roster writes, a session's marks (pushed by the sync worker) and the cache refresh all go
through PgBouncer with a pool of two server connections; the notification listener, which
needs a session of its own, connects to PostgreSQL directly (``[database] listen_url``).
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from district_support import PGBOUNCER, PgBouncer, wait_for
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from kiosk.app.bootstrap import open_store
from kiosk.app.roster import RosterService
from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource
from kiosk.infra.config import OfflineSettings, load_settings
from kiosk.infra.db.engine import behind_pgbouncer, build_engine
from kiosk.infra.offline.store import OfflineFirstStore

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def bouncer(pg_url: str) -> Iterator[PgBouncer]:
    if shutil.which(PGBOUNCER) is None:
        pytest.skip("pgbouncer is not installed (installer/install.sh --test-deps installs it)")
    url = make_url(pg_url)
    b = PgBouncer(url.port or 5432, str(url.database))
    try:
        yield b
    finally:
        b.close()


def test_the_kiosk_works_through_pgbouncer(pg_url: str, bouncer: PgBouncer, tmp_path: Path) -> None:
    base = load_settings(data_dir=tmp_path / "kiosk", database_url=bouncer.url)
    settings = replace(
        base,
        database=replace(base.database, pgbouncer=True, listen_url=pg_url),
        offline=OfflineSettings(sync_interval_seconds=0.1, health_timeout_seconds=2.0, refresh_minutes=60),
    )
    admin = build_engine(settings)
    assert behind_pgbouncer(admin)
    roster = RosterService(admin)
    roster.add_class("9B", "Class 9B")
    # The same statements over and over: psycopg would prepare them after five runs, and the
    # next transaction would land on a server connection that never saw them.
    for i in range(30):
        roster.add_student(student_id=f"9B-{i:03d}", name=f"Student {i:03d}", class_code="9B", consent=True)
        roster.list_students(class_code="9B")

    store = open_store(settings)
    assert isinstance(store, OfflineFirstStore)
    try:
        assert store.listener is not None and store.listener.listening.wait(30), "no listener on listen_url"
        session = store.open_session("9B", started_by="test", kiosk_id="k1")
        acked = []
        for student in store.roster("9B"):
            mark = AttendanceMark(
                id=uuid.uuid4(),
                session_id=session.id,
                student_uuid=student.id,
                status=AttendanceStatus.PRESENT,
                marked_at=datetime.now(UTC),
                source=MarkSource.AUTO,
                confidence=0.9,
            )
            acked.append(store.mark(mark).id)
        assert wait_for(lambda: store.outbox.queued() == 0, 30), "marks did not get through PgBouncer"
        # A change written through PgBouncer is heard on the direct listener connection.
        roster.add_student(student_id="9B-new", name="New Student", class_code="9B", consent=True)
        assert wait_for(lambda: any(s.student_id == "9B-new" for s in store.roster("9B")), 10)
        assert store.online is True
    finally:
        store.close()
        admin.dispose()

    direct = create_engine(pg_url)
    try:
        with direct.connect() as conn:
            stored = conn.execute(
                text("SELECT count(DISTINCT id) FROM attendance_records WHERE session_id = :s"),
                {"s": session.id},
            ).scalar_one()
    finally:
        direct.dispose()
    assert stored == len(acked) == 30
