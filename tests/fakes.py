"""Small in-memory fakes of the project's own ports (:mod:`kiosk.core.ports`), for fast tests.

They keep the ports' promises with plain Python and numpy, so the session service's rules
run in milliseconds, without face models, FAISS or a database:

- :class:`FakeAnalyser` finds whatever faces the test put in front of the camera
  (:meth:`FakeAnalyser.show`), each with a given box and vector;
- :class:`FakeIndex` answers nearest-student searches by cosine similarity, and
  :class:`FakeIndexSource` builds it from the gallery, or hands out a stale one (a cache built
  before the roster changed);
- :class:`InMemoryStore` keeps classes, students, their vectors, sessions and marks in
  dictionaries, and applies the real rules of :mod:`kiosk.core.attendance` (which mark
  stands, the summary), as the real stores do.

The real stores, models and index are tested against real databases and photos elsewhere.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time

import numpy as np
import numpy.typing as npt

from kiosk.core.attendance import incoming_wins, summarise
from kiosk.core.domain import AttendanceMark, ClassInfo, FaceBox, SessionInfo, SessionSummary, StudentInfo
from kiosk.core.errors import NotFound
from kiosk.core.ports import Candidate, Vectors

MODEL = "Fake"
DIM = 8


def unit_vector(axis: int, dim: int = DIM) -> npt.NDArray[np.float32]:
    """A face vector of its own: orthogonal to every other axis (similarity 0), 1.0 to itself."""
    vector = np.zeros(dim, dtype=np.float32)
    vector[axis] = 1.0
    return vector


@dataclass(frozen=True)
class FakeFace:
    """One face in front of the fake camera."""

    box: FaceBox
    vector: npt.NDArray[np.float32]
    accepted: bool = True  # False: too small or blurred, never embedded


class FakeAnalyser:
    """A :class:`~kiosk.core.ports.FaceAnalyser` that sees what the test shows it."""

    def __init__(self, model_name: str = MODEL) -> None:
        self._model_name = model_name
        self._in_view: tuple[FakeFace, ...] = ()
        self.embedded = 0  # how many faces were turned into vectors

    @property
    def model_name(self) -> str:
        return self._model_name

    def show(self, *faces: FakeFace) -> None:
        """The faces every following frame holds (none: an empty room)."""
        self._in_view = faces

    def detect(self, frame_bgr: npt.NDArray[np.uint8]) -> Sequence[FakeFace]:
        return self._in_view

    def embed(self, faces: Sequence[FakeFace]) -> Vectors:
        self.embedded += len(faces)
        return np.stack([f.vector for f in faces]).astype(np.float32)


class FakeIndex:
    """A :class:`~kiosk.core.ports.FaceIndex` by brute force: best similarity per student."""

    def __init__(self, vectors: Vectors, student_ids: Sequence[uuid.UUID], model_name: str = MODEL) -> None:
        self._vectors = np.asarray(vectors, dtype=np.float32).reshape(len(student_ids), -1)
        self._student_ids = tuple(student_ids)
        self.model_name = model_name

    @property
    def size(self) -> int:
        return len(self._student_ids)

    def search(self, queries: Vectors, model_name: str, k: int = 5) -> list[list[Candidate]]:
        assert model_name == self.model_name, "searched with another model's vectors"
        out: list[list[Candidate]] = []
        for query in np.atleast_2d(queries):
            best: dict[uuid.UUID, float] = {}
            for sid, sim in zip(self._student_ids, self._vectors @ query, strict=True):
                best[sid] = max(best.get(sid, -1.0), float(sim))
            out.append(sorted(best.items(), key=lambda c: c[1], reverse=True)[:k])
        return out

    def remove_student(self, student: uuid.UUID) -> int:
        keep = [i for i, sid in enumerate(self._student_ids) if sid != student]
        gone = len(self._student_ids) - len(keep)
        self._vectors = self._vectors[keep]
        self._student_ids = tuple(self._student_ids[i] for i in keep)
        return gone

    def add_student(self, student: uuid.UUID, vectors: Vectors) -> int:
        rows = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
        self._vectors = np.vstack([self._vectors.reshape(-1, rows.shape[1]), rows])
        self._student_ids = self._student_ids + (student,) * len(rows)
        return len(rows)


class FakeIndexSource:
    """A :class:`~kiosk.core.ports.FaceIndexSource`: builds from the gallery, unless ``stale``
    is set, which it returns whatever the gallery says (a cache nobody refreshed)."""

    def __init__(self, stale: FakeIndex | None = None) -> None:
        self.stale = stale
        self.builds = 0

    def get_or_build(
        self,
        class_code: str,
        model_name: str,
        fingerprint: str,
        load_encodings: Callable[[], tuple[Vectors, tuple[uuid.UUID, ...]]],
    ) -> FakeIndex:
        if self.stale is not None:
            return self.stale
        self.builds += 1
        vectors, ids = load_encodings()
        return FakeIndex(vectors, ids, model_name)


@dataclass(frozen=True)
class FakeGallery:
    model_name: str
    vectors: npt.NDArray[np.float32]
    student_ids: tuple[uuid.UUID, ...]
    fingerprint: str


class InMemoryStore:
    """An :class:`~kiosk.core.ports.AttendanceStore` in dictionaries."""

    def __init__(self) -> None:
        self.classes: dict[str, ClassInfo] = {}
        self.students: dict[uuid.UUID, StudentInfo] = {}
        self.vectors: dict[uuid.UUID, npt.NDArray[np.float32]] = {}  # one photo each, model MODEL
        self.sessions: dict[uuid.UUID, SessionInfo] = {}
        self.stored: dict[uuid.UUID, dict[uuid.UUID, AttendanceMark]] = {}  # session -> student -> mark
        self.audit: list[tuple[str | None, AttendanceMark]] = []  # (actor, mark) of manual marks
        self.lookalikes: set[frozenset[uuid.UUID]] = set()  # recorded look-alike pairs (twins)

    # --- set-up, as the roster service would ---------------------------------------------
    def add_class(self, code: str, *, starts_at: time | None = None) -> ClassInfo:
        self.classes[code] = ClassInfo(code, f"Class {code}", "Ms Rivera", starts_at)
        return self.classes[code]

    def add_student(
        self,
        name: str,
        class_code: str,
        *,
        vector: npt.NDArray[np.float32] | None = None,
        consent: bool = True,
    ) -> StudentInfo:
        student = StudentInfo(
            id=uuid.uuid4(),
            student_id=f"S-{len(self.students) + 1}",
            name=name,
            class_code=class_code,
            consent_given=consent,
            encoding_count=0 if vector is None else 1,
        )
        self.students[student.id] = student
        if vector is not None:
            self.vectors[student.id] = vector
        return student

    def update_student(self, student: StudentInfo, **changes: object) -> StudentInfo:
        self.students[student.id] = replace(student, **changes)  # type: ignore[arg-type]
        return self.students[student.id]

    # --- the port -------------------------------------------------------------------------
    def get_class(self, class_code: str) -> ClassInfo:
        try:
            return self.classes[class_code]
        except KeyError:
            raise NotFound(f"There is no class {class_code}.") from None

    def list_classes(self) -> list[ClassInfo]:
        return sorted(self.classes.values(), key=lambda c: c.code)

    def roster(self, class_code: str) -> list[StudentInfo]:
        self.get_class(class_code)
        return sorted(
            (s for s in self.students.values() if s.class_code == class_code and s.is_active),
            key=lambda s: s.name,
        )

    def gallery(self, class_code: str, model_name: str) -> FakeGallery:
        """Like the real repository: only students who may be recognised are in it."""
        ids = tuple(
            s.id
            for s in self.roster(class_code)
            if s.can_be_recognised and s.id in self.vectors and model_name == MODEL
        )
        vectors = np.stack([self.vectors[i] for i in ids]) if ids else np.zeros((0, DIM), np.float32)
        return FakeGallery(model_name, vectors.astype(np.float32), ids, ",".join(str(i) for i in ids))

    def photos(self, student_uuids: list[uuid.UUID]) -> dict[uuid.UUID, bytes]:
        return {}

    def lookalike_pairs(self) -> frozenset[frozenset[uuid.UUID]]:
        return frozenset(self.lookalikes)

    def open_session(self, class_code: str, *, started_by: str | None, kiosk_id: str | None) -> SessionInfo:
        self.get_class(class_code)
        session = SessionInfo(uuid.uuid4(), class_code, datetime.now(UTC), None, started_by, kiosk_id)
        self.sessions[session.id] = session
        self.stored[session.id] = {}
        return session

    def mark(self, mark: AttendanceMark, *, actor: str | None = None) -> AttendanceMark:
        marks = self.stored[mark.session_id]
        existing = marks.get(mark.student_uuid)
        if existing is None or incoming_wins(existing, mark):
            marks[mark.student_uuid] = mark
            if actor is not None:
                self.audit.append((actor, mark))
        return marks[mark.student_uuid]

    def marks(self, session_id: uuid.UUID) -> list[AttendanceMark]:
        return sorted(self.stored[session_id].values(), key=lambda m: m.marked_at)

    def close_session(self, session_id: uuid.UUID, *, ended_at: datetime | None = None) -> SessionInfo:
        session = self.sessions[session_id]
        if session.ended_at is None:
            session = replace(session, ended_at=ended_at or datetime.now(UTC))
            self.sessions[session_id] = session
        return session

    def summary(self, session_id: uuid.UUID) -> SessionSummary:
        session = self.sessions[session_id]
        return summarise(
            session,
            self.classes[session.class_code],
            self.roster(session.class_code),
            self.marks(session_id),
            self.students.__getitem__,
        )

    def close(self) -> None:
        return None

    def status_line(self) -> str:
        return "In memory"
