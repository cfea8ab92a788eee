"""``kiosk run --headless`` and ``kiosk enroll`` end to end: real photos, real dlib models,
a real video file as the camera, real SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from kiosk.app.demo_video import Actor, write_classroom_video
from kiosk.cli.main import main
from kiosk.core.domain import AttendanceStatus, MarkSource
from kiosk.infra.db.models import AttendanceRecord, FaceEncoding, Student
from tests.conftest import FACES_DIR, offline_profile_data_dir

pytestmark = [pytest.mark.recognition, pytest.mark.slow]
PEOPLE = FACES_DIR / "people"


def kiosk(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def classroom(tmp_path: Path, db_url: str, dlib_models_dir: Path, capsys: pytest.CaptureFixture[str]):
    data_dir = offline_profile_data_dir(tmp_path, dlib_models_dir)
    base = ("--database", db_url, "--data-dir", str(data_dir))
    assert kiosk(capsys, *base, "class", "add", "7A", "--name", "Physics 7A")[0] == 0
    for sid, name, consent in (("S01", "Ada", True), ("S02", "Alan", True), ("S03", "Grace", False)):
        extra = ("--consent",) if consent else ()
        assert (
            kiosk(
                capsys, *base, "student", "add", "--student-id", sid, "--name", name, "--class", "7A", *extra
            )[0]
            == 0
        )
    # Enroll from photos 2-4; the video uses photo 1, never seen at enrollment.
    code, out, _ = kiosk(
        capsys,
        *base,
        "enroll",
        "--student-id",
        "S01",
        *(str(PEOPLE / "person01" / f"{i}.jpg") for i in (2, 3, 4)),
    )
    assert code == 0 and "3 photo(s) enrolled" in out
    code, out, _ = kiosk(capsys, *base, "enroll", "--student-id", "S02", str(PEOPLE / "person02"))
    assert code == 0
    actors = [
        Actor("S01", PEOPLE / "person01" / "1.jpg"),
        Actor("stranger", PEOPLE / "person09" / "1.jpg"),  # never enrolled
        Actor("S03", PEOPLE / "person03" / "1.jpg"),  # in the class, but no consent
        Actor("S02", PEOPLE / "person02" / "3.jpg"),
    ]
    video = write_classroom_video(actors, tmp_path / "class.mp4", fps=10.0, seed=3)
    return base, video, db_url


def test_headless_run_marks_enrolled_students_once_and_never_strangers(classroom, capsys) -> None:
    base, video, db_url = classroom
    code, out, err = kiosk(capsys, *base, "run", "--class", "7A", "--camera", str(video.path), "--headless")
    assert code == 0, err
    assert "Present: 2" in out and "Absent: 1" in out
    assert "Grace" in out and "without consent" in out
    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(Student.student_id, AttendanceRecord.status, AttendanceRecord.source).join(
                Student, AttendanceRecord.student_id == Student.id
            )
        ).all()
    engine.dispose()
    assert sorted(r[0] for r in rows) == ["S01", "S02"]  # each once; the no-consent student never
    assert all(r[1] == AttendanceStatus.PRESENT and r[2] == MarkSource.AUTO for r in rows)


def test_headless_run_stops_at_max_frames(classroom, capsys) -> None:
    base, video, _ = classroom
    code, out, _ = kiosk(
        capsys, *base, "run", "--class", "7A", "--camera", str(video.path), "--headless", "--max-frames", "5"
    )
    assert code == 0
    assert "Frames: 5 read" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--class", "NOPE"), "no class with code 'NOPE'"),
        (("--class", "7A", "--camera", "/nonexistent/video.mp4"), "does not exist"),
        (("--class", "7A", "--max-frames", "0"), "--max-frames must be at least 1"),
    ],
)
def test_headless_run_bad_input_is_one_clear_line(classroom, capsys, args, message) -> None:
    base, video, _ = classroom
    camera = () if "--camera" in args else ("--camera", str(video.path))
    code, out, err = kiosk(capsys, *base, "run", *args, *camera, "--headless")
    assert code != 0
    assert message in err
    assert "Traceback" not in err + out


def test_enroll_refuses_without_consent_and_stores_nothing(classroom, capsys) -> None:
    base, _video, db_url = classroom
    code, _out, err = kiosk(
        capsys, *base, "enroll", "--student-id", "S03", str(PEOPLE / "person03" / "2.jpg")
    )
    assert code != 0 and "no recorded consent" in err
    engine = create_engine(db_url)
    with engine.connect() as conn:
        count = conn.scalar(
            select(func.count()).select_from(FaceEncoding).join(Student).where(Student.student_id == "S03")
        )
    engine.dispose()
    assert count == 0


def test_enroll_rejects_group_photo_and_refuses_a_duplicate(classroom, capsys, tmp_path) -> None:
    base, _video, _ = classroom
    code, out, _ = kiosk(
        capsys, *base, "student", "add", "--student-id", "S04", "--name", "Twin", "--class", "7A", "--consent"
    )
    assert code == 0
    bad = tmp_path / "not-an-image.jpg"
    bad.write_text("hello", encoding="utf-8")
    code, out, err = kiosk(
        capsys,
        *base,
        "enroll",
        "--student-id",
        "S04",
        str(FACES_DIR / "groups" / "couple.jpg"),
        str(bad),
        str(PEOPLE / "person01" / "5.jpg"),  # Ada's face, enrolled as someone else
    )
    assert code != 0  # the one usable photo is Ada's: refused, nothing stored
    assert "faces were found" in out
    assert "not-an-image.jpg" in out
    assert "looks like Ada (S01)" in err and "--lookalike-of S01" in err


def test_import_roster_adds_and_enrolls_a_class(tmp_path, db_url, dlib_models_dir, capsys) -> None:
    data_dir = offline_profile_data_dir(tmp_path, dlib_models_dir)
    base = ("--database", db_url, "--data-dir", str(data_dir))
    assert kiosk(capsys, *base, "class", "add", "8C", "--name", "Chemistry 8C")[0] == 0
    photos = tmp_path / "photos"
    (photos / "R1").mkdir(parents=True)  # a folder per student id
    for i in (2, 3):
        (photos / "R1" / f"{i}.jpg").write_bytes((PEOPLE / "person04" / f"{i}.jpg").read_bytes())
    (photos / "R2.jpg").write_bytes((PEOPLE / "person07" / "2.jpg").read_bytes())  # a file named by id
    (photos / "R3.jpg").write_bytes((PEOPLE / "person08" / "2.jpg").read_bytes())
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "student_id,name,class,email,consent\n"
        "R1,Rosa Parks,8C,rosa@school.org,yes\n"
        "R2,Rene Descartes,8C,,yes\n"
        "R3,No Consent Yet,8C,,no\n"
        "R4,Nobody's Photo,8C,,yes\n",
        encoding="utf-8",
    )
    code, out, _ = kiosk(capsys, *base, "import-roster", str(roster), "--photos", str(photos))
    assert code == 1  # R3 could not be enrolled (no consent): reported, the rest went ahead
    assert "Rosa Parks (R1): 2 photo(s) enrolled" in out
    assert "Rene Descartes (R2): 1 photo(s) enrolled" in out
    assert "no recorded consent" in out
    assert "no photos for R4" in out
    assert "4 student(s) added, 2 enrolled, 1 with problems" in out
    code, out, _ = kiosk(capsys, *base, "student", "list", "--class", "8C")
    assert code == 0
    faces = {line.split()[0]: line.split()[3] for line in out.splitlines()[1:]}
    assert faces == {"R1": "2", "R2": "1", "R3": "0", "R4": "0"}


def test_import_roster_bad_file_is_one_clear_line(tmp_path, db_url, dlib_models_dir, capsys) -> None:
    data_dir = offline_profile_data_dir(tmp_path, dlib_models_dir)
    base = ("--database", db_url, "--data-dir", str(data_dir))
    roster = tmp_path / "roster.csv"
    roster.write_text("id;name\n1;x\n", encoding="utf-8")
    code, out, err = kiosk(capsys, *base, "import-roster", str(roster), "--photos", str(tmp_path))
    assert code != 0 and "header row with at least student_id and name" in err
    assert "Traceback" not in out + err


def test_with_the_review_policy_pictures_moved_as_a_plane_are_asked_not_marked(classroom, capsys) -> None:
    """The kiosk's own wiring (build_services): [liveness] policy = "review" gives each session
    the offline motion check; the classroom video's faces are flat photos slid across the frame."""
    base, video, db_url = classroom
    config = Path(base[3]) / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[liveness]\npolicy = "review"\n', encoding="utf-8"
    )
    code, out, err = kiosk(capsys, *base, "run", "--class", "7A", "--camera", str(video.path), "--headless")
    assert code == 0, err
    assert "Present: 0" in out and "Asked, not marked" in out
    engine = create_engine(db_url)
    with engine.connect() as conn:
        marks = conn.execute(select(func.count()).select_from(AttendanceRecord)).scalar_one()
    engine.dispose()
    assert marks == 0  # nobody marked automatically from a picture
