"""Students: identity, class, contact, and the consent that gates any biometric use."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from kiosk.core.domain import StudentInfo
from kiosk.core.errors import Conflict, InvalidInput, NotFound
from kiosk.infra.db.models import FaceEncoding, SchoolClass, Student
from kiosk.infra.db.repo import audit
from kiosk.infra.db.repo import consent as consent_ledger
from kiosk.infra.db.repo._common import check_length, flush_or_conflict
from kiosk.infra.db.repo.changes import RosterChange, announce, class_code_of
from kiosk.infra.db.repo.classes import get_row as get_class_row

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _with_counts() -> Select[Student, str | None, int]:
    count = (
        select(func.count(FaceEncoding.id))
        .where(FaceEncoding.student_id == Student.id)
        .correlate(Student)
        .scalar_subquery()
    )
    return select(Student, SchoolClass.code, count).outerjoin(SchoolClass, Student.class_id == SchoolClass.id)


def to_info(row: Student, class_code: str | None, encoding_count: int = 0) -> StudentInfo:
    return StudentInfo(
        id=row.id,
        student_id=row.student_id,
        name=row.name,
        class_code=class_code,
        email=row.email,
        phone=row.phone,
        is_active=row.is_active,
        consent_given=row.consent_given,
        consent_at=row.consent_at,
        consent_by=row.consent_by,
        encoding_count=encoding_count,
    )


def add_student(
    session: Session,
    *,
    student_id: str,
    name: str,
    class_code: str | None,
    email: str | None = None,
    phone: str | None = None,
    consent: bool = False,
    consent_by: str | None = None,
) -> StudentInfo:
    student_id, name = student_id.strip(), name.strip()
    if not student_id or not name:
        raise InvalidInput("A student needs an id and a name.", "Give both --student-id and --name.")
    if email is not None and not _EMAIL.match(email):
        raise InvalidInput(
            f"{email!r} is not an email address.", "Give it as name@school.org, or leave it out."
        )
    columns = Student.__table__.c
    for label, value, column in (
        ("student id", student_id, columns.student_id),
        ("name", name, columns.name),
        ("email", email, columns.email),
        ("phone number", phone, columns.phone),
        ("name of who gave consent", consent_by, columns.consent_by),
    ):
        check_length(label, value, column)
    class_row = get_class_row(session, class_code) if class_code else None
    if session.scalar(select(Student.id).where(Student.student_id == student_id)) is not None:
        raise Conflict(
            f"A student with id {student_id!r} already exists.",
            "Student ids are unique; check `kiosk student list --search` for the existing one.",
        )
    if email and session.scalar(select(Student.id).where(Student.email == email)) is not None:
        raise Conflict(
            f"Another student already has the email {email!r}.", "Each email can belong to one student."
        )
    row = Student(
        student_id=student_id,
        name=name,
        class_id=class_row.id if class_row else None,
        email=email,
        phone=phone,
        consent_given=consent,
        consent_at=datetime.now(UTC) if consent else None,
        consent_by=consent_by if consent else None,
    )
    session.add(row)
    flush_or_conflict(session, lambda _: Conflict(f"A student with id {student_id!r} already exists."))
    announce(session, RosterChange(class_code, row.id, "student"))
    if consent:
        texts = consent_ledger.texts(session)
        entry = consent_ledger.flag_entry(
            given=True, by=consent_by, actor=None, method="recorded when the student was added"
        )
        version = texts[-1].version if texts else None
        consent_ledger.add_entry(session, row, replace(entry, text_version=version), actor=None)
    return to_info(row, class_code)


def get_row(session: Session, student_id: str) -> Student:
    row = session.scalar(select(Student).where(Student.student_id == student_id))
    if row is None:
        raise NotFound(
            f"There is no student with id {student_id!r}.", "See the ids with `kiosk student list`."
        )
    return row


def get_student(session: Session, student_id: str) -> StudentInfo:
    row = session.execute(_with_counts().where(Student.student_id == student_id)).first()
    if row is None:
        raise NotFound(
            f"There is no student with id {student_id!r}.", "See the ids with `kiosk student list`."
        )
    return to_info(row[0], row[1], row[2])


def get_by_uuid(session: Session, student_uuid: uuid.UUID) -> StudentInfo:
    row = session.execute(_with_counts().where(Student.id == student_uuid)).first()
    if row is None:
        raise NotFound("That student no longer exists.")
    return to_info(row[0], row[1], row[2])


def list_students(
    session: Session,
    *,
    class_code: str | None = None,
    search: str | None = None,
    active_only: bool = False,
) -> list[StudentInfo]:
    stmt = _with_counts().order_by(Student.name, Student.student_id)
    if class_code is not None:
        class_row = get_class_row(session, class_code)
        stmt = stmt.where(Student.class_id == class_row.id)
    if search:
        pattern = f"%{search.strip().lower()}%"
        stmt = stmt.where(
            or_(func.lower(Student.name).like(pattern), func.lower(Student.student_id).like(pattern))
        )
    if active_only:
        stmt = stmt.where(Student.is_active.is_(True))
    return [to_info(s, code, n) for s, code, n in session.execute(stmt)]


def set_consent(
    session: Session, student_id: str, *, given: bool, by: str | None, actor: str | None
) -> StudentInfo:
    """Record or withdraw consent (a ledger row); withdrawing deletes the face data at once.

    The old yes/no command: the row names a parent (``by``) and the current consent text.
    """
    row = get_row(session, student_id)
    current = consent_ledger.texts(session)
    entry = consent_ledger.flag_entry(
        given=given, by=by, actor=actor, method="recorded with the consent command"
    )
    if given and current:
        entry = replace(entry, text_version=current[-1].version)
    consent_ledger.add_entry(session, row, entry, actor=actor)
    return get_student(session, student_id)


def delete_face_data(session: Session, row: Student) -> int:
    encodings = list(row.encodings)
    for enc in encodings:
        session.delete(enc)
    row.photo = None
    session.flush()
    return len(encodings)


def delete_student(session: Session, student_id: str, *, actor: str | None) -> None:
    """Delete a student with their face data and attendance (a parent's erasure request)."""
    row = get_row(session, student_id)
    audit.record(
        session,
        actor=actor,
        action="student.delete",
        entity="student",
        entity_id=row.student_id,
        details={"name_removed": True, "encodings_deleted": len(row.encodings)},
    )
    change = RosterChange(class_code_of(session, row.class_id), row.id, "deleted")
    session.delete(row)
    session.flush()
    announce(session, change)


def set_photo(session: Session, student_uuid: uuid.UUID, jpeg: bytes | None) -> None:
    row = session.get(Student, student_uuid)
    if row is None:
        raise NotFound("That student no longer exists.")
    row.photo = jpeg
    session.flush()


def photos(session: Session, student_uuids: list[uuid.UUID]) -> dict[uuid.UUID, bytes]:
    if not student_uuids:
        return {}
    stmt = select(Student.id, Student.photo).where(Student.id.in_(student_uuids), Student.photo.is_not(None))
    return {sid: photo for sid, photo in session.execute(stmt) if photo}


def school_ids(session: Session, student_uuids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The school's ids of these students (the ones that still exist), by their UUID."""
    if not student_uuids:
        return {}
    stmt = select(Student.id, Student.student_id).where(Student.id.in_(student_uuids))
    return {sid: code for sid, code in session.execute(stmt)}
