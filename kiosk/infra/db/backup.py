"""Copies of the embedded SQLite database with SQLite's online backup API, checked.

The backup API copies a consistent snapshot page by page while the kiosk may be writing
(WAL included), which a plain file copy of ``kiosk.db`` does not. Every copy is checked
with ``PRAGMA integrity_check`` and its schema revision read before it is trusted.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory

from kiosk.core.errors import DatabaseError, InvalidInput
from kiosk.infra.db import schema

log = logging.getLogger(__name__)

_PAGES_PER_STEP = 256  # small steps let the kiosk keep writing while a backup runs


@dataclass(frozen=True)
class FileCheck:
    """What a SQLite file holds: whether it is intact and the kiosk's schema revision."""

    path: Path
    intact: bool
    problem: str  # empty when intact
    revision: str | None  # None: not a kiosk database (no alembic_version)
    newer_than_code: bool
    students: int
    marks: int


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def check_file(path: Path) -> FileCheck:
    """Integrity and schema revision of ``path``; never changes the file."""
    if not path.is_file():
        raise InvalidInput(f"There is no file {path}.", "Check the path of the backup file.")
    try:
        conn = _open_read_only(path)
    except sqlite3.Error as exc:
        raise InvalidInput(f"{path} cannot be opened as a database ({exc}).") from None
    try:
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
        except sqlite3.DatabaseError as exc:
            return FileCheck(path, False, str(exc), None, False, 0, 0)
        problem = "" if rows == ["ok"] else "; ".join(rows[:3])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else None
        known = {
            rev.revision for rev in ScriptDirectory.from_config(schema.alembic_config()).walk_revisions()
        }
        students = conn.execute("SELECT count(*) FROM students").fetchone()[0] if "students" in tables else 0
        marks = (
            conn.execute("SELECT count(*) FROM attendance_records").fetchone()[0]
            if "attendance_records" in tables
            else 0
        )
        return FileCheck(
            path,
            not problem,
            problem,
            revision,
            revision is not None and revision not in known,
            students,
            marks,
        )
    finally:
        conn.close()


def copy_database(source: Path, target: Path) -> None:
    """Copy ``source`` into ``target`` with the online backup API.

    ``target`` may be a live database: SQLite replaces its content in one transaction, so
    a reader sees either the old or the new database, never a mix.
    """
    try:
        src = _open_read_only(source)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst, pages=_PAGES_PER_STEP)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"Copying {source} to {target} failed ({exc}).") from None


def remove_quietly(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
