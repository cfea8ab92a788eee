"""Legacy students under another model: attested consent, then re-embedding from the old
app's photos (real PostgreSQL, real photos, the real dlib-offline models)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import cv2
import numpy as np
import pytest
from sqlalchemy import create_engine, func, select

from kiosk.app.migration import apply_legacy_consent, run_migration
from kiosk.app.migration_reembed import NO_CONSENT, reembed_from_photos
from kiosk.cli.main import main
from kiosk.core.errors import InvalidInput
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.models import AuditLog, FaceEncoding, Student
from kiosk.infra.db.repo import students
from kiosk.infra.recognition.pipeline import FacePipeline
from tests.conftest import FACES_DIR, offline_profile_data_dir
from tests.migration.conftest import file_hash
from tests.migration.legacy_factory import LegacyFile, LegacySpec, make_legacy_db
from tests.migration.test_cli import _own_database

pytestmark = [pytest.mark.postgres]
FORMS = "Signed forms held by the school office, 2024"
ALL = [f"S{10000 + i}" for i in range(1, 7)]
ENROLLABLE = ["S10001", "S10002"]  # real face photos (one path relative, one absolute)


def _legacy(folder: Path) -> LegacyFile:
    """Six students: two real face photos, one photo gone, one photo without a face, two none."""
    legacy = make_legacy_db(folder, LegacySpec(classes=2, students=6, sessions=2, records=6, photos=4))
    photos = folder / "photos"
    assert (photos / "student_1.jpg").read_bytes() == (FACES_DIR / "people/person01/1.jpg").read_bytes()
    (photos / "student_3.jpg").unlink()  # the old app points at a file no longer there
    # A real JPEG of a plain wall: no face in it.
    ramp = np.tile(np.linspace(60, 200, 480, dtype=np.uint8), (360, 1))
    assert cv2.imwrite(str(photos / "student_4.jpg"), cv2.merge([ramp, ramp, ramp]))
    with sqlite3.connect(legacy.path) as conn:  # the old app stored absolute paths too
        conn.execute("UPDATE students SET photo_path = ? WHERE id = 2", (str(photos / "student_2.jpg"),))
    return legacy


@pytest.fixture
def offline_settings(tmp_path: Path, dlib_models_dir: Path) -> tuple[Path, Settings]:
    data_dir = offline_profile_data_dir(tmp_path, dlib_models_dir)
    return data_dir, load_settings(data_dir=data_dir)


def _rows(url: str) -> dict[str, tuple[bool, str | None, int]]:
    """student id -> (consent given, consent by, Dlib-chip encodings)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            counts = dict(
                conn.execute(
                    select(Student.student_id, func.count(FaceEncoding.id))
                    .join(
                        FaceEncoding,
                        (FaceEncoding.student_id == Student.id) & (FaceEncoding.model_name == "Dlib-chip"),
                        isouter=True,
                    )
                    .group_by(Student.student_id)
                ).all()
            )
            return {
                r.student_id: (r.consent_given, r.consent_by, counts[r.student_id])
                for r in conn.execute(select(Student.student_id, Student.consent_given, Student.consent_by))
            }
    finally:
        engine.dispose()


