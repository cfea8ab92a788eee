"""The fault-injection test: SIGKILL at random moments while marking and while syncing, on
PostgreSQL and on embedded SQLite, a PostgreSQL outage mid-session and a damaged outbox.

A real kiosk process (tests/offline/kill_driver.py) is killed again and again; after a final
clean sync the attendance UUIDs in the database must be exactly the marks the kiosk committed
locally: every acknowledged one (printed after the local commit) and, at most one per kill,
a mark committed in the instant between the commit and the print. When the outbox is damaged
on top, an acknowledged mark may be missing only if the damaged-outbox line counted it.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from offline_support import DAMAGES, TcpProxy, damage, seed, server_records
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from kiosk.infra.db import schema
from kiosk.infra.offline.outbox import OUTBOX_FILE_NAME, Outbox

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

DRIVER = Path(__file__).with_name("kill_driver.py")
ROOT = Path(__file__).resolve().parents[2]


def _run(
    mode: str,
    url: str,
    data_dir: Path,
    kill_after: float | None = None,
    kill_at_line: int | None = None,
    *extra: str,
    on_line: Callable[[int], None] | None = None,
) -> tuple[list[str], bool]:
    """Run the driver; SIGKILL it ``kill_after`` seconds in, or right after its ``kill_at_line``-th
    output line (it keeps working while the signal is on its way, so the kill lands anywhere
    in the next step); ``on_line(n)`` runs after its n-th line (to cut the network mid-run).
    Returns its output lines and whether it was killed."""
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{DRIVER.parent}")
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            [sys.executable, str(DRIVER), mode, url, str(data_dir), "9B", *extra],
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
                if on_line is not None:
                    on_line(len(lines))
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


def _acks(lines: list[str]) -> set[uuid.UUID]:
    return {uuid.UUID(line.split()[1]) for line in lines if line.startswith("ACK ")}


def test_sigkill_while_marking_on_embedded_sqlite_loses_and_doubles_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    engine = create_engine(url)
    schema.upgrade(engine)
    engine.dispose()
    seed(url, n_students=30)
    rng = random.Random(20261130)
    acknowledged: set[uuid.UUID] = set()
    kills = 0
    for _ in range(14):
        lines, killed = _run("mark", url, tmp_path / "kiosk", kill_at_line=rng.randint(0, 31))
        kills += killed
        acknowledged |= _acks(lines)
    assert kills >= 10, "too few runs were actually killed to prove anything"
    rows = [tuple(uuid.UUID(str(v)) for v in r[:3]) for r in server_records(url)]  # SQLite: hex text
    stored = [r[0] for r in rows]
    assert len(stored) == len(set(stored)), "a mark was stored twice"
    assert acknowledged, "no mark was ever acknowledged"
    assert acknowledged <= set(stored), "an acknowledged mark is not in the database"
    assert len(set(stored) - acknowledged) <= kills  # committed in the instant before the print
    assert len({(r[1], r[2]) for r in rows}) == len(rows)


def test_outage_kills_and_a_damaged_outbox_lose_only_what_is_reported(pg_url: str, tmp_path: Path) -> None:
    """Online, then PostgreSQL cut off in the middle of a session, kiosks killed while marking
    offline, the outbox damaged, then PostgreSQL back: every acknowledged mark is on the server
    exactly once, or counted in the one line that reports the damaged outbox."""
    seed(pg_url, n_students=30)
    proxy = TcpProxy(make_url(pg_url).port or 5432)
    via = proxy.url_for(pg_url)
    data_dir = tmp_path / "kiosk"
    rng = random.Random(11)
    try:
        lines, _ = _run("mark", via, data_dir, None)  # online: fills the cache, everything sent
        before_outage = _acks(lines)
        cut_at = rng.randint(3, 25)
        lines, killed = _run(
            "mark",
            via,
            data_dir,
            None,
            31,
            "--no-wait",
            on_line=lambda n: proxy.cut() if n == cut_at else None,  # the outage, mid-session
        )
        acknowledged = before_outage | _acks(lines)
        kills = int(killed)
        for _ in range(6):  # offline now: marks pile up in the outbox, kiosks killed anywhere
            lines, killed = _run("mark", via, data_dir, None, rng.randint(0, 31), "--no-wait")
            kills += killed
            acknowledged |= _acks(lines)
        assert kills >= 4
        Outbox.open(data_dir / "cache").close()  # a later start checkpointed the file
        damage(data_dir / "cache" / OUTBOX_FILE_NAME, rng.choice(DAMAGES))
        proxy.restore()
        lines, _ = _run("sync", via, data_dir, None)
    finally:
        proxy.close()
    assert lines[-1] == "DONE"
    notices = [line for line in lines if line.startswith("NOTICE ")]
    assert len(notices) == 1, lines
    counted = re.search(r"up to (\d+) attendance marks", notices[0])
    reported_lost = int(counted.group(1)) if counted else 0

    rows = server_records(pg_url)
    on_server = [r[0] for r in rows]
    assert len(on_server) == len(set(on_server)), "a mark reached PostgreSQL twice"
    assert len({(r[1], r[2]) for r in rows}) == len(rows)
    assert before_outage <= set(on_server), "a mark sent before the outage is missing"
    missing = acknowledged - set(on_server)
    assert missing, "the damaged outbox should have held queued marks"
    assert len(missing) <= reported_lost, f"{len(missing)} acknowledged marks lost, {reported_lost} reported"
