"""Recorded look-alike pairs reach the recognition side through every store: the direct one,
the offline-first one (online, after a notified change, and offline from its cache), and the
pairs of a deleted student leave the kiosk's copy with them."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from offline_support import TcpProxy, offline_settings, wait_for
from sqlalchemy import create_engine

from kiosk.app.bootstrap import open_store
from kiosk.app.roster import RosterService
from kiosk.infra.db.store import DirectStore
from kiosk.infra.offline.store import OfflineFirstStore

pytestmark = pytest.mark.postgres


def test_pairs_are_read_online_after_a_change_and_offline(
    seeded: tuple[str, list[uuid.UUID]], proxy: TcpProxy, tmp_path: Path
) -> None:
    url, ids = seeded
    admin_engine = create_engine(url)
    roster = RosterService(admin_engine)
    school_id = roster.student_ids(ids)
    first = frozenset({ids[0], ids[1]})
    second = frozenset({ids[2], ids[3]})
    assert roster.record_lookalikes(school_id[ids[0]], school_id[ids[1]], actor="admin")
    assert not roster.record_lookalikes(school_id[ids[1]], school_id[ids[0]], actor="admin")  # unordered
    direct = DirectStore(create_engine(url))
    try:
        assert direct.lookalike_pairs() == frozenset({first})
    finally:
        direct.close()

    settings = offline_settings(tmp_path / "data", proxy.url_for(url))
    store = open_store(settings)
    try:
        assert isinstance(store, OfflineFirstStore)
        assert store.lookalike_pairs() == frozenset({first})
        # A pair recorded while the kiosk runs reaches its copy by the change notification.
        assert store.listener is not None and store.listener.listening.wait(20)
        assert roster.record_lookalikes(school_id[ids[2]], school_id[ids[3]], actor="admin")
        assert wait_for(lambda: store.lookalike_pairs() == frozenset({first, second}), 15)
        assert roster.forget_lookalikes(school_id[ids[3]], school_id[ids[2]], actor="admin")
        assert wait_for(lambda: store.lookalike_pairs() == frozenset({first}), 15)
    finally:
        store.close()

    proxy.cut()
    offline = open_store(settings)
    try:
        assert isinstance(offline, OfflineFirstStore)
        assert wait_for(lambda: offline.online is False, 10)
        assert offline.lookalike_pairs() == frozenset({first})  # from the cache
    finally:
        offline.close()
    proxy.restore()

    # A deleted student's pairs go with them (the database cascades; the kiosk's copy follows).
    roster.delete_student(school_id[ids[0]], actor="admin")
    store = open_store(settings)
    try:
        assert store.lookalike_pairs() == frozenset()
    finally:
        store.close()
        admin_engine.dispose()
