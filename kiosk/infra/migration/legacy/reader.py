"""Reading the legacy app's file into validated rows, with a reason for every row left out.

Everything here looks at the snapshot alone; decisions that need the target (already moved,
clashes with rows already there) are made in :mod:`kiosk.infra.migration.legacy.decide`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.core.domain import AttendanceStatus
from kiosk.infra.migration.detect import SourceLayout
from kiosk.infra.migration.legacy import values as v
from kiosk.infra.migration.legacy.values import BadValue
from kiosk.infra.migration.types import Problem

# Target tables in the order they are written (each one refers only to earlier ones).
LEGACY_ORDER = ("classes", "students", "face_encodings", "attendance_sessions", "attendance_records")
_CODE_LEN = 32
_STATUS = {s.value: s for s in AttendanceStatus} | {
    "on_time": AttendanceStatus.PRESENT,
    "tardy": AttendanceStatus.LATE,
}


@dataclass
class Row:
    legacy_id: str
    values: dict[str, Any]


@dataclass
class TablePlan:
    table: str
    source_rows: int = 0
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def skip(self, legacy_id: str, reason: str) -> None:
        self.problems.append(Problem(self.table, legacy_id, reason))


@dataclass
class LegacyPlan:
    tables: dict[str, TablePlan]
    warnings: list[Problem] = field(default_factory=list)

    def valid_ids(self, table: str) -> set[str]:
        return {r.legacy_id for r in self.tables[table].rows}


def _select(conn: sqlite3.Connection, table: str, columns: dict[str, str]) -> list[dict[str, Any]]:
    fields = list(columns)
    cols = ", ".join(f'"{columns[f]}"' for f in fields)
    order = f'"{columns["id"]}"'
    cursor = conn.execute(f'SELECT {cols} FROM "{table}" ORDER BY {order}')
    return [dict(zip(fields, row, strict=True)) for row in cursor]


def read_plan(conn: sqlite3.Connection, layout: SourceLayout, base_dir: Path) -> LegacyPlan:
    # Text arrives as bytes so that one undecodable value fails one row, not the whole read.
    conn.text_factory = bytes
    plan = LegacyPlan({t: TablePlan(t) for t in LEGACY_ORDER})
    raw = {t: _select(conn, t, cols) for t, cols in layout.columns.items()}
    _classes(plan, raw.get("classes", []))
    _students(plan, raw.get("students", []), base_dir, has_classes="classes" in raw)
    _sessions(plan, raw.get("attendance_sessions", []))
    _records(plan, raw.get("attendance_records", []))
    return plan


def _keyed(
    plan: TablePlan, rows: list[dict[str, Any]], build: Callable[[str, dict[str, Any]], dict[str, Any]]
) -> None:
    """Run ``build`` on each row; a :class:`BadValue` keeps that row aside with its reason."""
    seen: set[str] = set()
    plan.source_rows = len(rows)
    for index, row in enumerate(rows):
        key = v.integer_key(row["id"])
        if key is None:
            plan.skip(f"row {index + 1}", "the row has no id")
            continue
        if key in seen:
            plan.skip(key, "another row has the same id")
            continue
        seen.add(key)
        try:
            plan.rows.append(Row(key, build(key, row)))
        except BadValue as exc:
            plan.skip(key, str(exc))


def class_code(name: str, legacy_id: str) -> str:
    """A readable code from the class name: "Biology 9B" -> "BIOLOGY-9B"."""
    code = re.sub(r"[^\w]+", "-", name.upper(), flags=re.UNICODE).strip("-_")
    return code[:_CODE_LEN].rstrip("-") or f"CLASS-{legacy_id}"


def _classes(plan: LegacyPlan, rows: list[dict[str, Any]]) -> None:
    table = plan.tables["classes"]
    used: set[str] = set()

    def build(key: str, row: dict[str, Any]) -> dict[str, Any]:
        name = v.text(row.get("name"), "name", max_len=200)
        if name is None:
            name = f"Class {key}"
            plan.warnings.append(Problem("classes", key, f"no name; named {name!r}"))
        given = _soft(plan, "classes", key, lambda: v.text(row.get("code"), "code", max_len=_CODE_LEN))
        code = given or class_code(name, key)
        if code in used:  # two classes with the same name: the later one gets its id appended
            suffix = f"-{key}"
            code = code[: _CODE_LEN - len(suffix)] + suffix
        used.add(code)
        teacher = _soft(plan, "classes", key, lambda: v.text(row.get("teacher"), "teacher", max_len=200))
        created = _soft(
            plan, "classes", key, lambda: v.timestamp(row.get("created_at"), "created_at", required=False)
        )
        return {"code": code, "name": name, "teacher": teacher, "created_at": created}

    _keyed(table, rows, build)


def _soft(plan: LegacyPlan, table: str, key: str, parse: Callable[[], Any]) -> Any:
    """A value the row can live without: a bad one becomes a caveat and None."""
    try:
        return parse()
    except BadValue as exc:
        plan.warnings.append(Problem(table, key, f"{exc}; left empty"))
        return None


def _students(plan: LegacyPlan, rows: list[dict[str, Any]], base_dir: Path, *, has_classes: bool) -> None:
    table = plan.tables["students"]
    encodings = plan.tables["face_encodings"]
    classes = plan.valid_ids("classes")
    ids: dict[str, str] = {}
    emails: dict[str, str] = {}

    def build(key: str, row: dict[str, Any]) -> dict[str, Any]:
        student_id = v.text(row.get("student_id"), "student_id", max_len=64, required=True)
        name = v.text(row.get("name"), "name", max_len=200, required=True)
        email = v.text(row.get("email"), "email", max_len=320)
        phone = _soft(plan, "students", key, lambda: v.text(row.get("phone"), "phone", max_len=40))
        assert student_id is not None and name is not None
        if student_id in ids:
            raise BadValue(f"duplicate student id {student_id!r} (kept #{ids[student_id]})")
        if email and email.lower() in emails:
            raise BadValue(f"duplicate email {email!r} (kept #{emails[email.lower()]})")
        is_active = v.boolean(row.get("is_active"), "is_active")
        created = _soft(
            plan, "students", key, lambda: v.timestamp(row.get("created_at"), "created_at", required=False)
        )
        class_key = v.integer_key(row.get("class_id"))
        if class_key is not None and class_key not in classes:
            reason = f"class #{class_key} does not exist" if has_classes else "the file has no classes table"
            plan.warnings.append(Problem("students", key, f"{reason}; moved without a class"))
            class_key = None
        photo = _soft(plan, "students", key, lambda: v.text(row.get("photo_path"), "photo_path"))
        photo_exists = bool(photo) and _photo_file(plan, key, photo, base_dir)
        ids[student_id] = key
        if email:
            emails[email.lower()] = key
        return {
            "student_id": student_id,
            "name": name,
            "email": email,
            "phone": phone,
            "class_key": class_key,
            "is_active": is_active,
            "created_at": created,
            "photo_exists": photo_exists,
            "encoding_path": row.get("face_encoding_path"),
        }

    _keyed(table, rows, build)
    valid = {r.legacy_id for r in table.rows}
    for row in rows:  # an encoding per student that names a file
        key = v.integer_key(row["id"])
        if key is None or row.get("face_encoding_path") in (None, b"", ""):
            continue
        encodings.source_rows += 1
        if key not in valid:
            encodings.skip(key, f"student #{key} was not migrated")
            continue
        try:
            raw_path = v.text(row["face_encoding_path"], "face_encoding_path", required=True)
            assert raw_path is not None
            vector = v.load_encoding(v.legacy_path(raw_path, base_dir, "face_encoding_path"))
        except BadValue as exc:
            encodings.skip(key, str(exc))
            continue
        encodings.rows.append(
            Row(key, {"vector": vector.tobytes(), "source": f"legacy:{Path(raw_path).name}"})
        )


def _photo_file(plan: LegacyPlan, key: str, photo: str, base_dir: Path) -> bool:
    """Whether the photo can be re-embedded later; one outside the old app's folder never is."""
    try:
        return v.legacy_path(photo, base_dir, "photo_path").is_file()
    except BadValue as exc:
        plan.warnings.append(Problem("students", key, f"{exc}; the photo is not used"))
        return False


