"""Attendance sessions and records.

A student has at most one record per session (a unique constraint). Marking is an upsert
keyed by the record's UUID, which is the idempotency key from the kiosk's outbox to the
server. When two marks for the same student meet, :func:`kiosk.core.attendance.incoming_wins`
decides which stands (manual beats auto, earliest auto, latest manual).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.core.attendance import incoming_wins, summarise
from kiosk.core.domain import AttendanceMark, FaceBox, MarkSource, SessionInfo, SessionSummary
from kiosk.core.errors import Conflict, FaceMatchingRefused, NotFound
from kiosk.infra.db.models import AttendanceRecord, AttendanceSession, SchoolClass, Student
from kiosk.infra.db.repo import audit
from kiosk.infra.db.repo import classes as class_repo
from kiosk.infra.db.repo import consent as consent_repo
from kiosk.infra.db.repo import students as student_repo


def _session_info(row: AttendanceSession, class_code: str) -> SessionInfo:
    return SessionInfo(
        id=row.id,
        class_code=class_code,
        started_at=row.started_at,
        ended_at=row.ended_at,
        started_by=row.started_by,
        kiosk_id=row.kiosk_id,
    )


def to_mark(row: AttendanceRecord) -> AttendanceMark:
    box = FaceBox(**row.face_box) if row.face_box else None
    return AttendanceMark(
        id=row.id,
        session_id=row.session_id,
        student_uuid=row.student_id,
        status=row.status,
        marked_at=row.marked_at,
        source=row.source,
        confidence=row.confidence,
        box=box,
        note=row.note,
        details=dict(row.details or {}),
    )


def open_session(
    session: Session,
    class_code: str,
    *,
    started_by: str | None = None,
    kiosk_id: str | None = None,
    session_id: uuid.UUID | None = None,
    started_at: datetime | None = None,
) -> SessionInfo:
    """Open a session (idempotent on ``session_id``: opening it again returns the same one).

    ``INSERT ... ON CONFLICT DO NOTHING``: when kiosks push the opening of one shared session
    at the same moment, the later ones wait for the first to commit and then find its row,
    instead of failing on the primary key (and retrying behind a backoff)."""
    if session_id is not None:
        existing = session.get(AttendanceSession, session_id)
        if existing is not None:
            return _session_info(existing, class_code)
    class_row = class_repo.get_row(session, class_code)
    new_id = session_id or uuid.uuid4()
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(AttendanceSession)
        .values(
            id=new_id,
            class_id=class_row.id,
            started_at=started_at or datetime.now(UTC),
            started_by=started_by,
            kiosk_id=kiosk_id,
        )
        .on_conflict_do_nothing(index_elements=["id"])
    )
    row = session.get(AttendanceSession, new_id)
    if row is None:  # cannot happen: inserted, or another kiosk's committed row was there
        raise Conflict("The attendance session could not be opened; please try again.")
    return _session_info(row, class_code)


def _get_session_row(session: Session, session_id: uuid.UUID) -> tuple[AttendanceSession, str]:
    found = session.execute(
        select(AttendanceSession, SchoolClass.code)
        .join(SchoolClass, AttendanceSession.class_id == SchoolClass.id)
        .where(AttendanceSession.id == session_id)
    ).first()
    if found is None:
        raise NotFound("That attendance session does not exist.")
    return found[0], found[1]


def get_session(session: Session, session_id: uuid.UUID) -> SessionInfo:
    row, code = _get_session_row(session, session_id)
    return _session_info(row, code)


def close_session(
    session: Session, session_id: uuid.UUID, *, ended_at: datetime | None = None
) -> SessionInfo:
    row, code = _get_session_row(session, session_id)
    if row.ended_at is None:
        row.ended_at = ended_at or datetime.now(UTC)
        session.flush()
    return _session_info(row, code)


def unclosed_sessions(
    session: Session, kiosk_id: str, started_before: datetime
) -> list[tuple[SessionInfo, datetime | None]]:
    """This kiosk's sessions still open that were started before ``started_before``, oldest
    first, each with the time of its last mark (``None`` when it has none)."""
    last_mark = (
        select(func.max(AttendanceRecord.marked_at))
        .where(AttendanceRecord.session_id == AttendanceSession.id)
        .scalar_subquery()
    )
    rows = session.execute(
        select(AttendanceSession, SchoolClass.code, last_mark)
        .join(SchoolClass, AttendanceSession.class_id == SchoolClass.id)
        .where(
            AttendanceSession.kiosk_id == kiosk_id,
            AttendanceSession.ended_at.is_(None),
            AttendanceSession.started_at < started_before,
        )
        .order_by(AttendanceSession.started_at)
    ).all()
    # The subquery's value comes back raw (SQLite: text): read it like the column it is.
    return [(_session_info(row, code), _as_utc(last)) for row, code, last in rows]


def _as_utc(value: datetime | str | None) -> datetime | None:
    if value is None:
        return None
    at = datetime.fromisoformat(value) if isinstance(value, str) else value
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _record_of(session: Session, mark: AttendanceMark) -> AttendanceRecord | None:
    """The student's record in the mark's session, whichever mark made it."""
    return session.scalar(
        select(AttendanceRecord).where(
            AttendanceRecord.session_id == mark.session_id, AttendanceRecord.student_id == mark.student_uuid
        )
    )


def apply_mark(
    session: Session, mark: AttendanceMark, *, actor: str | None = None
) -> tuple[AttendanceMark, bool]:
    """Store a mark. Returns the stored state and whether this call changed anything.

    Idempotent: applying the same mark (same UUID) again changes nothing, so a retry after
    a lost acknowledgement creates no duplicate.
    """
    applied = session.get(AttendanceRecord, mark.id)
    if applied is not None:
        return to_mark(applied), False
    if session.scalar(select(AttendanceSession.signed_off_at).where(AttendanceSession.id == mark.session_id)):
        raise Conflict(  # the teacher confirmed the register: only a correction with a reason
            "This session's register was signed off, so its marks are locked.",
            "Correct the mark from the attendance records, with a reason.",
        )
    if mark.source.face_matched:
        refuse_unmatchable(session, mark)
    existing = _record_of(session, mark)
    if existing is not None:
        if not incoming_wins(to_mark(existing), mark):
            return to_mark(existing), False
        previous = existing.status.value
        existing.status = mark.status
        existing.source = mark.source
        existing.confidence = mark.confidence
        existing.note = mark.note
        existing.marked_at = mark.marked_at
        existing.face_box = mark.box.as_dict() if mark.box else None
        existing.details = {**(existing.details or {}), **mark.details, "superseded_mark": str(mark.id)}
        if mark.source is MarkSource.MANUAL:
            _audit_override(session, mark, previous, actor)
        session.flush()
        return to_mark(existing), True
    if session.get(AttendanceSession, mark.session_id) is None:
        raise NotFound("That attendance session does not exist.")
    if session.get(Student, mark.student_uuid) is None:
        raise NotFound("That student no longer exists.")
    row = AttendanceRecord(
        id=mark.id,
        session_id=mark.session_id,
        student_id=mark.student_uuid,
        status=mark.status,
        confidence=mark.confidence,
        details=dict(mark.details) or None,
        face_box=mark.box.as_dict() if mark.box else None,
        source=mark.source,
        note=mark.note,
        marked_at=mark.marked_at,
    )
    session.add(row)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:  # a concurrent kiosk inserted the same (session, student) first
        if row in session:
            session.expunge(row)
        if _record_of(session, mark) is None:
            raise Conflict("The mark could not be stored; please try again.") from None
        return apply_mark(session, mark, actor=actor)
    if mark.source is MarkSource.MANUAL:
        _audit_override(session, mark, None, actor)
    return to_mark(row), True


NO_CONSENT = (
    "the automatic mark was refused: the student has no consent for face recognition at the mark's time"
)
DELETED = "the mark was refused: that student no longer exists"


def refuse_unmatchable(session: Session, mark: AttendanceMark) -> None:
    """Raise :class:`FaceMatchingRefused` unless the mark's student may be face-matched at its time."""
    if consent_repo.may_face_match_one(session, mark.student_uuid, mark.marked_at):
        return
    if session.get(Student, mark.student_uuid) is None:
        raise FaceMatchingRefused(DELETED[0].upper() + DELETED[1:] + ".")
    raise FaceMatchingRefused(
        NO_CONSENT[0].upper() + NO_CONSENT[1:] + ".",
        "Mark the student by hand; a teacher's mark needs no consent.",
    )


