"""Visitors: a face this class's roster does not know, looked up school-wide (issue 17).

When ``[recognition] school_wide_lookup = true``, a face that matches nobody in the session's
class is searched in an index of the whole school (every class the kiosk's store knows). A
pupil of another class found there is *named*, not marked: the live screen says "Ana Ruiz
(class 10A) is here" and the summary lists the session's visitors. Marking a visitor present
in a class they do not belong to would put a false line in two registers (theirs says absent
or present elsewhere); the teacher decides, by hand, what a visit means.

Rules kept:

* Only students who may be recognised are in the index: the store's galleries hold only
  active, consenting students' encodings, and the index is filtered again by each class's
  roster (``can_be_recognised``). A withdrawal announced while the session runs removes the
  student from the index at once (:meth:`VisitorLookup.on_roster_change`).
* The school-wide search is stricter than the class's: the best student must pass the
  model's threshold and lead every other student of the *school* (this class's included)
  by the margin, and be seen in ``votes_needed`` separate lookups before being named once.
  A face ambiguous with a member of this class is never looked up.
* No vector is logged or kept: only the visitor's name, class and time.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import numpy as np
import numpy.typing as npt

from kiosk.core.domain import StudentInfo
from kiosk.core.errors import KioskError
from kiosk.core.matching import MatchDecision, MatchReason, decide
from kiosk.core.ports import AttendanceStore
from kiosk.infra.config import RecognitionSettings
from kiosk.infra.recognition.district_index import DistrictIndex

log = logging.getLogger(__name__)

# Faces the class's index found nobody for (not ambiguous with a classmate, not matched).
_LOOKED_UP = (MatchReason.BELOW_THRESHOLD, MatchReason.NO_CANDIDATES)


class _Change(Protocol):
    @property
    def student_uuid(self) -> uuid.UUID | None: ...

    @property
    def kind(self) -> str: ...


@dataclass(frozen=True)
class Visitor:
    student: StudentInfo
    class_code: str
    similarity: float
    seen_at: datetime

    @property
    def notice(self) -> str:
        return f"{self.student.name} (class {self.class_code}) is here"


@dataclass(frozen=True)
class SchoolMatch:
    """One candidate of a school-wide search (``kiosk faces find``)."""

    student: StudentInfo
    class_code: str
    similarity: float


class SchoolGallery:
    """Every class's recognisable students and encodings of one model, searchable as one."""

    def __init__(self, store: AttendanceStore, model_name: str) -> None:
        self.model_name = model_name
        self.students: dict[uuid.UUID, tuple[StudentInfo, str]] = {}
        blocks: list[npt.NDArray[np.float32]] = []
        owners: list[uuid.UUID] = []
        for info in store.list_classes():
            gallery = store.gallery(info.code, model_name)
            if getattr(gallery, "withheld", ""):
                continue  # the offline copy is too old to trust: nobody from it is named
            allowed = {s.id: s for s in store.roster(info.code) if s.can_be_recognised}
            rows = [i for i, sid in enumerate(gallery.student_ids) if sid in allowed]
            if not rows:
                continue
            blocks.append(np.asarray(gallery.vectors, dtype=np.float32)[rows])
            owners.extend(gallery.student_ids[i] for i in rows)
            self.students.update({sid: (allowed[sid], info.code) for sid in owners[-len(rows) :]})
        self.index = (
            DistrictIndex.build(np.concatenate(blocks), owners, model_name, float16=False) if blocks else None
        )
        log.info("School-wide face index: %d students of %d classes", len(self.students), len(blocks))

    @property
    def size(self) -> int:
        return self.index.size if self.index is not None else 0

    @property
    def searched_students(self) -> int:
        return len(self.students)

    def candidates(self, vectors: npt.NDArray[np.float32], k: int = 5) -> list[list[tuple[uuid.UUID, float]]]:
        if self.index is None:
            return [[] for _ in range(len(vectors))]
        found = self.index.search(vectors, self.model_name, k=k)
        # Only students still recognisable (a withdrawal removes them from `students` at once).
        return [[c for c in cands if c[0] in self.students] for cands in found]

    def forget(self, student: uuid.UUID) -> None:
        self.students.pop(student, None)
        if self.index is not None:
            self.index.remove_student(student)

    def describe(self, candidates: Sequence[tuple[uuid.UUID, float]]) -> list[SchoolMatch]:
        return [SchoolMatch(*self.students[sid], sim) for sid, sim in candidates if sid in self.students]


