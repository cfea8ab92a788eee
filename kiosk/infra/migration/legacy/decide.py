"""Deciding, per row of a legacy plan, what a migration into a given target does with it.

Each valid row is already present (its map row exists, or the same class is found there),
clashes with a row already there (kept aside with the reason), or is to move.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from kiosk.infra.migration import mapping
from kiosk.infra.migration.legacy.reader import LEGACY_ORDER, LegacyPlan, Row
from kiosk.infra.migration.tables import TABLES
from kiosk.infra.migration.types import Problem


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
