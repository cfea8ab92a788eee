"""Moving the kiosk's own SQLite database as is: same schema, same keys.

Idempotent through the primary keys: a row whose key is already in the target with the
same content is "already present"; a key used there by a different row is kept aside.
Integer keys are kept too, so the PostgreSQL sequences are moved past them afterwards.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Integer,
    create_engine,
    insert,
    select,
    text,
    tuple_,
)

from kiosk.core.errors import InvalidInput
from kiosk.infra.db import schema, sealing
from kiosk.infra.db.sealing import Cipher
from kiosk.infra.migration import mapping
from kiosk.infra.migration.checksum import canonical, digest
from kiosk.infra.migration.detect import SourceLayout
from kiosk.infra.migration.tables import OWN_ORDER, OWN_TABLES, batch_size, chunks
from kiosk.infra.migration.types import (
    Problem,
    Progress,
    SourceKind,
    SourceReport,
    StudentNote,
    TableOutcome,
    Verified,
)

log = logging.getLogger(__name__)

_BATCH = 2000
_REMADE = ("prev_hash", "entry_hash")  # the audit chain is the target's own: remade after the copy


@dataclass
class OwnDecision:
    table: str
    source_rows: int
    to_move: list[dict[str, Any]] = field(default_factory=list)
    present: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    moved: int = 0
    columns: tuple[str, ...] = ()

    @property
    def skipped(self) -> int:
        return len(self.problems)


def _utc(row: dict[str, Any]) -> dict[str, Any]:
    # SQLite hands back naive datetimes; the kiosk stores UTC, and PostgreSQL must be told so.
    return {
        k: (v.replace(tzinfo=UTC) if isinstance(v, datetime) and v.tzinfo is None else v)
        for k, v in row.items()
    }


def _same(a: dict[str, Any], b: dict[str, Any], columns: tuple[str, ...]) -> bool:
    return all(canonical(a[c]) == canonical(b[c]) for c in columns)


@functools.cache  # asked for every row: the tables do not change
def key_columns(table: str) -> tuple[str, ...]:
    """The primary key's columns: ``id`` mostly; a pupil's credentials and a teacher's classes
    are keyed by what they belong to."""
    return tuple(c.name for c in OWN_TABLES[table].primary_key.columns)


def key_of(table: str, row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[c] for c in key_columns(table))


def key_text(table: str, row: dict[str, Any]) -> str:
    return "/".join(str(v) for v in key_of(table, row))


def _drawn_keys(table: str) -> bool:
    """An integer key drawn from a sequence on PostgreSQL (copied keys move it on)."""
    columns = list(OWN_TABLES[table].primary_key.columns)
    return len(columns) == 1 and isinstance(columns[0].type, Integer)


def _key_in(table: str, keys: Sequence[tuple[Any, ...]]) -> ColumnElement[bool]:
    t = OWN_TABLES[table]
    columns = [t.c[c] for c in key_columns(table)]
    if len(columns) == 1:
        return columns[0].in_([k[0] for k in keys])
    return tuple_(*columns).in_(keys)


def read_source(conn: Connection, source_columns: dict[str, tuple[str, ...]]) -> dict[str, OwnDecision]:
    out: dict[str, OwnDecision] = {}
    for table in OWN_ORDER:
        t = OWN_TABLES[table]
        present = set(source_columns.get(table, ()))  # none: a source older than the table
        cols = tuple(c.name for c in t.columns if c.name in present and c.name not in _REMADE)
        keys = [t.c[c] for c in key_columns(table)]
        rows = (
            [_utc(dict(r._mapping)) for r in conn.execute(select(*(t.c[c] for c in cols)).order_by(*keys))]
            if cols
            else []
        )
        d = OwnDecision(table, len(rows), columns=cols)
        d.to_move = rows
        out[table] = d
    return out


def decide(conn: Connection | None, decisions: dict[str, OwnDecision]) -> None:
    """Split each table's rows into present / clashing / to move, against the target."""
    skipped: dict[str, set[Any]] = {t: set() for t in OWN_ORDER}
    for table in OWN_ORDER:
        d = decisions[table]
        t = OWN_TABLES[table]
        existing: dict[tuple[Any, ...], dict[str, Any]] = {}
        if conn is not None and d.to_move:
            for chunk in chunks([key_of(table, r) for r in d.to_move], _BATCH):
                for r in conn.execute(select(*(t.c[c] for c in d.columns)).where(_key_in(table, chunk))):
                    found_row = _utc(dict(r._mapping))
                    existing[key_of(table, found_row)] = found_row
        clash = _clash_check(conn, table)
        todo: list[dict[str, Any]] = []
        for row in d.to_move:
            found = existing.get(key_of(table, row))
            reason: str | None = None
            if found is not None:
                if _same(found, row, d.columns):
                    d.present.append(row)
                    continue
                reason = f"{'/'.join(key_columns(table))} {key_text(table, row)} is used in the target by a different row"
            else:
                reason = _malformed(table, row) or _orphan(table, row, skipped) or clash(row)
            if reason is not None:
                d.problems.append(Problem(table, key_text(table, row), reason))
                key = key_of(table, row)
                skipped[table].add(key[0] if len(key) == 1 else key)  # as other tables refer to it
            else:
                todo.append(row)
        d.to_move = todo


