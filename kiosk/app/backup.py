"""``kiosk backup`` / ``kiosk restore``: the embedded SQLite database, copied and checked.

A backup is written next to its final name and only renamed into place once SQLite's
integrity check passes and its schema revision matches the live database. A restore
refuses a damaged file, a file that is not a kiosk database, or one made by a newer
kiosk; otherwise it first keeps the current database aside (``kiosk.db.before-restore-…``)
and then copies the backup *into* the live file with the backup API, so a kiosk that is
open never sees a half-restored database.

A PostgreSQL server is backed up on the server (``pg_dump``, see the README): the kiosk
refuses to pretend it backed up what it does not hold.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.core.errors import ConfigError, DatabaseError, InvalidInput
from kiosk.infra.config import Settings
from kiosk.infra.db.backup import FileCheck, check_file, copy_database, remove_quietly
from kiosk.infra.db.engine import parse_database_url

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    revision: str | None
    students: int
    marks: int
    size_bytes: int


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    kept_aside: Path | None  # the database as it was before the restore (None: there was none)
    revision: str | None
    students: int
    marks: int


def embedded_database_file(settings: Settings) -> Path:
    """The SQLite file the kiosk uses; refused for a PostgreSQL server."""
    if not settings.uses_embedded_database:
        raise ConfigError(
            "This kiosk uses a PostgreSQL server, whose data is backed up on the server.",
            "Back it up there with pg_dump (see the README's PostgreSQL section).",
        )
    url = parse_database_url(settings.database_url)
    if not url.database or url.database == ":memory:":
        raise ConfigError("This kiosk's database lives only in memory: there is nothing to back up.")
    return Path(url.database).expanduser()


def _refuse_damaged(check: FileCheck, what: str, hint: str) -> None:
    if not check.intact:
        raise DatabaseError(f"{what} {check.path} is damaged ({check.problem}).", hint)


def backup_database(settings: Settings, out: Path) -> BackupResult:
    """Copy the embedded database to ``out`` (a new file), verified before it is named so."""
    source = embedded_database_file(settings)
    out = out.expanduser()
    if not source.is_file():
        raise InvalidInput(f"There is no database at {source} yet, so there is nothing to back up.")
    if out.exists():
        raise InvalidInput(f"{out} already exists; nothing was written.", "Choose a new file name.")
    if not out.parent.is_dir():
        raise InvalidInput(f"The folder {out.parent} does not exist.", "Create it or choose another.")
    if out.resolve() == source.resolve():
        raise InvalidInput("The backup cannot be the database itself.", "Choose another file name.")
    live = check_file(source)
    tmp = out.with_name(f".{out.name}.partial")
    remove_quietly(tmp)
    try:
        copy_database(source, tmp)
        copied = check_file(tmp)
        _refuse_damaged(copied, "The copy", "Check the disk the backup goes to, then try again.")
        if copied.revision != live.revision:
            raise DatabaseError(
                f"The copy has schema {copied.revision}, the database {live.revision}.",
                "The kiosk was upgraded during the backup; run the backup again.",
            )
        os.replace(tmp, out)
    except OSError as exc:
        raise InvalidInput(f"The backup could not be written to {out} ({exc.strerror}).") from None
    finally:
        remove_quietly(tmp)
    log.info("Backed up %s to %s (schema %s)", source, out, copied.revision)
    return BackupResult(out, copied.revision, copied.students, copied.marks, out.stat().st_size)


def restore_database(settings: Settings, backup: Path, *, now: datetime | None = None) -> RestoreResult:
    """Replace the embedded database with ``backup``; the current one is kept aside first."""
    target = embedded_database_file(settings)
    backup = backup.expanduser()
    check = check_file(backup)
    _refuse_damaged(check, "The backup", "Nothing was changed; use another backup file.")
    if check.revision is None:
        raise InvalidInput(
            f"{backup} is not a kiosk database (it has no schema version).",
            "Nothing was changed; choose a file made by `kiosk backup`.",
        )
    if check.newer_than_code:
        raise InvalidInput(
            f"{backup} was made by a newer version of the kiosk (schema {check.revision}).",
            "Nothing was changed; update the kiosk software first, then restore.",
        )
    if target.exists() and backup.resolve() == target.resolve():
        raise InvalidInput("That file is the database itself.", "Choose a backup file.")
    kept: Path | None = None
    if target.is_file():
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
        kept = target.with_name(f"{target.name}.before-restore-{stamp}")
        if kept.exists():
            raise InvalidInput(f"{kept} already exists.", "Wait a second and restore again.")
        copy_database(target, kept)
    target.parent.mkdir(parents=True, exist_ok=True)
    copy_database(backup, target)
    restored = check_file(target)
    if not restored.intact or restored.revision != check.revision:
        if kept is not None:
            copy_database(kept, target)
        raise DatabaseError(
            f"The restored database did not verify ({restored.problem or 'schema differs'}); "
            "the previous one was put back.",
            "Check the disk, then try again.",
        )
    log.info("Restored %s from %s; the previous database is kept as %s", target, backup, kept)
    return RestoreResult(backup, kept, restored.revision, restored.students, restored.marks)
