"""``kiosk sync`` and ``kiosk sync --status`` on a real queue and a real PostgreSQL."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from offline_support import TcpProxy, auto_mark, offline_settings, server_records

from kiosk.app.bootstrap import open_store
from kiosk.cli.main import main
from kiosk.infra.offline.store import OfflineFirstStore

pytestmark = pytest.mark.postgres


def test_sync_status_then_push(
    seeded: tuple[str, list[uuid.UUID]], proxy: TcpProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, ids = seeded
    via_proxy = proxy.url_for(url)
    data_dir = tmp_path / "data"
    store = open_store(offline_settings(data_dir, via_proxy))
    assert isinstance(store, OfflineFirstStore)
    proxy.cut()
    session = store.open_session("9B", started_by=None, kiosk_id="k1")
    for sid in ids[:3]:
        store.mark(auto_mark(session.id, sid))
    store.close_session(session.id)
    store.close()

    cli = ["--database", via_proxy, "--data-dir", str(data_dir), "sync"]
    assert main([*cli, "--status"]) == 0
    out = capsys.readouterr().out
    assert "Queued: 5 (1 sessions opened, 3 marks, 1 sessions closed)" in out
    assert "Sent so far: 0." in out

    assert main(cli) == 2  # still offline: one clear line, nothing lost
    captured = capsys.readouterr()
    assert captured.err.startswith("kiosk: PostgreSQL at 127.0.0.1")
    assert "Traceback" not in captured.err

    proxy.restore()
    assert main(cli) == 0
    out = capsys.readouterr().out
    assert "Sent 1 sessions opened, 3 marks, 1 sessions closed." in out
    assert "student 9B-0000: present (auto)" in out
    assert len(server_records(url)) == 3

    assert main([*cli, "--status"]) == 0
    assert "Queued: nothing" in capsys.readouterr().out
    assert main(cli) == 0
    assert "Nothing to send" in capsys.readouterr().out


def test_sync_on_embedded_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "d"), "sync", "--status"]) == 0
    assert "nothing to sync" in capsys.readouterr().out
