"""Hostile or damaged source files: each bad row is set aside with its reason, the rest moves.

Real SQLite sources, real .npy files, a real PostgreSQL target.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import create_engine, text

from kiosk.app.migration import preview, run_migration
from kiosk.app.migration_reembed import reembed_from_photos
from kiosk.infra.config import Settings
from tests.migration.legacy_factory import LegacySpec, make_legacy_db
from tests.migration.test_cli import _own_database

pytestmark = pytest.mark.postgres
FORMS = "Signed forms held by the school office, 2024"


def _scalar(url: str, sql: str) -> object:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).scalar_one()
    finally:
        engine.dispose()


def test_a_malformed_vector_in_a_kiosk_file_is_set_aside(
    pg_url: str, tmp_path: Path, mig_settings: Settings
) -> None:
    source = tmp_path / "kiosk.db"
    _own_database(source)
    with sqlite3.connect(source) as conn:  # 5 bytes where 512 float32 values (2048 bytes) belong
        (enc_id,) = conn.execute("SELECT id FROM face_encodings").fetchone()
        # As a kiosk file from before revision 0003 (no length CHECK yet) may hold.
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("UPDATE face_encodings SET vector = ? WHERE id = ?", (b"\x01\x02\x03\x04\x05", enc_id))

    dry = preview(source, mig_settings).report
    assert [(p.table, p.legacy_id) for p in dry.problems] == [("face_encodings", str(enc_id))]

    report = run_migration(source, pg_url, settings=mig_settings)

    assert report.ok, report.to_text()  # every row accounted for: the bad one is listed, not moved
    (problem,) = report.problems
    assert problem.table == "face_encodings" and problem.legacy_id == str(enc_id)
    assert "5 bytes" in problem.reason, problem.reason
    assert report.table("face_encodings").skipped == 1 and report.table("face_encodings").moved == 0
    assert report.table("students").moved == 2
    assert _scalar(pg_url, "SELECT COUNT(*) FROM face_encodings") == 0


def test_a_kiosk_vector_with_nan_is_set_aside(pg_url: str, tmp_path: Path, mig_settings: Settings) -> None:
    source = tmp_path / "kiosk.db"
    _own_database(source)
    vector = np.ones(512, dtype="<f4")
    vector[3] = np.nan
    with sqlite3.connect(source) as conn:
        conn.execute("UPDATE face_encodings SET vector = ?", (vector.tobytes(),))

    report = run_migration(source, pg_url, settings=mig_settings)

    assert report.ok, report.to_text()
    assert [p.reason for p in report.problems] == ["the vector holds NaN or infinite values"]
    assert _scalar(pg_url, "SELECT COUNT(*) FROM face_encodings") == 0


def _huge_npy(path: Path) -> None:
    """193 bytes whose header declares 10**11 float32 values (400 GB if believed)."""
    with path.open("wb") as fh:
        np.lib.format.write_array_header_1_0(fh, {"descr": "<f4", "fortran_order": False, "shape": (10**11,)})
        fh.write(b"\x00" * 64)


def test_a_legacy_npy_declaring_a_huge_shape_is_reported_not_loaded(
    pg_url: str, tmp_path: Path, mig_settings: Settings
) -> None:
    legacy = make_legacy_db(tmp_path / "legacy", LegacySpec(students=4, records=4, photos=0))
    _huge_npy(tmp_path / "legacy" / "encodings" / "student_2.npy")

    report = run_migration(legacy.path, pg_url, settings=mig_settings)

    assert report.ok, report.to_text()
    reasons = {(p.table, p.legacy_id): p.reason for p in report.problems}
    assert set(reasons) == {("face_encodings", "2")}
    assert "100000000000 values" in reasons[("face_encodings", "2")]
    assert report.table("face_encodings").moved == 3


def test_legacy_paths_outside_the_legacy_folder_are_refused(
    pg_url: str, tmp_path: Path, mig_settings: Settings
) -> None:
    folder = tmp_path / "legacy"
    legacy = make_legacy_db(folder, LegacySpec(students=5, records=5, photos=0))
    # Real files outside the legacy folder: a valid encoding and a real photo.
    outside = tmp_path / "outside"
    outside.mkdir()
    np.save(outside / "vector.npy", np.ones(512))
    photo = outside / "face.jpg"
    photo.write_bytes((Path(__file__).parents[1] / "data/faces/people/person01/1.jpg").read_bytes())
    with sqlite3.connect(legacy.path) as conn:
        conn.execute("UPDATE students SET face_encoding_path = '../outside/vector.npy' WHERE id = 1")
        conn.execute(
            "UPDATE students SET face_encoding_path = ? WHERE id = 2", (str(outside / "vector.npy"),)
        )
        conn.execute("UPDATE students SET face_encoding_path = '..\\outside\\vector.npy' WHERE id = 3")
        conn.execute(
            "UPDATE students SET face_encoding_path = NULL, photo_path = '../outside/face.jpg' WHERE id = 4"
        )
        conn.execute(
            "UPDATE students SET face_encoding_path = NULL, photo_path = ? WHERE id = 5", (str(photo),)
        )

    report = run_migration(legacy.path, pg_url, settings=mig_settings, consent_on_file=FORMS)

    assert report.ok, report.to_text()
    reasons = {(p.table, p.legacy_id): p.reason for p in report.problems}
    assert set(reasons) == {("face_encodings", "1"), ("face_encodings", "2"), ("face_encodings", "3")}
    assert all("outside the old app's folder" in r for r in reasons.values()), reasons
    caveats = {p.legacy_id: p.reason for p in report.warnings if p.table == "students"}
    assert "outside the old app's folder" in caveats["4"] and "outside the old app's folder" in caveats["5"]
    # Neither photo is offered for re-embedding...
    assert {n.student_id: n.reason for n in report.needs_enrollment}["S10004"] == "needs enrollment"
    assert {n.student_id: n.reason for n in report.needs_enrollment}["S10005"] == "needs enrollment"
    # ... nor read when re-embedding is asked for (no face model is loaded: nothing to enroll).
    result = reembed_from_photos(legacy.path, pg_url, settings=mig_settings)
    needs = {n.student_id: n.reason for n in result.needs_enrollment}
    assert "outside the old app's folder" in needs["S10004"], needs
    assert "outside the old app's folder" in needs["S10005"], needs
    assert not result.enrolled
