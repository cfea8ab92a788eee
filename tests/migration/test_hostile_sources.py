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
