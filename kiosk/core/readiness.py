"""Is a class ready for the camera? What a teacher should know before pressing Start."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from kiosk.core.domain import StudentInfo


@dataclass(frozen=True, slots=True)
class ClassReadiness:
    """Who the camera can mark in a class; the screens word it (and translate it).

    ``model_name`` is ``None`` when face recognition is off (the models are not installed):
    every mark is then by hand.
    """

    class_code: str
    model_name: str | None
    students: int
    enrolled: int
    not_enrolled: tuple[str, ...]  # names: consent given, no face vectors for the model
    no_consent: tuple[str, ...]  # names: never recognised, marked by hand

    @property
    def empty(self) -> bool:
        return self.students == 0

    @property
    def nobody_enrolled(self) -> bool:
        return self.students > 0 and self.enrolled == 0 and self.model_name is not None

    @property
    def ready(self) -> bool:
        """Everyone can be marked by the camera: nothing to warn about."""
        return (
            self.students > 0
            and self.model_name is not None
            and not self.not_enrolled
            and not self.no_consent
        )


def assess(
    class_code: str,
    roster: Iterable[StudentInfo],
    enrolled_ids: Collection[uuid.UUID],
    model_name: str | None,
) -> ClassReadiness:
    """The class's readiness from its roster and the students enrolled for ``model_name``."""
    students = sorted(roster, key=lambda s: s.name.casefold())
    no_consent = tuple(s.name for s in students if not s.consent_given)
    if model_name is None:
        not_enrolled: tuple[str, ...] = ()
        enrolled = 0
    else:
        not_enrolled = tuple(s.name for s in students if s.consent_given and s.id not in enrolled_ids)
        enrolled = sum(1 for s in students if s.consent_given and s.id in enrolled_ids)
    return ClassReadiness(class_code, model_name, len(students), enrolled, not_enrolled, no_consent)
