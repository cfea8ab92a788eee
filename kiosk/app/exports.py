"""Exports of the record: a session (a past one, or the one just ended), a class report, a
student report, a day's absentees.

Each report becomes a :class:`~kiosk.core.tables.Table`, written as
- CSV: UTF-8 with a byte-order mark and the ``excel`` dialect (what spreadsheet programs
  open without an import dialog), a header row, times in local time with their UTC offset,
  text cells neutralised against formula injection;
- XLSX through openpyxl: numbers as numbers, the same neutralised text.
PDF is drawn by Qt and so lives in the GUI (:mod:`kiosk.gui.report_pdf`).

Files are written to a temporary name and renamed, so a failure never leaves half a file.
"""

from __future__ import annotations

import contextlib
import csv
import logging
import os
import uuid
from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path

from kiosk.core.domain import AttendanceMark, SessionSummary, StudentInfo
from kiosk.core.errors import InvalidInput
from kiosk.core.records import SessionDetail, method_of
from kiosk.core.reports import ClassReport, DayReport, StudentRate, StudentReport
from kiosk.core.spreadsheet import Cell, neutralise_cell
from kiosk.core.tables import Table, local_time_text, percent

log = logging.getLogger(__name__)

FORMATS = ("csv", "xlsx", "pdf")


def export_format(path: Path | str) -> str:
    """The format named by a file's suffix, or :class:`InvalidInput` for any other."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise InvalidInput(
            f"Cannot export to {Path(path).name!r}: unknown format {suffix or '(none)'!r}.",
            "Name the file .csv, .xlsx or .pdf.",
        )
    return suffix


SESSION_HEADERS = (
    "class",
    "session_started",
    "student_id",
    "name",
    "status",
    "method",
    "marked_at",
    "confidence",
    "corrected",
    "correction_reason",
    "note",
)


def session_table(detail: SessionDetail, tz: tzinfo | None = None) -> Table:
    o = detail.overview
    rows = tuple(
        (
            o.class_code,
            local_time_text(o.started_at, tz),
            line.student_id,
            line.name,
            line.status.value,
            line.method.value,
            local_time_text(line.marked_at, tz),
            round(line.confidence, 3) if line.confidence is not None else None,
            "yes" if line.corrected else "",
            line.correction_reason or "",
            line.note or "",
        )
        for line in detail.lines
    )
    signed = (
        f"signed off by {o.signed_off_by} at {local_time_text(o.signed_off_at, tz)}"
        if o.signed_off
        else "not signed off"
    )
    return Table(
        title=f"Attendance {o.class_code} {local_time_text(o.started_at, tz)}",
        headers=SESSION_HEADERS,
        rows=rows,
        notes=(
            f"{o.class_name}: present {o.present}, late {o.late}, absent {o.absent}, excused {o.excused}",
            signed,
        ),
    )


def summary_table(summary: SessionSummary, tz: tzinfo | None = None) -> Table:
    """The session just ended, from the kiosk's own summary (no database read: it works
    offline): the same columns as :func:`session_table`; present, late, excused, then
    absent, by name within each."""
    started = local_time_text(summary.session.started_at, tz)

    def row(student: StudentInfo, status: str, mark: AttendanceMark | None) -> tuple[Cell, ...]:
        return (
            summary.class_info.code,
            started,
            student.student_id,
            student.name,
            status,
            method_of(mark.source, mark.details).value if mark else "",
            local_time_text(mark.marked_at, tz) if mark else "",
            round(mark.confidence, 3) if mark and mark.confidence is not None else None,
            "",
            "",
            (mark.note or "") if mark else "",
        )

    rows: list[tuple[Cell, ...]] = []
    for status, group in (("present", summary.present), ("late", summary.late), ("excused", summary.excused)):
        rows.extend(row(s, status, m) for s, m in sorted(group, key=lambda sm: sm[0].name))
    rows.extend(row(s, "absent", None) for s in sorted(summary.absent, key=lambda s: s.name))
    counts = summary.counts
    return Table(
        title=f"Attendance {summary.class_info.code} {started}",
        headers=SESSION_HEADERS,
        rows=tuple(rows),
        notes=(
            f"{summary.class_info.name}: present {counts['present']}, late {counts['late']}, "
            f"absent {counts['absent']}, excused {counts['excused']}",
            "not signed off",
        ),
    )


RATE_HEADERS = (
    "student_id",
    "name",
    "class",
    "sessions",
    "present",
    "late",
    "absent",
    "excused",
    "rate_percent",
    "at_risk",
)


def _rate_row(r: StudentRate, *, at_risk: bool) -> tuple[Cell, ...]:
    """One student's line under :data:`RATE_HEADERS` (class and day reports share it)."""
    return (
        r.student.student_id,
        r.student.name,
        r.student.class_code or "",
        r.sessions,
        r.present,
        r.late,
        r.absent,
        r.excused,
        percent(r.rate),
        "yes" if at_risk else "",
    )


