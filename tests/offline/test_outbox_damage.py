"""A damaged outbox (``cache/outbox.db``): noticed, set aside, reported in one line, replaced.

Real files damaged the ways a power cut or a failing SD card damages them, then real
``kiosk`` processes: ``sync --status``, ``sync`` and ``run`` must never show a SQLite
traceback, must say how many queued marks may be lost, and attendance must go on.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from offline_support import DAMAGES, auto_mark, damage, offline_settings, server_records, wait_for

from kiosk.app.bootstrap import open_store
from kiosk.core.domain import SessionInfo
from kiosk.infra.offline.outbox import OUTBOX_FILE_NAME, Outbox
from kiosk.infra.offline.store import OfflineFirstStore
from tests.conftest import FACES_DIR, offline_profile_data_dir

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]


def queue_marks(cache_dir: Path, n: int) -> list[uuid.UUID]:
    """An outbox holding one opened session and ``n`` marks, none sent (the kiosk was offline)."""
    outbox = Outbox.open(cache_dir)
    session = outbox.open_session(
        SessionInfo(id=uuid.uuid4(), class_code="9B", started_at=datetime.now(UTC), kiosk_id="k1")
    )
    ids = [outbox.record_mark(auto_mark(session.id, uuid.uuid4()))[0].id for _ in range(n)]
    outbox.close()
    return ids


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def only_warning(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got: {stderr!r}"
    assert "Traceback" not in stderr and "DatabaseError" not in stderr
    return lines[0]


@pytest.mark.parametrize("how", DAMAGES)
def test_damaged_outbox_is_set_aside_and_reported_by_sync(how: str, pg_url: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    cache_dir = data_dir / "cache"
    queue_marks(cache_dir, 4)
    damaged = damage(cache_dir / OUTBOX_FILE_NAME, how)
    cli = ["--database", pg_url, "--data-dir", str(data_dir), "sync"]

    status = kiosk(*cli, "--status")
    assert status.returncode == 0, status.stderr
    line = only_warning(status.stderr)
    assert "outbox.db was damaged" in line
    assert "up to 4 attendance marks and 1 session openings/closings" in line
    assert "Queued: nothing" in status.stdout
    kept = list(cache_dir.glob("outbox.damaged-*.db"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # kept aside untouched, for a person

    # The fresh queue is a healthy outbox: no second warning, nothing to send.
    again = kiosk(*cli)
    assert again.returncode == 0, again.stderr
    assert again.stderr.strip() == ""
    assert "Nothing to send" in again.stdout
    assert len(list(cache_dir.glob("outbox.damaged-*.db"))) == 1


def test_damaged_outbox_on_push(pg_url: str, tmp_path: Path) -> None:
    """``kiosk sync`` (no --status) on a damaged file: the same one line, no traceback."""
    data_dir = tmp_path / "data"
    queue_marks(data_dir / "cache", 3)
    damage(data_dir / "cache" / OUTBOX_FILE_NAME, "page2")
    result = kiosk("--database", pg_url, "--data-dir", str(data_dir), "sync")
    assert result.returncode == 0, result.stderr
    assert "up to 3 attendance marks" in only_warning(result.stderr)
    assert "Nothing to send" in result.stdout


def test_outbox_with_nothing_queued_says_nothing_was_lost(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    outbox = Outbox.open(cache_dir)
    outbox.open_session(SessionInfo(id=uuid.uuid4(), class_code="9B", started_at=datetime.now(UTC)))
    outbox.mark_sent([e.seq for e in outbox.pending(10)])
    for _ in range(60):  # enough rows for several pages
        outbox._db.conn.execute(
            "INSERT INTO marks VALUES (?, ?, 'x', 'present', 'auto', '', NULL, NULL, NULL, '{}')",
            (str(uuid.uuid4()), str(uuid.uuid4())),
        )
    outbox.close()
    damage(cache_dir / OUTBOX_FILE_NAME, "half")
    fresh = Outbox.open(cache_dir)
    try:
        assert fresh.notice is not None and "nothing was lost" in fresh.notice
        assert fresh.queued() == 0
    finally:
        fresh.close()


def test_an_older_copy_put_back_is_noticed(tmp_path: Path) -> None:
    """A backup copied over the outbox (or a lost write-ahead log) looks healthy to SQLite; the
    sidecar's event number shows it went back in time."""
    cache_dir = tmp_path / "cache"
    queue_marks(cache_dir, 2)
    old = (cache_dir / OUTBOX_FILE_NAME).read_bytes()
    outbox = Outbox.open(cache_dir)
    session_id = outbox.pending(1)[0].session_id
    for _ in range(3):
        outbox.record_mark(auto_mark(session_id, uuid.uuid4()))
    outbox.close()
    (cache_dir / OUTBOX_FILE_NAME).write_bytes(old)
    again = Outbox.open(cache_dir)
    try:
        assert again.notice is not None and "went back from event 6 to 3" in again.notice
        assert "up to 5 attendance marks" in again.notice
    finally:
        again.close()


