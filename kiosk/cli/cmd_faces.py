"""``kiosk faces reembed``: enroll students again under the active model from their stored photos."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kiosk.app.bootstrap import prepare_environment
from kiosk.app.faces_reembed import reembed_stored_photos
from kiosk.cli.context import CliContext, echo


def register(sub: Any) -> None:
    faces = sub.add_parser("faces", help="students' face encodings")
    faces_sub = faces.add_subparsers(dest="faces_command", metavar="COMMAND", required=True)
    reembed = faces_sub.add_parser(
        "reembed",
        help="enroll every consenting student without an encoding of the active model from their stored "
        "photo, and list who needs new photos",
    )
    reembed.add_argument("--class", dest="class_code", metavar="CODE", help="only this class")
    reembed.add_argument(
        "--dry-run", action="store_true", help="only list who would be re-embedded and who needs photos"
    )
    reembed.add_argument("--json", action="store_true", help="print the report as JSON")
    reembed.set_defaults(handler=reembed_command)


def reembed_command(args: argparse.Namespace, ctx: CliContext) -> int:
    prepare_environment(ctx.settings)
    from kiosk.infra.recognition.pipeline import FacePipeline  # loads the models: only when needed

    pipeline = FacePipeline(ctx.settings)

    def progress(done: int, total: int) -> None:
        if total and sys.stderr.isatty():
            sys.stderr.write(f"\rre-embedding {done}/{total}")
            sys.stderr.flush()

    report = reembed_stored_photos(
        ctx.roster(),
        pipeline,
        match_threshold=ctx.settings.recognition.threshold_for(pipeline.model_name),
        class_code=args.class_code,
        dry_run=args.dry_run,
        progress=progress,
    )
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    echo(report.to_json() if args.json else report.to_text())
    return 0
