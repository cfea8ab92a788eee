"""``kiosk enroll`` and ``kiosk import-roster``: students' photos into face encodings."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.app.bootstrap import prepare_environment
from kiosk.app.enrollment import EnrollmentResult, EnrollmentService, refuse_if_switched_off
from kiosk.app.roster_import import Fate, import_roster, preview_roster
from kiosk.cli.context import CliContext, echo
from kiosk.core.errors import InvalidInput
from kiosk.infra.roster_files import display


def register(sub: Any) -> None:
    enroll = sub.add_parser("enroll", help="enroll a student's face from photos (needs recorded consent)")
    enroll.add_argument("--student-id", required=True)
    enroll.add_argument("photos", nargs="+", metavar="PHOTO_OR_DIR")
    enroll.set_defaults(handler=enroll_command)

    roster = sub.add_parser(
        "import-roster", help="add and enroll a class from a CSV roster and a photo folder"
    )
    roster.add_argument(
        "roster",
        metavar="ROSTER",
        help="CSV (comma, semicolon or tab; UTF-8 or Windows-1252) or XLSX; "
        "columns: student_id,name,class[,email,phone,consent]",
    )
    roster.add_argument(
        "--photos", required=True, metavar="DIR", help="a folder per student id, or files named by id"
    )
    roster.add_argument("--class", dest="class_code", metavar="CODE", help="class for rows without one")
    roster.add_argument(
        "--dry-run", action="store_true", help="only show what each row would do; write nothing"
    )
    roster.set_defaults(handler=import_roster_command)


def _service(ctx: CliContext) -> EnrollmentService:
    refuse_if_switched_off(ctx.settings)  # before loading any model
    prepare_environment(ctx.settings)
    from kiosk.infra.recognition.pipeline import FacePipeline

    pipeline = FacePipeline(ctx.settings)
    threshold = ctx.settings.recognition.threshold_for(pipeline.model_name)
    return EnrollmentService(ctx.roster(), pipeline, match_threshold=threshold)


def _report(result: EnrollmentResult) -> None:
    st = result.student
    echo(
        f"{display(st.name)} ({display(st.student_id)}): {len(result.accepted)} photo(s) enrolled, "
        f"{st.encoding_count} in total."
    )
    if result.rejected:
        echo(f"  {len(result.rejected)} photo(s) skipped: {result.skipped_summary}")
    for verdict in result.rejected:
        echo(f"  rejected {display(verdict.source)}: {display(verdict.reason or '')}")
    for dup in result.duplicates:
        echo(f"  WARNING {dup.message}")


def enroll_command(args: argparse.Namespace, ctx: CliContext) -> int:
    paths = [Path(p) for p in args.photos]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise InvalidInput(f"Not found: {', '.join(missing)}.", "Check the photo paths.")
    service = _service(ctx)
    result = service.enroll_paths(args.student_id, paths)
    _report(result)
    return 0 if result.accepted else 1


def import_roster_command(args: argparse.Namespace, ctx: CliContext) -> int:
    roster_path, photo_dir = Path(args.roster), Path(args.photos)
    service = _service(ctx)  # the model decides which enrolled photos count as already there
    preview = preview_roster(
        ctx.roster(),
        roster_path,
        photo_dir,
        model_name=service.pipeline.model_name,
        default_class=args.class_code,
    )
    echo(f"Roster {display(roster_path)} ({preview.description}): {len(preview.plans)} row(s).")
    for plan in preview.plans:
        echo("  " + plan.describe())
    if preview.problems:
        raise InvalidInput(
            f"{len(preview.problems)} row(s) of the roster have problems (listed above); nothing was imported.",
            "Fix them and import the file again.",
        )
    if args.dry_run:
        echo(
            f"Would add {preview.count(Fate.ADD)}, update {preview.count(Fate.UPDATE)}, "
            f"skip {preview.count(Fate.SKIP)}; nothing was written (--dry-run)."
        )
        return 0
    outcome = import_roster(preview, ctx.roster(), lambda: service, on_result=_report)
    for line in outcome.failed:
        echo("  " + line)
    echo(
        f"Roster: {len(preview.plans)} row(s), {outcome.added} student(s) added, "
        f"{outcome.enrolled} enrolled, {len(outcome.failed)} with problems."
    )
    return 0 if not outcome.failed else 1
