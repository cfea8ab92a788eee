"""Opening the kiosk's own small SQLite files (cache, outbox) safely.

Each file gets one connection guarded by a lock: the GUI thread and the sync worker share
it, and SQLite's own locking then only matters between processes (``kiosk sync`` beside a
running kiosk), where ``busy_timeout`` makes a writer wait instead of failing.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from kiosk.infra.private_files import create_private_file, private_dir

BUSY_TIMEOUT_MS = 10_000


class LocalDb:
    def __init__(self, path: Path) -> None:
        private_dir(path.parent)
        create_private_file(path)  # 0600 from the first byte (cached thumbnails, queued marks)
        self.path = path
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is exactly
        # what the code says (Python's implicit transactions would split or merge them).
        self.conn = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
        self.lock = threading.RLock()
        try:
            self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            # WAL: readers never block the writer; FULL: an acknowledged write survives a power cut.
            # (A file that is not a database fails here: the caller decides what to do with it.)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            # Deleted rows (a withdrawn pupil's thumbnail) are overwritten, not left in free pages.
            self.conn.execute("PRAGMA secure_delete=ON")
        except BaseException:
            self.conn.close()
            raise

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One local transaction; BEGIN IMMEDIATE takes the write lock up front (no upgrade deadlock)."""
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                # Also when COMMIT itself failed (a full disk): otherwise the transaction would
                # stay open and every later BEGIN on this connection would fail.
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        with self.lock:
            cur = self.conn.execute(sql, params)
            cur.row_factory = sqlite3.Row
            return cur.fetchall()

    def close(self) -> None:
        with self.lock:
            self.conn.close()
