"""Changing a student the school already has: details, class, active or not (each audit-logged).

Apart from :mod:`students` (adding, consent, erasure) so that changes to either stay small.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.domain import StudentInfo
from kiosk.core.errors import Conflict, InvalidInput
from kiosk.core.text_search import normalise_name
from kiosk.infra.db.models import Student
from kiosk.infra.db.repo import audit
from kiosk.infra.db.repo._common import check_length, flush_or_conflict
from kiosk.infra.db.repo.changes import RosterChange, announce, class_code_of
from kiosk.infra.db.repo.classes import get_row as get_class_row
from kiosk.infra.db.repo.students import _EMAIL, get_row, get_student

_CLEAR = ""  # an empty text clears an optional field (email, phone)


def edit_student(
    session: Session,
    student_id: str,
    *,
    name: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    actor: str | None,
) -> StudentInfo:
    """Change the given details (``None``: unchanged; ``""`` clears email or phone)."""
    row = get_row(session, student_id)
    columns = Student.__table__.c
    changed: list[str] = []
    if name is not None:
        if not name.strip():
            raise InvalidInput("A student needs a name.", "Give the new name with --name.")
        check_length("name", name.strip(), columns.name)
        row.name = name.strip()
        row.name_search = normalise_name(row.name)  # search's copy (a trigger also keeps it on PostgreSQL)
        changed.append("name")
    if email is not None:
        email = email.strip() or None
        if email is not None and not _EMAIL.match(email):
            raise InvalidInput(f"{email!r} is not an email address.", "Give it as name@school.org.")
        check_length("email", email, columns.email)
        if email and session.scalar(select(Student.id).where(Student.email == email, Student.id != row.id)):
            raise Conflict(
                f"Another student already has the email {email!r}.", "Each email can belong to one student."
            )
        row.email = email
        changed.append("email")
    if phone is not None:
        phone = phone.strip() or None
        check_length("phone number", phone, columns.phone)
        row.phone = phone
        changed.append("phone")
    flush_or_conflict(session, lambda _: Conflict("Another student already has that email."))
    audit.record(
        session, actor=actor, action="student.edit", entity="student", entity_id=row.student_id,
        details={"fields": changed},
    )  # fmt: skip
    announce(session, RosterChange(class_code_of(session, row.class_id), row.id, "student"))
    return get_student(session, student_id)


def move_student(
    session: Session, student_id: str, class_code: str | None, *, actor: str | None
) -> StudentInfo:
    """Put the student in another class (``None``: in none); past marks stay with past sessions."""
    row = get_row(session, student_id)
    left = class_code_of(session, row.class_id)
    target = get_class_row(session, class_code) if class_code else None
    if target is not None and target.archived_at is not None:
        raise InvalidInput(f"The class {class_code!r} is archived.", "Move the student to a class in use.")
    row.class_id = target.id if target is not None else None
    session.flush()
    audit.record(
        session, actor=actor, action="student.move", entity="student", entity_id=row.student_id,
        details={"class": class_code},
    )  # fmt: skip
    for code in {left, class_code}:  # both classes' kiosks: one loses the student, one gains them
        announce(session, RosterChange(code, row.id, "student"))
    return get_student(session, student_id)


def set_active(session: Session, student_id: str, active: bool, *, actor: str | None) -> StudentInfo:
    """Deactivate (left the school: never matched or listed for sessions, data kept) or reactivate."""
    row = get_row(session, student_id)
    row.is_active = active
    session.flush()
    audit.record(
        session, actor=actor, action="student.activate" if active else "student.deactivate",
        entity="student", entity_id=row.student_id, details={},
    )  # fmt: skip
    announce(session, RosterChange(class_code_of(session, row.class_id), row.id, "student"))
    return get_student(session, student_id)
