"""Fault 8: a headless run must not end with marks queued without saying so.

Before exiting, ``kiosk run --headless`` tries one last, bounded sync, then says how many
marks are still queued and that ``kiosk sync`` will send them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from offline_support import TcpProxy, auto_mark, offline_settings, server_records

from kiosk.app.bootstrap import open_store
from kiosk.app.headless import finish_sync
from kiosk.infra.offline.store import OfflineFirstStore
from tests.conftest import FACES_DIR, offline_profile_data_dir

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]


def _queue_offline(settings: object, ids: list[uuid.UUID], proxy: TcpProxy) -> OfflineFirstStore:
    store = open_store(settings)  # type: ignore[arg-type]
    assert isinstance(store, OfflineFirstStore)
    proxy.cut()
    session = store.open_session("9B", started_by=None, kiosk_id="k1")
    for sid in ids:
        store.mark(auto_mark(session.id, sid))
    store.close_session(session.id)
    return store


def test_still_queued_marks_are_counted_with_the_way_to_send_them(
    seeded: tuple[str, list[uuid.UUID]], proxy: TcpProxy, tmp_path: Path
) -> None:
    url, ids = seeded
    store = _queue_offline(offline_settings(tmp_path / "data", proxy.url_for(url)), ids[:3], proxy)
    try:
        started = time.monotonic()
        line = finish_sync(store, seconds=3.0)
        assert time.monotonic() - started < 8.0  # bounded, whatever the network does
    finally:
        store.close()
    assert line is not None
    assert "3 attendance marks are still queued" in line and "kiosk sync" in line
    assert server_records(url) == []


def test_one_last_sync_sends_what_the_backed_off_worker_would_not(
    seeded: tuple[str, list[uuid.UUID]], proxy: TcpProxy, tmp_path: Path
) -> None:
    url, ids = seeded
    # A worker that retries only once a minute: only the last sync can send the marks in time.
    settings = offline_settings(tmp_path / "data", proxy.url_for(url), sync_interval_seconds=60.0)
    store = _queue_offline(settings, ids[:4], proxy)
    try:
        proxy.restore()
        assert finish_sync(store, seconds=5.0) is None
        assert store.outbox.queued() == 0
    finally:
        store.close()
    assert len(server_records(url)) == 4


@pytest.mark.recognition
@pytest.mark.slow
def test_kiosk_run_headless_says_what_is_still_queued(
    seeded: tuple[str, list[uuid.UUID]], proxy: TcpProxy, tmp_path: Path, dlib_models_dir: Path
) -> None:
    url, ids = seeded
    data_dir = offline_profile_data_dir(tmp_path, dlib_models_dir)
    via_proxy = proxy.url_for(url)
    _queue_offline(offline_settings(data_dir, via_proxy), ids[:2], proxy).close()
    photo = FACES_DIR / "people" / "person01" / "1.jpg"
    run = ["run", "--class", "9B", "--camera", str(photo), "--headless", "--max-frames", "2"]
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--database", via_proxy, "--data-dir", str(data_dir), *run],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "2 attendance marks are still queued" in result.stdout
    assert "kiosk sync" in result.stdout
