"""Names holding terminal control characters are shown escaped, never raw."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.printable import printable
from tests.foundation._helpers import run_cli_subprocess

HOSTILE = "Eve\x1b[2J\x1b]0;pwned\x07\rMallory\u202e"


def test_printable_escapes_controls_and_keeps_ordinary_text() -> None:
    assert printable("Zoë Ñandú 李") == "Zoë Ñandú 李"
    assert printable("a\x1b[31mb\rc\nd\u202e") == "a\\x1b[31mb\\rc\\nd\\u202e"
    assert printable("line1\nline2\t!", keep_newlines=True) == "line1\nline2\t!"


def test_cli_prints_hostile_names_escaped(tmp_path: Path) -> None:
    base = ["--data-dir", str(tmp_path / "data")]
    added = run_cli_subprocess([*base, "class", "add", "7A", "--name", HOSTILE])
    assert added.code == 0, added.err
    student = run_cli_subprocess(
        [*base, "student", "add", "--student-id", "S1", "--name", HOSTILE, "--class", "7A"]
    )
    assert student.code == 0, student.err
    listed = run_cli_subprocess([*base, "student", "list"])
    classes = run_cli_subprocess([*base, "class", "list"])
    for result in (added, student, listed, classes):
        assert "\x1b" not in result.out and "\r" not in result.out and "\u202e" not in result.out, result.out
        assert "Eve\\x1b[2J\\x1b]0;pwned\\x07\\rMallory\\u202e" in result.out


def test_a_newline_in_a_name_cannot_forge_an_output_line(tmp_path: Path) -> None:
    base = ["--data-dir", str(tmp_path / "data")]
    assert run_cli_subprocess([*base, "class", "add", "7A", "--name", "Physics"]).code == 0
    forged = "Eve\nS2         7A       yes      3     Mallory"
    added = run_cli_subprocess(
        [*base, "student", "add", "--student-id", "S1", "--name", forged, "--class", "7A"]
    )
    assert added.code == 0, added.err
    listed = run_cli_subprocess([*base, "student", "list"])
    for result in (added, listed):
        assert "Eve\\nS2" in result.out, result.out
        assert not any(line.startswith("S2 ") for line in result.out.splitlines()), result.out
    assert len(listed.out.splitlines()) == 2  # the header and the one student


def test_run_summary_escapes_a_newline_in_a_name() -> None:
    import uuid
    from datetime import UTC, datetime

    from kiosk.app.headless import HeadlessRun, format_summary
    from kiosk.core.domain import ClassInfo, SessionInfo, SessionSummary, StudentInfo

    forged = StudentInfo(uuid.uuid4(), "S1", "Eve\nPresent: 30  Late: 0", "7A")
    summary = SessionSummary(
        SessionInfo(uuid.uuid4(), "7A", datetime.now(UTC)),
        ClassInfo("7A", "Physics\r7A"),
        (),
        (),
        (),
        (forged,),
    )
    text = format_summary(HeadlessRun(summary, 1, 1, 1.0, "camera\x1b[2J", ()))
    assert len(text.splitlines()) == 4  # header, counts, one absent student, frames
    assert "Eve\\nPresent: 30  Late: 0" in text and "Physics\\r7A" in text and "\x1b" not in text