def _sessions(plan: LegacyPlan, rows: list[dict[str, Any]]) -> None:
    classes = plan.valid_ids("classes")

    def build(key: str, row: dict[str, Any]) -> dict[str, Any]:
        class_key = v.integer_key(row.get("class_id"))
        if class_key is None or class_key not in classes:
            raise BadValue(
                f"orphan: class #{class_key} was not migrated" if class_key else "orphan: no class"
            )
        started = v.timestamp(row.get("started_at"), "start time")
        ended = _soft(
            plan,
            "attendance_sessions",
            key,
            lambda: v.timestamp(row.get("ended_at"), "end time", required=False),
        )
        started_by = _soft(
            plan, "attendance_sessions", key, lambda: v.text(row.get("started_by"), "started_by", max_len=200)
        )
        return {"class_key": class_key, "started_at": started, "ended_at": ended, "started_by": started_by}

    _keyed(plan.tables["attendance_sessions"], rows, build)


def _records(plan: LegacyPlan, rows: list[dict[str, Any]]) -> None:
    table = plan.tables["attendance_records"]
    sessions = plan.valid_ids("attendance_sessions")
    students = plan.valid_ids("students")
    by_student_code = {r.values["student_id"]: r.legacy_id for r in plan.tables["students"].rows}

    def build(key: str, row: dict[str, Any]) -> dict[str, Any]:
        session_key = v.integer_key(row.get("session_id"))
        if session_key is None or session_key not in sessions:
            raise BadValue(f"orphan: session #{session_key} was not migrated")
        student_key = v.integer_key(row.get("student_id"))
        if student_key is not None and student_key not in students and student_key in by_student_code:
            student_key = by_student_code[student_key]  # some versions stored the school's id
        if student_key is None or student_key not in students:
            raise BadValue(f"orphan: student #{student_key} was not migrated")
        marked = v.timestamp(row.get("marked_at"), "timestamp")
        confidence = _soft(
            plan, "attendance_records", key, lambda: v.number(row.get("confidence"), "confidence")
        )
        status = AttendanceStatus.PRESENT
        raw_status = _soft(plan, "attendance_records", key, lambda: v.text(row.get("status"), "status"))
        if raw_status:
            found = _STATUS.get(raw_status.lower())
            if found is None:
                plan.warnings.append(
                    Problem("attendance_records", key, f"unknown status {raw_status!r}; moved as present")
                )
            else:
                status = found
        return {
            "session_key": session_key,
            "student_key": student_key,
            "marked_at": marked,
            "confidence": confidence,
            "status": status,
        }

    _keyed(table, rows, build)
    # One record per student per session in the kiosk: the first sighting wins, as it does live.
    first: dict[tuple[str, str], Row] = {}
    for row in table.rows:
        pair = (row.values["session_key"], row.values["student_key"])
        kept = first.get(pair)
        if kept is None or _earlier(row, kept):
            first[pair] = row
    if len(first) != len(table.rows):
        keep = {id(r) for r in first.values()}
        dropped = [r for r in table.rows if id(r) not in keep]
        table.rows = [r for r in table.rows if id(r) in keep]
        for r in dropped:
            kept = first[(r.values["session_key"], r.values["student_key"])]
            table.skip(r.legacy_id, f"the student is already marked in this session (kept #{kept.legacy_id})")


def _earlier(a: Row, b: Row) -> bool:
    ta: datetime = a.values["marked_at"]
    tb: datetime = b.values["marked_at"]
    return ta < tb
