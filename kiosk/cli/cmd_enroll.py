"""``kiosk enroll`` and ``kiosk import-roster``: students' photos into face encodings."""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.context import CliContext, echo
from kiosk.core.errors import InvalidInput

if TYPE_CHECKING:  # imported by the commands: `kiosk --help` imports this module too
    from kiosk.app.enrollment import EnrollmentResult, EnrollmentService, PhotoVerdict


def register(sub: Any) -> None:
    enroll = sub.add_parser("enroll", help="enroll a student's face from photos (needs recorded consent)")
    enroll.add_argument("--student-id", required=True)
    enroll.add_argument("photos", nargs="+", metavar="PHOTO_OR_DIR")
    enroll.add_argument(
        "--lookalike-of",
        action="append",
        default=[],
        metavar="STUDENT_ID",
        help="enroll even though the photos look like this student (twins): the two are recorded as "
        "look-alikes and their matches go to the teacher; repeat for several",
    )
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
    from kiosk.app.bootstrap import prepare_environment
    from kiosk.app.enrollment import EnrollmentService, refuse_if_switched_off

    refuse_if_switched_off(ctx.settings)  # before loading any model
    prepare_environment(ctx.settings)
    from kiosk.infra.recognition.pipeline import FacePipeline

    pipeline = FacePipeline(ctx.settings)
    recognition = ctx.settings.recognition
    return EnrollmentService(
        ctx.roster(),
        pipeline,
        match_threshold=recognition.threshold_for(pipeline.model_name),
        match_margin=recognition.margin_for(pipeline.model_name),
    )


def _report(result: EnrollmentResult) -> None:
    from kiosk.infra.roster_files import display

    st = result.student
    echo(
        f"{display(st.name)} ({display(st.student_id)}): {len(result.accepted)} photo(s) enrolled, "
        f"{st.encoding_count} in total."
    )
    if result.rejected:
        echo(f"  {len(result.rejected)} photo(s) skipped: {result.skipped_summary}")
    _report_rejected(result.rejected)
    for dup in result.duplicates:
        echo(f"  {'NOTE' if dup.recorded else 'WARNING'} {dup.message}")


def _report_rejected(rejected: Sequence[PhotoVerdict]) -> None:
    from kiosk.infra.recognition.quality import PhotoProblem
    from kiosk.infra.roster_files import display

    for verdict in rejected:
        if verdict.problem is PhotoProblem.ALREADY_ENROLLED:
            echo(f"  {display(verdict.source)}: {display(verdict.reason or '')}")
        else:
            echo(f"  rejected {display(verdict.source)}: {display(verdict.reason or '')}")


def enroll_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.enrollment import LookalikeRefused, display_path, photo_files
    from kiosk.infra.recognition.quality import PhotoProblem

    paths = [Path(p) for p in args.photos]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise InvalidInput(f"Not found: {', '.join(missing)}.", "Check the photo paths.")
    service = _service(ctx)
    files = photo_files(paths)
    if not files:
        raise InvalidInput(
            "No photos were given (the folders hold no image files).", "Give JPEG or PNG photos."
        )
    try:
        result = service.enroll(
            args.student_id,
            [(display_path(p), p) for p in files],
            lookalike_of=args.lookalike_of,
            actor=getpass.getuser(),
        )
    except LookalikeRefused as refused:
        _report_rejected(refused.rejected)
        raise
    _report(result)
    # Photos that were all enrolled before: nothing to do, and nothing went wrong.
    no_op = bool(result.rejected) and all(v.problem is PhotoProblem.ALREADY_ENROLLED for v in result.rejected)
    return 0 if result.accepted or no_op else 1


def import_roster_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.roster_import import Fate, import_roster, preview_roster
    from kiosk.infra.roster_files import display

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
