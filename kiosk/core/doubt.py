"""Doubtful matches are asked, not guessed: what to do with a face the vote confirmed.

The vote (:mod:`kiosk.core.voting`) says "this track is student S". Before anyone is marked,
:func:`judge_confirmation` decides one of

- **MARK**: mark S automatically;
- **ASK**: mark nobody; show the teacher a prompt ("Is this Ana Ruiz?"), which marks S with
  source ``confirmed`` on Yes;
- **REFUSE**: mark nobody and do not ask (a face the liveness check judged a photo or a
  screen, under the ``reject`` policy); the pupil is told to see the teacher.

A confirmation is asked about when

- its similarity is within ``bands.similarity`` of the model's threshold (close to where
  strangers were measured; ``kiosk eval`` suggests the band), or
- its lead over the best *other* student is within ``bands.margin`` of the required margin,
  or
- the student and a rival for the same face (the runner-up of any of its votes) are a
  recorded look-alike pair (twins): those are never marked automatically, whatever the
  scores, or
- the liveness policy says so (see :class:`~kiosk.core.liveness.LivenessPolicy`).

Pure: no clock, no database, no Qt.
"""

from __future__ import annotations

import enum
import math
import uuid
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from kiosk.core.domain import FaceBox, StudentInfo
from kiosk.core.errors import ConfigError
from kiosk.core.liveness import Liveness, LivenessPolicy

K = TypeVar("K", bound=Hashable)


class Verdict(enum.StrEnum):
    MARK = "mark"
    ASK = "ask"
    REFUSE = "refuse"


class DoubtReason(enum.StrEnum):
    NEAR_THRESHOLD = "near_threshold"  # similarity just above the threshold
    SMALL_MARGIN = "small_margin"  # barely ahead of another student
    LOOKALIKE = "lookalike"  # a recorded look-alike pair (twins, siblings)
    NOT_LIVE = "not_live"  # the liveness check judged a photo or a screen
    LIVENESS_UNSURE = "liveness_unsure"  # the liveness check could not tell yet

    @property
    def text(self) -> str:
        """Plain words for logs, the CLI and the teacher (the GUI translates its own copy)."""
        return _REASON_TEXT[self]


_REASON_TEXT = {
    DoubtReason.NEAR_THRESHOLD: "the match is weak",
    DoubtReason.SMALL_MARGIN: "another student looks almost as similar",
    DoubtReason.LOOKALIKE: "a recorded look-alike",
    DoubtReason.NOT_LIVE: "may be a photo or a screen",
    DoubtReason.LIVENESS_UNSURE: "liveness not certain",
}


@dataclass(frozen=True, slots=True)
class DoubtBands:
    """How close to the threshold and to the margin a match is still asked about (0: never)."""

    similarity: float = 0.0
    margin: float = 0.0

    def __post_init__(self) -> None:
        for name in ("similarity", "margin"):
            value = getattr(self, name)
            if not (math.isfinite(value) and 0.0 <= value <= 1.0):
                raise ConfigError(
                    f"The doubt band for {name} is {value}; it must be between 0 and 1.",
                    "Use the bands `kiosk eval` suggests, or 0 to never ask for this reason.",
                )


@dataclass(frozen=True, slots=True)
class Judgement:
    verdict: Verdict
    reasons: tuple[DoubtReason, ...] = ()

    @property
    def why(self) -> str:
        return "; ".join(r.text for r in self.reasons)


def lookalike_rivals(student: K, rivals: Iterable[K], pairs: frozenset[frozenset[K]]) -> frozenset[K]:
    """The rivals that form a recorded look-alike pair with ``student``."""
    return frozenset(r for r in rivals if r != student and frozenset((student, r)) in pairs)


def judge_confirmation(
    student: K,
    *,
    similarity: float,
    margin: float | None,
    threshold: float,
    required_margin: float,
    bands: DoubtBands,
    rivals: Iterable[K] = (),
    lookalikes: frozenset[frozenset[K]] = frozenset(),
    liveness: Liveness | None = None,
    policy: LivenessPolicy = LivenessPolicy.OFF,
) -> Judgement:
    """MARK, ASK or REFUSE for a confirmed ``student`` (see the module docstring).

    ``similarity``: the confirmation's similarity (the mean of its votes); ``margin``: its
    smallest lead over another student (``None``: no other student was a candidate);
    ``liveness``: the check's verdict for the face (``None``: no check runs, so the policy has
    nothing to act on).
    """
    reasons: list[DoubtReason] = []
    if policy is not LivenessPolicy.OFF and liveness is not None:
        if liveness is Liveness.SPOOF:
            if policy is LivenessPolicy.REJECT:
                return Judgement(Verdict.REFUSE, (DoubtReason.NOT_LIVE,))
            reasons.append(DoubtReason.NOT_LIVE)
        elif liveness is Liveness.UNSURE:
            reasons.append(DoubtReason.LIVENESS_UNSURE)
    if lookalike_rivals(student, rivals, lookalikes):
        reasons.append(DoubtReason.LOOKALIKE)
    if not similarity >= threshold + bands.similarity:  # NaN: doubtful too
        reasons.append(DoubtReason.NEAR_THRESHOLD)
    if margin is not None and margin < required_margin + bands.margin:
        reasons.append(DoubtReason.SMALL_MARGIN)
    return Judgement(Verdict.ASK if reasons else Verdict.MARK, tuple(reasons))


@dataclass(frozen=True, slots=True)
class Doubt:
    """A face the teacher is asked about: "Is this <student>?". Kept until answered."""

    id: uuid.UUID
    track_id: int
    box: FaceBox
    student: StudentInfo  # the camera's candidate
    similarity: float
    reasons: tuple[DoubtReason, ...]
    asked_at: datetime

    @property
    def why(self) -> str:
        return "; ".join(r.text for r in self.reasons)
