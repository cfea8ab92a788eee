"""Which kind of SQLite file this is: the kiosk's own database or the legacy app's.

Detection reads the schema of the snapshot only. Columns and tables the migration does not
know are listed, so the report can say what was left behind.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from kiosk.core.errors import InvalidInput
from kiosk.infra.migration.types import SourceKind

# The legacy app's tables and, per table, the columns the migration reads. Where the old
# app's versions named a column differently, every known spelling is listed (first wins).
LEGACY_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "classes": {
        "id": ("id",),
        "name": ("name", "class_name", "title"),
        "code": ("code", "class_code"),
        "teacher": ("teacher", "teacher_name"),
        "created_at": ("created_at",),
    },
    "students": {
        "id": ("id",),
        "student_id": ("student_id", "student_number", "roll_number"),
        "name": ("name", "full_name"),
        "email": ("email",),
        "phone": ("phone", "phone_number"),
        "class_id": ("class_id",),
        "face_encoding_path": ("face_encoding_path", "encoding_path"),
        "photo_path": ("photo_path", "image_path"),
        "is_active": ("is_active", "active"),
        "created_at": ("created_at",),
    },
    "attendance_sessions": {
        "id": ("id",),
        "class_id": ("class_id",),
        "started_at": ("start_time", "started_at", "start", "session_start", "start_at"),
        "ended_at": ("end_time", "ended_at", "end", "session_end", "end_at"),
        "started_by": ("started_by", "created_by", "teacher"),
    },
    "attendance_records": {
        "id": ("id",),
        "session_id": ("session_id",),
        "student_id": ("student_id",),
        "marked_at": ("timestamp", "marked_at", "time", "created_at"),
        "confidence": ("confidence", "score"),
        "status": ("status",),
    },
}
# Without these a table cannot be migrated at all.
LEGACY_REQUIRED: dict[str, tuple[str, ...]] = {
    "classes": ("id",),
    "students": ("id", "name"),
    "attendance_sessions": ("id", "class_id", "started_at"),
    "attendance_records": ("id", "session_id", "student_id", "marked_at"),
}
log = logging.getLogger(__name__)

KIOSK_TABLES = ("classes", "students", "face_encodings", "attendance_sessions", "attendance_records")
_IGNORED_TABLES = {"alembic_version", "migration_map"}


@dataclass(frozen=True)
class SourceLayout:
    kind: SourceKind
    tables: dict[str, tuple[str, ...]]  # every table and its columns, as found
    # legacy: per known table, our field name -> the source column holding it
    columns: dict[str, dict[str, str]]
    unknown_tables: tuple[str, ...]
    unknown_columns: tuple[tuple[str, str], ...]
    revision: str | None = None  # kiosk kind: the Alembic revision of the source


def read_tables(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    names = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if not str(r[0]).startswith("sqlite_")
    ]
    return {name: tuple(str(c[1]) for c in conn.execute(f'PRAGMA table_info("{name}")')) for name in names}


def data_rows(path: Path) -> int:
    """Rows in the kiosk's tables of a SQLite file, read-only (0 when absent, empty or unreadable)."""
    if not path.is_file():
        return 0
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    except sqlite3.Error:
        return 0
    try:
        tables = read_tables(conn)
        return sum(
            conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in KIOSK_TABLES if t in tables
        )
    except sqlite3.Error:
        log.info("The SQLite file %s could not be read to count its rows", path)
        return 0
    finally:
        conn.close()


def detect(conn: sqlite3.Connection, source: Path) -> SourceLayout:
    try:
        tables = read_tables(conn)
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(f"The file {source} is not a readable SQLite database ({exc}).") from None
    if "alembic_version" in tables and all(t in tables for t in KIOSK_TABLES):
        return _kiosk_layout(conn, tables)
    if "students" in tables:
        return _legacy_layout(tables, source)
    found = ", ".join(tables) or "no tables"
    raise InvalidInput(
        f"The file {source} is neither a kiosk database nor the old attendance app's ({found}).",
        "Choose the attendance .db file (for the old app usually backend/attendance.db).",
    )


def _kiosk_layout(conn: sqlite3.Connection, tables: dict[str, tuple[str, ...]]) -> SourceLayout:
    # Here, not at the top: counting a file's rows (data_rows) needs no table models.
    from kiosk.infra.db.schema import is_dialect_only_table
    from kiosk.infra.migration.tables import OWN_ORDER, REBUILT_TABLES

    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    known = set(OWN_ORDER) | REBUILT_TABLES | _IGNORED_TABLES
    unknown = tuple(sorted(t for t in tables if t not in known and not is_dialect_only_table(t)))
    return SourceLayout(
        kind=SourceKind.KIOSK,
        tables=tables,
        columns={},
        unknown_tables=unknown,
        unknown_columns=(),
        revision=str(row[0]) if row else None,
    )


def _legacy_layout(tables: dict[str, tuple[str, ...]], source: Path) -> SourceLayout:
    columns: dict[str, dict[str, str]] = {}
    unknown_cols: list[tuple[str, str]] = []
    for table, fields in LEGACY_COLUMNS.items():
        present = tables.get(table)
        if present is None:
            continue
        lowered = {c.lower(): c for c in present}
        chosen: dict[str, str] = {}
        for field_name, spellings in fields.items():
            for spelling in spellings:
                if spelling in lowered and lowered[spelling] not in chosen.values():
                    chosen[field_name] = lowered[spelling]
                    break
        missing = [f for f in LEGACY_REQUIRED[table] if f not in chosen]
        if missing:
            if table == "students":
                raise InvalidInput(
                    f"The file {source} has a students table without the column(s) {', '.join(missing)}.",
                    "This layout is not known to the kiosk; nothing was migrated.",
                )
            # The table is reported as unknown and left behind, the rest still moves.
            unknown_cols.extend((table, c) for c in present)
            continue
        columns[table] = chosen
        used = set(chosen.values())
        unknown_cols.extend((table, c) for c in present if c not in used)
    unknown_tables = tuple(sorted(t for t in tables if t not in LEGACY_COLUMNS and t not in _IGNORED_TABLES))
    return SourceLayout(
        kind=SourceKind.LEGACY,
        tables=tables,
        columns=columns,
        unknown_tables=unknown_tables,
        unknown_columns=tuple(unknown_cols),
    )
