"""The roster: classes, students, consent, erasure, photos and stored face encodings.

This service is the one door the CLI and the GUI use to read or change the roster. Every
call is one transaction of its own (committed when it succeeds, rolled back otherwise),
returns frozen domain values, and turns database failures into :class:`KioskError`.

It also holds the one rule for roster changes while the school's PostgreSQL is away: a
change needs the central database first (two kiosks must never hand out the same student
id), so when the server cannot be reached the change is refused with
:class:`OfflineRefused` and nothing is stored. Taking attendance keeps working offline
through the offline-first store; only roster and enrollment changes are refused.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import time

import numpy as np
import numpy.typing as npt
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from kiosk.app.errors import as_kiosk_error
from kiosk.core.domain import ClassInfo, EncodingInfo, StudentInfo
from kiosk.core.errors import DatabaseUnavailable, KioskError, NotFound, OfflineRefused
from kiosk.core.lookalikes import LookalikePairs, RecordedPair
from kiosk.core.ports import GalleryData
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import classes, encodings, lookalikes, student_admin, students

log = logging.getLogger(__name__)


def parse_start_time(text: str) -> time:
    """A class start given as HH:MM (an :class:`InvalidInput` otherwise)."""
    return classes.parse_start_time(text)


def database_failure(exc: BaseException, engine: Engine, change: str | None = None) -> KioskError:
    """The :class:`KioskError` a person sees for a database failure during a roster call.

    ``change`` names the change being made ("Adding a student"); while PostgreSQL cannot be
    reached, a change is an :class:`OfflineRefused` (the one offline rule), a read the plain
    "cannot be reached" explanation (the rule of :mod:`kiosk.app.errors`).
    """
    explained = as_kiosk_error(exc, "The database call", database_url=engine.url)
    unreachable = isinstance(explained, DatabaseUnavailable) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    )
    if unreachable and change is not None and engine.dialect.name == "postgresql":
        log.warning("%s refused: the central database is unreachable (%s)", change, type(exc).__name__)
        return OfflineRefused(
            f"{change} needs the school's database, which cannot be reached right now, so nothing was saved.",
            "Try again when the network is back; taking attendance keeps working meanwhile.",
        )
    return explained


@dataclass(frozen=True, slots=True)
class NewEncoding:
    """One accepted photo's face vector, ready to store."""

    vector: npt.NDArray[np.float32]
    source: str  # where it came from, e.g. "photo:2.jpg" (shown to admins, never the photo)
    quality: float | None = None
    source_sha256: str | None = None  # of the photo file's bytes: never enrolled twice


