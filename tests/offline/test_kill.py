"""SIGKILL at random moments while marking and while syncing: nothing lost, nothing doubled.

A real kiosk process (tests/offline/kill_driver.py) is killed again and again; after a final
clean sync the attendance UUIDs in PostgreSQL must be exactly the marks the kiosk committed
locally: every acknowledged one (printed after the local commit) and, at most one per kill,
a mark committed in the instant between the commit and the print.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from offline_support import seed, server_records
from sqlalchemy import create_engine, text

from kiosk.infra.offline.outbox import Outbox

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

DRIVER = Path(__file__).with_name("kill_driver.py")
ROOT = Path(__file__).resolve().parents[2]


def _run(mode: str, url: str, data_dir: Path, kill_after: float | None) -> tuple[list[str], bool]:
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{DRIVER.parent}")
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), mode, url, str(data_dir), "9B"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    killed = False
    if kill_after is not None:
        try:
            proc.wait(kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            killed = True
    out, err = proc.communicate(timeout=120)
    if not killed:
        assert proc.returncode == 0, err[-3000:]
    return out.splitlines(), killed


def test_sigkill_during_marking_and_sync_loses_and_doubles_nothing(pg_url: str, tmp_path: Path) -> None:
    seed(pg_url, n_students=30)
    data_dir = tmp_path / "kiosk"
    rng = random.Random(20240611)
    acknowledged: set[uuid.UUID] = set()
    kills = 0
    for i in range(24):
        mode = "sync" if i % 3 == 2 else "mark"
        # Start-up (imports, cache refresh) takes about a second: kills land before, during and
        # after marking, and in the middle of pushes.
        lines, killed = _run(mode, pg_url, data_dir, rng.uniform(0.3, 3.5))
        kills += killed
        acknowledged |= {uuid.UUID(line.split()[1]) for line in lines if line.startswith("ACK ")}
    assert kills >= 10, "too few runs were actually killed to prove anything"
    lines, _ = _run("sync", pg_url, data_dir, None)
    assert lines[-1] == "DONE"

    outbox = Outbox.open(data_dir / "cache")
    committed = {uuid.UUID(r[0]) for r in outbox._db.query("SELECT key FROM events WHERE kind = 'mark'")}
    opened = {uuid.UUID(r[0]) for r in outbox._db.query("SELECT key FROM events WHERE kind = 'open'")}
    assert outbox.queued() == 0
    assert outbox.failed() == []
    outbox.close()

    rows = server_records(pg_url)
    on_server = [r[0] for r in rows]
    assert len(on_server) == len(set(on_server)), "a mark reached PostgreSQL twice"
    assert acknowledged, "no mark was ever acknowledged"
    assert acknowledged <= set(on_server), "an acknowledged mark never reached PostgreSQL"
    assert set(on_server) == committed
    assert len(committed - acknowledged) <= kills
    assert len({(r[1], r[2]) for r in rows}) == len(rows)
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        sessions = {r[0] for r in conn.execute(text("SELECT id FROM attendance_sessions"))}
    engine.dispose()
    assert sessions == opened
