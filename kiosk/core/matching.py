"""Match decisions: is this face a known student, and which one?

Pure numpy, no FAISS: the index (``kiosk.infra.recognition.index``) returns candidate
lists, this module decides. A match needs both

- a similarity at or above the model's threshold (cosine similarity of L2-normalised
  vectors), and
- a lead of at least ``margin`` over the best similarity of a *different* student, so two
  look-alike students never get confused by one lucky frame.

Anything else is Unknown, with the reason kept for logs and the evaluation report.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

K = TypeVar("K", bound=Hashable)


class MatchReason(enum.StrEnum):
    MATCH = "match"
    NO_CANDIDATES = "no_candidates"  # empty gallery
    BELOW_THRESHOLD = "below_threshold"  # the best student is not similar enough
    AMBIGUOUS = "ambiguous"  # the best student does not beat the runner-up by the margin


@dataclass(frozen=True, slots=True)
class MatchDecision(Generic[K]):
    """The outcome for one face.

    ``student_uuid`` is the matched student, or ``None`` for Unknown. ``similarity`` is the
    best candidate's similarity (``nan`` when there was none), ``margin`` its lead over the
    best *different* student (``None`` when no other student was among the candidates).
    ``best_candidate`` is the best student even when the decision is Unknown (for logs);
    ``runner_up`` the best *different* student (look-alike pairs are asked about, not marked).
    """

    student_uuid: K | None
    similarity: float
    margin: float | None
    reason: MatchReason
    best_candidate: K | None = None
    runner_up: K | None = None

    @property
    def is_match(self) -> bool:
        return self.student_uuid is not None


def decide(candidates: Sequence[tuple[K, float]], threshold: float, margin: float) -> MatchDecision[K]:
    """Decide from ``(student, similarity)`` candidates, best first.

    Several candidates may name the same student (one per enrolled photo); only the best
    similarity of each *other* student counts for the margin. The order is not trusted:
    the best similarity is found by scanning. NaN similarities are ignored.
    """
    if margin < 0:
        raise ValueError(f"margin must be >= 0, not {margin}")
    best_student: K | None = None
    best = -math.inf
    for student, sim in candidates:
        s = float(sim)
        if s > best:  # False for NaN
            best, best_student = s, student
    if best_student is None:
        return MatchDecision(None, math.nan, None, MatchReason.NO_CANDIDATES)
    runner_up = -math.inf
    second: K | None = None
    for student, sim in candidates:
        s = float(sim)
        if student != best_student and s > runner_up:
            runner_up, second = s, student
    lead = None if runner_up == -math.inf else best - runner_up
    if best < threshold:
        return MatchDecision(None, best, lead, MatchReason.BELOW_THRESHOLD, best_student, second)
    if lead is not None and lead < margin:
        return MatchDecision(None, best, lead, MatchReason.AMBIGUOUS, best_student, second)
    return MatchDecision(best_student, best, lead, MatchReason.MATCH, best_student, second)


class InvalidVector(ValueError):
    """A face vector that cannot be normalised: zero length, NaN or infinite values."""


def l2_normalise(vectors: NDArray[np.floating] | Sequence[float], axis: int = -1) -> NDArray[np.float32]:
    """Scale vectors to unit length along ``axis`` (float32, a new array). Strict.

    A zero vector or one with NaN or infinite values raises :class:`InvalidVector` (a
    ``ValueError``): such a vector comes from a broken model or a damaged row, and scaled
    quietly it would either match nothing or poison every similarity it touches. Callers
    decide what to do (the embedder reports a damaged model, the index refuses the rows).
    """
    arr = np.asarray(vectors, dtype=np.float32)
    if not np.all(np.isfinite(arr)):
        raise InvalidVector("face vectors contain NaN or infinite values")
    norms = np.linalg.norm(arr, axis=axis, keepdims=True)
    if arr.size and not np.all(norms > np.float32(1e-12)):
        raise InvalidVector("a face vector has zero length")
    out: NDArray[np.float32] = (arr / norms).astype(np.float32, copy=False)
    return out
