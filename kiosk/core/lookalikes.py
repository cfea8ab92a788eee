"""Look-alikes in the face gallery: the one rule for "this face is too close to someone else".

Used when a new face is enrolled (refused when it is too close to another student), by the
face collection manager's "re-check against the school" and by ``kiosk faces check``. Pure
numpy: vectors are L2-normalised, similarity is their dot product (as in
:mod:`kiosk.core.matching`).

The rule, with the model's recognition ``threshold`` and ``margin``:

- Two students are a **suspect pair** when an encoding of one is at least
  ``threshold - margin`` similar to an encoding of the other: a live face of one would be
  matched to the other, or come within the margin of it.
- An encoding is an **outlier** of its student when another student's centroid is closer
  to it (less the margin) than the centroid of its student's other encodings (for a
  student's only encoding: when another student's centroid is a near match): it looks more
  like someone else than like its owner, so it was probably enrolled under the wrong name.

Pairs an admin recorded as look-alikes (twins) are reported as such, not as problems: their
matches are never marked automatically (the session asks the teacher instead).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt

LookalikePairs = frozenset[frozenset[uuid.UUID]]
NO_PAIRS: LookalikePairs = frozenset()


def pair_of(a: uuid.UUID, b: uuid.UUID) -> frozenset[uuid.UUID]:
    """The unordered pair {a, b} (``ValueError`` when a student is paired with themself)."""
    if a == b:
        raise ValueError("a student cannot be their own look-alike")
    return frozenset((a, b))


def near_match(similarity: float, threshold: float, margin: float) -> bool:
    """Whether a face this similar to a student would match them, or come within the margin."""
    return bool(similarity >= threshold - margin)


def looks_like_other(own: float | None, other: float, threshold: float, margin: float) -> bool:
    """Whether a face looks more like another student than its own: ``other`` is its
    similarity to the other student's centroid, ``own`` to the centroid of its own student's
    other encodings (``None``: it is their only one, so only the threshold can tell)."""
    if own is None:
        return near_match(other, threshold, margin)
    return other >= own - margin


@dataclass(frozen=True, slots=True)
class RecordedPair:
    """Two students an admin recorded as look-alikes, and who did when."""

    first: uuid.UUID
    second: uuid.UUID
    first_id: str  # the school's ids, for people
    second_id: str
    recorded_by: str | None
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class SuspectPair:
    """Two students whose encodings are too similar; ``recorded``: an admin said they are look-alikes."""

    first: uuid.UUID
    second: uuid.UUID
    similarity: float  # the highest similarity between an encoding of each
    recorded: bool

    @property
    def pair(self) -> frozenset[uuid.UUID]:
        return frozenset((self.first, self.second))


@dataclass(frozen=True, slots=True)
class Outlier:
    """An encoding that looks more like another student than like its own."""

    encoding_id: int
    student: uuid.UUID
    nearest_other: uuid.UUID
    other_similarity: float
    own_similarity: float | None  # to the centroid of the student's other encodings; None: the only one


@dataclass(frozen=True, slots=True)
class GalleryCheck:
    pairs: tuple[SuspectPair, ...]
    outliers: tuple[Outlier, ...]

    @property
    def problems(self) -> int:
        """What needs an admin: unrecorded pairs and outliers (recorded look-alikes do not)."""
        return sum(1 for p in self.pairs if not p.recorded) + len(self.outliers)


def _unit_centroid(vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32] | None:
    if len(vectors) == 0:
        return None
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    if norm < 1e-12:
        return None
    out: npt.NDArray[np.float32] = (mean / norm).astype(np.float32)
    return out


def check_gallery(
    vectors: npt.NDArray[np.float32],
    owners: Sequence[uuid.UUID],
    encoding_ids: Sequence[int],
    *,
    threshold: float,
    margin: float,
    recorded: LookalikePairs = NO_PAIRS,
    only: frozenset[uuid.UUID] | None = None,
) -> GalleryCheck:
    """Suspect pairs and outliers among ``vectors`` (one row per encoding, L2-normalised).

    ``only``: report just the pairs and outliers involving these students (the rest of the
    gallery is still what they are compared with). Recorded look-alikes are never outliers
    of each other (a twin's photo is expected to look like the other twin).
    One similarity matrix: fine for a school (10,000 encodings are 400 MB of float32 at most;
    a typical school's are a few MB).
    """
    n = len(owners)
    if n == 0:
        return GalleryCheck((), ())
    mat = np.asarray(vectors, dtype=np.float32).reshape(n, -1)
    owner_arr = np.array([o.int for o in owners], dtype=object)
    students = sorted(set(owners), key=lambda u: u.int)
    index = {s: i for i, s in enumerate(students)}
    rows_of: dict[uuid.UUID, npt.NDArray[np.intp]] = {s: np.flatnonzero(owner_arr == s.int) for s in students}
    sims = mat @ mat.T
    # best[i, j]: the highest similarity of encoding i to any encoding of student j.
    best = np.full((n, len(students)), -np.inf, dtype=np.float32)
    for s, rows in rows_of.items():
        best[:, index[s]] = sims[:, rows].max(axis=1)
    pairs: list[SuspectPair] = []
    for a_pos, a in enumerate(students):
        for b in students[a_pos + 1 :]:
            if only is not None and a not in only and b not in only:
                continue
            sim = float(best[rows_of[a], index[b]].max())
            if near_match(sim, threshold, margin):
                pairs.append(SuspectPair(a, b, sim, frozenset((a, b)) in recorded))
    # Outliers are judged against centroids, not single encodings: one misfiled photo of A
    # under B must flag that photo, not every genuine photo of A that it resembles.
    dim = mat.shape[1]
    centroids = np.stack(
        [
            c if (c := _unit_centroid(mat[rows])) is not None else np.zeros(dim, np.float32)
            for rows in rows_of.values()
        ]
    )
    to_centroids = mat @ centroids.T
    outliers: list[Outlier] = []
    for s, rows in rows_of.items():
        if only is not None and s not in only:
            continue
        excluded = [index[s]] + [index[o] for o in students if frozenset((s, o)) in recorded]
        for row in rows:
            others = to_centroids[row].copy()
            others[excluded] = -np.inf
            if not np.isfinite(others).any():
                continue
            nearest = int(np.argmax(others))
            other_sim = float(others[nearest])
            centroid = _unit_centroid(mat[rows[rows != row]])
            own = float(mat[row] @ centroid) if centroid is not None else None
            if looks_like_other(own, other_sim, threshold, margin):
                outliers.append(Outlier(int(encoding_ids[row]), s, students[nearest], other_sim, own))
    pairs.sort(key=lambda p: -p.similarity)
    outliers.sort(key=lambda o: -o.other_similarity)
    return GalleryCheck(tuple(pairs), tuple(outliers))
