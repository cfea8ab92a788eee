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
from kiosk.infra.config import Settings
from tests.migration.legacy_factory import LegacySpec, make_legacy_db
from tests.migration.test_cli import _own_database

pytestmark = pytest.mark.postgres


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
