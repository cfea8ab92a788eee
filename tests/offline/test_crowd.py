"""30 kiosks marking the same session at once: no deadlocks, drained within seconds, and
exactly one record per student on the server.

Real processes, each with its own outbox and the real sync worker, all pushing at the same
moment (a go-file barrier) to a PostgreSQL server of the test's own (enough connections for
all of them). Bounded: every process is killed at the end whatever happened.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from offline_support import ThrowawayPostgres, seed, server_records
from sqlalchemy import create_engine, text

from kiosk.infra.db import schema

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

DRIVER = Path(__file__).with_name("crowd_driver.py")
ROOT = Path(__file__).resolve().parents[2]
KIOSKS = 30
STUDENTS = 25
START_SECONDS = 240  # 30 Python processes starting on a small, busy machine
DRAIN_SECONDS = 60


@pytest.fixture(scope="module")
def big_server() -> Iterator[ThrowawayPostgres]:
    server = ThrowawayPostgres(max_connections=4 * KIOSKS + 20)
    engine = create_engine(server.url)
    schema.upgrade(engine)
    engine.dispose()
    yield server
    server.destroy()


def test_thirty_kiosks_on_one_session_drain_without_deadlocks(
    big_server: ThrowawayPostgres, tmp_path: Path
) -> None:
    url = big_server.url
    students = seed(url, n_students=STUDENTS)
    (tmp_path / "students").write_text("\n".join(str(s) for s in students))
    session_id = uuid.uuid4()
    go = tmp_path / "go"
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{DRIVER.parent}")
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(DRIVER),
                url,
                str(tmp_path / f"kiosk{i:02d}"),
                str(session_id),
                str(tmp_path / "students"),
                str(go),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        for i in range(KIOSKS)
    ]
    try:
        deadline = time.monotonic() + START_SECONDS
        for p in procs:
            assert p.stdout is not None
            line = p.stdout.readline().strip()  # READY, once its queue is filled
            assert line == "READY", f"a kiosk did not start: {line!r}"
            assert time.monotonic() < deadline, "the kiosks took too long to start"
        go.touch()
        results = []
        for p in procs:
            out, _ = p.communicate(timeout=DRAIN_SECONDS + 30)
            results.append(out.strip())
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait(10)
    stuck = [r for r in results if not r.startswith("DRAINED")]
    assert not stuck, f"{len(stuck)} of {KIOSKS} queues did not drain: {stuck[:3]}"
    errors = [r for r in results if r.split()[2] != "0"]
    assert not errors, f"{len(errors)} kiosks hit errors while pushing: {errors[:3]}"
    slowest = max(float(r.split()[1]) for r in results)
    assert slowest < 30, f"the slowest kiosk took {slowest:.1f} s to drain"

    rows = server_records(url)
    assert len(rows) == STUDENTS, "not exactly one record per student"
    assert {r[2] for r in rows} == set(students)
    engine = create_engine(url)
    with engine.connect() as conn:
        sessions = conn.execute(text("SELECT id, ended_at IS NOT NULL FROM attendance_sessions")).all()
    engine.dispose()
    assert sessions == [(session_id, True)]
