"""The database schema: SQLAlchemy 2.0 typed models on one declarative base.

Portable across SQLite and PostgreSQL: UUIDs use SQLAlchemy's ``Uuid`` type (native on
PostgreSQL, 32-char text on SQLite), JSON is JSONB on PostgreSQL, and face vectors are
raw little-endian float32 bytes (2 KB for 512 dims), never lists of floats, so the FAISS
index is rebuilt with one ``numpy.frombuffer`` per row.
"""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
    Uuid,
    false,
    func,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from kiosk.core.authz import Role
from kiosk.core.domain import AttendanceStatus, MarkSource
from kiosk.core.text_search import normalise_name
from kiosk.infra.db.sealing import PHOTO_CONTEXT, VECTOR_CONTEXT, SealedBytes

# Stable constraint names so Alembic migrations name the same thing on every dialect.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JsonType = JSON().with_variant(JSONB(), "postgresql")


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp that is timezone-aware UTC on every dialect.

    SQLite has no time zones: it hands back naive values, and would store an aware non-UTC
    value as its wall-clock time. Converting to UTC on the way in and tagging UTC on the way
    out gives callers the same values from SQLite and PostgreSQL (naive input means UTC).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    # Stored as the lower-case value with a CHECK constraint: portable, readable in SQL.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda members: [m.value for m in members],
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 (read once by SQLAlchemy)
        datetime: UtcDateTime(),
        uuid.UUID: Uuid(),
        dict[str, Any]: JsonType,
    }


def _now() -> Any:
    return func.now()


def utcnow() -> datetime:
    return datetime.now(UTC)


def _name_search(context: Any) -> str:
    # Kept beside the name by every insert and update that sets it, whoever makes it.
    return normalise_name(context.get_current_parameters().get("name") or "")


class SchoolClass(Base):
    __tablename__ = "classes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    teacher: Mapped[str | None] = mapped_column(String(200))
    starts_at: Mapped[time | None] = mapped_column(Time)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=_now())
    archived_at: Mapped[datetime | None] = mapped_column(default=None)  # None: in use

    students: Mapped[list[Student]] = relationship(back_populates="school_class")


class Student(Base):
    __tablename__ = "students"
    __table_args__ = (
        Index("ix_students_name", "name"),
        Index("ix_students_class_active", "class_id", "is_active"),
        Index("ix_students_name_search", "name_search"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    student_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # The name without accents or case, for search on SQLite (PostgreSQL indexes unaccent()).
    name_search: Mapped[str] = mapped_column(String(200), default=_name_search, server_default="")
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    class_id: Mapped[int | None] = mapped_column(ForeignKey("classes.id", ondelete="SET NULL"))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    consent_given: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    consent_at: Mapped[datetime | None]
    consent_by: Mapped[str | None] = mapped_column(String(200))
    # Small JPEG thumbnail for the roster; encrypted at rest on SQLite (see sealing.py).
    photo: Mapped[bytes | None] = mapped_column(SealedBytes(PHOTO_CONTEXT))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=_now())
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=_now(), onupdate=utcnow)

    school_class: Mapped[SchoolClass | None] = relationship(back_populates="students")
    encodings: Mapped[list[FaceEncoding]] = relationship(
        back_populates="student", cascade="all, delete-orphan", passive_deletes=True
    )

    @validates("name")
    def _keep_name_search(self, _key: str, value: str) -> str:
        # ORM writes (add, rename) keep the search column in step; Core inserts use the default.
        self.name_search = normalise_name(value or "")
        return value


class FaceEncoding(Base):
    """One face vector of one student from one photo, tagged with the model that made it."""

    __tablename__ = "face_encodings"
    __table_args__ = (
        Index("ix_face_encodings_student_model", "student_id", "model_name"),
        Index("ix_face_encodings_student_hash", "student_id", "source_sha256"),
        CheckConstraint("dimension > 0", name="dimension_positive"),
        # A vector of any other length stops every kiosk loading the class (revision 0003).
        CheckConstraint("length(vector) = 4 * dimension", name="vector_length"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    model_name: Mapped[str] = mapped_column(String(64))
    dimension: Mapped[int] = mapped_column(Integer)
    # float32, little-endian, `dimension` values; encrypted at rest on SQLite (see sealing.py).
    vector: Mapped[bytes] = mapped_column(SealedBytes(VECTOR_CONTEXT))
    quality: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str | None] = mapped_column(String(200))  # e.g. "photo:IMG_1.jpg", "webcam", "legacy"
    # sha256 of the photo file's bytes (revision 0004): the same photo is never enrolled twice.
    source_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=_now())

    student: Mapped[Student] = relationship(back_populates="encodings")