def _malformed(table: str, row: dict[str, Any]) -> str | None:
    """A face vector the kiosk could not load: one such row would stop every kiosk's gallery."""
    if table != "face_encodings":
        return None
    raw, dimension = row.get("vector"), row.get("dimension")
    vector = bytes(raw) if isinstance(raw, bytes | memoryview) else b""
    if not isinstance(dimension, int) or dimension <= 0 or len(vector) != 4 * dimension:
        return f"the vector holds {len(vector)} bytes, not 4 x its dimension ({dimension})"
    if not np.all(np.isfinite(np.frombuffer(vector, dtype="<f4"))):
        return "the vector holds NaN or infinite values"
    return None


# Each table's references to rows of earlier tables: a row whose reference was kept aside is too.
_REFERENCES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "face_encodings": (("student_id", "students", "student"),),
    "lookalike_pairs": (("student_a", "students", "student"), ("student_b", "students", "student")),
    "attendance_sessions": (("class_id", "classes", "class"),),
    "attendance_records": (
        ("student_id", "students", "student"),
        ("session_id", "attendance_sessions", "session"),
    ),
    "consent_ledger": (("student_id", "students", "student"),),
    "checkin_credentials": (("student_id", "students", "student"),),
    "class_teachers": (("user_id", "users", "account"), ("class_id", "classes", "class")),
}


def _orphan(table: str, row: dict[str, Any], skipped: dict[str, set[Any]]) -> str | None:
    if table in ("students",) and row.get("class_id") in skipped["classes"]:
        row["class_id"] = None  # the student is kept; their class clashed with another
    for column, referenced, noun in _REFERENCES.get(table, ()):
        if row.get(column) in skipped[referenced]:
            return f"{noun} {row[column]} was not migrated"
    return None


def _clash_check(conn: Connection | None, table: str) -> Callable[[dict[str, Any]], str | None]:
    """Unique values already used in the target by rows with other keys."""
    if conn is None:
        return lambda _row: None
    t = OWN_TABLES[table]
    if table == "students":
        ids = {sid: pk for pk, sid in conn.execute(select(t.c.id, t.c.student_id))}
        emails = {e: pk for pk, e in conn.execute(select(t.c.id, t.c.email)) if e}

        def student(r: dict[str, Any]) -> str | None:
            if ids.get(r["student_id"], r["id"]) != r["id"]:
                return f"student id {r['student_id']!r} belongs to another student in the target"
            if r.get("email") and emails.get(r["email"], r["id"]) != r["id"]:
                return f"email {r['email']!r} belongs to another student in the target"
            return None

        return student
    if table == "attendance_records":
        pairs = {(s, st): pk for pk, s, st in conn.execute(select(t.c.id, t.c.session_id, t.c.student_id))}
        return lambda r: (
            "the student is already marked in this session in the target"
            if pairs.get((r["session_id"], r["student_id"]), r["id"]) != r["id"]
            else None
        )
    unique = _UNIQUE.get(table)
    if unique is None:
        return lambda _row: None
    columns, what = unique
    key = key_columns(table)[0]
    used = {
        tuple(found[1:]): found[0]
        for found in conn.execute(select(t.c[key], *(t.c[c] for c in columns)))
        if all(v is not None for v in found[1:])
    }

    def unique_value(r: dict[str, Any]) -> str | None:
        value = tuple(r.get(c) for c in columns)
        if any(v is None for v in value) or used.get(value, r[key]) == r[key]:
            return None
        return f"{what} {'/'.join(str(v) for v in value)!r} is used in the target"

    return unique_value


# Unique values of the other tables (the clashes above have words of their own).
_UNIQUE: dict[str, tuple[tuple[str, ...], str]] = {
    "classes": (("code",), "class code"),
    "users": (("name",), "the account name"),
    "consent_texts": (("version",), "the consent text version"),
    "checkin_credentials": (("card_hash",), "a card"),
    "lookalike_pairs": (("student_a", "student_b"), "the look-alike pair"),
}


def write(
    engine: Engine, decisions: dict[str, OwnDecision], progress: Progress, cancelled: Callable[[], bool]
) -> bool:
    for table in OWN_ORDER:
        d = decisions[table]
        t = OWN_TABLES[table]
        progress(table, 0, len(d.to_move))
        for batch in chunks(d.to_move, min(_BATCH, batch_size(table))):
            if cancelled():
                return False
            with engine.begin() as conn:
                conn.execute(insert(t), list(batch))
                if _drawn_keys(table) and conn.dialect.name == "postgresql":
                    # Keys were copied, not drawn: move the sequence past them for new rows.
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT MAX(id) FROM {table}))"
                        )
                    )
            d.moved += len(batch)
            progress(table, d.moved, len(d.to_move))
    _after_copy(engine, moved_audit=decisions["audit_log"].moved > 0)
    return True


