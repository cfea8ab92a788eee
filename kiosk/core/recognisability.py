"""Who the camera can recognise with the active model, and why the others cannot (one rule).

An active student is recognisable when consent is recorded and at least one encoding of the
active model is stored. Otherwise exactly one reason applies, checked in this order: no
consent (nothing biometric may be used), no encoding for this model (photos or another
model's encodings exist, so enrolling again fixes it), no photo at all.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


class Unrecognisable(enum.StrEnum):
    NO_CONSENT = "no consent recorded"
    NO_MODEL_ENCODING = "no encoding for this model"
    NO_PHOTO = "no photo"


FIXES: dict[Unrecognisable, str] = {
    Unrecognisable.NO_CONSENT: (
        "record consent once it is given: `kiosk student consent ID --give --by NAME` (students moved "
        'from the old app whose forms the school holds: `kiosk migrate --from attendance.db --consent-on-file "WHO"`)'
    ),
    Unrecognisable.NO_MODEL_ENCODING: (
        "re-embed them from their stored photos: `kiosk faces reembed` (it lists who needs new photos; "
        "moved from the old app: `kiosk migrate --from attendance.db --reembed`)"
    ),
    Unrecognisable.NO_PHOTO: "take photos and enroll: `kiosk enroll --student-id ID PHOTOS` or the Enroll screen",
}


@dataclass(frozen=True, slots=True)
class StudentFaceData:
    """What the database holds for one active student's recognition."""

    student_id: str
    name: str
    class_code: str | None
    consent_given: bool
    model_encodings: int  # encodings of the active model
    other_encodings: int  # encodings of other models
    has_photo: bool


def why_not_recognisable(student: StudentFaceData) -> Unrecognisable | None:
    if not student.consent_given:
        return Unrecognisable.NO_CONSENT
    if student.model_encodings > 0:
        return None
    if student.other_encodings > 0 or student.has_photo:
        return Unrecognisable.NO_MODEL_ENCODING
    return Unrecognisable.NO_PHOTO


@dataclass(frozen=True)
class ClassCoverage:
    """One class: active students, how many the camera can recognise, who cannot and why."""

    class_code: str  # "" for students in no class
    active: int
    recognisable: int
    not_recognisable: dict[Unrecognisable, tuple[str, ...]] = field(default_factory=dict)  # school ids


def coverage(students: Iterable[StudentFaceData]) -> list[ClassCoverage]:
    """Per class (by code), from the active students' face data."""
    by_class: dict[str, list[StudentFaceData]] = {}
    for student in students:
        by_class.setdefault(student.class_code or "", []).append(student)
    result = []
    for code in sorted(by_class):
        members = sorted(by_class[code], key=lambda s: s.student_id)
        reasons: dict[Unrecognisable, list[str]] = {}
        for student in members:
            reason = why_not_recognisable(student)
            if reason is not None:
                reasons.setdefault(reason, []).append(student.student_id)
        missing = sum(len(ids) for ids in reasons.values())
        result.append(
            ClassCoverage(
                code,
                len(members),
                len(members) - missing,
                {reason: tuple(reasons[reason]) for reason in Unrecognisable if reason in reasons},
            )
        )
    return result
