"""Report figures against figures computed independently from the raw rows; exports hold
the same numbers and open in openpyxl and the csv module."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from kiosk.app import exports
from kiosk.app.records import RecordsService
from kiosk.app.reports import ReportsService
from kiosk.core.domain import AttendanceStatus
from kiosk.core.errors import InvalidInput, NotFound

from .term import INACTIVE, MOVER, TZ, Term, raw_figures


def test_class_report_equals_the_raw_rows(term: Term, reports: ReportsService, engine: Engine) -> None:
    days = term.school_days()
    for code in ("9B", "10A", "11C"):
        start, end = days[1], days[-3]
        report = reports.class_report(code, start, end, threshold=0.8)
        expected = raw_figures(engine, start, end, class_code=code)
        got = {r.student.student_id: r for r in report.students}
        assert set(got) == set(expected), code
        for sid, fig in expected.items():
            r = got[sid]
            assert (r.sessions, r.present, r.late, r.absent, r.excused) == (
                fig.sessions,
                fig.present,
                fig.late,
                fig.absent,
                fig.excused,
            ), (code, sid)
            assert r.rate == pytest.approx(fig.rate)
            assert r.at_risk == (fig.rate is not None and fig.rate < 0.8)
        assert {r.student.student_id for r in report.at_risk} == {
            sid for sid, f in expected.items() if f.rate is not None and f.rate < 0.8
        }
        assert report.sessions_held == len(term.school_days()[1:-2]) * 2 + (1 if code == "11C" else 0)
        assert sum(w.sessions for w in report.weeks) == report.sessions_held
    assert INACTIVE not in {
        r.student.student_id for r in reports.class_report("11C", days[0], days[-1]).students
    } or (raw_figures(engine, days[0], days[-1], class_code="11C").get(INACTIVE) is not None)
    both = reports.class_report("9B", days[0], days[-1])
    assert MOVER in {r.student.student_id for r in both.students}


def test_school_and_student_reports_equal_the_raw_rows(
    term: Term, reports: ReportsService, engine: Engine
) -> None:
    days = term.school_days()
    school = reports.school_rates(days[0], days[-1])
    expected = raw_figures(engine, days[0], days[-1])
    got = {r.student.student_id: r for r in school.students if r.sessions}
    assert set(got) == set(expected)
    for sid, fig in expected.items():
        assert (got[sid].present, got[sid].late, got[sid].absent, got[sid].excused) == (
            fig.present,
            fig.late,
            fig.absent,
            fig.excused,
        )
    for sid in (MOVER, "S-9B-0", INACTIVE):
        student = reports.student_report(sid, days[0], days[-1])
        fig = expected[sid]
        s = student.summary
        assert (s.sessions, s.present, s.late, s.absent, s.excused) == (
            fig.sessions,
            fig.present,
            fig.late,
            fig.absent,
            fig.excused,
        ), sid
        assert s.rate == pytest.approx(fig.rate)
        assert len(student.history) == fig.sessions
        assert student.history[0].started_at >= student.history[-1].started_at
    mover_classes = {line.class_code for line in reports.student_report(MOVER, days[0], days[-1]).history}
    assert mover_classes == {"9B", "10A"}


def test_day_report_lists_who_is_missing_that_day(
    term: Term, reports: ReportsService, engine: Engine
) -> None:
    day = term.school_days()[3]
    report = reports.day_report(day)
    expected = raw_figures(engine, day, day)
    missing = {sid for sid, f in expected.items() if f.absent > 0}
    assert {r.student.student_id for r in report.absentees} == missing
    assert report.sessions_held == 3 * 2 + 1
    assert reports.day_report(day + timedelta(days=200)).absentees == ()


def test_bad_report_input_is_refused(term: Term, reports: ReportsService) -> None:
    days = term.school_days()
    with pytest.raises(NotFound):
        reports.class_report("XX", days[0], days[1])
    with pytest.raises(InvalidInput, match="reversed"):
        reports.class_report("9B", days[3], days[1])
    with pytest.raises(InvalidInput):
        reports.class_report("9B", days[0], days[1], threshold=90)
    with pytest.raises(NotFound):
        reports.student_report("S-NOPE")


def _csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheet programs read the accents
    assert b"\r\n" in raw  # the excel dialect
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_exports_open_and_hold_the_report_figures(
    term: Term, reports: ReportsService, records: RecordsService, tmp_path: Path
) -> None:
    days = term.school_days()
    report = reports.class_report("9B", days[0], days[-1])
    table = exports.class_report_table(report)
    csv_rows = _csv_rows(exports.write_table(table, tmp_path / "9b.csv"))
    book = load_workbook(exports.write_table(table, tmp_path / "9b.xlsx"))
    sheet = book["Attendance"]
    header = [c.value for c in sheet[1]]
    xlsx_rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    by_id = {r.student.student_id: r for r in report.students}
    assert len(csv_rows) == len(xlsx_rows) == len(by_id)
    for c, x in zip(csv_rows, xlsx_rows, strict=True):
        r = by_id[c["student_id"]]
        assert x["student_id"] == c["student_id"]
        assert int(c["absent"]) == x["absent"] == r.absent
        assert int(c["late"]) == x["late"] == r.late
        assert float(c["rate_percent"]) == x["rate_percent"] == round(r.rate * 100, 1)
        assert (c["at_risk"] == "yes") == (x["at_risk"] == "yes") == r.at_risk
    # A name that is a formula is text in both files, never run by the spreadsheet.
    evil = next(c for c in csv_rows if "HYPERLINK" in c["name"])
    assert evil["name"] == "'=HYPERLINK(1)"
    assert any(x["name"] == "'=HYPERLINK(1)" for x in xlsx_rows)

    session_id = records.list_sessions(class_code="9B")[0].id
    records.correct(session_id, "S-9B-0", AttendanceStatus.LATE, reason="bus", actor="office")
    detail = records.session(session_id)
    rows = _csv_rows(exports.write_table(exports.session_table(detail, TZ), tmp_path / "s.csv"))
    assert [r["student_id"] for r in rows] == [ln.student_id for ln in detail.lines]
    zoe = next(r for r in rows if r["student_id"] == "S-9B-0")
    assert (zoe["name"], zoe["status"], zoe["corrected"], zoe["correction_reason"]) == (
        "Zoë Martin",
        "late",
        "yes",
        "bus",
    )
    offset = detail.overview.started_at.astimezone(TZ).strftime("%z")
    assert rows[0]["session_started"].endswith(f"{offset[:3]}:{offset[3:]}")  # local time with its offset

    student = reports.student_report("S-9B-0", days[0], days[-1])
    srows = _csv_rows(exports.write_table(exports.student_report_table(student, TZ), tmp_path / "st.csv"))
    assert len(srows) == student.summary.sessions
    assert sum(r["status"] == "late" for r in srows) == student.summary.late


def test_exports_refuse_unknown_formats_and_unwritable_places(
    term: Term, reports: ReportsService, tmp_path: Path
) -> None:
    days = term.school_days()
    table = exports.class_report_table(reports.class_report("9B", days[0], days[-1]))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InvalidInput, match="unknown format"):
        exports.write_table(table, out / "report.docx")
    with pytest.raises(InvalidInput, match="Cannot write"):
        exports.write_table(table, out / "no" / "such" / "report.csv")
    (out / "taken.xlsx").mkdir()  # a folder where the file should go: cannot be replaced
    with pytest.raises(InvalidInput, match="Cannot write"):
        exports.write_table(table, out / "taken.xlsx")
    assert [p.name for p in out.iterdir()] == ["taken.xlsx"]
    assert list((out / "taken.xlsx").iterdir()) == []