class VisitorLookup:
    """One session's school-wide lookup (see module). Built on the first unknown face."""

    def __init__(
        self,
        store: AttendanceStore,
        model_name: str,
        recognition: RecognitionSettings,
        class_code: str,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._model = model_name
        self._threshold = recognition.threshold_for(model_name)
        self._margin = recognition.margin_for(model_name)
        self._votes_needed = max(1, recognition.votes_needed)
        self._class_code = class_code
        self._clock = clock
        self._gallery: SchoolGallery | None = None
        self._stale = True
        self._sightings: Counter[uuid.UUID] = Counter()
        self.visitors: list[Visitor] = []

    @classmethod
    def for_session(
        cls, store: AttendanceStore, model_name: str, recognition: RecognitionSettings, class_code: str
    ) -> VisitorLookup | None:
        """The lookup when the school switched it on, else ``None``."""
        return cls(store, model_name, recognition, class_code) if recognition.school_wide_lookup else None

    def look_up(
        self, vectors: npt.NDArray[np.float32], decisions: Sequence[MatchDecision[uuid.UUID]]
    ) -> list[str]:
        """Notices for visitors named in this frame: faces the class found nobody for."""
        unknown = [i for i, d in enumerate(decisions) if d.reason in _LOOKED_UP]
        if not unknown:
            return []
        if self._stale or self._gallery is None:
            try:
                self._gallery, self._stale = SchoolGallery(self._store, self._model), False
            except KioskError as exc:  # the class's own recognition goes on regardless
                log.warning("School-wide lookup unavailable for now: %s", exc.message)
                return []
        gallery = self._gallery
        notices: list[str] = []
        for cands in gallery.candidates(np.asarray(vectors, dtype=np.float32)[unknown]):
            decision = decide(cands, self._threshold, self._margin)
            who = decision.student_uuid
            if who is None or who not in gallery.students:
                continue
            class_code = gallery.students[who][1]
            if class_code == self._class_code or any(v.student.id == who for v in self.visitors):
                continue  # a classmate (the class's own path decides) or already named
            self._sightings[who] += 1
            if self._sightings[who] < self._votes_needed:
                continue
            # Asked again before a name is shown: a withdrawal nobody announced to this kiosk
            # (no listener, a dropped notification) must not be named from an older index.
            try:
                current = next((s for s in self._store.roster(class_code) if s.id == who), None)
            except KioskError:
                continue  # not asked, not named (asked again at the next sighting)
            if current is None or not current.can_be_recognised:
                gallery.forget(who)
                continue
            visitor = Visitor(current, class_code, round(decision.similarity, 4), self._clock())
            self.visitors.append(visitor)
            notices.append(visitor.notice)
            log.info("Visitor from class %s recognised: %s (not marked here)", class_code, current.student_id)
        return notices

    def on_roster_change(self, change: _Change) -> None:
        """Any class's change: a withdrawn or deleted student leaves the index now; the rest
        (an enrollment, a move) is picked up by rebuilding before the next lookup."""
        if change.student_uuid is not None and self._gallery is not None:
            self._gallery.forget(change.student_uuid)
        self._stale = True

    def summary_line(self) -> str:
        """'Visitors (not marked here): ...', or '' when nobody visited."""
        if not self.visitors:
            return ""
        named = ", ".join(
            f"{v.student.name} (class {v.class_code}, {v.seen_at.astimezone():%H:%M})" for v in self.visitors
        )
        return f"Visitors (not marked in this class): {named}"


@dataclass(frozen=True)
class FindResult:
    """``kiosk faces find``: the closest students of the whole school, and the verdict."""

    model_name: str
    searched_students: int
    candidates: tuple[SchoolMatch, ...]
    match: SchoolMatch | None  # the best candidate when it passes the threshold and the margin
    threshold: float
    margin: float

    def to_text(self) -> str:
        lines = [
            f"School-wide search ({self.model_name}): {self.searched_students} students with consent "
            "and face data."
        ]
        if not self.candidates:
            lines.append("Nobody is enrolled for this model: nothing to compare with.")
            return "\n".join(lines)
        for rank, c in enumerate(self.candidates, 1):
            lines.append(
                f"  {rank}. {c.student.name} ({c.student.student_id}), class {c.class_code}: "
                f"similarity {c.similarity:.3f}"
            )
        if self.match is not None:
            lines.append(f"Match: {self.match.student.name}, class {self.match.class_code}.")
        else:
            lines.append(
                f"No match: nobody reaches {self.threshold:.2f} with a lead of {self.margin:.2f} "
                "over the next student (the list above is the closest, not a recognition)."
            )
        return "\n".join(lines)


class SchoolSearch(Protocol):
    """A school- or district-wide search: :class:`SchoolGallery`, or on PostgreSQL the district
    index kept on disk (:class:`kiosk.app.school_index.DistrictSearch`)."""

    @property
    def searched_students(self) -> int: ...

    def candidates(
        self, vectors: npt.NDArray[np.float32], k: int = 5
    ) -> list[list[tuple[uuid.UUID, float]]]: ...

    def describe(self, candidates: Sequence[tuple[uuid.UUID, float]]) -> list[SchoolMatch]: ...


def find_in_school(
    gallery: SchoolSearch,
    model_name: str,
    vector: npt.NDArray[np.float32],
    recognition: RecognitionSettings,
    k: int = 5,
) -> FindResult:
    """Who this face vector is, school-wide (only students who may be recognised are searched)."""
    cands = gallery.candidates(np.asarray(vector, dtype=np.float32).reshape(1, -1), k=k)[0]
    threshold, margin = recognition.threshold_for(model_name), recognition.margin_for(model_name)
    decision = decide(cands, threshold, margin)
    described = gallery.describe(cands)
    # A match only if the best candidate is still recognisable (described) when asked.
    match = next((c for c in described[:1] if c.student.id == decision.student_uuid), None)
    return FindResult(model_name, gallery.searched_students, tuple(described), match, threshold, margin)
