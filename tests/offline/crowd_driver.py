"""One of many kiosks marking the same session, for the concurrency test.

Usage: crowd_driver.py DATABASE_URL DATA_DIR SESSION_ID STUDENTS_FILE GO_FILE

Queues (offline, in its own outbox) the opening of the shared session, one automatic mark
for every student in STUDENTS_FILE (in its own random order) and the session's end; prints
``READY``; waits for GO_FILE to appear, so every kiosk pushes at the same moment; then runs
the real sync worker until its queue is empty and prints
``DRAINED <seconds> <sync errors> <first error>`` (or ``STUCK ...`` after 45 s).
"""

from __future__ import annotations

import logging
import random
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from offline_support import auto_mark, offline_settings

from kiosk.core.domain import SessionInfo
from kiosk.infra.db.engine import build_engine
from kiosk.infra.offline.outbox import Outbox
from kiosk.infra.offline.sync import Syncer, SyncWorker, sync_engine_for

DRAIN_SECONDS = 45.0


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


class _Errors(logging.Handler):
    """Counts the sync worker's failed pushes (it logs each with its exception)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0
        self.first = ""

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self.count += 1
            if not self.first:
                self.first = str(record.exc_info[1]).splitlines()[0][:120]


def main(url: str, data_dir: str, session_id: str, students_file: str, go_file: str) -> None:
    settings = offline_settings(Path(data_dir), url, sync_interval_seconds=0.05)
    outbox = Outbox.open(settings.cache_dir)
    sid = uuid.UUID(session_id)
    t0 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    outbox.open_session(SessionInfo(id=sid, class_code="9B", started_at=t0, kiosk_id=Path(data_dir).name))
    students = [uuid.UUID(line) for line in Path(students_file).read_text().split()]
    random.shuffle(students)
    for student in students:
        at = t0 + timedelta(seconds=random.uniform(0, 600))
        outbox.record_mark(auto_mark(sid, student, marked_at=at))
    outbox.close_session(sid, t0 + timedelta(minutes=45))

    errors = _Errors()
    sync_log = logging.getLogger("kiosk.infra.offline.sync")
    sync_log.setLevel(logging.DEBUG)
    sync_log.addHandler(errors)
    syncer = Syncer(sync_engine_for(build_engine(settings), settings.offline), outbox, settings.offline)
    _say("READY")
    go = Path(go_file)
    deadline = time.monotonic() + 300
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    worker = SyncWorker(syncer, refresh=lambda: None)
    worker.start()
    while outbox.queued() and time.monotonic() - started < DRAIN_SECONDS:
        time.sleep(0.02)
    took = time.monotonic() - started
    word = "STUCK" if outbox.queued() else "DRAINED"
    worker.stop()
    worker.join(10)
    _say(f"{word} {took:.2f} {errors.count} {errors.first}")


if __name__ == "__main__":
    main(*sys.argv[1:6])
