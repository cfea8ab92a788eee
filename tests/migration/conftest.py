"""Helpers for the migration tests: compare two PostgreSQL databases by content."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from kiosk.infra.config import Settings, load_settings


@pytest.fixture
def mig_settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data")


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Surrogate integer keys differ between databases (sequences); compare what they point to.
_CONTENT = {
    "classes": "SELECT code, name, teacher, created_at FROM classes",
    "students": (
        "SELECT s.id, s.student_id, s.name, s.email, s.phone, c.code, s.is_active, s.consent_given, "
        "s.created_at, s.updated_at FROM students s LEFT JOIN classes c ON c.id = s.class_id"
    ),
    "face_encodings": "SELECT student_id, model_name, dimension, md5(vector), source FROM face_encodings",
    "attendance_sessions": (
        "SELECT s.id, c.code, s.started_at, s.ended_at, s.started_by, s.kiosk_id "
        "FROM attendance_sessions s JOIN classes c ON c.id = s.class_id"
    ),
    "attendance_records": (
        "SELECT id, session_id, student_id, status, confidence, details, face_box, source, note, marked_at "
        "FROM attendance_records"
    ),
    "migration_map": (
        "SELECT table_name, legacy_id, CASE WHEN table_name IN ('classes', 'face_encodings') "
        "THEN '' ELSE new_id END FROM migration_map"
    ),
}


def database_content(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: sorted(tuple(map(str, r)) for r in conn.execute(text(q))) for t, q in _CONTENT.items()}
    finally:
        engine.dispose()
