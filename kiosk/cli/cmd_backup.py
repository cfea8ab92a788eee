"""``kiosk backup --out FILE`` and ``kiosk restore FILE``: the embedded SQLite database."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.cli.context import CliContext, echo


def register(sub: Any) -> None:
    backup = sub.add_parser(
        "backup", help="copy the local database to a file, checked (PostgreSQL: use pg_dump)"
    )
    backup.add_argument("--out", required=True, metavar="FILE", help="the new backup file")
    backup.set_defaults(handler=run_backup)
    restore = sub.add_parser(
        "restore", help="replace the local database with a backup (the current one is kept aside)"
    )
    restore.add_argument("file", metavar="FILE", help="a file made by `kiosk backup`")
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.backup import backup_database

    result = backup_database(ctx.settings, Path(args.out))
    echo(
        f"Backed up to {result.path} ({result.size_bytes // 1024} KiB, schema {result.revision}, "
        f"{result.students} students, {result.marks} attendance marks); integrity check passed."
    )
    return 0


def run_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.backup import restore_database

    result = restore_database(ctx.settings, Path(args.file))
    echo(
        f"Restored from {result.restored_from} (schema {result.revision}, {result.students} students, "
        f"{result.marks} attendance marks)."
    )
    if result.kept_aside is not None:
        echo(f"The previous database is kept as {result.kept_aside}.")
    echo("Restart the kiosk so it reads the restored data.")
    return 0
