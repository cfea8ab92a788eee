"""What a session knows of each face track beyond its votes (issue 14's doubtful matches).

- evidence: the students a track's votes named (a look-alike pair among them is a doubt) and,
  per student, the narrowest lead over the runner-up it ever had;
- the liveness check's view: every face not marked yet is shown to it, and forgotten when it
  leaves the picture;
- confirmations waiting for the liveness verdict (the vote may finish before the check has
  seen enough frames): decided once it has one, when its time is up, or when the face leaves.

Only the recognition worker (``process_frame``) touches it, so it needs no lock of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from kiosk.core.domain import FaceBox
from kiosk.core.liveness import Liveness, LivenessCheck
from kiosk.core.matching import MatchDecision
from kiosk.core.voting import Confirmation

# A face the vote confirmed while the liveness check is still unsure waits this long for a
# verdict (the check may need more frames than the vote) before it goes to the teacher.
LIVENESS_WAIT_SECONDS = 2.0


@dataclass
class TrackEvidence:
    """What a track's votes showed: its rivals (for look-alike pairs) and its narrowest lead."""

    rivals: set[uuid.UUID] = field(default_factory=set)
    leads: dict[uuid.UUID, float] = field(default_factory=dict)  # per voted student, the smallest


@dataclass(frozen=True)
class Waiting:
    confirmation: Confirmation[uuid.UUID]
    box: FaceBox
    deadline: float


class TrackWatch:
    """One session's view of its tracks; :meth:`reset` at each start."""

    def __init__(self, liveness: LivenessCheck | None) -> None:
        self.liveness = liveness
        self._evidence: dict[int, TrackEvidence] = {}
        self._waiting: dict[int, Waiting] = {}
        self._seen_by_check: set[int] = set()  # tracks the liveness check has seen (to forget them)

    def reset(self) -> None:
        self._evidence.clear()
        self._waiting.clear()
        self._seen_by_check.clear()

    def gather(self, track_id: int, decision: MatchDecision[uuid.UUID]) -> None:
        evidence = self._evidence.setdefault(track_id, TrackEvidence())
        evidence.rivals.update(r for r in (decision.best_candidate, decision.runner_up) if r is not None)
        student = decision.student_uuid
        if student is not None and decision.margin is not None:
            evidence.leads[student] = min(evidence.leads.get(student, decision.margin), decision.margin)

    def evidence(self, track_id: int) -> TrackEvidence:
        return self._evidence.get(track_id) or TrackEvidence()

    def follow(
        self,
        active: set[int],
        image_bgr: npt.NDArray[np.uint8],
        unmarked: Iterable[tuple[int, FaceBox]],
        now: float,
    ) -> None:
        """Forget tracks that left; show the liveness check every face not marked yet."""
        for tid in [t for t in self._evidence if t not in active and t not in self._waiting]:
            del self._evidence[tid]
        if self.liveness is None:
            return
        lost = [t for t in self._seen_by_check if t not in active]
        if lost:
            self.liveness.forget(lost)
            self._seen_by_check.difference_update(lost)
        for tid, box in unmarked:
            self.liveness.observe(tid, image_bgr, box, now)
            self._seen_by_check.add(tid)

    def verdict(self, track_id: int) -> Liveness | None:
        return self.liveness.verdict(track_id) if self.liveness is not None else None

    def wait(self, confirmation: Confirmation[uuid.UUID], box: FaceBox, now: float) -> None:
        self._waiting[confirmation.track_id] = Waiting(confirmation, box, now + LIVENESS_WAIT_SECONDS)

    def due(self, boxes: dict[int, FaceBox], now: float) -> list[tuple[Waiting, TrackEvidence]]:
        """The waiting confirmations to decide now (the check has a verdict, the time is up, or
        the face left: ``boxes`` holds the faces in this frame), each with its evidence."""
        ready: list[tuple[Waiting, TrackEvidence]] = []
        for track_id, waiting in list(self._waiting.items()):
            box = boxes.get(track_id, waiting.box)
            if self.verdict(track_id) is Liveness.UNSURE and now < waiting.deadline and track_id in boxes:
                self._waiting[track_id] = Waiting(waiting.confirmation, box, waiting.deadline)
                continue
            del self._waiting[track_id]
            evidence = self.evidence(track_id)
            if track_id not in boxes:
                self._evidence.pop(track_id, None)  # kept until this decision after the face left
            ready.append((Waiting(waiting.confirmation, box, waiting.deadline), evidence))
        return ready
