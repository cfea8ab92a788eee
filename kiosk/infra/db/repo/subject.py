"""Everything held about one pupil (subject access), and the counts the privacy report needs.

Plain dictionaries of JSON-ready values: they go into the export's files and the report as
they are. Face vectors leave only when asked for (``with_vectors``).
"""

from __future__ import annotations

import base64
import uuid
from typing import Any

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from kiosk.infra.db.models import (
    AttendanceRecord,
    AttendanceSession,
    AuditLog,
    CheckinCredential,
    FaceEncoding,
    SchoolClass,
    Student,
)
from kiosk.infra.db.repo.students import get_row


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def record(session: Session, student_id: str) -> tuple[dict[str, Any], bytes | None]:
    row = get_row(session, student_id)
    class_code = (
        session.scalar(select(SchoolClass.code).where(SchoolClass.id == row.class_id))
        if row.class_id
        else None
    )
    cred = session.get(CheckinCredential, row.id)
    data = {
        "internal_id": str(row.id),
        "student_id": row.student_id,
        "name": row.name,
        "class": class_code,
        "email": row.email,
        "phone": row.phone,
        "is_active": row.is_active,
        "face_matching_allowed": row.consent_given,
        "consent_at": _iso(row.consent_at),
        "consent_by": row.consent_by,
        "has_thumbnail": row.photo is not None,
        "has_checkin_card": bool(cred and cred.card_hash),
        "has_pin": bool(cred and cred.pin_hash),
        "created_at": _iso(row.created_at),
        "updated_at": _iso(row.updated_at),
    }
    return data, row.photo


def attendance(session: Session, student_uuid: uuid.UUID) -> list[dict[str, Any]]:
    stmt = (
        select(AttendanceRecord, AttendanceSession.started_at, SchoolClass.code)
        .join(AttendanceSession, AttendanceSession.id == AttendanceRecord.session_id)
        .join(SchoolClass, SchoolClass.id == AttendanceSession.class_id)
        .where(AttendanceRecord.student_id == student_uuid)
        .order_by(AttendanceRecord.marked_at)
    )
    return [
        {
            "class": code,
            "session_started_at": _iso(started),
            "status": r.status.value,
            "method": r.source.value,
            "marked_at": _iso(r.marked_at),
            "confidence": r.confidence,
            "note": r.note,
        }
        for r, started, code in session.execute(stmt)
    ]


def audit_entries(session: Session, student_id: str, student_uuid: uuid.UUID) -> list[dict[str, Any]]:
    stmt = (
        select(AuditLog)
        .where(or_(AuditLog.entity_id == student_id, AuditLog.entity_id == str(student_uuid)))
        .order_by(AuditLog.id)
    )
    return [
        {
            "at": _iso(r.at),
            "actor": r.actor,
            "action": r.action,
            "entity": r.entity,
            "details": r.details or {},
        }
        for r in session.scalars(stmt)
    ]


def templates(session: Session, student_uuid: uuid.UUID, *, with_vectors: bool) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(FaceEncoding).where(FaceEncoding.student_id == student_uuid).order_by(FaceEncoding.id)
    )
    out = []
    for r in rows:
        item: dict[str, Any] = {
            "model": r.model_name,
            "dimension": r.dimension,
            "quality": r.quality,
            "source": r.source,
            "created_at": _iso(r.created_at),
        }
        if with_vectors:
            item["vector_float32_le_base64"] = base64.b64encode(r.vector).decode("ascii")
        out.append(item)
    return out


def counts(session: Session) -> dict[str, Any]:
    """Numbers for the privacy report."""
    by_source = dict(
        session.execute(select(AttendanceRecord.source, func.count()).group_by(AttendanceRecord.source)).all()
    )
    return {
        "students": session.scalar(select(func.count(Student.id))) or 0,
        "active_students": session.scalar(select(func.count(Student.id)).where(Student.is_active.is_(True)))
        or 0,
        "students_with_templates": session.scalar(select(func.count(func.distinct(FaceEncoding.student_id))))
        or 0,
        "templates": session.scalar(select(func.count(FaceEncoding.id))) or 0,
        "thumbnails": session.scalar(select(func.count(Student.id)).where(Student.photo.is_not(None))) or 0,
        "attendance_records": sum(by_source.values()),
        "marks_by_method": {k.value: v for k, v in by_source.items()},
        "oldest_mark": _iso(session.scalar(select(func.min(AttendanceRecord.marked_at)))),
        "audit_entries": session.scalar(select(func.count(AuditLog.id))) or 0,
    }


def database_access(session: Session) -> list[str]:
    """Who can read the face templates: PostgreSQL roles with a grant on the table, and its owner."""
    if session.get_bind().dialect.name != "postgresql":
        return []
    owner = session.execute(
        text(
            "SELECT tableowner FROM pg_tables WHERE tablename = 'face_encodings' AND schemaname = current_schema()"
        )
    ).scalar()
    grants = session.execute(
        text(
            "SELECT grantee, string_agg(privilege_type, ', ' ORDER BY privilege_type) "
            "FROM information_schema.role_table_grants WHERE table_name = 'face_encodings' "
            "GROUP BY grantee ORDER BY grantee"
        )
    ).all()
    supers = (
        session.execute(text("SELECT rolname FROM pg_roles WHERE rolsuper ORDER BY rolname")).scalars().all()
    )
    lines = [f"owner of the table: {owner}"] if owner else []
    lines += [f"{who}: {privileges}" for who, privileges in grants if who != owner]
    lines += [f"{name}: superuser (can read everything)" for name in supers if name != owner]
    return lines
