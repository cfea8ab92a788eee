"""Enrollment integrity from the command line: a face matching another student is refused,
the look-alike override records the pair, the same photo twice is a no-op, and
``kiosk faces check | list | delete | lookalikes`` find and fix look-alikes and misfiled photos.

Real photos (tests/data/faces), the real dlib-offline models, real SQLite and PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from kiosk.cli.main import main
from kiosk.infra.db.models import AuditLog, FaceEncoding, LookalikePair, Student
from tests.conftest import FACES_DIR, offline_profile_data_dir

pytestmark = [pytest.mark.recognition]
PEOPLE = FACES_DIR / "people"


def kiosk(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


class School:
    def __init__(self, capsys: pytest.CaptureFixture[str], base: tuple[str, ...], url: str) -> None:
        self.capsys, self.base, self.url = capsys, base, url

    def run(self, *args: str) -> tuple[int, str, str]:
        return kiosk(self.capsys, *self.base, *args)

    def count(self, stmt: object) -> int:
        engine = create_engine(self.url)
        try:
            with engine.connect() as conn:
                return int(conn.execute(stmt).scalar_one())  # type: ignore[call-overload]
        finally:
            engine.dispose()

    def encodings_of(self, student_id: str) -> int:
        return self.count(
            select(func.count())
            .select_from(FaceEncoding)
            .join(Student)
            .where(Student.student_id == student_id)
        )


@pytest.fixture
def school(tmp_path: Path, db_url: str, dlib_models_dir: Path, capsys: pytest.CaptureFixture[str]) -> School:
    data_dir = offline_profile_data_dir(tmp_path, dlib_models_dir)
    sch = School(capsys, ("--database", db_url, "--data-dir", str(data_dir)), db_url)
    assert sch.run("class", "add", "7A", "--name", "Physics 7A")[0] == 0
    assert sch.run("class", "add", "8B", "--name", "Chemistry 8B")[0] == 0
    for sid, name, cls in (("S01", "Ada", "7A"), ("S02", "Alan", "7A"), ("S04", "Twin", "8B")):
        code = sch.run("student", "add", "--student-id", sid, "--name", name, "--class", cls, "--consent")[0]
        assert code == 0
    code, out, _ = sch.run(
        "enroll", "--student-id", "S01", *(str(PEOPLE / "person01" / f"{i}.jpg") for i in (2, 3))
    )
    assert code == 0, out
    code, out, _ = sch.run(
        "enroll", "--student-id", "S02", *(str(PEOPLE / "person02" / f"{i}.jpg") for i in (2, 3))
    )
    assert code == 0, out
    return sch


def test_a_face_of_another_student_is_refused_then_enrolled_as_a_lookalike(school: School) -> None:
    ada = str(PEOPLE / "person01" / "5.jpg")
    code, out, err = school.run("enroll", "--student-id", "S04", ada)
    assert code != 0
    line = err.strip().splitlines()
    assert any("looks like Ada (S01) of class 7A, similarity" in x for x in line), err
    assert "--lookalike-of S01" in err and "nothing was stored" in err
    assert school.encodings_of("S04") == 0

    # An unknown student named as the look-alike: one line, nothing stored.
    code, out, err = school.run("enroll", "--student-id", "S04", ada, "--lookalike-of", "S99")
    assert code != 0 and "S99" in err and school.encodings_of("S04") == 0

    # The admin says they are look-alikes: enrolled, the pair recorded and audited.
    code, out, err = school.run("enroll", "--student-id", "S04", ada, "--lookalike-of", "S01")
    assert code == 0, err
    assert "1 photo(s) enrolled" in out and "recorded look-alikes" in out
    assert school.encodings_of("S04") == 1
    assert school.count(select(func.count()).select_from(LookalikePair)) == 1
    assert school.count(select(func.count()).where(AuditLog.action == "lookalikes_recorded")) == 1

    # From now on the pair is known: another of Ada's photos for S04 is reported, not refused.
    code, out, _ = school.run("enroll", "--student-id", "S04", str(PEOPLE / "person01" / "6.jpg"))
    assert code == 0 and "NOTE" in out and school.encodings_of("S04") == 2
    code, out, _ = school.run("faces", "lookalikes")
    assert code == 0 and "S01 and S04" in out


def test_the_same_photo_twice_is_a_no_op(school: School) -> None:
    photo = str(PEOPLE / "person01" / "2.jpg")  # enrolled for S01 by the fixture
    code, out, _ = school.run("enroll", "--student-id", "S01", photo)
    assert code == 0, out
    assert "already enrolled from this photo" in out
    assert "0 photo(s) enrolled, 2 in total" in out
    assert school.encodings_of("S01") == 2


def test_faces_check_finds_a_planted_outlier_and_the_fix_deletes_it(school: School) -> None:
    code, out, _ = school.run("faces", "check")
    assert code == 0, out
    assert "No look-alikes" in out

    # Ada's photo filed under Alan, as the warning-only re-embedding of old data could leave it.
    code, _out, _err = school.run("enroll", "--student-id", "S02", str(PEOPLE / "person01" / "5.jpg"))
    assert code != 0 and school.encodings_of("S02") == 2  # refused at enrollment
    code, out, _ = school.run(
        "enroll", "--student-id", "S02", str(PEOPLE / "person01" / "5.jpg"), "--lookalike-of", "S01"
    )
    assert code == 0 and school.encodings_of("S02") == 3
    code, _out, _ = school.run("faces", "lookalikes", "S02", "S01", "--forget")  # the admin was wrong
    assert code == 0

    code, out, _ = school.run("faces", "check")
    assert code == 1, out
    assert "Ada (S01, class 7A) and Alan (S02, class 7A) look alike" in out
    planted = [line for line in out.splitlines() if line.startswith("PROBLEM encoding")]
    assert len(planted) == 1, out
    assert "of Alan (S02, class 7A) looks more like Ada (S01, class 7A)" in planted[0]
    encoding_id = planted[0].split()[2]
    assert f"kiosk faces delete S02 {encoding_id}" in out

    # --class reports that class only (8B has nobody involved).
    code, out, _ = school.run("faces", "check", "--class", "8B")
    assert code == 0, out

    code, out, _ = school.run("faces", "list", "S02")
    assert code == 0 and f"{encoding_id}" in out and "photo:5.jpg" in out
    code, out, _ = school.run("faces", "delete", "S02", encoding_id, "--yes")
    assert code == 0 and "2 left" in out
    assert school.count(select(func.count()).where(AuditLog.action == "encoding_deleted")) == 1
    code, out, _ = school.run("faces", "check")
    assert code == 0, out


def test_faces_check_lists_a_recorded_pair_without_failing(school: School) -> None:
    # person06 and person09 are different people whose photos come within the margin: a real look-alike pair.
    for sid, name in (("S06", "Nora"), ("S09", "Nadia")):
        assert (
            school.run("student", "add", "--student-id", sid, "--name", name, "--class", "8B", "--consent")[0]
            == 0
        )
    assert school.run("enroll", "--student-id", "S06", str(PEOPLE / "person06" / "2.jpg"))[0] == 0
    code, out, err = school.run(
        "enroll", "--student-id", "S09", str(PEOPLE / "person09" / "2.jpg"), "--lookalike-of", "S06"
    )
    assert code == 0, err
    assert "recorded look-alikes" in out  # 0.94 similar: within the margin of Dlib-chip's 0.95
    code, out, _ = school.run("faces", "check", "--class", "8B")
    assert code == 0, out
    assert "recorded as look-alikes" in out and out.count("PROBLEM") == 0


def test_bad_input_gives_one_line(school: School) -> None:
    for args, words in (
        (("faces", "check", "--class", "9Z"), "9Z"),
        (("faces", "list", "S99"), "S99"),
        (("faces", "delete", "S01", "abc", "--yes"), "not an encoding number"),
        (("faces", "delete", "S01", "999999", "--yes"), "no face encoding 999999"),
        (("faces", "lookalikes", "S01"), "exactly two"),
        (("faces", "lookalikes", "S01", "S01"), "own look-alike"),
        (
            ("enroll", "--student-id", "S01", str(PEOPLE / "person01" / "4.jpg"), "--lookalike-of", "S01"),
            "own look-alike",
        ),
    ):
        code, out, err = school.run(*args)
        assert code != 0, (args, out)
        assert words in err, (args, err)
        assert len([x for x in err.strip().splitlines() if x.strip()]) <= 2, (args, err)  # message and hint
