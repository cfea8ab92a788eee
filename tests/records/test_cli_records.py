"""The record commands as scripts use them: exact names, one line and non-zero on bad input,
nothing changed by a failed command."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kiosk.app.records import RecordsService
from tests.foundation._helpers import assert_clean_failure, row_counts, run_cli

from .term import Term


@pytest.fixture
def kiosk(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    # Dates in the CLI are local days: the generated term is in Europe/Berlin.
    monkeypatch.setenv("TZ", "Europe/Berlin")
    __import__("time").tzset()

    def run(*args: str):  # type: ignore[no-untyped-def]
        return run_cli(capsys, ["--database", db_url, "--data-dir", str(tmp_path / "data"), *args])

    yield run
    monkeypatch.delenv("TZ")
    __import__("time").tzset()


def test_history_show_export_and_reports(kiosk, term: Term, records: RecordsService, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    days = term.school_days()
    listed = kiosk("sessions", "--class", "9B", "--from", days[0].isoformat(), "--to", days[1].isoformat())
    assert listed.code == 0, listed
    assert "4 sessions." in listed.out
    first = records.list_sessions(class_code="9B", start=days[0], end=days[0])[0]
    assert str(first.id) in listed.out

    shown = kiosk("session", "show", str(first.id))
    assert shown.code == 0, shown
    assert "Zoë Martin" in shown.out and f"Present {first.present}," in shown.out

    out = tmp_path / "session.xlsx"
    exported = kiosk("session", "export", str(first.id), "--out", str(out))
    assert exported.code == 0, exported
    sheet = load_workbook(out)["Attendance"]
    assert sheet.max_row == 1 + len(records.session(first.id).lines)

    report_csv = tmp_path / "9b.csv"
    rep = kiosk(
        "report",
        "class",
        "9B",
        "--from",
        days[0].isoformat(),
        "--to",
        days[-1].isoformat(),
        "--out",
        str(report_csv),
    )
    assert rep.code == 0, rep
    with report_csv.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["student_id"] for r in rows} >= {f"S-9B-{i}" for i in range(6)}

    pdf = tmp_path / "zoe.pdf"
    student = kiosk(
        "report",
        "student",
        "S-9B-0",
        "--from",
        days[0].isoformat(),
        "--to",
        days[-1].isoformat(),
        "--out",
        str(pdf),
    )
    assert student.code == 0, student
    assert "Zoë Martin (S-9B-0)" in student.out
    assert pdf.read_bytes().startswith(b"%PDF")

    day = kiosk("report", "day", days[3].isoformat())
    assert day.code == 0 and "students missing" in day.out

    found = kiosk("student", "search", "zoe")
    assert found.code == 0 and "Zoë Martin" in found.out and "Alan Turing" not in found.out
    typo = kiosk("student", "search", "dijkstar")
    assert "Edsger Dijkstra" in typo.out


def test_mark_set_needs_a_reason_and_changes_only_when_valid(
    kiosk, term: Term, records: RecordsService, db_url: str
) -> None:  # type: ignore[no-untyped-def]
    session_id = str(records.list_sessions(class_code="10A")[0].id)
    before = row_counts(db_url)
    for args, expected in (
        (("--student", "S-10A-0", "--status", "late", "--reason", " "), "needs a reason"),
        (("--student", "S-NOPE", "--status", "late", "--reason", "bus"), "no student with id 'S-NOPE'"),
    ):
        assert_clean_failure(kiosk("mark", "set", "--session", session_id, *args), expected)
    assert_clean_failure(
        kiosk(
            "mark",
            "set",
            "--session",
            "not-an-id",
            "--student",
            "S-10A-0",
            "--status",
            "late",
            "--reason",
            "x",
        ),
        "not a session id",
    )
    assert row_counts(db_url) == before

    done = kiosk(
        "mark",
        "set",
        "--session",
        session_id,
        "--student",
        "S-10A-0",
        "--status",
        "late",
        "--reason",
        "bus was late",
        "--by",
        "office",
    )
    assert done.code == 0, done
    assert "is now late; corrected by office" in done.out
    line = records.session(session_id).line_for("S-10A-0")
    assert line is not None and line.correction_reason == "bus was late"

    signed = kiosk("session", "sign-off", session_id, "--by", "mr okafor")
    assert signed.code == 0, signed
    assert_clean_failure(kiosk("session", "sign-off", session_id), "already signed off")


def test_bad_input_gets_one_line_and_a_non_zero_exit(kiosk, term: Term, tmp_path: Path, db_url: str) -> None:  # type: ignore[no-untyped-def]
    before = row_counts(db_url)
    assert_clean_failure(kiosk("sessions", "--class", "XX"), "no class with code 'XX'")
    assert_clean_failure(kiosk("sessions", "--from", "2026-13-01"), "not a date")
    assert_clean_failure(
        kiosk("report", "class", "9B", "--from", "2026-10-02", "--to", "2026-10-01"), "reversed"
    )
    assert_clean_failure(
        kiosk("report", "class", "XX", "--from", "2026-10-01", "--to", "2026-10-02"), "no class"
    )
    assert_clean_failure(kiosk("report", "student", "S-NOPE"), "no student")
    assert_clean_failure(
        kiosk(
            "report",
            "class",
            "9B",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-02",
            "--out",
            str(tmp_path / "r.docx"),
        ),
        "unknown format",
    )
    assert_clean_failure(kiosk("report", "day", "--out", str(tmp_path / "missing" / "r.csv")), "Cannot write")
    assert_clean_failure(
        kiosk("session", "show", "8d3f1c2e-0000-4000-8000-000000000000"), "no attendance session"
    )
    assert_clean_failure(
        kiosk("session", "export", "8d3f1c2e-0000-4000-8000-000000000000", "--out", str(tmp_path / "x.csv")),
        "no attendance session",
    )
    assert row_counts(db_url) == before
    assert not any(p.suffix in {".csv", ".docx"} for p in tmp_path.rglob("*") if "data" not in p.parts)
