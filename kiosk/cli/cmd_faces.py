"""``kiosk faces reembed | check | list | delete | lookalikes | find``: students' face encodings.

- ``reembed``: enroll students again under the active model from their stored photos.
- ``check``: look-alike pairs and photos filed under the wrong student, each with its fix;
  exit code 0 when clean, 1 when problems were found (recorded look-alikes are no problem).
- ``list`` / ``delete``: a student's encodings; delete one (audited, kiosks update).
- ``lookalikes``: list, record or forget students who look alike (twins).
- ``find``: who is in a photo, school-wide (consenting students only; nothing is stored).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from kiosk.cli.context import CliContext, echo, echo_block
from kiosk.core.errors import InvalidInput, KioskError


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
    find = faces_sub.add_parser(
        "find",
        help="who is the person in this photo: the closest students of the whole school, with their "
        "class and similarity (only students with consent are searched)",
    )
    find.add_argument("photo", metavar="PHOTO", help="a photo showing one face (JPEG or PNG)")
    find.add_argument("--top", type=int, default=5, metavar="N", help="how many candidates to list (1-20)")
    find.set_defaults(handler=find_command)

    check = faces_sub.add_parser(
        "check",
        help="list look-alike students and photos enrolled under the wrong student, with a fix for each "
        "(exit code 1 when problems were found)",
    )
    check.add_argument("--class", dest="class_code", metavar="CODE", help="only report this class")
    check.set_defaults(handler=check_command)

    listing = faces_sub.add_parser("list", help="a student's face encodings (source, date, model)")
    listing.add_argument("student_id", metavar="STUDENT_ID")
    listing.set_defaults(handler=list_command)

    delete = faces_sub.add_parser("delete", help="delete one face encoding of a student")
    delete.add_argument("student_id", metavar="STUDENT_ID")
    delete.add_argument("encoding_id", metavar="ENCODING_ID", help="as shown by `kiosk faces list`")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    delete.set_defaults(handler=delete_command)

    pairs = faces_sub.add_parser(
        "lookalikes",
        help="students who look alike (twins): list them, or record two (their matches go to the teacher)",
    )
    pairs.add_argument("student_ids", nargs="*", metavar="STUDENT_ID", help="two students, or none to list")
    pairs.add_argument("--forget", action="store_true", help="forget that the two look alike")
    pairs.set_defaults(handler=lookalikes_command)


def reembed_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.bootstrap import prepare_environment
    from kiosk.app.faces_reembed import reembed_stored_photos

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


def check_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.face_check import check_faces
    from kiosk.app.migration import active_model

    model = active_model(ctx.settings)
    recognition = ctx.settings.recognition
    report = check_faces(
        ctx.roster(),
        model,
        threshold=recognition.threshold_for(model),
        margin=recognition.margin_for(model),
        class_code=args.class_code,
    )
    for line in report.to_lines():
        echo(line)
    return 1 if report.problems else 0


def list_command(args: argparse.Namespace, ctx: CliContext) -> int:
    info, rows = ctx.roster().student_encodings(args.student_id)
    echo(f"{info.name} ({info.student_id}): {len(rows)} face encoding(s).")
    for e in rows:
        quality = f"quality {e.quality:.2f}" if e.quality is not None else "quality not measured"
        echo(
            f"  {e.id:>6}  {e.model_name:<12} {e.created_at.astimezone():%Y-%m-%d %H:%M}  "
            f"{e.source or 'unknown source'}  ({quality})"
        )
    return 0


def _encoding_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise InvalidInput(
            f"{text!r} is not an encoding number.", "Use a number from `kiosk faces list STUDENT_ID`."
        )
    return value


def delete_command(args: argparse.Namespace, ctx: CliContext) -> int:
    encoding_id = _encoding_id(args.encoding_id)
    if not args.yes:
        if not sys.stdin.isatty():
            raise InvalidInput("Nothing was deleted: deleting needs a confirmation.", "Add --yes to confirm.")
        answer = input(f"Delete face encoding {encoding_id} of {args.student_id}? [y/N] ")
        if answer.strip().lower() not in {"y", "yes"}:
            echo("Nothing deleted.")
            return 1
    info = ctx.roster().delete_encoding(args.student_id, encoding_id, actor=getpass.getuser())
    echo(
        f"Deleted face encoding {encoding_id} of {info.name} ({info.student_id}); {info.encoding_count} left."
    )
    return 0


def lookalikes_command(args: argparse.Namespace, ctx: CliContext) -> int:
    roster = ctx.roster()
    if not args.student_ids:
        if args.forget:
            raise InvalidInput("--forget needs the two students.", "Give two student ids.")
        recorded = roster.recorded_lookalikes()
        if not recorded:
            echo("No students are recorded as look-alikes.")
        for p in sorted(recorded, key=lambda p: sorted((p.first_id, p.second_id))):
            first, second = sorted((p.first_id, p.second_id))
            echo(
                f"  {first} and {second}: recorded {p.recorded_at.astimezone():%Y-%m-%d %H:%M}"
                f" by {p.recorded_by or 'unknown'}"
            )
        return 0
    if len(args.student_ids) != 2:
        raise InvalidInput(
            f"Give exactly two student ids, not {len(args.student_ids)}.",
            "e.g. `kiosk faces lookalikes S01 S02`.",
        )
    first, second = args.student_ids
    actor = getpass.getuser()
    if args.forget:
        done = roster.forget_lookalikes(first, second, actor=actor)
        echo(
            f"{first} and {second} are no longer recorded as look-alikes."
            if done
            else f"{first} and {second} were not recorded as look-alikes; nothing changed."
        )
        return 0
    done = roster.record_lookalikes(first, second, actor=actor)
    echo(
        f"{first} and {second} are recorded as look-alikes: matches between them go to the teacher."
        if done
        else f"{first} and {second} were already recorded as look-alikes."
    )
    return 0


def find_command(args: argparse.Namespace, ctx: CliContext) -> int:
    """``kiosk faces find PHOTO``: school-wide, consenting students only, nothing stored."""
    from kiosk.app.bootstrap import prepare_environment
    from kiosk.app.visitors import find_in_school
    from kiosk.infra.recognition.images import load_image

    if not 1 <= args.top <= 20:
        raise InvalidInput(f"--top must be between 1 and 20, not {args.top}.", "For example: --top 5")
    if not ctx.settings.privacy.face_recognition:
        raise KioskError(
            "Face search is refused: face recognition is switched off for this school "
            "([privacy] face_recognition = false).",
            "Ask the teacher, or look the student up by name (`kiosk student list`).",
        )
    frame = load_image(args.photo)  # a clear error for a missing or unreadable file, before the models load
    prepare_environment(ctx.settings)
    from kiosk.infra.recognition.pipeline import FacePipeline  # loads the models: only when needed

    pipeline = FacePipeline(ctx.settings)
    _, vector = pipeline.embed_single(frame, jitters=0)
    search = ctx.database().school_search(ctx.settings, pipeline.model_name)
    result = find_in_school(search, pipeline.model_name, vector, ctx.settings.recognition, k=args.top)
    echo_block(result.to_text())
    return 0
