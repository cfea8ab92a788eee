"""``kiosk migrate --from FILE.db [--to URL] [--dry-run] [--strict] [--report FILE]
[--consent-on-file TEXT] [--reembed]``.

Moves the kiosk's own SQLite database or the old attendance app's file into PostgreSQL.
Exit 0 only when every source row is accounted for (moved, already there, or kept aside
with a reason listed in the report); re-embedding never changes that.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.context import CliContext, echo, echo_block
from kiosk.core.errors import ConfigError, InvalidInput

if TYPE_CHECKING:
    from kiosk.app.migration_reembed import ReembedReport
    from kiosk.app.migration_report import MigrationReport

# kiosk.infra.migration.legacy.values.LEGACY_MODEL, written out: importing it loads numpy, and
# `kiosk --help` must stay quick (tests/foundation/test_startup_imports.py checks the two agree).
OLD_APP_MODEL = "Facenet512"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "migrate",
        help="move a SQLite database (this kiosk's or the old attendance app's) into PostgreSQL",
        description="Move a SQLite database into PostgreSQL. Safe to run again: nothing moves twice.",
    )
    p.add_argument("--from", dest="source", required=True, metavar="FILE.db", help="the SQLite file to move")
    p.add_argument(
        "--to", dest="target", metavar="URL", help="PostgreSQL URL (default: the configured database)"
    )
    p.add_argument("--dry-run", action="store_true", help="show what would be moved; write nothing")
    p.add_argument("--strict", action="store_true", help="move nothing if any row would be kept aside")
    p.add_argument("--report", metavar="FILE", help="also write the full report as JSON to FILE")
    p.add_argument(
        "--consent-on-file",
        metavar="TEXT",
        help="old app's file only: you attest that consent was collected under the old system and "
        'say who holds it (e.g. "Signed forms held by the school office, 2024"); recorded for the '
        "migrated students that have no consent decision yet, with an audit entry each",
    )
    p.add_argument(
        "--reembed",
        action="store_true",
        help=f"after the move, enroll the old app's photos for the active model when it is not "
        f"{OLD_APP_MODEL} (students with recorded consent only)",
    )
    p.set_defaults(handler=migrate)


def _target(args: argparse.Namespace, ctx: CliContext) -> str:
    from kiosk.app.migration import is_postgresql_url

    if args.target:
        return str(args.target)
    configured = ctx.settings.database.url
    if configured and is_postgresql_url(configured):
        return configured
    raise ConfigError(
        "No PostgreSQL database to migrate into: the kiosk is configured for its local SQLite file.",
        "Pass --to postgresql://USER@HOST:5432/DATABASE, or configure PostgreSQL first.",
    )


class _Bar:
    """A tqdm bar per stage on stderr; silent when stderr is not a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.stage = ""
        self.bar: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(total=total, desc=stage, unit="row", file=sys.stderr, leave=False)
        if self.bar is not None:
            self.bar.total = total
            self.bar.n = done
            self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def migrate(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.migration import check_consent_text, run_migration

    target = _target(args, ctx)
    report_path = Path(args.report).expanduser() if args.report else None
    if report_path is not None and not report_path.parent.is_dir():
        raise InvalidInput(f"The folder for the report, {report_path.parent}, does not exist.")
    consent = check_consent_text(args.consent_on_file) if args.consent_on_file is not None else None
    if args.reembed and args.dry_run:
        raise InvalidInput(
            "--reembed stores face encodings, so it cannot be combined with --dry-run.",
            "Run the dry run without --reembed.",
        )
    bar = _Bar()
    try:
        report = run_migration(
            Path(args.source),
            target,
            settings=ctx.settings,
            dry_run=args.dry_run,
            strict=args.strict,
            progress=bar,
            consent_on_file=consent,
        )
    finally:
        bar.close()
    echo_block(report.to_text())
    reembedded = _reembed(args, ctx, report, target) if args.reembed else None
    if report_path is not None:
        _write_report(report_path, report, reembedded)
    return 0 if report.ok else 1


def _reembed(
    args: argparse.Namespace, ctx: CliContext, report: MigrationReport, target: str
) -> ReembedReport | None:
    from kiosk.app.migration_reembed import needs_reembedding, reembed_from_photos, why_not_reembedded

    if not needs_reembedding(report):
        echo(f"Re-embedding skipped: {why_not_reembedded(report)}.")
        return None
    bar = _Bar()
    try:
        result = reembed_from_photos(Path(args.source), target, settings=ctx.settings, progress=bar)
    finally:
        bar.close()
    echo_block(result.to_text())
    return result


def _write_report(path: Path, report: MigrationReport, reembedded: ReembedReport | None) -> None:
    data = report.to_dict()
    if reembedded is not None:
        data["reembed"] = reembedded.to_dict()
    try:
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"The report could not be written to {path} ({exc.strerror}).") from None
    echo(f"Full report written to {path}.")
