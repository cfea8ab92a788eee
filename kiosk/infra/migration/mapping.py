"""The migration map in the target: which source row became which target row."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, inspect, select

from kiosk.infra.db.models import MigrationMap
from kiosk.infra.migration.bulk import bulk_insert

MAP: Table = MigrationMap.__table__  # type: ignore[assignment]
# Fixed, so the same source row gets the same UUID in every target and on every re-run.
_NAMESPACE = uuid.UUID("6f1c1d52-9a43-4f57-a0d7-3c3e5b1f8a21")


def source_key(source: Path) -> str:
    """The source's identity across runs: its absolute path (the file keeps growing, so not its bytes)."""
    return "sqlite:" + hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:32]


def new_uuid(key: str, table: str, legacy_id: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{key}/{table}/{legacy_id}")


def load(conn: Connection, key: str) -> dict[str, dict[str, str]]:
    """table -> {legacy id: new id} for everything already moved from this source."""
    out: dict[str, dict[str, str]] = {}
    if not inspect(conn).has_table(MAP.name):  # a target not yet upgraded (dry run): nothing moved
        return out
    rows = conn.execute(
        select(MAP.c.table_name, MAP.c.legacy_id, MAP.c.new_id).where(MAP.c.source_key == key)
    )
    for table, legacy_id, new_id in rows:
        out.setdefault(table, {})[legacy_id] = new_id
    return out


def write(conn: Connection, key: str, table: str, pairs: Iterable[tuple[str, Any]]) -> None:
    rows = [
        {"source_key": key, "table_name": table, "legacy_id": legacy_id, "new_id": str(new_id)}
        for legacy_id, new_id in pairs
    ]
    if rows:
        bulk_insert(conn, MAP, rows)
