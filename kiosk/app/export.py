"""Exporting a session's summary: one CSV row per student, for the school office."""

from __future__ import annotations

import contextlib
import csv
import logging
import os
import secrets
from pathlib import Path

from kiosk.core.domain import AttendanceMark, SessionSummary, StudentInfo
from kiosk.core.errors import InvalidInput
from kiosk.core.spreadsheet import neutralise_row

log = logging.getLogger(__name__)

COLUMNS = (
    "class",
    "session_started",
    "student_id",
    "name",
    "status",
    "marked_at",
    "source",
    "confidence",
    "note",
)


def summary_rows(summary: SessionSummary) -> list[dict[str, str]]:
    """Present, late, excused, then absent; by name within each group."""

    def row(student: StudentInfo, status: str, mark: AttendanceMark | None) -> dict[str, str]:
        return {
            "class": summary.class_info.code,
            "session_started": summary.session.started_at.isoformat(timespec="seconds"),
            "student_id": student.student_id,
            "name": student.name,
            "status": status,
            "marked_at": mark.marked_at.isoformat(timespec="seconds") if mark else "",
            "source": mark.source.value if mark else "",
            "confidence": f"{mark.confidence:.3f}" if mark and mark.confidence is not None else "",
            "note": (mark.note or "") if mark else "",
        }

    rows: list[dict[str, str]] = []
    for status, group in (("present", summary.present), ("late", summary.late), ("excused", summary.excused)):
        rows.extend(row(s, status, m) for s, m in sorted(group, key=lambda sm: sm[0].name))
    rows.extend(row(s, "absent", None) for s in sorted(summary.absent, key=lambda s: s.name))
    return rows


def export_summary_csv(summary: SessionSummary, path: Path | str) -> Path:
    """Write the summary to ``path`` (UTF-8 with BOM, so spreadsheet programs read accents).

    The file is written to a temporary name first, so a failure never leaves half a file.
    """
    path = Path(path)
    tmp = path.with_name(
        f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    )  # unique: two exports at once
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            # Names and notes are typed by people: none may run as a formula (see spreadsheet.py).
            writer.writerows(neutralise_row(r) for r in summary_rows(summary))
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # the folder itself may be what failed
            tmp.unlink(missing_ok=True)
        raise InvalidInput(
            f"Cannot write the attendance file {path} ({exc.strerror or exc}).",
            "Choose a folder you can write to, such as your Documents folder or a USB stick.",
        ) from None
    log.info("Exported session %s summary to %s", summary.session.id, path)
    return path
