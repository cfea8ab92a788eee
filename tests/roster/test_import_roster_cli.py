"""``kiosk import-roster`` end to end: real dlib models, real photos, SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from kiosk.cli.main import main
from kiosk.infra.db.models import FaceEncoding, Student
from tests.conftest import FACES_DIR, offline_profile_data_dir

pytestmark = [pytest.mark.recognition, pytest.mark.slow]
PEOPLE = FACES_DIR / "people"


def kiosk(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def counts(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        students = conn.scalar(select(func.count()).select_from(Student))
        faces = conn.scalar(select(func.count()).select_from(FaceEncoding))
    engine.dispose()
    return int(students or 0), int(faces or 0)


def test_semicolon_windows_roster_then_reimport_is_a_no_op(
    tmp_path: Path, db_url: str, dlib_models_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ("--database", db_url, "--data-dir", str(offline_profile_data_dir(tmp_path, dlib_models_dir)))
    assert kiosk(capsys, *base, "class", "add", "8C", "--name", "Chemistry 8C")[0] == 0
    photos = tmp_path / "photos"
    (photos / "R1").mkdir(parents=True)
    (photos / "R1" / "a.jpg").write_bytes((PEOPLE / "person04" / "2.jpg").read_bytes())
    (photos / "R1" / "copy of a.jpg").write_bytes((PEOPLE / "person04" / "2.jpg").read_bytes())
    (photos / "R2.jpg").write_bytes((PEOPLE / "person07" / "2.jpg").read_bytes())
    roster = tmp_path / "roster.csv"
    roster.write_bytes("student_id;name;class;consent\r\nR1;Zoë;8C;Ja\r\nR2;Zoé;8C;oui\r\n".encode("cp1252"))

    code, out, err = kiosk(capsys, *base, "import-roster", str(roster), "--photos", str(photos))
    assert code == 0, err
    assert "CSV, semicolon-separated, Windows-1252" in out
    assert "2 student(s) added, 2 enrolled, 0 with problems" in out
    assert counts(db_url) == (2, 2)  # the same photo under two names: enrolled once

    code, out, err = kiosk(capsys, *base, "import-roster", str(roster), "--photos", str(photos))
    assert code == 0, err
    assert out.count("skip: already imported") == 2
    assert "0 student(s) added, 0 enrolled" in out
    assert counts(db_url) == (2, 2)

    (photos / "R2_new.jpg").write_bytes((PEOPLE / "person07" / "3.jpg").read_bytes())
    code, out, err = kiosk(capsys, *base, "import-roster", str(roster), "--photos", str(photos))
    assert code == 0, err
    assert "(R2): update: 1 new photo(s) to enroll" in out
    assert counts(db_url) == (2, 3)


def test_hostile_rosters_store_nothing(
    tmp_path: Path, db_url: str, dlib_models_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ("--database", db_url, "--data-dir", str(offline_profile_data_dir(tmp_path, dlib_models_dir)))
    assert kiosk(capsys, *base, "class", "add", "8C", "--name", "Chemistry 8C")[0] == 0
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "R1.jpg").write_bytes((PEOPLE / "person04" / "2.jpg").read_bytes())
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.jpg").write_bytes((PEOPLE / "person05" / "2.jpg").read_bytes())
    rosters = {
        "quote": 'student_id,name,class,consent\nR1,"Ada,8C,yes\nR2,Alan,8C,yes\n',
        "repeat": "student_id,name,class,consent\nR1,Ada,8C,yes\nR1,Ada,8C,yes\n",
        "nul": "student_id,name,class,consent\nR1,Ada,8C,yes\nR2,Al\x00an,8C,yes\n",
        "climb": "student_id,name,class,consent\nR1,Ada,8C,yes\n../outside,Eve,8C,yes\n",
        "consent": "student_id,name,class,consent\nR1,Ada,8C,yes\nR2,Alan,8C,vielleicht\n",
    }
    for name, text in rosters.items():
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        code, out, err = kiosk(capsys, *base, "import-roster", str(path), "--photos", str(photos))
        assert code != 0, name
        assert "Traceback" not in out + err
        assert "nothing was imported" in err, (name, err)
        assert counts(db_url) == (0, 0), name
