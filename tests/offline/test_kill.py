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
import tempfile
import uuid
from pathlib import Path

import pytest
from offline_support import seed, server_records
from sqlalchemy import create_engine, text

from kiosk.infra.offline.outbox import Outbox

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

DRIVER = Path(__file__).with_name("kill_driver.py")
ROOT = Path(__file__).resolve().parents[2]


def _run(
    mode: str, url: str, data_dir: Path, kill_after: float | None = None, kill_at_line: int | None = None
) -> tuple[list[str], bool]:
    """Run the driver; SIGKILL it ``kill_after`` seconds in, or right after its ``kill_at_line``-th
    output line (it keeps working while the signal is on its way, so the kill lands anywhere
    in the next step). Returns its output lines and whether it was killed."""
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{DRIVER.parent}")
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            [sys.executable, str(DRIVER), mode, url, str(data_dir), "9B"],
            stdout=subprocess.PIPE,
            stderr=err,
            env=env,
            text=True,
        )
        assert proc.stdout is not None
        lines: list[str] = []
        killed = False
        if kill_at_line is not None:
            while len(lines) < kill_at_line:
                line = proc.stdout.readline()
                if not line:
                    break
                lines.append(line.rstrip("\n"))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed = True
        elif kill_after is not None:
            try:
                proc.wait(kill_after)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                killed = True
        out, _ = proc.communicate(timeout=120)
        lines.extend(out.splitlines())
        if not killed:
            err.seek(0)
            assert proc.returncode == 0, err.read()[-3000:]
    return lines, killed


def test_sigkill_during_marking_and_sync_loses_and_doubles_nothing(pg_url: str, tmp_path: Path) -> None:
    seed(pg_url, n_students=30)
    data_dir = tmp_path / "kiosk"
    rng = random.Random(20240611)
    acknowledged: set[uuid.UUID] = set()
    kills = 0
    for i in range(24):
        if i % 3 == 2:
            # A push: killed at a random moment (start-up, mid-batch, or not at all if it is quick).
            lines, killed = _run("sync", pg_url, data_dir, kill_after=rng.uniform(0.3, 2.0))
        else:
            # Marking: killed after a random number of its 32 lines (SESSION, 30 ACKs, DONE),
            # whatever the machine's speed: before, during and after the marks and their push.
            lines, killed = _run("mark", pg_url, data_dir, kill_at_line=rng.randint(0, 31))
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
