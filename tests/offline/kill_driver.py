"""A kiosk process for the SIGKILL test: marks a roster or pushes the queue, until killed.

Usage: kill_driver.py mark|sync DATABASE_URL DATA_DIR CLASS_CODE [--no-wait]

``mark`` opens a session and marks every student of the class, printing ``ACK <uuid>`` only
after ``store.mark`` returned (the local commit), while the sync worker pushes behind it
(PostgreSQL), or straight into the database file (embedded SQLite). ``--no-wait``: do not
wait for the queue to drain before ``DONE`` (the server is down on purpose).
``sync`` pushes the queue in tiny batches, so a kill lands between server commit and the
local "sent" flag as often as possible; it first prints ``NOTICE <line>`` if the outbox was
found damaged and set aside. The test kills it at random moments.
"""

from __future__ import annotations

import random
import sys
import time

from offline_support import auto_mark, offline_settings

from kiosk.app.bootstrap import open_store
from kiosk.infra.db.engine import build_engine
from kiosk.infra.offline.outbox import Outbox
from kiosk.infra.offline.store import OfflineFirstStore
from kiosk.infra.offline.sync import Syncer, sync_engine_for


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def mark(url: str, data_dir: str, class_code: str, *, wait: bool = True) -> None:
    from pathlib import Path

    store = open_store(offline_settings(Path(data_dir), url, sync_interval_seconds=0.02))
    session = store.open_session(class_code, started_by="driver", kiosk_id="driver")
    _say(f"SESSION {session.id}")
    for student in store.roster(class_code):
        m = store.mark(auto_mark(session.id, student.id))
        _say(f"ACK {m.id}")
        time.sleep(random.uniform(0, 0.03))
    deadline = time.monotonic() + 20
    while wait and isinstance(store, OfflineFirstStore) and store.outbox.queued():
        if time.monotonic() > deadline:
            break
        time.sleep(0.02)
    store.close()
    _say("DONE")


def sync(url: str, data_dir: str) -> None:
    from pathlib import Path

    settings = offline_settings(Path(data_dir), url)
    outbox = Outbox.open(settings.cache_dir)
    if outbox.notice:
        _say(f"NOTICE {outbox.notice}")
    syncer = Syncer(sync_engine_for(build_engine(settings), settings.offline), outbox, settings.offline)
    while True:
        report = syncer.push_batch(limit=3)
        if not report.sent and not report.failed:
            break
        _say(f"SENT {len(report.sent)}")
    _say("DONE")


if __name__ == "__main__":
    mode, url, data_dir = sys.argv[1:4]
    if mode == "mark":
        mark(url, data_dir, sys.argv[4], wait="--no-wait" not in sys.argv[5:])
    else:
        sync(url, data_dir)