class LookalikePair(Base):
    """Two students an admin says look alike (twins): their face matches are never marked
    automatically. Unordered: stored with ``student_a`` the smaller UUID (one row per pair)."""

    __tablename__ = "lookalike_pairs"
    __table_args__ = (
        UniqueConstraint("student_a", "student_b"),
        CheckConstraint("student_a <> student_b", name="two_students"),
        Index("ix_lookalike_pairs_student_b", "student_b"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    student_a: Mapped[uuid.UUID] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    student_b: Mapped[uuid.UUID] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    recorded_by: Mapped[str | None] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=_now())
    note: Mapped[str | None] = mapped_column(Text)


class AttendanceSession(Base):
    __tablename__ = "attendance_sessions"
    __table_args__ = (
        Index("ix_attendance_sessions_class_started", "class_id", "started_at"),
        Index("ix_attendance_sessions_started", "started_at"),  # the whole school's day or term
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="RESTRICT"))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    started_by: Mapped[str | None] = mapped_column(String(200))
    kiosk_id: Mapped[str | None] = mapped_column(String(100))
    # The teacher's confirmation of the register: after it, marks change only by correction.
    signed_off_at: Mapped[datetime | None]
    signed_off_by: Mapped[str | None] = mapped_column(String(200))

    school_class: Mapped[SchoolClass] = relationship()
    records: Mapped[list[AttendanceRecord]] = relationship(back_populates="session")


class AttendanceRecord(Base):
    __tablename__ = "attendance_records"
    __table_args__ = (
        # A student is never marked twice in a session: later changes update this row.
        UniqueConstraint("session_id", "student_id", name="uq_attendance_records_session_student"),
        Index("ix_attendance_records_student", "student_id"),
        Index("ix_attendance_records_marked_at", "marked_at"),
        # Reports read only these three columns of a session's records: an index-only scan.
        Index("ix_attendance_records_session_student_status", "session_id", "student_id", "status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("attendance_sessions.id", ondelete="CASCADE"))
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    status: Mapped[AttendanceStatus] = mapped_column(_enum(AttendanceStatus, "attendance_status"))
    confidence: Mapped[float | None] = mapped_column(Float)
    details: Mapped[dict[str, Any] | None]  # detection metadata: model, votes, margin
    face_box: Mapped[dict[str, Any] | None]
    source: Mapped[MarkSource] = mapped_column(_enum(MarkSource, "mark_source"))
    note: Mapped[str | None] = mapped_column(Text)
    marked_at: Mapped[datetime]
    # A change after the fact (history, sign-off): when, by whom and why.
    corrected_at: Mapped[datetime | None]
    corrected_by: Mapped[str | None] = mapped_column(String(200))
    correction_reason: Mapped[str | None] = mapped_column(Text)

    session: Mapped[AttendanceSession] = relationship(back_populates="records")
    student: Mapped[Student] = relationship()


class AttendanceDayCount(Base):
    """Marks by status per (student, class of the session, UTC day of the session's start).

    Derived from ``attendance_records``, never written by the application: triggers
    (revision 0014_session_counts) keep it in step in the same statement as every insert,
    change or deletion of a record or a session, whoever makes it (a mark, a correction,
    the sync's bulk insert, COPY, a cascade). Reports over whole days read these rows, a
    student's day in one row instead of six periods' records (:mod:`kiosk.infra.db.repo.reports`).
    Rows whose counts fell to zero are kept (a decrement never deletes, so it never races
    an insert); readers skip them.
    """

    __tablename__ = "attendance_day_counts"

    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)  # UTC date of the session's start
    student_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), primary_key=True
    )
    present: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    late: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    absent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    excused: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (
        Index(
            "ix_attendance_day_counts_day", "day"
        ),  # the whole school's days (the key leads with the class)
        Index("ix_attendance_day_counts_student", "student_id"),  # a pupil's erasure (the cascade)
    )