def _audit_override(session: Session, mark: AttendanceMark, previous: str | None, actor: str | None) -> None:
    details: dict[str, Any] = {
        "session": str(mark.session_id),
        "student": str(mark.student_uuid),
        "from": previous,
        "to": mark.status.value,
        "note": mark.note,
        "mark": str(mark.id),
    }
    audit.record(
        session,
        actor=actor,
        action="attendance.override",
        entity="attendance",
        entity_id=str(mark.student_uuid),
        details=details,
    )


def marks_for_session(session: Session, session_id: uuid.UUID) -> list[AttendanceMark]:
    rows = session.scalars(
        select(AttendanceRecord)
        .where(AttendanceRecord.session_id == session_id)
        .order_by(AttendanceRecord.marked_at)
    )
    return [to_mark(r) for r in rows]


def summary(session: Session, session_id: uuid.UUID) -> SessionSummary:
    """Present / late / excused / absent for a session; unmarked active students are absent."""
    row, code = _get_session_row(session, session_id)
    return summarise(
        _session_info(row, code),
        class_repo.to_info(row.school_class),
        student_repo.list_students(session, class_code=code, active_only=True),
        marks_for_session(session, session_id),
        lambda student_uuid: student_repo.get_by_uuid(session, student_uuid),
    )


# --- bulk reads and writes for the sync worker (PostgreSQL only) ----------------------------
# Draining thousands of queued marks one apply_mark at a time is too slow, so the sync worker
# reads what it needs in three queries and inserts first marks in one statement. Array
# parameters (= ANY) are one bind each however many marks; an IN list of thousands of binds
# costs more to build than the query takes to run.