class RosterService:
    """Classes, students and their face data on one database (an :class:`Engine`)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions = session_factory(engine)

    @contextmanager
    def _unit(self, change: str | None = None) -> Iterator[Session]:
        """One transaction; database failures leave as :class:`KioskError` (see :func:`database_failure`)."""
        try:
            with unit_of_work(self._sessions) as session:
                yield session
        except (DBAPIError, SQLAlchemyError) as exc:
            raise database_failure(exc, self._engine, change) from None

    # --- classes ------------------------------------------------------------------------
    def add_class(
        self, code: str, name: str, *, teacher: str | None = None, starts_at: time | None = None
    ) -> ClassInfo:
        with self._unit("Adding a class") as s:
            return classes.add_class(s, code, name, teacher=teacher, starts_at=starts_at)

    def list_classes(self, *, include_archived: bool = False) -> list[ClassInfo]:
        with self._unit() as s:
            return classes.list_classes(s, include_archived=include_archived)

    def rename_class(self, code: str, *, name: str | None = None, new_code: str | None = None) -> ClassInfo:
        with self._unit("Renaming a class") as s:
            return classes.rename_class(s, code, name=name, new_code=new_code)

    def set_class_start(self, code: str, starts_at: time | None) -> ClassInfo:
        with self._unit("Changing a class's start time") as s:
            return classes.set_start_time(s, code, starts_at)

    def archive_class(self, code: str, *, archived: bool = True) -> ClassInfo:
        """Archive (hidden from sessions, history kept) or bring back a class."""
        with self._unit("Archiving a class" if archived else "Restoring a class") as s:
            return classes.set_archived(s, code, archived)

    def get_class(self, code: str) -> ClassInfo:
        with self._unit() as s:
            return classes.get_class(s, code)

    # --- students -----------------------------------------------------------------------
    def add_student(
        self,
        *,
        student_id: str,
        name: str,
        class_code: str | None,
        email: str | None = None,
        phone: str | None = None,
        consent: bool = False,
        consent_by: str | None = None,
    ) -> StudentInfo:
        with self._unit("Adding a student") as s:
            return students.add_student(
                s,
                student_id=student_id,
                name=name,
                class_code=class_code,
                email=email,
                phone=phone,
                consent=consent,
                consent_by=consent_by,
            )

    def get_student(self, student_id: str) -> StudentInfo:
        with self._unit() as s:
            return students.get_student(s, student_id)

    def find_student(self, student_id: str) -> StudentInfo | None:
        """The student with this school id, or None when there is none."""
        try:
            return self.get_student(student_id)
        except NotFound:
            return None

    def student_by_uuid(self, student_uuid: uuid.UUID) -> StudentInfo:
        with self._unit() as s:
            return students.get_by_uuid(s, student_uuid)

    def list_students(
        self, *, class_code: str | None = None, search: str | None = None, active_only: bool = False
    ) -> list[StudentInfo]:
        with self._unit() as s:
            return students.list_students(s, class_code=class_code, search=search, active_only=active_only)

    def student_ids(self, student_uuids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
        """The school ids of these students (the ones that still exist)."""
        with self._unit() as s:
            return students.school_ids(s, list(student_uuids))

    def set_consent(self, student_id: str, *, given: bool, by: str | None, actor: str | None) -> StudentInfo:
        """Record or withdraw consent; withdrawing deletes the student's face data at once."""
        change = "Recording consent" if given else "Withdrawing consent"
        with self._unit(change) as s:
            return students.set_consent(s, student_id, given=given, by=by, actor=actor)

    def edit_student(
        self,
        student_id: str,
        *,
        name: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        actor: str | None,
    ) -> StudentInfo:
        """Change details (``None``: unchanged; ``""`` clears email or phone)."""
        with self._unit("Changing a student") as s:
            return student_admin.edit_student(s, student_id, name=name, email=email, phone=phone, actor=actor)

    def move_student(self, student_id: str, class_code: str | None, *, actor: str | None) -> StudentInfo:
        with self._unit("Moving a student") as s:
            return student_admin.move_student(s, student_id, class_code, actor=actor)

    def set_student_active(self, student_id: str, active: bool, *, actor: str | None) -> StudentInfo:
        """Deactivate (left the school; data kept, never matched) or reactivate a student."""
        with self._unit("Deactivating a student" if not active else "Reactivating a student") as s:
            return student_admin.set_active(s, student_id, active, actor=actor)

    def delete_student(self, student_id: str, *, actor: str | None) -> None:
        """Delete a student with their face data and attendance (an erasure request)."""
        with self._unit("Deleting a student") as s:
            students.delete_student(s, student_id, actor=actor)

    # --- photos and face encodings ------------------------------------------------------
    def photos(self, student_uuids: Sequence[uuid.UUID]) -> dict[uuid.UUID, bytes]:
        """Roster thumbnails (JPEG) of the students that have one."""
        with self._unit() as s:
            return students.photos(s, list(student_uuids))

    def set_photo(self, student_uuid: uuid.UUID, jpeg: bytes | None) -> None:
        with self._unit("Changing a student's photo") as s:
            students.set_photo(s, student_uuid, jpeg)

    def gallery(
        self, model_name: str, *, class_code: str | None = None, change: str | None = None
    ) -> GalleryData:
        """Encodings of ``model_name`` of active, consenting students (of one class if given).

        ``change``: the change this read is part of (an enrollment), so that an unreachable
        server refuses it like the change itself.
        """
        with self._unit(change) as s:
            return encodings.load_gallery(s, model_name, class_code=class_code)

    def students_with_model(self, model_name: str) -> set[uuid.UUID]:
        """The students holding at least one encoding made by ``model_name``."""
        with self._unit() as s:
            return encodings.students_with_model(s, model_name)

    def encoding_counts(self) -> dict[str, int]:
        """Stored encodings per recognition model."""
        with self._unit() as s:
            return encodings.counts_by_model(s)

    def photo_hashes(self, student_uuids: Sequence[uuid.UUID], model_name: str) -> dict[uuid.UUID, set[str]]:
        """The sha256 of the photos already enrolled for these students with ``model_name``."""
        with self._unit() as s:
            return encodings.photo_hashes(s, list(student_uuids), model_name)

    def student_for_enrollment(self, student_id: str) -> StudentInfo:
        """The student about to be enrolled, read as part of the enrollment (refused offline)."""
        with self._unit("Enrolling a student") as s:
            return students.get_student(s, student_id)

    def store_encodings(
        self,
        student: StudentInfo,
        model_name: str,
        new: Sequence[NewEncoding],
        *,
        thumbnail: bytes | None = None,
        lookalikes_of: Sequence[uuid.UUID] = (),
        actor: str | None = None,
    ) -> StudentInfo:
        """Store a student's new encodings (and roster thumbnail) in one transaction.

        Consent is checked again inside the transaction: it may have been withdrawn since
        the photos were looked at. ``lookalikes_of``: students an admin confirmed this one
        looks like (twins), recorded as look-alike pairs in the same transaction.
        """
        with self._unit("Enrolling a student") as s:
            for other in lookalikes_of:
                lookalikes.record_pair(s, student.id, other, actor=actor, note="confirmed at enrollment")
            for item in new:
                encodings.add_encoding(
                    s,
                    student.id,
                    model_name=model_name,
                    vector=item.vector,
                    quality=item.quality,
                    source=item.source,
                    source_sha256=item.source_sha256,
                )
            if thumbnail:
                students.set_photo(s, student.id, thumbnail)
            return students.get_by_uuid(s, student.id)

    def student_encodings(self, student_id: str) -> tuple[StudentInfo, list[EncodingInfo]]:
        """A student and their stored encodings (for the face collection manager)."""
        with self._unit() as s:
            info = students.get_student(s, student_id)
            return info, encodings.student_encodings(s, info.id)

    def delete_encoding(self, student_id: str, encoding_id: int, *, actor: str | None) -> StudentInfo:
        """Delete one encoding of a student (audited, announced to the kiosks)."""
        with self._unit("Deleting a face encoding") as s:
            info = students.get_student(s, student_id)
            encodings.delete_encoding(s, info.id, encoding_id, actor=actor)
            return students.get_by_uuid(s, info.id)

    # --- look-alikes ----------------------------------------------------------------------
    def lookalike_pairs(self) -> LookalikePairs:
        with self._unit() as s:
            return lookalikes.pairs(s)

    def recorded_lookalikes(self) -> list[RecordedPair]:
        with self._unit() as s:
            return lookalikes.recorded_pairs(s)

    def record_lookalikes(self, student_id: str, other_id: str, *, actor: str | None) -> bool:
        """Record two students (school ids) as look-alikes; ``False`` when they already were."""
        with self._unit("Recording look-alikes") as s:
            a, b = students.get_student(s, student_id), students.get_student(s, other_id)
            return lookalikes.record_pair(s, a.id, b.id, actor=actor)

    def forget_lookalikes(self, student_id: str, other_id: str, *, actor: str | None) -> bool:
        with self._unit("Forgetting look-alikes") as s:
            a, b = students.get_student(s, student_id), students.get_student(s, other_id)
            return lookalikes.forget_pair(s, a.id, b.id, actor=actor)
