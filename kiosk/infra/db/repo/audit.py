"""The audit log: manual attendance changes, consent changes and deletions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.infra.db.models import AuditLog


def record(
    session: Session,
    *,
    actor: str | None,
    action: str,
    entity: str,
    entity_id: str,
    details: dict[str, Any] | None = None,
) -> None:
    session.add(AuditLog(actor=actor, action=action, entity=entity, entity_id=entity_id, details=details))
    session.flush()


def entries(
    session: Session, *, entity_id: str | None = None, action: str | None = None
) -> list[dict[str, Any]]:
    stmt = select(AuditLog).order_by(AuditLog.id)
    if entity_id is not None:
        stmt = stmt.where(AuditLog.entity_id == entity_id)
    if action is not None:
        stmt = stmt.where(AuditLog.action == action)
    rows = session.scalars(stmt).all()
    return [_as_dict(r) for r in rows]


def _as_dict(row: AuditLog) -> dict[str, Any]:
    at: datetime = row.at
    return {
        "at": at,
        "actor": row.actor,
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "details": row.details or {},
    }
