"""The legacy migration against a real PostgreSQL: counts, checksums, bad rows, idempotence."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import create_engine, text

from kiosk.app.migration import MigrationProblems, preview, run_migration
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import encodings
from tests.migration.conftest import database_content, file_hash
from tests.migration.legacy_factory import LegacySpec, make_legacy_db

pytestmark = pytest.mark.postgres


def _count(url: str, table: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def test_legacy_file_moves_verified_and_every_bad_row_is_reported(
    pg_url: str, tmp_path: Path, mig_settings: Settings
) -> None:
    legacy = make_legacy_db(tmp_path / "legacy", LegacySpec(edge_cases=True))
    before = file_hash(legacy.path)

    report = run_migration(legacy.path, pg_url, settings=mig_settings)

    assert report.ok, report.to_text()
    assert report.verified
    reasons = {(p.table, p.legacy_id): p.reason for p in report.problems}
    for key, fragment in legacy.bad.items():
        assert key in reasons, f"{key} missing from the report"
        assert fragment in reasons[key], (key, reasons[key])
    assert set(reasons) == set(legacy.bad)  # nothing else was kept aside
    for t in report.tables:
        assert t.accounted == t.source_rows
        assert t.target_rows == t.moved
        assert t.source_checksum == t.target_checksum
        assert _count(pg_url, t.table) == t.moved
    assert report.table("students").source_rows == legacy.counts["students"]
    assert report.table("attendance_records").source_rows == legacy.counts["attendance_records"]
    assert ("students", "notes") in report.unknown_columns
    assert "app_settings" in report.unknown_tables
    assert any(w.reason.startswith("class #9999 does not exist") for w in report.warnings)
    # No consent in the old app: every student is listed and none is ever matched.
    assert len(report.needs_consent) == report.table("students").moved
    engine = create_engine(pg_url)
    with unit_of_work(session_factory(engine)) as s:
        assert encodings.load_gallery(s, "Facenet512").size == 0
        stored = s.execute(
            text(
                "SELECT e.vector FROM face_encodings e JOIN students st ON st.id = e.student_id WHERE st.student_id = 'S10002'"
            )
        ).scalar_one()
    engine.dispose()
    assert np.array_equal(np.frombuffer(stored, "<f4"), legacy.encodings[2].astype("<f4"))
    # The students whose vectors were bad still moved, and need enrolling.
    assert {n.student_id for n in report.needs_enrollment} == {"E1", "E2", "E3", "E4", "E10"}
    assert file_hash(legacy.path) == before

    again = run_migration(legacy.path, pg_url, settings=mig_settings)
    assert again.ok and again.moved == 0
    assert all(t.already_present == t.moved + t.already_present for t in again.tables)
    assert again.table("attendance_records").already_present == report.table("attendance_records").moved


def test_variant_without_confidence_or_extra_columns(
    pg_url: str, tmp_path: Path, mig_settings: Settings
) -> None:
    spec = LegacySpec(confidence_column=False, extra_columns=False, students=12, records=40)
    legacy = make_legacy_db(tmp_path / "legacy", spec)
    report = run_migration(legacy.path, pg_url, settings=mig_settings)
    assert report.ok and not report.problems
    assert report.unknown_columns == (("classes", "description"), ("attendance_sessions", "is_active"))
    assert _count(pg_url, "attendance_records WHERE confidence IS NULL") == 40


def test_other_active_model_lists_everyone_for_enrollment(pg_url: str, tmp_path: Path) -> None:
    legacy = make_legacy_db(tmp_path / "legacy", LegacySpec(students=8, records=10, photos=3))
    base = load_settings(data_dir=tmp_path / "data")
    settings = replace(base, recognition=replace(base.recognition, profile="dlib-offline"))
    report = run_migration(legacy.path, pg_url, settings=settings)
    assert report.ok and report.active_model == "Dlib-chip"
    reasons = {n.student_id: n.reason for n in report.needs_enrollment}
    assert len(reasons) == 8
    assert reasons["S10001"] == "can be re-embedded from photo"
    assert reasons["S10008"] == "needs enrollment"


def test_preview_and_dry_run_write_nothing(pg_url: str, tmp_path: Path, mig_settings: Settings) -> None:
    legacy = make_legacy_db(tmp_path / "legacy", LegacySpec(edge_cases=True))
    pv = preview(legacy.path, mig_settings)
    assert pv.counts["attendance_records"] == legacy.counts["attendance_records"]
    assert {(p.table, p.legacy_id) for p in pv.problems} == set(legacy.bad)
    dry = run_migration(legacy.path, pg_url, settings=mig_settings, dry_run=True)
    assert dry.ok and dry.dry_run
    assert dry.table("students").moved == pv.report.table("students").moved
    assert _count(pg_url, "students") == 0 and _count(pg_url, "migration_map") == 0


def test_strict_mode_writes_nothing(pg_url: str, tmp_path: Path, mig_settings: Settings) -> None:
    legacy = make_legacy_db(tmp_path / "legacy", LegacySpec(edge_cases=True))
    with pytest.raises(MigrationProblems, match="nothing was written"):
        run_migration(legacy.path, pg_url, settings=mig_settings, strict=True)
    assert _count(pg_url, "students") == 0
    clean = make_legacy_db(tmp_path / "clean", LegacySpec(students=10, records=20))
    assert run_migration(clean.path, pg_url, settings=mig_settings, strict=True).ok


def test_cancel_leaves_a_resumable_target(
    pg_url: str, pg_server: object, tmp_path: Path, mig_settings: Settings
) -> None:
    legacy = make_legacy_db(tmp_path / "legacy", LegacySpec(students=40, sessions=10, records=200))
    cancel = threading.Event()
    stages: list[str] = []

    def progress(stage: str, done: int, total: int) -> None:
        stages.append(stage)
        if stage == "attendance_sessions":
            cancel.set()

    first = run_migration(legacy.path, pg_url, settings=mig_settings, progress=progress, cancel=cancel)
    assert first.cancelled and not first.ok
    assert first.table("students").moved == 40 and _count(pg_url, "attendance_sessions") == 0
    assert "students" in stages
    second = run_migration(legacy.path, pg_url, settings=mig_settings)
    assert second.ok and second.table("students").already_present == 40
    assert second.table("attendance_records").moved == 200


def test_empty_target_is_upgraded_and_matches_a_migrated_one(
    empty_pg_url: str, pg_url: str, tmp_path: Path, mig_settings: Settings
) -> None:
    legacy = make_legacy_db(tmp_path / "legacy", LegacySpec(students=15, records=30))
    assert run_migration(legacy.path, empty_pg_url, settings=mig_settings).ok
    assert run_migration(legacy.path, pg_url, settings=mig_settings).ok
    a, b = database_content(empty_pg_url), database_content(pg_url)
    for table in ("students", "attendance_sessions", "attendance_records", "face_encodings", "migration_map"):
        assert a[table] == b[table], table


def test_source_is_never_modified_even_with_a_pending_write(
    pg_url: str, tmp_path: Path, mig_settings: Settings
) -> None:
    legacy = make_legacy_db(tmp_path / "legacy", LegacySpec(students=10, records=20))
    before = file_hash(legacy.path)
    other = sqlite3.connect(legacy.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program holds a write transaction
        other.execute("INSERT INTO classes (id, name) VALUES (999, 'Uncommitted')")
        report = run_migration(legacy.path, pg_url, settings=mig_settings)
        assert report.ok
        assert report.table("classes").source_rows == legacy.counts["classes"]  # not the pending row
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert file_hash(legacy.path) == before
    assert not Path(f"{legacy.path}-wal").exists() or Path(f"{legacy.path}-wal").stat().st_size == 0
