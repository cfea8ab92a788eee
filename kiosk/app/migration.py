"""Moving a SQLite database (the kiosk's own, or the legacy app's) into PostgreSQL.

The public API the setup wizard and ``kiosk migrate`` call. See :func:`run_migration`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from kiosk.app.migration_report import MigrationPreview, MigrationReport, TableReport
from kiosk.infra.config import Settings
from kiosk.infra.legacy.types import Problem, SourceKind, StudentNote

Progress = Callable[[str, int, int], None]


def run_migration(
    source: Path,
    target_url: str,
    *,
    settings: Settings,
    dry_run: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> MigrationReport:
    """Move ``source`` into ``target_url``; idempotent, resumable, verified."""
    raise NotImplementedError


def preview(source: Path, settings: Settings) -> MigrationPreview:
    """Counts and problems read from the source alone; writes nothing anywhere."""
    raise NotImplementedError


__all__ = [
    "MigrationPreview",
    "MigrationReport",
    "Problem",
    "SourceKind",
    "StudentNote",
    "TableReport",
    "preview",
    "run_migration",
]
