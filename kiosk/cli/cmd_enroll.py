"""``kiosk enroll`` and ``kiosk import-roster``: students' photos into face encodings."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import Any

from kiosk.app.bootstrap import prepare_environment
from kiosk.app.enrollment import IMAGE_SUFFIXES, EnrollmentResult, EnrollmentService
from kiosk.cli.context import CliContext, echo
from kiosk.core.errors import InvalidInput, KioskError


def register(sub: Any) -> None:
    enroll = sub.add_parser("enroll", help="enroll a student's face from photos (needs recorded consent)")
    enroll.add_argument("--student-id", required=True)
    enroll.add_argument("photos", nargs="+", metavar="PHOTO_OR_DIR")
    enroll.set_defaults(handler=enroll_command)

    roster = sub.add_parser(
        "import-roster", help="add and enroll a class from a CSV roster and a photo folder"
    )
    roster.add_argument(
        "roster", metavar="ROSTER.csv", help="columns: student_id,name,class[,email,phone,consent]"
    )
    roster.add_argument(
        "--photos", required=True, metavar="DIR", help="a folder per student id, or files named by id"
    )
    roster.add_argument("--class", dest="class_code", metavar="CODE", help="class for rows without one")
    roster.set_defaults(handler=import_roster_command)


def _service(ctx: CliContext) -> EnrollmentService:
    prepare_environment(ctx.settings)
    from kiosk.infra.recognition.pipeline import FacePipeline

    pipeline = FacePipeline(ctx.settings)
    threshold = ctx.settings.recognition.threshold_for(pipeline.model_name)
    return EnrollmentService(ctx.roster(), pipeline, match_threshold=threshold)


def _report(result: EnrollmentResult) -> None:
    st = result.student
    echo(
        f"{st.name} ({st.student_id}): {len(result.accepted)} photo(s) enrolled, {st.encoding_count} in total."
    )
    for verdict in result.rejected:
        echo(f"  rejected {verdict.source}: {verdict.reason}")
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


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "yes", "y", "true", "x"}


def _photos_for(folder: Path, student_id: str) -> list[Path]:
    own = folder / student_id
    if own.is_dir():
        return [own]
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in IMAGE_SUFFIXES
        and (
            p.stem == student_id or p.stem.startswith(f"{student_id}_") or p.stem.startswith(f"{student_id}-")
        )
    )


def import_roster_command(args: argparse.Namespace, ctx: CliContext) -> int:
    roster_path, photo_dir = Path(args.roster), Path(args.photos)
    if not roster_path.is_file():
        raise InvalidInput(f"The roster file {roster_path} does not exist.")
    if not photo_dir.is_dir():
        raise InvalidInput(f"The photo folder {photo_dir} does not exist.")
    try:
        with roster_path.open(newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InvalidInput(
            f"The roster {roster_path} is not a readable CSV file ({exc}).", "Save it as UTF-8 CSV."
        ) from None
    if not rows or not {"student_id", "name"} <= set(rows[0]):
        raise InvalidInput(
            "The roster needs a header row with at least student_id and name.",
            "Columns: student_id,name,class,email,phone,consent (consent: yes/no).",
        )
    service = _service(ctx)
    roster = ctx.roster()
    added = enrolled = failed = 0
    for line, row in enumerate(rows, start=2):
        sid = (row.get("student_id") or "").strip()
        try:
            if roster.find_student(sid) is None:
                roster.add_student(
                    student_id=sid,
                    name=(row.get("name") or "").strip(),
                    class_code=(row.get("class") or args.class_code or "").strip() or None,
                    email=(row.get("email") or "").strip() or None,
                    phone=(row.get("phone") or "").strip() or None,
                    consent=_truthy(row.get("consent")),
                    consent_by=(row.get("consent_by") or "roster import").strip(),
                )
                added += 1
            photos = _photos_for(photo_dir, sid)
            if not photos:
                echo(f"  line {line}: no photos for {sid} in {photo_dir}")
                continue
            result = service.enroll_paths(sid, photos)
            _report(result)
            enrolled += 1 if result.accepted else 0
        except KioskError as exc:
            failed += 1
            echo(f"  line {line} ({sid or 'no id'}): {exc}")
    echo(
        f"Roster: {len(rows)} row(s), {added} student(s) added, {enrolled} enrolled, {failed} with problems."
    )
    return 0 if failed == 0 else 1