class AttendanceSessionCount(Base):
    """Marks by status per session: a session's register counted once, not at every read.

    Derived like :class:`AttendanceDayCount` (the same triggers, revision 0014_session_counts);
    a session without marks has no row. The class report's weekly chart reads these.
    """

    __tablename__ = "attendance_session_counts"

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("attendance_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    present: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    late: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    absent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    excused: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AuditLog(Base):
    """Who changed what by hand, and every deletion of personal data."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"), Index("ix_audit_log_entity", "entity", "entity_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, server_default=_now())
    actor: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))  # e.g. "attendance.override", "student.delete"
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    details: Mapped[dict[str, Any] | None]
    # The hash chain (revision 0010_consent): computed only in kiosk.infra.db.repo.audit.
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    entry_hash: Mapped[str | None] = mapped_column(String(64))


class AuditChainHead(Base):
    """One row: the newest audit entry's hash, and the hash the oldest kept entry must follow.

    Writers lock this row (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite has one writer at
    a time) so concurrent entries form one chain, and a deleted newest entry is noticed.
    """

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_id: Mapped[int | None] = mapped_column(Integer)
    last_hash: Mapped[str | None] = mapped_column(String(64))
    anchor_hash: Mapped[str | None] = mapped_column(String(64))  # prev_hash of the oldest kept entry


class ConsentTextRow(Base):
    """Each version of the consent text shown to parents and pupils (never changed once stored)."""

    __tablename__ = "consent_texts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(32), unique=True)
    text: Mapped[str] = mapped_column(Text)
    requires_renewal: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=_now())
    created_by: Mapped[str | None] = mapped_column(String(200))


class ConsentLedgerRow(Base):
    """One consent, withdrawal or objection (kiosk.core.consent decides what they add up to)."""

    __tablename__ = "consent_ledger"
    __table_args__ = (Index("ix_consent_ledger_student", "student_id", "recorded_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    party: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    relation: Mapped[str | None] = mapped_column(String(100))
    recorded_at: Mapped[datetime]
    method: Mapped[str] = mapped_column(String(100))
    text_version: Mapped[str | None] = mapped_column(String(32))
    entered_by: Mapped[str | None] = mapped_column(String(200))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=_now())
    note: Mapped[str | None] = mapped_column(Text)


class CheckinCredential(Base):
    """A pupil's non-biometric way in: a card token and a PIN, both stored only as hashes."""

    __tablename__ = "checkin_credentials"

    student_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), primary_key=True
    )
    card_hash: Mapped[str | None] = mapped_column(String(64), unique=True)  # sha256 of the card token
    card_issued_at: Mapped[datetime | None]
    pin_hash: Mapped[str | None] = mapped_column(String(200))  # scrypt, with its salt and costs
    pin_set_at: Mapped[datetime | None]


class UserAccount(Base):
    """A person who may sign in at the kiosks of the school: an admin or a teacher.

    Only a salted scrypt hash of the PIN or password is stored. ``failures`` and
    ``last_failure_at`` throttle guessing (the rule is :class:`kiosk.core.authz.Throttle`);
    they live here so a restart, or another kiosk, does not reset them.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "user_role"))
    secret_hash: Mapped[str] = mapped_column(String(300))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failure_at: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=_now())


class ClassTeacher(Base):
    """A teacher account linked to a class it teaches (revision 0011): a class may have several
    teachers, a teacher several classes. A teacher reads and changes only these classes' records
    (the rule: :func:`kiosk.core.authz.check_class`); admins see every class, linked or not."""

    __tablename__ = "class_teachers"
    __table_args__ = (Index("ix_class_teachers_class", "class_id"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True)


class MigrationMap(Base):
    """Which row of a migrated SQLite source became which row here.

    One row per moved source row, written in the same transaction as the row itself, so a
    migration killed at any moment resumes where it stopped and a re-run moves nothing twice.
    ``source_key`` identifies the source file; ids are text so integer and UUID keys both fit.
    """

    __tablename__ = "migration_map"
    __table_args__ = (UniqueConstraint("source_key", "table_name", "legacy_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_key: Mapped[str] = mapped_column(String(64))
    table_name: Mapped[str] = mapped_column(String(64))
    legacy_id: Mapped[str] = mapped_column(String(64))
    new_id: Mapped[str] = mapped_column(String(64))
    migrated_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=_now())