def _consent_audit(url: str) -> list[tuple[str, str | None, dict[str, object]]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [
                (r.entity_id, r.actor, r.details)
                for r in conn.execute(
                    select(AuditLog.entity_id, AuditLog.actor, AuditLog.details)
                    .where(AuditLog.action == "student.consent_given")
                    .order_by(AuditLog.entity_id)
                )
            ]
    finally:
        engine.dispose()


def _kiosk(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), "migrate", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.recognition
@pytest.mark.slow
def test_cli_consent_on_file_then_reembed_enrolls_each_photo_once(
    pg_url: str,
    tmp_path: Path,
    offline_settings: tuple[Path, Settings],
    capsys: pytest.CaptureFixture[str],
) -> None:
    data_dir, settings = offline_settings
    legacy = _legacy(tmp_path / "legacy")
    before = file_hash(legacy.path)
    base = ("--from", str(legacy.path), "--to", pg_url, "--reembed")

    # Without an attestation: moved, nobody consented, nothing enrolled, all listed.
    code, out, err = _kiosk(capsys, data_dir, *base)
    assert code == 0, out + err
    assert "Students needing recorded consent before face recognition (6)" in out
    assert "0 enrolled now" in out and "6 skipped" in out and NO_CONSENT in out
    assert _rows(pg_url) == dict.fromkeys(ALL, (False, None, 0))
    assert _consent_audit(pg_url) == []

    # With it: consent recorded for all six with the text and an audit entry each, the two
    # usable photos enrolled, the others listed with why.
    report = tmp_path / "report.json"
    code, out, err = _kiosk(capsys, data_dir, *base, "--consent-on-file", FORMS, "--report", str(report))
    assert code == 0, out + err
    assert f"Consent on file ({FORMS}) recorded for 6 student(s)." in out
    assert "Students needing recorded consent" not in out
    rows = _rows(pg_url)
    assert {sid: r[:2] for sid, r in rows.items()} == dict.fromkeys(ALL, (True, FORMS))
    assert {sid: r[2] for sid, r in rows.items()} == {sid: int(sid in ENROLLABLE) for sid in ALL}
    assert _consent_audit(pg_url) == [
        (sid, "kiosk migrate", {"by": FORMS, "encodings_deleted": 0}) for sid in ALL
    ]
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["needs_consent"] == []
    rb = data["reembed"]
    assert rb["active_model"] == "Dlib-chip"
    assert [n["student_id"] for n in rb["enrolled"]] == ENROLLABLE
    needs = {n["student_id"]: n["reason"] for n in rb["needs_enrollment"]}
    assert needs["S10003"] == "needs enrollment: photo photos/student_3.jpg not found"
    assert needs["S10004"].startswith("needs enrollment: photo photos/student_4.jpg rejected: No face")
    assert needs["S10005"] == needs["S10006"] == "needs enrollment: the old app had no photo"
    assert rb["skipped"] == []
    assert "No face was found in the photo" in out

    # Re-embedding again enrolls nobody twice.
    again = reembed_from_photos(legacy.path, pg_url, settings=settings)
    assert again.enrolled == () and [n.student_id for n in again.already_enrolled] == ENROLLABLE
    assert _rows(pg_url) == rows
    assert file_hash(legacy.path) == before


@pytest.mark.recognition
@pytest.mark.slow
def test_the_whole_command_again_moves_consents_and_enrolls_nothing(
    pg_url: str,
    tmp_path: Path,
    offline_settings: tuple[Path, Settings],
    capsys: pytest.CaptureFixture[str],
) -> None:
    data_dir, _settings = offline_settings
    legacy = _legacy(tmp_path / "legacy")
    args = ("--from", str(legacy.path), "--to", pg_url, "--reembed", "--consent-on-file", FORMS)
    code, out, err = _kiosk(capsys, data_dir, *args)
    assert code == 0, out + err
    rows = _rows(pg_url)
    code, out, err = _kiosk(capsys, data_dir, *args)
    assert code == 0, out + err
    assert "recorded for 0 student(s); 6 already had a consent decision" in out
    assert "0 enrolled now, 2 enrolled before" in out
    assert "Students needing recorded consent" not in out
    assert (
        "S10001"
        not in out.split("Students needing enrollment for the active model")[1].split("Re-embedding")[0]
    )
    assert _rows(pg_url) == rows
    assert len(_consent_audit(pg_url)) == 6


@pytest.mark.recognition
@pytest.mark.slow
def test_api_keeps_a_withdrawal_and_skips_students_without_consent(
    pg_url: str, tmp_path: Path, offline_settings: tuple[Path, Settings]
) -> None:
    _data_dir, settings = offline_settings
    legacy = _legacy(tmp_path / "legacy")
    pipeline = FacePipeline(settings)

    report = run_migration(legacy.path, pg_url, settings=settings)  # the wizard's call, unchanged
    assert report.ok and len(report.needs_consent) == 6
    first = reembed_from_photos(legacy.path, pg_url, settings=settings, pipeline=pipeline)
    assert first.enrolled == () and [n.reason for n in first.skipped] == [NO_CONSENT] * 6
    assert [n.student_id for n in first.needs_consent] == ALL

    # Consent recorded, then withdrawn for one student by a parent before re-embedding.
    after = apply_legacy_consent(report, pg_url, settings, FORMS)
    assert after.needs_consent == ()
    engine = create_engine(pg_url)
    with unit_of_work(session_factory(engine)) as s:
        students.set_consent(s, "S10001", given=False, by="parent", actor="office")
    engine.dispose()
    # Re-running the attestation must not override the withdrawal.
    again = apply_legacy_consent(report, pg_url, settings, FORMS)
    assert [(n.student_id, n.reason) for n in again.needs_consent] == [
        ("S10001", "consent withdrawn in the kiosk")
    ]
    second = reembed_from_photos(legacy.path, pg_url, settings=settings, pipeline=pipeline)
    assert [n.student_id for n in second.enrolled] == ["S10002"]
    assert [(n.student_id, n.reason) for n in second.skipped] == [("S10001", NO_CONSENT)]
    assert _rows(pg_url)["S10001"] == (False, "parent", 0)
    third = reembed_from_photos(legacy.path, pg_url, settings=settings, pipeline=pipeline)
    assert third.enrolled == () and [n.student_id for n in third.already_enrolled] == ["S10002"]
    assert _rows(pg_url)["S10002"][2] == 1


def test_dry_run_records_no_consent(pg_url: str, tmp_path: Path, mig_settings: Settings) -> None:
    legacy = make_legacy_db(tmp_path / "legacy", LegacySpec(students=4, records=4))
    report = run_migration(legacy.path, pg_url, settings=mig_settings, dry_run=True, consent_on_file=FORMS)
    assert report.ok and report.dry_run
    assert f"Consent on file ({FORMS}) would be recorded for 4 student(s)." in report.notes
    assert _rows(pg_url) == {}
    assert _consent_audit(pg_url) == []


def test_bad_consent_and_reembed_input_gives_one_clear_line(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    legacy = make_legacy_db(tmp_path / "legacy", LegacySpec(students=3, records=3))
    own = tmp_path / "kiosk.db"
    _own_database(own)
    data_dir = tmp_path / "d"
    cases = [
        (("--from", str(legacy.path), "--to", pg_url, "--consent-on-file", "  "), "needs a text"),
        (("--from", str(legacy.path), "--to", pg_url, "--consent-on-file", "x" * 201), "at most 200"),
        (("--from", str(legacy.path), "--to", pg_url, "--reembed", "--dry-run"), "cannot be combined"),
        (("--from", str(own), "--to", pg_url, "--consent-on-file", FORMS), "old attendance app's file only"),
    ]
    for argv, fragment in cases:
        code, _out, err = _kiosk(capsys, data_dir, *argv)
        assert code == 2, err
        assert fragment in err and err.count("\n") == 1 and "Traceback" not in err
    assert _rows(pg_url) == {}  # nothing was moved by any of them
    with pytest.raises(InvalidInput, match="have been migrated"):
        reembed_from_photos(legacy.path, pg_url, settings=load_settings(data_dir=data_dir))
