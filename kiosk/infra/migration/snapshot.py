"""A consistent, private copy of a SQLite file, taken without ever writing to the original.

The source is opened read-only (``mode=ro``) and copied page by page with SQLite's backup
API, which reads under a shared lock: another program may have the file open, even with a
write transaction pending, and the copy is still one consistent state of it. Everything
afterwards reads the copy, so the source's bytes are never touched.
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from kiosk.core.errors import InvalidInput

log = logging.getLogger(__name__)

_SQLITE_MAGIC = b"SQLite format 3\x00"
_BUSY_TIMEOUT_S = 10.0


def check_source_file(source: Path) -> None:
    """One clear sentence when the file is missing, unreadable, or not SQLite at all."""
    if not source.exists():
        raise InvalidInput(
            f"The file {source} does not exist.",
            "Check the path; the old app's file is usually backend/attendance.db.",
        )
    if not source.is_file():
        raise InvalidInput(f"{source} is not a file.", "Give the path of the .db file itself.")
    try:
        with source.open("rb") as fh:
            magic = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise InvalidInput(f"The file {source} cannot be read ({exc.strerror}).") from None
    if magic != _SQLITE_MAGIC:
        raise InvalidInput(
            f"The file {source} is not a SQLite database.",
            "Choose the attendance .db file (for the old app usually backend/attendance.db).",
        )


@contextmanager
def reading(snap: Path, source: Path) -> Iterator[sqlite3.Connection]:
    """A connection to ``snap``, a snapshot of ``source``; closed afterwards. A file SQLite
    cannot read (damaged) stops the reading with one clear sentence naming ``source``."""
    conn = sqlite3.connect(snap)
    try:
        yield conn
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(
            f"The file {source} cannot be read ({exc}).", "It may be damaged; try a backup copy."
        ) from None
    finally:
        conn.close()


@contextmanager
def snapshot(source: Path) -> Iterator[Path]:
    """Yield the path of a consistent temporary copy of ``source``; deleted afterwards."""
    check_source_file(source)
    with tempfile.TemporaryDirectory(prefix="kiosk-migrate-") as tmp:
        copy = Path(tmp) / "snapshot.db"
        uri = f"file:{quote(str(source.resolve()))}?mode=ro"
        try:
            src = sqlite3.connect(uri, uri=True, timeout=_BUSY_TIMEOUT_S)
        except sqlite3.Error as exc:
            raise InvalidInput(f"The file {source} cannot be opened as SQLite ({exc}).") from None
        try:
            dst = sqlite3.connect(copy)
            try:
                src.backup(dst)
            finally:
                dst.close()
        except sqlite3.DatabaseError as exc:
            raise InvalidInput(
                f"The file {source} cannot be read as a SQLite database ({exc}).",
                "It may be damaged or locked by another program; close that program or use a backup copy.",
            ) from None
        finally:
            src.close()
        log.info("Took a snapshot of %s (%d bytes)", source, copy.stat().st_size)
        yield copy
