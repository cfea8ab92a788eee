"""The attendance record: past sessions, their marks, corrections and the teacher's sign-off.

Values only (frozen dataclasses); the rules that decide what a person may change live here
once, so the CLI, the GUI and the repositories agree.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from kiosk.core.domain import AttendanceStatus, MarkSource
from kiosk.core.errors import InvalidInput

# An automatic mark below this similarity is shown as "doubtful" on the sign-off screen: the
# kiosk accepted it, but a teacher should glance at it before confirming the register.
DOUBTFUL_CONFIDENCE = 0.55
REASON_MAX_LENGTH = 500


class MarkMethod(enum.StrEnum):
    """How a mark was made, as people name it (from the stored ``source`` and its details)."""

    CAMERA = "camera"
    CONFIRMED = "confirmed"  # the camera's doubtful match, confirmed by the teacher
    HAND = "hand"
    CARD = "card"
    PIN = "pin"
    NONE = "none"  # not marked at all: absent by default


_METHOD_OF_SOURCE = {
    MarkSource.AUTO: MarkMethod.CAMERA,
    MarkSource.CONFIRMED: MarkMethod.CONFIRMED,
    MarkSource.MANUAL: MarkMethod.HAND,
    MarkSource.CARD: MarkMethod.CARD,
    MarkSource.PIN: MarkMethod.PIN,
}


def method_of(source: MarkSource | None, details: Mapping[str, object] | None = None) -> MarkMethod:
    """Camera for automatic marks, hand for manual ones, unless the mark says card or PIN."""
    if source is None:
        return MarkMethod.NONE
    named = (details or {}).get("method")
    if isinstance(named, str) and named in {MarkMethod.CARD.value, MarkMethod.PIN.value}:
        return MarkMethod(named)  # a hand mark the teacher made for a card or PIN (older kiosks)
    return _METHOD_OF_SOURCE[source]


@dataclass(frozen=True, slots=True)
class SessionOverview:
    """One past session as the history lists it, with its counts (unmarked counted absent)."""

    id: uuid.UUID
    class_code: str
    class_name: str
    started_at: datetime
    ended_at: datetime | None
    signed_off_at: datetime | None
    signed_off_by: str | None
    present: int
    late: int
    absent: int
    excused: int
    corrected: int  # marks changed after the fact

    @property
    def signed_off(self) -> bool:
        return self.signed_off_at is not None

    @property
    def expected(self) -> int:
        return self.present + self.late + self.absent + self.excused


@dataclass(frozen=True, slots=True)
class RecordLine:
    """One student's line in one session (``status`` absent and no mark when unmarked)."""

    student_uuid: uuid.UUID
    student_id: str
    name: str
    status: AttendanceStatus
    method: MarkMethod
    marked_at: datetime | None
    confidence: float | None
    note: str | None
    corrected_at: datetime | None = None
    corrected_by: str | None = None
    correction_reason: str | None = None

    @property
    def corrected(self) -> bool:
        return self.corrected_at is not None

    @property
    def doubtful(self) -> bool:
        """A camera mark weak enough that the teacher should confirm it at sign-off."""
        return (
            self.method is MarkMethod.CAMERA
            and self.confidence is not None
            and self.confidence < DOUBTFUL_CONFIDENCE
            and not self.corrected
        )


@dataclass(frozen=True, slots=True)
class SessionDetail:
    overview: SessionOverview
    lines: tuple[RecordLine, ...]  # by name

    def line_for(self, student_id: str) -> RecordLine | None:
        return next((line for line in self.lines if line.student_id == student_id), None)


@dataclass(frozen=True, slots=True)
class Correction:
    """A change to a mark of a past session: who, why, to what."""

    status: AttendanceStatus
    reason: str
    actor: str
    excuse: str | None = None  # shown as the mark's note (e.g. "doctor's letter")


def checked_correction(
    status: AttendanceStatus | str, reason: str | None, actor: str | None, excuse: str | None = None
) -> Correction:
    """A correction with its reason and person, or :class:`InvalidInput` saying what is missing."""
    try:
        status = AttendanceStatus(status)
    except ValueError:
        raise InvalidInput(
            f"{status!r} is not an attendance status.", "Use present, late, absent or excused."
        ) from None
    reason = (reason or "").strip()
    actor = (actor or "").strip()
    if not reason:
        raise InvalidInput(
            "A correction needs a reason; nothing was changed.",
            "Say why the mark changes, e.g. --reason 'arrived with a note from the office'.",
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise InvalidInput(
            f"The reason is too long ({len(reason)} characters; at most {REASON_MAX_LENGTH}).", "Shorten it."
        )
    if not actor:
        raise InvalidInput("A correction needs the name of the person making it; nothing was changed.")
    excuse = (excuse or "").strip() or None
    if excuse is not None and len(excuse) > REASON_MAX_LENGTH:
        raise InvalidInput(f"The excuse is too long (at most {REASON_MAX_LENGTH} characters).", "Shorten it.")
    return Correction(status=status, reason=reason, actor=actor, excuse=excuse)
