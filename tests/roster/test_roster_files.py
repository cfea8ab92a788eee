"""Roster files as schools have them, and hostile ones: real files, real SQLite/PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from kiosk.app.roster import RosterService
from kiosk.app.roster_import import Fate, import_roster, preview_roster
from kiosk.core.errors import InvalidInput
from kiosk.core.yesno import parse_yes_no
from kiosk.infra.roster_files import read_roster
from tests.conftest import FACES_DIR

PHOTO = FACES_DIR / "people" / "person01" / "2.jpg"
HEADER = ["student_id", "name", "class", "consent"]
ROWS = [
    ["R1", "Zoë Müller", "8C", "Ja"],
    ["R2", "François Côté", "8C", "non"],
    ["R3", "José Núñez", "8C", "sí"],
]


@pytest.mark.parametrize(
    ("word", "meaning"),
    [
        ("yes", True), ("Ja", True), ("OUI", True), ("sí", True), ("si", True), ("true", True),
        ("1", True), ("x", True), (" X ", True), ("no", False), ("nein", False), ("non", False),
        ("false", False), ("0", False), ("", False), (None, False), ("vielleicht", None), ("maybe", None),
        ("2", None),
    ],
)  # fmt: skip
def test_yes_no_words(word: str | None, meaning: bool | None) -> None:
    assert parse_yes_no(word) is meaning


def write_csv(path: Path, delimiter: str, encoding: str) -> Path:
    lines = [delimiter.join(HEADER)] + [delimiter.join(r) for r in ROWS]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize(
    ("delimiter", "encoding", "described"),
    [
        (";", "cp1252", "CSV, semicolon-separated, Windows-1252"),
        (",", "utf-8-sig", "CSV, comma-separated, UTF-8 with BOM"),
        ("\t", "utf-8", "CSV, tab-separated, UTF-8"),
        (";", "utf-8-sig", "CSV, semicolon-separated, UTF-8 with BOM"),
    ],
)
def test_dialects_and_encodings(delimiter: str, encoding: str, described: str, tmp_path: Path) -> None:
    parsed = read_roster(write_csv(tmp_path / "r.csv", delimiter, encoding))
    assert parsed.description == described
    assert not parsed.errors
    assert [(r.student_id, r.name, r.class_code, r.consent) for r in parsed.rows] == [
        ("R1", "Zoë Müller", "8C", True),
        ("R2", "François Côté", "8C", False),
        ("R3", "José Núñez", "8C", True),
    ]


def test_xlsx(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Student ID", "Name", "Class", "Consent"])
    sheet.append([1042, "Zoë Müller", "8C", True])
    sheet.append(["R2", "François Côté", "8C", "nein"])
    book.save(tmp_path / "roster.xlsx")
    parsed = read_roster(tmp_path / "roster.xlsx")
    assert parsed.description.startswith("Excel workbook")
    assert [(r.student_id, r.consent) for r in parsed.rows] == [("1042", True), ("R2", False)]


def test_an_unknown_consent_word_is_refused_per_row(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("student_id;name;consent\nR1;Ada;Ja\nR2;Alan;vielleicht\n", encoding="utf-8")
    parsed = read_roster(path)
    assert [r.student_id for r in parsed.rows] == ["R1"]
    (error,) = parsed.errors
    assert error.line == 3 and "'vielleicht' is not a yes or a no" in error.message


def test_an_unclosed_quote_is_one_line_naming_where(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('student_id,name\nR1,Ada\nR2,"Alan\nR3,Grace\nR4,Linus\n', encoding="utf-8")
    with pytest.raises(InvalidInput, match="from line 3: a quote opened there is never closed"):
        read_roster(path)


def test_nul_repeated_ids_and_overlong_values_are_row_errors(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(
        b"student_id,name\nR1,Ada\nR2,Al\x00an\nR1,Ada again\nR4," + b"x" * 300 + b"\nR5,Grace\n"
    )
    parsed = read_roster(path)
    assert [r.student_id for r in parsed.rows] == ["R1", "R5"]
    messages = {e.line: e.message for e in parsed.errors}
    assert "control character" in messages[3]
    assert messages[4] == "repeats the student id of line 2"
    assert "longer than 200" in messages[5]


def test_a_folder_as_roster_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot be read"):
        read_roster(tmp_path)


def test_a_semicolon_file_without_the_columns_names_what_it_found(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("id;name\n1;x\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"at least student_id and name \(found: id, name\)"):
        read_roster(path)


# --- the preview, on a real database ---------------------------------------------------------


@pytest.fixture
def roster(db_url: str) -> RosterService:
    service = RosterService(create_engine(db_url))
    service.add_class("8C", "Chemistry 8C")
    return service


def test_photo_paths_outside_the_folder_are_refused(roster: RosterService, tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "1.jpg").write_bytes(PHOTO.read_bytes())
    (photos / "R3").symlink_to(outside, target_is_directory=True)
    path = tmp_path / "r.csv"
    path.write_text(
        "student_id,name,consent\n../outside,Mallory,yes\n/etc,Eve,yes\nR3,Trudy,yes\n..,Oscar,yes\n",
        encoding="utf-8",
    )
    preview = preview_roster(roster, path, photos, model_name="Dlib", default_class="8C")
    assert [p.problem for p in preview.plans] == [True, True, True, True]
    assert all("outside the photo folder" in p.reason for p in preview.plans), [
        p.reason for p in preview.plans
    ]
    with pytest.raises(InvalidInput, match="nothing was imported"):
        import_roster(preview, roster, lambda: pytest.fail("no enrollment may start"))
    assert roster.list_students() == []


def test_any_problem_row_means_nothing_is_written(roster: RosterService, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("student_id,name,class\nR1,Ada,8C\nR2,Alan,9Z\n", encoding="utf-8")
    preview = preview_roster(roster, path, tmp_path, model_name="Dlib")
    assert [(p.fate, p.problem) for p in preview.plans] == [(Fate.ADD, False), (Fate.SKIP, True)]
    assert "class 9Z does not exist" in preview.plans[1].reason
    with pytest.raises(InvalidInput):
        import_roster(preview, roster, lambda: pytest.fail("no enrollment may start"))
    assert roster.list_students() == []


def test_file_names_that_are_not_utf8_are_shown_safely(roster: RosterService, tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    (photos / "R1").mkdir(parents=True)
    odd = os.fsdecode(b"R1_\xff\xfe.jpg")
    (photos / "R1" / odd).write_bytes(PHOTO.read_bytes())
    path = tmp_path / "r.csv"
    path.write_text("student_id,name,class,consent\nR1,Ada,8C,yes\n", encoding="utf-8")
    preview = preview_roster(roster, path, photos, model_name="Dlib")
    (plan,) = preview.plans
    assert plan.fate is Fate.ADD and len(plan.new_photos) == 1
    plan.describe().encode("utf-8")  # printable: no lone surrogates


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_files_are_problems_before_anything_is_written(
    roster: RosterService, tmp_path: Path
) -> None:
    photos = tmp_path / "photos"
    (photos / "R2").mkdir(parents=True)
    (photos / "R1.jpg").write_bytes(PHOTO.read_bytes())
    (photos / "R2").chmod(0)
    path = tmp_path / "r.csv"
    path.write_text("student_id,name,class,consent\nR1,Ada,8C,yes\nR2,Alan,8C,yes\n", encoding="utf-8")
    try:
        preview = preview_roster(roster, path, photos, model_name="Dlib")
        assert preview.plans[1].problem and "cannot be read" in preview.plans[1].reason
        path.chmod(0)
        with pytest.raises(InvalidInput, match="cannot be read"):
            preview_roster(roster, path, photos, model_name="Dlib")
    finally:
        (photos / "R2").chmod(0o755)
    assert roster.list_students() == []
