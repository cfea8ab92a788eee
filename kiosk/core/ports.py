"""Interfaces the application layer depends on; infrastructure provides them.

Keeping them here (pure typing, no imports of SQLAlchemy or Qt) lets the session logic run
against the embedded SQLite store, the offline-first PostgreSQL store, or anything else
that keeps these promises.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from kiosk.core.checkin import CheckinCredentials
from kiosk.core.domain import (
    AttendanceMark,
    ClassInfo,
    FaceBox,
    SessionInfo,
    SessionSummary,
    StudentInfo,
)

Vectors = npt.NDArray[np.float32]
Candidate = tuple[uuid.UUID, float]  # a student and the similarity of their closest photo


class GalleryData(Protocol):
    """Encodings of one model: what the FAISS index is built from."""

    @property
    def model_name(self) -> str: ...

    @property
    def vectors(self) -> npt.NDArray[np.float32]: ...

    @property
    def student_ids(self) -> tuple[uuid.UUID, ...]: ...

    @property
    def fingerprint(self) -> str: ...


class AttendanceStore(Protocol):
    """Where a session's state lives. Every call is one short transaction of its own.

    ``mark`` returns quickly whatever the network does (the offline-first store writes a
    local outbox first); the returned mark is the stored state after the conflict rule.
    """

    def get_class(self, class_code: str) -> ClassInfo: ...

    def list_classes(self) -> list[ClassInfo]: ...

    def roster(self, class_code: str) -> list[StudentInfo]: ...

    def gallery(self, class_code: str, model_name: str) -> GalleryData: ...

    def photos(self, student_uuids: list[uuid.UUID]) -> dict[uuid.UUID, bytes]: ...

    def lookalike_pairs(self) -> frozenset[frozenset[uuid.UUID]]:
        """Students an admin recorded as look-alikes (twins): a match between them is never
        marked automatically. Unordered pairs of student UUIDs."""
        ...

    def open_session(
        self, class_code: str, *, started_by: str | None, kiosk_id: str | None
    ) -> SessionInfo: ...

    def mark(self, mark: AttendanceMark, *, actor: str | None = None) -> AttendanceMark: ...

    def marks(self, session_id: uuid.UUID) -> list[AttendanceMark]: ...

    def close_session(self, session_id: uuid.UUID, *, ended_at: datetime | None = None) -> SessionInfo: ...

    def summary(self, session_id: uuid.UUID) -> SessionSummary: ...

    def close(self) -> None:
        """Release connections and stop background work (the offline store pushes what it can first)."""
        ...

    def status_line(self) -> str:
        """A short state for the status bar, e.g. 'PostgreSQL online' or 'offline, 3 queued'."""
        ...


class DetectedFaceLike(Protocol):
    """One face found in a frame: where it is, and whether it is good enough to recognise."""

    @property
    def box(self) -> FaceBox: ...

    @property
    def accepted(self) -> bool: ...


Face = TypeVar("Face", bound=DetectedFaceLike)


class FaceAnalyser(Protocol[Face]):
    """What a session needs of the face models: find faces, turn the usable ones into vectors.

    Generic in the analyser's own face type: ``embed`` takes back what ``detect`` gave.
    """

    @property
    def model_name(self) -> str: ...

    def detect(self, frame_bgr: npt.NDArray[np.uint8]) -> Sequence[Face]: ...

    def embed(self, faces: Sequence[Face]) -> Vectors:
        """One L2-normalised row per face, in order (the faces came from ``detect``)."""
        ...


class FaceIndex(Protocol):
    """What a session needs of a class's face index: the nearest enrolled students."""

    @property
    def size(self) -> int: ...

    def search(self, queries: Vectors, model_name: str, k: int = 5) -> list[list[Candidate]]:
        """Per query, the ``k`` most similar students, best first (one entry per student)."""
        ...

    def remove_student(self, student: uuid.UUID) -> int:
        """Take a student's vectors out (a notified withdrawal); how many there were."""
        ...

    def add_student(self, student: uuid.UUID, vectors: Vectors) -> int:
        """Add a student's vectors (a notified enrollment); how many."""
        ...


class FaceIndexSource(Protocol):
    """Where a class's index comes from: a cache, rebuilt from the gallery when it is stale."""

    def get_or_build(
        self,
        class_code: str,
        model_name: str,
        fingerprint: str,
        load_encodings: Callable[[], tuple[Vectors, tuple[uuid.UUID, ...]]],
    ) -> FaceIndex: ...


class CodeReader(Protocol):
    """Reads check-in codes (QR cards) from a camera frame; no face is looked at."""

    def read(self, frame_bgr: npt.NDArray[np.uint8]) -> list[str]: ...


class CredentialSource(Protocol):
    """A class's hashed card tokens and PINs (a :class:`KioskError` when none can be had)."""

    def credentials(self, class_code: str) -> CheckinCredentials: ...
