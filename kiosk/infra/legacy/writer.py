"""Writing a legacy plan into the target: decide, move in batches, verify.

1. :func:`decide` compares the plan with the target's migration map and rows: each valid
   row is already present, clashes with a row already there (kept aside), or is to move.
2. :func:`write` moves the rest in batches; each batch is one transaction holding its rows
   and their map rows, so a process killed between (or inside) batches loses nothing and a
   re-run continues where it stopped.
3. :func:`verify` reads the rows back through the map and checksums them like the source.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table, insert, select, text

from kiosk.core.domain import MarkSource
from kiosk.infra.db.models import AttendanceRecord, AttendanceSession, FaceEncoding, SchoolClass, Student
from kiosk.infra.legacy import mapping
from kiosk.infra.legacy.bulk import bulk_insert
from kiosk.infra.legacy.checksum import digest
from kiosk.infra.legacy.reader import LEGACY_ORDER, LegacyPlan, Row
from kiosk.infra.legacy.types import Problem
from kiosk.infra.legacy.values import LEGACY_DIM, LEGACY_MODEL

log = logging.getLogger(__name__)

T = TypeVar("T")
Progress = Callable[[str, int, int], None]
BATCH = {
    "classes": 1000,
    "students": 2000,
    "face_encodings": 1000,
    "attendance_sessions": 2000,
    "attendance_records": 5000,
}
TABLES: dict[str, Table] = {
    "classes": SchoolClass.__table__,  # type: ignore[dict-item]
    "students": Student.__table__,  # type: ignore[dict-item]
    "face_encodings": FaceEncoding.__table__,  # type: ignore[dict-item]
    "attendance_sessions": AttendanceSession.__table__,  # type: ignore[dict-item]
    "attendance_records": AttendanceRecord.__table__,  # type: ignore[dict-item]
}
_READ_CHUNK = 5000
# Rows per transaction can be lowered (never needed in use; the kill tests want many batches).
BATCH_ENV = "KIOSK_MIGRATE_BATCH_ROWS"


def batch_size(table: str) -> int:
    raw = os.environ.get(BATCH_ENV, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else BATCH.get(table, 2000)


@dataclass
class Decision:
    table: str
    source_rows: int
    to_move: list[Row] = field(default_factory=list)
    adopt: list[tuple[Row, str]] = field(default_factory=list)  # matched to a row already there
    present: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    moved: int = 0

    @property
    def skipped(self) -> int:
        return len(self.problems)


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def decide(conn: Connection | None, plan: LegacyPlan, key: str) -> dict[str, Decision]:
    """What happens to each row; ``conn`` None (a preview) means an empty target."""
    mapped = mapping.load(conn, key) if conn is not None else {}
    out = {
        t: Decision(t, plan.tables[t].source_rows, problems=list(plan.tables[t].problems))
        for t in LEGACY_ORDER
    }
    available: dict[str, set[str]] = {}

    def split(table: str, blocked: Callable[[Row], str | None]) -> None:
        d = out[table]
        done = mapped.get(table, {})
        for row in plan.tables[table].rows:
            if row.legacy_id in done:
                d.present.append(row)
            elif (reason := blocked(row)) is not None:
                d.problems.append(Problem(table, row.legacy_id, reason))
            else:
                d.to_move.append(row)
        available[table] = {r.legacy_id for r in d.present} | {r.legacy_id for r in d.to_move}

    # Classes: a class already in the target with the same code and name is the same class.
    existing_classes: dict[str, tuple[int, str]] = {}
    ours = set(mapped.get("classes", {}).values())
    if conn is not None:
        cls = TABLES["classes"]
        for cid, code, name in conn.execute(select(cls.c.id, cls.c.code, cls.c.name)):
            if str(cid) not in ours:
                existing_classes[code] = (cid, name)
    taken = set(existing_classes)
    for row in plan.tables["classes"].rows:
        if row.legacy_id in mapped.get("classes", {}):
            out["classes"].present.append(row)
            continue
        code = row.values["code"]
        hit = existing_classes.get(code)
        if hit is not None and hit[1] == row.values["name"]:
            out["classes"].adopt.append((row, str(hit[0])))
            continue
        n = 2
        while code in taken:  # a different class already uses this code
            suffix = f"-{n}"
            code = row.values["code"][: 32 - len(suffix)] + suffix
            n += 1
        taken.add(code)
        row.values["code"] = code
        out["classes"].to_move.append(row)

    # Students: the school's id and the email are unique across the whole target.
    ids: dict[str, str] = {}
    emails: dict[str, str] = {}
    if conn is not None:
        st = TABLES["students"]
        ours = set(mapped.get("students", {}).values())
        for sid, student_id, email in conn.execute(select(st.c.id, st.c.student_id, st.c.email)):
            if str(sid) not in ours:
                ids[student_id] = student_id
                if email:
                    emails[email.lower()] = email

    def student_clash(row: Row) -> str | None:
        if row.values["student_id"] in ids:
            return f"student id {row.values['student_id']!r} already belongs to another student in the target"
        email = row.values["email"]
        if email and email.lower() in emails:
            return f"email {email!r} already belongs to another student in the target"
        return None

    split("students", student_clash)
    students = available["students"]
    split(
        "face_encodings",
        lambda r: None if r.legacy_id in students else f"student #{r.legacy_id} was not migrated",
    )
    split("attendance_sessions", lambda r: None)
    sessions = available["attendance_sessions"]

    def orphan(row: Row) -> str | None:
        if row.values["session_key"] not in sessions:
            return f"orphan: session #{row.values['session_key']} was not migrated"
        if row.values["student_key"] not in students:
            return f"orphan: student #{row.values['student_key']} was not migrated"
        return None

    split("attendance_records", orphan)
    return out


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


# --- verification -----------------------------------------------------------------------


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


@dataclass(frozen=True)
class Verified:
    target_rows: int
    source_checksum: str
    target_checksum: str


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