_RECORDS_OF = text(
    "SELECT id, session_id, student_id, details FROM attendance_records "
    "WHERE session_id = ANY(:sessions) AND student_id = ANY(:students)"
)
_EXISTING_SESSIONS = text("SELECT id FROM attendance_sessions WHERE id = ANY(:ids)")
_EXISTING_STUDENTS = text("SELECT id FROM students WHERE id = ANY(:ids)")
# The same row apply_mark would insert for a student with no record yet. ON CONFLICT DO
# NOTHING: a row another kiosk inserted meanwhile is left alone for the rule to handle.
_INSERT_FIRST_MARKS = text(
    "INSERT INTO attendance_records "
    "(id, session_id, student_id, status, confidence, details, face_box, source, note, marked_at) "
    "SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:sessions AS uuid[]), CAST(:students AS uuid[]), "
    "CAST(:statuses AS varchar[]), CAST(:confidences AS float8[]), CAST(:details AS jsonb[]), "
    "CAST(:boxes AS jsonb[]), CAST(:sources AS varchar[]), CAST(:notes AS text[]), "
    "CAST(:marked AS timestamptz[])) "
    "ON CONFLICT DO NOTHING RETURNING id"
)


@dataclass(frozen=True)
class StoredRecord:
    """Which marks a student's record in a session already holds."""

    id: uuid.UUID  # the first mark's id: a record keeps it when a later mark wins
    superseded_mark: str | None  # the id of the mark that last replaced it, if any

    def holds(self, mark_id: uuid.UUID) -> bool:
        """Whether the mark was applied before (a resend after a lost acknowledgement)."""
        return self.id == mark_id or self.superseded_mark == str(mark_id)


def records_of(
    session: Session, session_ids: Collection[uuid.UUID], student_uuids: Collection[uuid.UUID]
) -> dict[tuple[uuid.UUID, uuid.UUID], StoredRecord]:
    """The stored records of these students in these sessions, by (session, student)."""
    params = {"sessions": list(session_ids), "students": list(student_uuids)}
    return {
        (row[1], row[2]): StoredRecord(row[0], (row[3] or {}).get("superseded_mark"))
        for row in session.execute(_RECORDS_OF, params)
    }


def existing_session_ids(session: Session, session_ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    return set(session.scalars(_EXISTING_SESSIONS, {"ids": list(session_ids)}))


def existing_student_ids(session: Session, student_uuids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    return set(session.scalars(_EXISTING_STUDENTS, {"ids": list(student_uuids)}))


def insert_first_marks(session: Session, marks: Sequence[AttendanceMark]) -> set[uuid.UUID]:
    """Insert automatic marks for students with no record in their session yet, in one statement.

    Returns the ids inserted. A mark missing from the result lost a race with another kiosk
    that inserted the student's record first: pass it to :func:`apply_mark`, whose rule decides.
    Manual marks do not belong here (they need :func:`apply_mark`'s audit entry).
    """
    if not marks:
        return set()
    # Rows in one fixed order, (session, student): two kiosks inserting overlapping students
    # then wait for each other in the same order, never in a cycle (a deadlock).
    marks = sorted(marks, key=lambda m: (m.session_id, m.student_uuid))
    params = {
        "ids": [m.id for m in marks],
        "sessions": [m.session_id for m in marks],
        "students": [m.student_uuid for m in marks],
        "statuses": [m.status.value for m in marks],
        "confidences": [m.confidence for m in marks],
        "details": [json.dumps(m.details) if m.details else None for m in marks],
        "boxes": [json.dumps(m.box.as_dict()) if m.box else None for m in marks],
        "sources": [m.source.value for m in marks],
        "notes": [m.note for m in marks],
        "marked": [m.marked_at for m in marks],
    }
    return set(session.scalars(_INSERT_FIRST_MARKS, params))
