"""The outbox on a full disk (PostgreSQL mode): one sentence, never a SQLite traceback, and
every mark acknowledged before the disk filled is kept and reaches PostgreSQL.

The full disk is real: a small tmpfs mounted for the test (needs root, as in CI; skipped
with the reason otherwise), filled with a file until the kernel says ENOSPC.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from offline_support import auto_mark, offline_settings, server_records, wait_for

from kiosk.app.bootstrap import open_store
from kiosk.core.errors import KioskError, LocalStorageError
from kiosk.infra.offline.store import OfflineFirstStore

pytestmark = pytest.mark.postgres


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root (the CI runs the tests as root)")
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True, check=False)


def fill(disk: Path) -> Path:
    """Write a file until the disk is full; returns it (delete it to free the space)."""
    filler = disk / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as fh:
        while True:
            fh.write(b"\0" * 4096)
            fh.flush()
    with contextlib.suppress(OSError), filler.open("ab") as fh:  # the last blocks, byte by byte
        while True:
            fh.write(b"\0")
            fh.flush()
    probe = disk / "probe"
    with pytest.raises(OSError) as full:
        probe.write_bytes(b"x" * 8192)
    assert full.value.errno == errno.ENOSPC
    return filler


def test_full_disk_mark_and_end_say_one_line_and_keep_what_was_acknowledged(
    seeded: tuple[str, list[uuid.UUID]], small_disk: Path
) -> None:
    url, ids = seeded
    store = open_store(offline_settings(small_disk / "data", url))
    assert isinstance(store, OfflineFirstStore)
    try:
        store.worker.stop()  # nothing leaves the queue meanwhile: the test sees what is kept
        store.worker.join(10)
        session = store.open_session("9B", started_by=None, kiosk_id="k1")
        acknowledged = [store.mark(auto_mark(session.id, sid)).id for sid in ids[:4]]
        filler = fill(small_disk)

        with pytest.raises(LocalStorageError) as refused:
            store.mark(auto_mark(session.id, ids[4]))
        message = str(refused.value)
        assert "is full" in message and "\n" not in message
        assert "everything recorded before it is kept" in message
        with pytest.raises(KioskError, match="is full"):
            store.close_session(session.id)  # the end of the session, same answer
        # The outbox is still usable for reading, and holds every acknowledged mark.
        assert [m.id for m in store.marks(session.id)] == acknowledged
        assert store.outbox.counts().pending == {"open": 1, "mark": 4, "close": 0}

        filler.unlink()  # space again: the same connection goes on
        acknowledged.append(store.mark(auto_mark(session.id, ids[4])).id)
        store.close_session(session.id)
        pushed = store.syncer.push_all()
        assert len(pushed.sent) == 7
        assert wait_for(lambda: store.outbox.queued() == 0, 10)
    finally:
        store.close()
    assert sorted(r[0] for r in server_records(url)) == sorted(acknowledged)
