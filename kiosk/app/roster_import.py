"""Importing a roster file: first a preview of every row's fate, then the import itself.

:func:`preview_roster` reads and checks the whole file (:mod:`kiosk.infra.roster_files`),
finds each student's photos (never outside the photo folder), reads them (a photo that
cannot be read is a problem now, not a traceback after half the class was stored) and
compares their content hashes with the photos already enrolled. Each row's fate is
*add*, *update* (new photos for a student already there) or *skip* with the reason.

:func:`import_roster` writes only a preview without problems: nothing is stored unless the
whole file is fine. Re-importing the same roster and photos is a no-op (every row: skip,
"already imported"). The CLI prints the preview; a GUI can show the same object.
"""

from __future__ import annotations

import enum
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.app.enrollment import EnrollmentResult, EnrollmentService, file_sha256
from kiosk.app.roster import RosterService
from kiosk.core.domain import StudentInfo
from kiosk.core.errors import InvalidInput, KioskError
from kiosk.infra.roster_files import RosterRow, UnsafePhotoPath, display, photos_for, read_roster

log = logging.getLogger(__name__)


class Fate(enum.Enum):
    ADD = "add"
    UPDATE = "update"
    SKIP = "skip"


@dataclass(frozen=True)
class RowPlan:
    line: int
    student_id: str | None
    fate: Fate
    reason: str  # what will happen, or why not
    problem: bool = False  # a row that stops the import
    row: RosterRow | None = None
    new_photos: tuple[Path, ...] = ()

    def describe(self) -> str:
        who = display(self.student_id) if self.student_id else "no id"
        return f"line {self.line} ({who}): {self.fate.value}: {self.reason}"


@dataclass(frozen=True)
class RosterPreview:
    description: str
    photo_dir: Path
    plans: tuple[RowPlan, ...]

    @property
    def problems(self) -> list[RowPlan]:
        return [p for p in self.plans if p.problem]

    def count(self, fate: Fate) -> int:
        return sum(1 for p in self.plans if p.fate is fate and not p.problem)


@dataclass
class ImportOutcome:
    added: int = 0
    enrolled: int = 0
    failed: list[str] = field(default_factory=list)  # per-row lines for the rows that went wrong
    results: list[EnrollmentResult] = field(default_factory=list)


def preview_roster(
    roster: RosterService,
    roster_path: Path,
    photo_dir: Path,
    *,
    model_name: str,
    default_class: str | None = None,
) -> RosterPreview:
    """Every row's fate; an :class:`InvalidInput` for problems with a file as a whole."""
    try:
        if not photo_dir.is_dir():
            raise InvalidInput(f"The photo folder {display(photo_dir)} does not exist.")
        next(iter(photo_dir.iterdir()), None)
    except OSError as exc:
        raise InvalidInput(
            f"The photo folder {display(photo_dir)} cannot be read ({exc.strerror}); nothing was imported.",
            "Check its permissions.",
        ) from None
    parsed = read_roster(roster_path, default_class=default_class)
    classes = {c.code for c in roster.list_classes()}
    existing = {s.student_id: s for s in roster.list_students()}
    known = roster.photo_hashes([s.id for s in existing.values()], model_name)
    plans = [RowPlan(e.line, e.student_id, Fate.SKIP, e.message, problem=True) for e in parsed.errors]
    for row in parsed.rows:
        plans.append(_plan(row, photo_dir, classes, existing, known))
    plans.sort(key=lambda p: p.line)
    return RosterPreview(parsed.description, photo_dir, tuple(plans))


def _plan(
    row: RosterRow,
    photo_dir: Path,
    classes: set[str],
    existing: dict[str, StudentInfo],
    known: dict[uuid.UUID, set[str]],
) -> RowPlan:
    def problem(reason: str) -> RowPlan:
        return RowPlan(row.line, row.student_id, Fate.SKIP, reason, problem=True, row=row)

    if row.class_code is not None and row.class_code not in classes:
        return problem(f"class {display(row.class_code)} does not exist (add it first: kiosk class add)")
    try:
        photos = photos_for(photo_dir, row.student_id)
        hashes = {p: file_sha256(p) for p in photos}
    except UnsafePhotoPath as exc:
        return problem(exc.message)
    except InvalidInput as exc:  # a photo that cannot be read
        return problem(exc.message)
    except OSError as exc:
        return problem(f"its photo folder cannot be read ({exc.strerror})")
    student = existing.get(row.student_id)
    enrolled = known.get(student.id, set()) if student is not None else set()
    unique: dict[str, Path] = {}
    for p, digest in hashes.items():
        if digest not in enrolled:
            unique.setdefault(digest, p)  # the same photo twice under two names: once
    new = tuple(sorted(unique.values()))
    photos_text = f"{len(new)} new photo(s) to enroll" if new else "no new photos"
    if student is None:
        consent = "" if row.consent or not new else " (no consent: its photos will not be enrolled)"
        text = f"new student, {photos_text}" if photos else f"new student, no photos for {row.student_id}"
        return RowPlan(row.line, row.student_id, Fate.ADD, text + consent, row=row, new_photos=new)
    if new:
        return RowPlan(row.line, row.student_id, Fate.UPDATE, photos_text, row=row, new_photos=new)
    why = "already imported, its photos are enrolled" if photos else "already there, no photos for it"
    return RowPlan(row.line, row.student_id, Fate.SKIP, why, row=row)


def import_roster(
    preview: RosterPreview,
    roster: RosterService,
    enrollment: Callable[[], EnrollmentService],
    *,
    on_result: Callable[[EnrollmentResult], None] | None = None,
) -> ImportOutcome:
    """Carry out a preview without problems (an :class:`InvalidInput` otherwise: nothing is stored)."""
    if preview.problems:
        raise InvalidInput(
            f"{len(preview.problems)} row(s) of the roster have problems; nothing was imported.",
            "Fix them (each is listed above) and import the file again.",
        )
    outcome = ImportOutcome()
    service: EnrollmentService | None = None
    for plan in preview.plans:
        row = plan.row
        if row is None or plan.fate is Fate.SKIP:
            continue
        try:
            if plan.fate is Fate.ADD:
                roster.add_student(
                    student_id=row.student_id,
                    name=row.name,
                    class_code=row.class_code,
                    email=row.email,
                    phone=row.phone,
                    consent=row.consent,
                    consent_by=row.consent_by or "roster import",
                )
                outcome.added += 1
            if not plan.new_photos:
                continue
            service = service or enrollment()
            result = service.enroll_paths(row.student_id, list(plan.new_photos))
            outcome.results.append(result)
            if on_result is not None:
                on_result(result)
            outcome.enrolled += 1 if result.accepted else 0
        except KioskError as exc:
            outcome.failed.append(f"line {plan.line} ({display(row.student_id)}): {exc}")
    return outcome
