"""Reading moved legacy rows back through the map and checksumming them like the source."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Engine, Table, select

from kiosk.infra.migration import mapping
from kiosk.infra.migration.checksum import digest
from kiosk.infra.migration.legacy.decide import Decision
from kiosk.infra.migration.legacy.reader import LEGACY_ORDER, Row
from kiosk.infra.migration.legacy.values import LEGACY_DIM, LEGACY_MODEL
from kiosk.infra.migration.tables import TABLES, chunks
from kiosk.infra.migration.types import Progress, Verified

_READ_CHUNK = 5000


def _source_values(table: str, r: Row) -> tuple[Any, ...]:
    v = r.values
    if table == "classes":
        return (v["code"], v["name"])
    if table == "students":
        # Consent is not moved from the old app (it is recorded in the kiosk), so not compared.
        return (v["student_id"], v["name"], v["email"], v["phone"], v["class_key"], v["is_active"])
    if table == "face_encodings":
        return (r.legacy_id, LEGACY_MODEL, LEGACY_DIM, v["vector"])
    if table == "attendance_sessions":
        return (v["class_key"], v["started_at"], v["ended_at"], v["started_by"])
    return (v["session_key"], v["student_key"], v["status"], v["confidence"], v["marked_at"])


def _target_columns(t: Table, table: str) -> list[Any]:
    names = {
        "classes": ("code", "name"),
        "students": ("student_id", "name", "email", "phone", "class_id", "is_active"),
        "face_encodings": ("student_id", "model_name", "dimension", "vector"),
        "attendance_sessions": ("class_id", "started_at", "ended_at", "started_by"),
        "attendance_records": ("session_id", "student_id", "status", "confidence", "marked_at"),
    }[table]
    return [t.c[n] for n in names]


# Which columns hold references to other migrated tables (translated back to legacy ids).
_REFS = {
    "students": {4: "classes"},
    "face_encodings": {0: "students"},
    "attendance_sessions": {0: "classes"},
    "attendance_records": {0: "attendance_sessions", 1: "students"},
}


def verify(
    engine: Engine, decisions: dict[str, Decision], key: str, progress: Progress
) -> dict[str, Verified]:
    out: dict[str, Verified] = {}
    with engine.connect() as conn:
        maps = mapping.load(conn, key)
        inverse = {t: {new: old for old, new in m.items()} for t, m in maps.items()}
        for table in LEGACY_ORDER:
            d = decisions[table]
            accounted = [r for r in (*d.present, *(a[0] for a in d.adopt), *d.to_move)]
            wanted = {r.legacy_id for r in accounted}
            table_map = {old: new for old, new in maps.get(table, {}).items() if old in wanted}
            src = digest(
                (r.legacy_id, _source_values(table, r)) for r in accounted if r.legacy_id in table_map
            )
            t = TABLES[table]
            cols = _target_columns(t, table)
            refs = _REFS.get(table, {})
            back = inverse.get(table, {})
            rows: list[tuple[str, tuple[Any, ...]]] = []
            new_ids = list(table_map.values())
            for i, chunk in enumerate(chunks(new_ids, _READ_CHUNK)):
                progress(f"verify {table}", i * _READ_CHUNK, len(new_ids))
                keys = (
                    [int(x) for x in chunk]
                    if table in ("classes", "face_encodings")
                    else [_uuid(x) for x in chunk]
                )
                for found in conn.execute(select(t.c.id, *cols).where(t.c.id.in_(keys))):
                    values = list(found[1:])
                    for pos, ref in refs.items():
                        if values[pos] is not None:
                            values[pos] = inverse.get(ref, {}).get(str(values[pos]), f"?{values[pos]}")
                    rows.append((back[str(found[0])], tuple(values)))
            out[table] = Verified(len(rows), src, digest(rows))
    return out


def _uuid(text: str) -> uuid.UUID:
    return uuid.UUID(text)
