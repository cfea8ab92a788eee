"""The target tables a migration writes, and how many rows go in one transaction."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TypeVar

from sqlalchemy import Table

from kiosk.infra.db.models import AttendanceRecord, AttendanceSession, FaceEncoding, SchoolClass, Student

T = TypeVar("T")
BATCH = {
    "classes": 1000,
    "students": 2000,
    "face_encodings": 1000,
    "attendance_sessions": 2000,
    "attendance_records": 5000,
}
TABLES: dict[str, Table] = {
    "classes": SchoolClass.__table__,  # type: ignore[dict-item]
    "students": Student.__table__,  # type: ignore[dict-item]
    "face_encodings": FaceEncoding.__table__,  # type: ignore[dict-item]
    "attendance_sessions": AttendanceSession.__table__,  # type: ignore[dict-item]
    "attendance_records": AttendanceRecord.__table__,  # type: ignore[dict-item]
}
# Rows per transaction can be lowered (never needed in use; the kill tests want many batches).
BATCH_ENV = "KIOSK_MIGRATE_BATCH_ROWS"


def batch_size(table: str) -> int:
    raw = os.environ.get(BATCH_ENV, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else BATCH.get(table, 2000)


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
