"""Check-in credentials: hashed card tokens and PINs per student (never the secrets)."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.checkin import CheckinCredentials, hash_card_token, hash_pin
from kiosk.infra.db.models import CheckinCredential, SchoolClass, Student, utcnow
from kiosk.infra.db.repo import audit


def _row(session: Session, student_uuid: uuid.UUID) -> CheckinCredential:
    row = session.get(CheckinCredential, student_uuid)
    if row is None:
        row = CheckinCredential(student_id=student_uuid)
        session.add(row)
    return row


def issue_card(session: Session, student: Student, token: str, *, actor: str | None) -> None:
    """Store the hash of a new card token: the student's older card stops working."""
    row = _row(session, student.id)
    replaced = row.card_hash is not None
    row.card_hash = hash_card_token(token)
    row.card_issued_at = utcnow()
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="checkin.card_issued",
        entity="student",
        entity_id=student.student_id,
        details={"replaced_older_card": replaced},
    )


def set_pin(session: Session, student: Student, pin: str | None, *, actor: str | None) -> None:
    row = _row(session, student.id)
    row.pin_hash = hash_pin(pin) if pin else None
    row.pin_set_at = utcnow() if pin else None
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="checkin.pin_set" if pin else "checkin.pin_removed",
        entity="student",
        entity_id=student.student_id,
    )


def has_card(session: Session, student_uuid: uuid.UUID) -> bool:
    row = session.get(CheckinCredential, student_uuid)
    return row is not None and row.card_hash is not None


def for_class(session: Session, class_code: str) -> CheckinCredentials:
    stmt = (
        select(CheckinCredential.student_id, CheckinCredential.card_hash, CheckinCredential.pin_hash)
        .join(Student, Student.id == CheckinCredential.student_id)
        .join(SchoolClass, SchoolClass.id == Student.class_id)
        .where(SchoolClass.code == class_code, Student.is_active.is_(True))
    )
    cards: dict[str, uuid.UUID] = {}
    pins: dict[uuid.UUID, str] = {}
    for sid, card, pin in session.execute(stmt):
        if card:
            cards[card] = sid
        if pin:
            pins[sid] = pin
    return CheckinCredentials(cards, pins)


def counts(session: Session) -> dict[str, int]:
    cards = session.scalar(select(func.count()).where(CheckinCredential.card_hash.is_not(None)))
    pins = session.scalar(select(func.count()).where(CheckinCredential.pin_hash.is_not(None)))
    return {"cards": int(cards or 0), "pins": int(pins or 0)}