def _after_copy(engine: Engine, *, moved_audit: bool) -> None:
    """Issue 12: copied consent flags get their ledger row; copied audit rows join the target's chain."""
    from kiosk.infra.db.engine import session_factory, unit_of_work
    from kiosk.infra.db.repo import audit, consent

    with unit_of_work(session_factory(engine)) as s:
        consent.ledger_rows_for_flags(s, entered_by="kiosk migrate")
        if moved_audit:
            audit.rechain(s, actor="kiosk migrate", reason="audit entries copied from another kiosk database")


def verify(engine: Engine, decisions: dict[str, OwnDecision], progress: Progress) -> dict[str, Verified]:
    out: dict[str, Verified] = {}
    with engine.connect() as conn:
        for table in OWN_ORDER:
            d = decisions[table]
            t = OWN_TABLES[table]
            accounted = [*d.present, *d.to_move]
            src = digest((canonical(key_of(table, r)), tuple(r[c] for c in d.columns)) for r in accounted)
            rows: list[tuple[str, tuple[Any, ...]]] = []
            keys = [key_of(table, r) for r in accounted]
            for i, chunk in enumerate(chunks(keys, _BATCH)):
                progress(f"verify {table}", i * _BATCH, len(keys))
                for r in conn.execute(select(*(t.c[c] for c in d.columns)).where(_key_in(table, chunk))):
                    m = _utc(dict(r._mapping))
                    rows.append((canonical(key_of(table, m)), tuple(m[c] for c in d.columns)))
            out[table] = Verified(len(rows), src, digest(rows))
    return out


class OwnSource:
    """The kiosk's own SQLite file as a :class:`~kiosk.infra.migration.source.MigrationSource`."""

    kind = SourceKind.KIOSK
    attests_consent = False  # its consent records move with it

    def __init__(self, path: Path, layout: SourceLayout, decisions: dict[str, OwnDecision]) -> None:
        self.path = path
        self.key = mapping.source_key(path)
        self.layout = layout
        self.decisions = decisions

    @classmethod
    def read(
        cls,
        conn: sqlite3.Connection,
        layout: SourceLayout,
        path: Path,
        snap: Path,
        cipher: Cipher | None = None,
    ) -> OwnSource:
        """``cipher``: the local kiosk's key, which opens the sealed vectors and thumbnails of a
        kiosk database made on this computer (see :mod:`kiosk.infra.db.sealing`)."""
        _check_revision(layout, path)
        engine = create_engine(f"sqlite:///{snap}", hide_parameters=True)
        if cipher is not None:
            sealing.register(engine, cipher)
        try:
            with engine.connect() as sconn:
                return cls(path, layout, read_source(sconn, layout.tables))
        finally:
            engine.dispose()

    def decide(self, target: Connection | None) -> None:
        decide(target, self.decisions)

    def problems(self) -> list[Problem]:
        return [p for table in OWN_ORDER for p in self.decisions[table].problems]

    def write(self, engine: Engine, progress: Progress, cancelled: Callable[[], bool]) -> bool:
        return write(engine, self.decisions, progress, cancelled)

    def verify(self, engine: Engine, progress: Progress) -> dict[str, Verified]:
        return verify(engine, self.decisions, progress)

    def report(self, active_model: str) -> SourceReport:
        tables = tuple(
            TableOutcome(
                table=name,
                source_rows=d.source_rows,
                to_move=len(d.to_move),
                already_present=len(d.present),
                skipped=d.skipped,
                moved=d.moved,
            )
            for name in OWN_ORDER
            for d in (self.decisions[name],)
        )
        students_table = self.decisions["students"]
        students = sorted(
            [*students_table.present, *students_table.to_move], key=lambda r: str(r["student_id"])
        )
        encodings = self.decisions["face_encodings"]
        encoded = {
            r["student_id"]
            for r in (*encodings.present, *encodings.to_move)
            if r.get("model_name") == active_model
        }
        consent = tuple(
            StudentNote(r["student_id"], r["name"], "no consent recorded")
            for r in students
            if not r.get("consent_given")
        )
        enrollment = tuple(
            StudentNote(r["student_id"], r["name"], "needs enrollment")
            for r in students
            if r.get("consent_given") and r["id"] not in encoded
        )
        return SourceReport(
            tables=tables,
            problems=tuple(self.problems()),
            needs_consent=consent,
            needs_enrollment=enrollment,
        )


def _check_revision(layout: SourceLayout, source: Path) -> None:
    from alembic.script import ScriptDirectory

    known = {r.revision for r in ScriptDirectory.from_config(schema.alembic_config()).walk_revisions()}
    if layout.revision not in known:
        raise InvalidInput(
            f"The kiosk database {source} was made by a newer kiosk (schema {layout.revision}).",
            "Update the kiosk software on this computer first.",
        )
