"""Values the legacy reader and the migration writer hand to the app layer."""

from __future__ import annotations

import enum
from typing import NamedTuple


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
