"""``kiosk doctor`` tells the truth about recognition: per class, who can be recognised and why not."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine

from kiosk.core.recognisability import StudentFaceData, Unrecognisable, coverage, why_not_recognisable
from kiosk.infra.config import load_settings
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import classes, encodings, students
from kiosk.infra.recognition.profiles import get_profile
from tests.foundation._helpers import run_cli

ACTIVE_MODEL = get_profile("dlib-offline").model_name  # Dlib-chip


def _seed(engine: Engine) -> None:
    rng = np.random.default_rng(1)
    with unit_of_work(session_factory(engine)) as s:
        classes.add_class(s, "9B", "Biology 9B")
        classes.add_class(s, "10A", "Chemistry 10A")

        def add(sid: str, code: str, consent: bool) -> object:
            return students.add_student(
                s,
                student_id=sid,
                name=f"Student {sid}",
                class_code=code,
                consent=consent,
                consent_by="parent",
            )

        ready = add("S1", "9B", True)
        encodings.add_encoding(s, ready.id, model_name=ACTIVE_MODEL, vector=rng.normal(size=128))  # type: ignore[attr-defined]
        old = add("S2", "9B", True)
        encodings.add_encoding(s, old.id, model_name="Facenet512", vector=rng.normal(size=512))  # type: ignore[attr-defined]
        add("S3", "9B", False)
        add("S4", "9B", True)
        photo_only = add("S5", "10A", True)
        students.set_photo(s, photo_only.id, b"\xff\xd8jpeg")  # type: ignore[attr-defined]
        gone = add("S6", "10A", True)
        encodings.add_encoding(s, gone.id, model_name=ACTIVE_MODEL, vector=rng.normal(size=128))  # type: ignore[attr-defined]
        students.get_row(s, "S6").is_active = False


@pytest.mark.parametrize(
    "db_url", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
def test_doctor_counts_recognisable_students_per_class(
    engine: Engine, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(engine)
    data = tmp_path / "doctor-data"
    data.mkdir()
    (data / "config.toml").write_text('[recognition]\nprofile = "dlib-offline"\n', encoding="utf-8")
    result = run_cli(capsys, ["--database", db_url, "--data-dir", str(data), "doctor"])
    out = result.out
    assert f"] Recognition: 1 of 5 active students can be recognised with {ACTIVE_MODEL}" in out, out
    assert "class 10A: 0 of 1 recognisable; 1 no encoding for this model (S5)" in out
    assert (
        "class 9B: 1 of 4 recognisable; 1 no consent recorded (S3); 1 no encoding for this model (S2); "
        "1 no photo (S4)"
    ) in out
    assert "[warn] Recognition" in out
    assert "fix: no consent recorded: record consent" in out
    assert "--reembed" in out
    assert result.out.rstrip().splitlines()[-1] != "All checks passed." or result.code == 0


def test_nobody_recognisable_fails_the_doctor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d"
    assert run_cli(capsys, ["--data-dir", str(data), "class", "add", "9B", "--name", "B"]).code == 0
    added = run_cli(
        capsys,
        ["--data-dir", str(data), "student", "add", "--student-id", "S1", "--name", "A", "--class", "9B"],
    )
    assert added.code == 0
    result = run_cli(capsys, ["--data-dir", str(data), "doctor"])
    assert result.code == 1
    assert "[FAIL] Recognition: 0 of 1 active students can be recognised" in result.out
    assert load_settings(data_dir=data).recognition.profile == "facenet512"


def test_the_rule_in_order() -> None:
    base = StudentFaceData("S", "N", "9B", True, 0, 0, False)
    assert why_not_recognisable(base) is Unrecognisable.NO_PHOTO
    assert (
        why_not_recognisable(base.__class__("S", "N", "9B", False, 3, 0, True)) is Unrecognisable.NO_CONSENT
    )
    assert (
        why_not_recognisable(base.__class__("S", "N", "9B", True, 0, 2, False))
        is Unrecognisable.NO_MODEL_ENCODING
    )
    assert why_not_recognisable(base.__class__("S", "N", "9B", True, 1, 0, False)) is None
    (only,) = coverage([base])
    assert only.active == 1 and only.recognisable == 0


def test_doctor_on_a_brand_new_data_folder_waits_for_the_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by the bundle check: the recognition count queried tables that are created only on
    the kiosk's first start, and the doctor died with a traceback."""
    result = run_cli(capsys, ["--data-dir", str(tmp_path / "new"), "doctor"])
    assert "Traceback" not in result.out + result.err, result.err
    assert "Recognition: not checked yet: the database's tables are not created" in result.out, result.out