def class_report_table(report: ClassReport) -> Table:
    rows = tuple(_rate_row(r, at_risk=r.at_risk) for r in report.students)
    return Table(
        title=f"Class report {report.class_code} {report.start.isoformat()} to {report.end.isoformat()}",
        headers=RATE_HEADERS,
        rows=rows,
        notes=(
            f"{report.class_name}: {report.sessions_held} sessions held; class rate {percent(report.rate)} %",
            f"At risk: under {percent(report.threshold)} % ({len(report.at_risk)} students)",
        ),
    )


def student_report_table(report: StudentReport, tz: tzinfo | None = None) -> Table:
    s = report.summary
    rows = tuple(
        (
            line.class_code,
            local_time_text(line.started_at, tz),
            line.status.value,
            line.method.value,
            local_time_text(line.marked_at, tz),
            "yes" if line.corrected else "",
            line.note or "",
        )
        for line in report.history
    )
    return Table(
        title=f"Student report {report.student.name} ({report.student.student_id})",
        headers=("class", "session_started", "status", "method", "marked_at", "corrected", "note"),
        rows=rows,
        notes=(
            f"{report.start.isoformat()} to {report.end.isoformat()}: {s.sessions} sessions, present {s.present}, "
            f"late {s.late}, absent {s.absent}, excused {s.excused}; rate {percent(s.rate)} %",
        ),
    )


def day_report_table(report: DayReport) -> Table:
    rows = tuple(_rate_row(r, at_risk=False) for r in report.absentees)
    return Table(
        title=f"Absent on {report.day.isoformat()}",
        headers=RATE_HEADERS,
        rows=rows,
        notes=(f"{report.sessions_held} sessions held; {len(report.absentees)} students missing",),
    )


def _atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    # A name of its own: two exports to one file at once must not share (and clobber) a temp file.
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        if not path.parent.is_dir():
            raise FileNotFoundError(2, "No such folder")
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise InvalidInput(
            f"Cannot write {path} ({exc.strerror or exc}); nothing was written.",
            "Choose a folder that exists and that you can write to.",
        ) from None
    return path


def write_csv(table: Table, path: Path | str) -> Path:
    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, dialect="excel")
            writer.writerow(table.headers)
            writer.writerows(tuple(_csv_cell(c) for c in row) for row in table.rows)

    return _atomic_write(Path(path), write)


def _csv_cell(value: Cell) -> Cell:
    return "" if value is None else neutralise_cell(value)


def write_xlsx(table: Table, path: Path | str) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    def write(tmp: Path) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Attendance"
        sheet.append(list(table.headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([neutralise_cell(c) for c in row])
        sheet.freeze_panes = "A2"
        for column, header in zip(sheet.columns, table.headers, strict=False):
            width = max([len(header), *(len(str(c.value or "")) for c in column)])
            sheet.column_dimensions[column[0].column_letter].width = min(60, width + 2)
        notes = book.create_sheet("About")
        notes.append([table.title])
        for note in table.notes:
            notes.append([neutralise_cell(note)])
        book.save(tmp)

    return _atomic_write(Path(path), write)


def write_table(table: Table, path: Path | str) -> Path:
    """CSV or XLSX by the file's suffix (PDF is the GUI's: see :mod:`kiosk.gui.report_pdf`)."""
    fmt = export_format(path)
    if fmt == "pdf":
        raise InvalidInput("PDF is drawn by the kiosk's window toolkit.", "Use kiosk.gui.report_pdf for PDF.")
    written = write_csv(table, path) if fmt == "csv" else write_xlsx(table, path)
    log.info("Exported %s (%d rows) to %s", table.title, len(table.rows), written)
    return written
