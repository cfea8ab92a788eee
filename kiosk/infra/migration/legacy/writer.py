"""Writing a decided legacy plan into the target in batches.

Each batch is one transaction holding its rows and their map rows, so a process killed
between (or inside) batches loses nothing and a re-run continues where it stopped.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, text

from kiosk.core.domain import MarkSource
from kiosk.infra.migration import mapping
from kiosk.infra.migration.bulk import bulk_insert
from kiosk.infra.migration.legacy.decide import Decision
from kiosk.infra.migration.legacy.reader import LEGACY_ORDER, Row
from kiosk.infra.migration.legacy.values import LEGACY_DIM, LEGACY_MODEL
from kiosk.infra.migration.tables import TABLES, batch_size, chunks
from kiosk.infra.migration.types import Progress

log = logging.getLogger(__name__)


class _Writer:
    def __init__(
        self,
        engine: Engine,
        key: str,
        progress: Progress,
        cancelled: Callable[[], bool],
    ) -> None:
        self.engine = engine
        self.key = key
        self.progress = progress
        self.cancelled = cancelled
        self.started = datetime.now(UTC)
        self.maps: dict[str, dict[str, str]] = {}

    def run(self, decisions: dict[str, Decision]) -> bool:
        """Move every decided row; False when cancelled between batches."""
        with self.engine.connect() as conn:
            self.maps = mapping.load(conn, self.key)
        for table in LEGACY_ORDER:
            d = decisions[table]
            todo: list[Row | tuple[Row, str]] = [*d.adopt, *d.to_move]
            total = len(todo)
            self.progress(table, 0, total)
            for batch in chunks(todo, batch_size(table)):
                if self.cancelled():
                    log.info("Migration cancelled before a %s batch", table)
                    return False
                with self.engine.begin() as conn:
                    pairs = self._write_batch(conn, table, batch)
                    mapping.write(conn, self.key, table, pairs)
                self.maps.setdefault(table, {}).update((k, str(n)) for k, n in pairs)
                d.moved += sum(1 for b in batch if isinstance(b, Row))
                self.progress(table, d.moved + len(d.adopt), total)
        return True

    def _write_batch(
        self, conn: Connection, table: str, batch: Sequence[Row | tuple[Row, str]]
    ) -> list[tuple[str, Any]]:
        pairs: list[tuple[str, Any]] = [
            (r.legacy_id, new) for r, new in (b for b in batch if isinstance(b, tuple))
        ]
        rows = [b for b in batch if isinstance(b, Row)]
        if not rows:
            return pairs
        t = TABLES[table]
        values = [getattr(self, f"_{table}")(r) for r in rows]
        if table in ("classes", "face_encodings"):  # integer keys: the target assigns them
            if conn.dialect.name == "postgresql":
                ids = conn.execute(
                    text(
                        f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, :n)"
                    ),
                    {"n": len(values)},
                ).scalars()
                for value, new_id in zip(values, ids, strict=True):
                    value["id"] = new_id
                bulk_insert(conn, t, values)
            else:
                returning = insert(t).returning(t.c.id, sort_by_parameter_order=True)
                for value, new_id in zip(
                    values, conn.execute(returning, values).scalars().all(), strict=True
                ):
                    value["id"] = new_id
        else:
            bulk_insert(conn, t, values)
        pairs.extend((r.legacy_id, v["id"]) for r, v in zip(rows, values, strict=True))
        return pairs

    def _ref(self, table: str, legacy_id: str | None) -> str | None:
        return None if legacy_id is None else self.maps[table][legacy_id]

    def _classes(self, r: Row) -> dict[str, Any]:
        v = r.values
        return {
            "code": v["code"],
            "name": v["name"],
            "teacher": v["teacher"],
            "starts_at": None,
            "created_at": v["created_at"] or self.started,
        }

    def _students(self, r: Row) -> dict[str, Any]:
        v = r.values
        class_id = self._ref("classes", v["class_key"])
        created = v["created_at"] or self.started
        return {
            "id": mapping.new_uuid(self.key, "students", r.legacy_id),
            "student_id": v["student_id"],
            "name": v["name"],
            "email": v["email"],
            "phone": v["phone"],
            "class_id": int(class_id) if class_id is not None else None,
            "is_active": v["is_active"],
            # Consent is a legal record: the old app never asked, so it is not invented here.
            "consent_given": False,
            "consent_at": None,
            "consent_by": None,
            "photo": None,
            "created_at": created,
            "updated_at": created,
        }

    def _face_encodings(self, r: Row) -> dict[str, Any]:
        return {
            "student_id": uuid.UUID(self.maps["students"][r.legacy_id]),
            "model_name": LEGACY_MODEL,
            "dimension": LEGACY_DIM,
            "vector": r.values["vector"],
            "quality": None,
            "source": r.values["source"],
            "created_at": self.started,
        }

    def _attendance_sessions(self, r: Row) -> dict[str, Any]:
        v = r.values
        return {
            "id": mapping.new_uuid(self.key, "attendance_sessions", r.legacy_id),
            "class_id": int(self.maps["classes"][v["class_key"]]),
            "started_at": v["started_at"],
            "ended_at": v["ended_at"],
            "started_by": v["started_by"],
            "kiosk_id": "legacy",
        }

    def _attendance_records(self, r: Row) -> dict[str, Any]:
        v = r.values
        return {
            "id": mapping.new_uuid(self.key, "attendance_records", r.legacy_id),
            "session_id": uuid.UUID(self.maps["attendance_sessions"][v["session_key"]]),
            "student_id": uuid.UUID(self.maps["students"][v["student_key"]]),
            "status": v["status"],
            "confidence": v["confidence"],
            "details": None,
            "face_box": None,
            "source": MarkSource.AUTO,
            "note": None,
            "marked_at": v["marked_at"],
        }


def write(
    engine: Engine,
    decisions: dict[str, Decision],
    key: str,
    progress: Progress,
    cancelled: Callable[[], bool],
) -> bool:
    return _Writer(engine, key, progress, cancelled).run(decisions)
