"""The target tables a migration writes, and how many rows go in one transaction."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TypeVar

from sqlalchemy import Table

from kiosk.infra.db.models import (
    AttendanceRecord,
    AttendanceSession,
    AuditLog,
    CheckinCredential,
    ClassTeacher,
    ConsentLedgerRow,
    ConsentTextRow,
    FaceEncoding,
    LookalikePair,
    SchoolClass,
    Student,
    UserAccount,
)

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
# The kiosk's own database moved as is (kiosk.infra.migration.own): every table holding what
# people entered, in an order where each row's references are already there.
OWN_TABLES: dict[str, Table] = {
    **TABLES,
    "lookalike_pairs": LookalikePair.__table__,  # type: ignore[dict-item]
    "consent_texts": ConsentTextRow.__table__,  # type: ignore[dict-item]
    "consent_ledger": ConsentLedgerRow.__table__,  # type: ignore[dict-item]
    "checkin_credentials": CheckinCredential.__table__,  # type: ignore[dict-item]
    "users": UserAccount.__table__,  # type: ignore[dict-item]
    "class_teachers": ClassTeacher.__table__,  # type: ignore[dict-item]
    "audit_log": AuditLog.__table__,  # type: ignore[dict-item]
}
OWN_ORDER = tuple(OWN_TABLES)
# What the target makes again itself rather than copying: the report counts (triggers on the
# records), the audit chain's head (re-chained), the search tables (see DIALECT_ONLY_TABLE_PREFIX).
REBUILT_TABLES = frozenset(
    {
        "attendance_day_counts",
        "attendance_session_counts",
        "audit_chain_head",
        "alembic_version",
        "migration_map",
    }
)
# Rows per transaction can be lowered (never needed in use; the kill tests want many batches).
BATCH_ENV = "KIOSK_MIGRATE_BATCH_ROWS"


def batch_size(table: str) -> int:
    raw = os.environ.get(BATCH_ENV, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else BATCH.get(table, 2000)


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
