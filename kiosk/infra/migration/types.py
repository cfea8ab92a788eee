"""Plain values the migration sources hand to the app layer."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

# progress(stage, done, total), called from the migrating thread.
Progress = Callable[[str, int, int], None]


class SourceKind(enum.StrEnum):
    KIOSK = "kiosk"  # the kiosk's own embedded SQLite database: same schema, moved as is
    LEGACY = "legacy"  # the old attendance app's attendance.db


class Problem(NamedTuple):
    """A source row that was kept aside (or moved with a caveat), and why."""

    table: str
    legacy_id: str
    reason: str


class StudentNote(NamedTuple):
    """A migrated student who needs a person's action (consent, enrollment)."""

    student_id: str
    name: str
    reason: str


@dataclass(frozen=True)
class TableOutcome:
    """One table's rows as decided (and, after a write, as moved)."""

    table: str
    source_rows: int
    to_move: int  # rows decided to move (what a dry run would move)
    already_present: int  # in the target already (moved before, or the same row found there)
    skipped: int  # kept aside with a reason
    moved: int  # rows written by this run


@dataclass(frozen=True)
class Verified:
    """One table read back from the target: its row count and content checksum vs the source's."""

    target_rows: int
    source_checksum: str
    target_checksum: str


@dataclass(frozen=True)
class SourceReport:
    """What a source says about its rows and students, for the migration report."""

    tables: tuple[TableOutcome, ...]
    problems: tuple[Problem, ...] = ()  # rows kept aside
    warnings: tuple[Problem, ...] = ()  # rows moved with a caveat
    needs_consent: tuple[StudentNote, ...] = ()
    needs_enrollment: tuple[StudentNote, ...] = ()
    notes: tuple[str, ...] = ()
