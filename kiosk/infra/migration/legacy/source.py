"""The legacy app's file as a :class:`~kiosk.infra.migration.source.MigrationSource`.

Its rows get new keys in the target (UUIDs derived from the source key and the old id), so
every moved row is recorded in the migration map, which makes a re-run idempotent.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine

from kiosk.infra.migration import mapping
from kiosk.infra.migration.detect import SourceLayout
from kiosk.infra.migration.legacy.decide import Decision, decide
from kiosk.infra.migration.legacy.reader import LEGACY_ORDER, LegacyPlan, read_plan
from kiosk.infra.migration.legacy.values import LEGACY_MODEL
from kiosk.infra.migration.legacy.verify import verify
from kiosk.infra.migration.legacy.writer import write
from kiosk.infra.migration.types import (
    Problem,
    Progress,
    SourceKind,
    SourceReport,
    StudentNote,
    TableOutcome,
    Verified,
)


class LegacySource:
    kind = SourceKind.LEGACY
    # The old app never asked for consent: an admin may attest it was collected on paper.
    attests_consent = True

    def __init__(self, path: Path, layout: SourceLayout, plan: LegacyPlan) -> None:
        self.path = path
        self.key = mapping.source_key(path)
        self.layout = layout
        self.plan = plan
        self.decisions: dict[str, Decision] = {}

    @classmethod
    def read(cls, conn: sqlite3.Connection, layout: SourceLayout, path: Path, snap: Path) -> LegacySource:
        # Relative encoding and photo paths are relative to the original file's folder.
        return cls(path, layout, read_plan(conn, layout, path.resolve().parent))

    def decide(self, target: Connection | None) -> None:
        self.decisions = decide(target, self.plan, self.key)

    def problems(self) -> list[Problem]:
        return [p for table in LEGACY_ORDER for p in self.decisions[table].problems]

    def write(self, engine: Engine, progress: Progress, cancelled: Callable[[], bool]) -> bool:
        return write(engine, self.decisions, self.key, progress, cancelled)

    def verify(self, engine: Engine, progress: Progress) -> dict[str, Verified]:
        return verify(engine, self.decisions, self.key, progress)

    def report(self, active_model: str) -> SourceReport:
        tables = tuple(
            TableOutcome(
                table=name,
                source_rows=d.source_rows,
                to_move=len(d.to_move),
                already_present=len(d.present) + len(d.adopt),
                skipped=d.skipped,
                moved=d.moved,
            )
            for name in LEGACY_ORDER
            for d in (self.decisions[name],)
        )
        students = [*self.decisions["students"].present, *self.decisions["students"].to_move]
        students.sort(key=lambda r: r.values["student_id"])
        encodings = self.decisions["face_encodings"]
        encoded = {r.legacy_id for r in (*encodings.present, *encodings.to_move)}
        consent = tuple(
            StudentNote(r.values["student_id"], r.values["name"], "no consent recorded in the old app")
            for r in students
        )
        enrollment: list[StudentNote] = []
        for r in students:
            if active_model == LEGACY_MODEL and r.legacy_id in encoded:
                continue
            why = "can be re-embedded from photo" if r.values["photo_exists"] else "needs enrollment"
            enrollment.append(StudentNote(r.values["student_id"], r.values["name"], why))
        notes = ["Times without a time zone in the old file were read as this computer's local time."]
        if active_model != LEGACY_MODEL:
            notes.append(
                f"The old app's {LEGACY_MODEL} encodings were kept but the active model is {active_model}: "
                "they are not used until the students are enrolled again."
            )
        return SourceReport(
            tables=tables,
            problems=tuple(self.problems()),
            warnings=tuple(self.plan.warnings),
            needs_consent=consent,
            needs_enrollment=tuple(enrollment),
            notes=tuple(notes),
        )
