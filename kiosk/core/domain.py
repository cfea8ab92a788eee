"""Domain types shared by every layer.

These are frozen dataclasses: widgets, workers and the recognition engine get values,
never live ORM objects, so nothing outside the data layer can trigger a lazy load or
hold a database session open.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field
from datetime import datetime, time


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"
    LATE = "late"
    ABSENT = "absent"
    EXCUSED = "excused"


class MarkSource(enum.StrEnum):
    """How a mark was made (its method). Every method but MANUAL is the pupil's own check-in."""

    AUTO = "auto"  # recognised by the camera (face matching)
    MANUAL = "manual"  # set by the teacher (a tap on the roster)
    CARD = "card"  # the pupil's QR card, read by the same camera (no face analysed)
    PIN = "pin"  # the pupil's PIN, typed at the kiosk
    # A camera match the kiosk was not sure of (near the threshold, a look-alike, liveness in
    # doubt), which the teacher confirmed with one tap: still the pupil's own check-in by face.
    CONFIRMED = "confirmed"

    @property
    def by_teacher(self) -> bool:
        return self is MarkSource.MANUAL

    @property
    def face_matched(self) -> bool:
        """Made by matching the pupil's face: allowed only with consent at the mark's time."""
        return self in (MarkSource.AUTO, MarkSource.CONFIRMED)


@dataclass(frozen=True, slots=True)
class ClassInfo:
    code: str
    name: str
    teacher: str | None = None
    starts_at: time | None = None  # scheduled start; marks after it (plus grace) are "late"
    archived: bool = False  # kept with its history, no longer offered for sessions


@dataclass(frozen=True, slots=True)
class StudentInfo:
    id: uuid.UUID
    student_id: str  # the school's own id, shown to people
    name: str
    class_code: str | None
    email: str | None = None
    phone: str | None = None
    is_active: bool = True
    consent_given: bool = False
    consent_at: datetime | None = None
    consent_by: str | None = None
    encoding_count: int = 0

    @property
    def can_be_recognised(self) -> bool:
        """Only active students with recorded consent are ever enrolled or matched."""
        return self.is_active and self.consent_given


@dataclass(frozen=True, slots=True)
class FaceBox:
    x: int
    y: int
    w: int
    h: int

    def as_dict(self) -> dict[str, int]:
        return {"x": self.x, "y": self.y, "w": self.w, "h": self.h}


@dataclass(frozen=True, slots=True)
class SessionInfo:
    id: uuid.UUID
    class_code: str
    started_at: datetime
    ended_at: datetime | None = None
    started_by: str | None = None
    kiosk_id: str | None = None


@dataclass(frozen=True, slots=True)
class AttendanceMark:
    """One student's state in one session. ``id`` is the idempotency key end to end."""

    id: uuid.UUID
    session_id: uuid.UUID
    student_uuid: uuid.UUID
    status: AttendanceStatus
    marked_at: datetime
    source: MarkSource = MarkSource.AUTO
    confidence: float | None = None
    box: FaceBox | None = None
    note: str | None = None
    details: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SessionSummary:
    session: SessionInfo
    class_info: ClassInfo
    present: tuple[tuple[StudentInfo, AttendanceMark], ...]
    late: tuple[tuple[StudentInfo, AttendanceMark], ...]
    excused: tuple[tuple[StudentInfo, AttendanceMark], ...]
    absent: tuple[StudentInfo, ...]

    @property
    def counts(self) -> dict[str, int]:
        return {
            "present": len(self.present),
            "late": len(self.late),
            "excused": len(self.excused),
            "absent": len(self.absent),
        }


@dataclass(frozen=True, slots=True)
class EncodingInfo:
    """One stored face encoding as an admin sees it (never the vector)."""

    id: int
    model_name: str
    source: str | None
    created_at: datetime
    quality: float | None
    from_photo_file: bool  # its photo file's hash is kept (the same file is never enrolled twice)