def test_a_healthy_outbox_opens_quietly_and_keeps_its_marks(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    queue_marks(cache_dir, 4)
    outbox = Outbox.open(cache_dir)
    try:
        assert outbox.notice is None
        assert outbox.counts().pending == {"open": 1, "mark": 4, "close": 0}
    finally:
        outbox.close()
    assert not list(cache_dir.glob("outbox.damaged-*"))


@pytest.mark.parametrize("how", ["empty", "header"])
def test_attendance_goes_on_into_a_fresh_outbox(
    how: str, seeded: tuple[str, list[uuid.UUID]], tmp_path: Path
) -> None:
    url, ids = seeded
    settings = offline_settings(tmp_path / "data", url)
    queue_marks(settings.cache_dir, 4)
    damage(settings.cache_dir / OUTBOX_FILE_NAME, how)
    store = open_store(settings)
    assert isinstance(store, OfflineFirstStore)
    try:
        assert any("up to 4 attendance marks" in n for n in store.notices), store.notices
        session = store.open_session("9B", started_by=None, kiosk_id="k1")
        acknowledged = [store.mark(auto_mark(session.id, sid)).id for sid in ids[:5]]
        assert wait_for(lambda: store.outbox.queued() == 0, 20), store.status_line()
    finally:
        store.close()
    assert sorted(r[0] for r in server_records(url)) == sorted(acknowledged)


@pytest.mark.recognition
@pytest.mark.slow
def test_kiosk_run_on_a_damaged_outbox_takes_attendance_into_a_fresh_one(
    seeded: tuple[str, list[uuid.UUID]], tmp_path: Path, dlib_models_dir: Path
) -> None:
    url, _ = seeded
    data_dir = offline_profile_data_dir(tmp_path, dlib_models_dir)
    queue_marks(data_dir / "cache", 4)
    damage(data_dir / "cache" / OUTBOX_FILE_NAME, "header")
    photo = FACES_DIR / "people" / "person01" / "1.jpg"
    result = kiosk(
        "--database",
        url,
        "--data-dir",
        str(data_dir),
        "run",
        "--class",
        "9B",
        "--camera",
        str(photo),
        "--headless",
        "--max-frames",
        "2",
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "DatabaseError" not in result.stderr
    damaged_lines = [line for line in result.stderr.splitlines() if "outbox.db was damaged" in line]
    assert len(damaged_lines) == 1 and "up to 4 attendance marks" in damaged_lines[0]
    outbox = Outbox.open(data_dir / "cache")
    try:  # the session of this run went into the fresh queue (and on to PostgreSQL)
        assert outbox.notice is None
        assert outbox.counts().sent + outbox.queued() >= 1
    finally:
        outbox.close()


@pytest.mark.parametrize("how", ["half", "deleted"])
def test_sync_status_never_says_everything_arrived_after_damage(
    how: str, pg_url: str, tmp_path: Path
) -> None:
    """Under the damage line, ``sync --status`` must not claim everything reached PostgreSQL;
    with ``outbox.db`` deleted (its sidecar left), ``sync`` must report it, not "Nothing queued"."""
    data_dir = tmp_path / "data"
    cache_dir = data_dir / "cache"
    queue_marks(cache_dir, 4)
    if how == "deleted":
        (cache_dir / OUTBOX_FILE_NAME).unlink()
    else:
        damage(cache_dir / OUTBOX_FILE_NAME, how)
    cli = ["--database", pg_url, "--data-dir", str(data_dir), "sync"]
    first = kiosk(*cli, *(["--status"] if how == "half" else []))
    assert first.returncode == 0, first.stderr
    line = only_warning(first.stderr)
    assert "up to 4 attendance marks" in line
    assert "everything recorded here has reached PostgreSQL" not in first.stdout
    assert "Nothing queued" not in first.stdout
    assert "what the damaged queue held is counted above" in first.stdout
