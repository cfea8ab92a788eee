"""``kiosk privacy purge | export | report``: retention, subject access, the data-protection summary."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import Any

from kiosk.cli.context import CliContext, echo
from kiosk.core.errors import InvalidInput


def register(sub: Any) -> None:
    pr = sub.add_parser("privacy", help="retention purge, subject access export, data-protection report")
    pr_sub = pr.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)
    purge = pr_sub.add_parser("purge", help="delete what is older than the [privacy] retention periods")
    purge.add_argument("--dry-run", action="store_true", help="only say what would be deleted")
    purge.set_defaults(handler=purge_command)
    exp = pr_sub.add_parser("export", help="everything held about one student, as a ZIP (subject access)")
    exp.add_argument("--student", required=True, metavar="ID")
    exp.add_argument("--out", required=True, type=Path, metavar="FILE.zip")
    exp.add_argument(
        "--include-templates",
        action="store_true",
        help="include the face vectors themselves (normally left out)",
    )
    exp.set_defaults(handler=export_command)
    rep = pr_sub.add_parser("report", help="data-protection summary from the real settings (Markdown, PDF)")
    rep.add_argument(
        "--out", type=Path, metavar="FILE.md", help="write the Markdown here (default: print it)"
    )
    rep.add_argument("--pdf", type=Path, metavar="FILE.pdf", help="also write it as a PDF")
    rep.set_defaults(handler=report_command)


def purge_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.privacy import PrivacyService

    service = PrivacyService(ctx.database().engine, ctx.settings.privacy)
    report = service.purge(dry_run=args.dry_run, actor=getpass.getuser())
    for line in report.lines():
        echo(line)
    if not args.dry_run and not report.nothing:
        echo("Written to the audit log (privacy.purge).")
    return 0


def export_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.privacy_export import ALSO_HELD, SubjectAccess

    n = SubjectAccess(ctx.database().engine).export(
        args.student, args.out, include_templates=args.include_templates, actor=getpass.getuser()
    )
    echo(f"Wrote {n} files about {args.student} to {args.out}.")
    echo(ALSO_HELD)
    return 0


def report_command(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.pdf is not None and args.pdf.suffix.lower() != ".pdf":
        raise InvalidInput(f"{args.pdf} is not a .pdf file name.", "Give --pdf report.pdf.")
    from kiosk.app.privacy_report import PrivacyReport

    markdown = PrivacyReport(ctx.database().engine, ctx.settings).markdown()
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(markdown, encoding="utf-8")
        echo(f"Wrote {args.out}.")
    if args.pdf is not None:
        from kiosk.gui.pdf import write_markdown_pdf

        write_markdown_pdf(markdown, args.pdf)
        echo(f"Wrote {args.pdf}.")
    if args.out is None and args.pdf is None:
        echo(markdown)
    return 0
