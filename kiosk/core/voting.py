"""Face tracks across frames, and the vote that turns matches into one attendance mark.

One frame is never enough: a blurred or half-turned face can look like someone else for
a frame. Faces are followed across frames (:class:`~kiosk.core.tracking.FaceTracker`, by box overlap or, for
fast movement, centre distance), each track collects match decisions, and a student is
confirmed only after ``votes_needed`` consistent matches within ``vote_window_seconds``
(:class:`VoteCounter`). :class:`AttendanceVoting` combines both for the session loop::

    voting = AttendanceVoting.from_settings(settings.recognition, already_confirmed=marked)
    for frame in frames:
        now = time.monotonic()
        for face in voting.update(boxes_in(frame), now):
            if face.needs_embedding:  # confirmed faces are skipped (rechecked now and then)
                decision = decide(index.search(...), threshold, margin)
                confirmation = voting.observe(face.track_id, decision, now)
                if confirmation is not None:
                    mark_present(confirmation.student)

Rules: a conflicting match (another student) restarts the count; Unknown frames neither
count nor reset (the window drops stale votes); a student confirmed once is never
confirmed again in the session. Timestamps are passed in (monotonic seconds): nothing here
reads a clock.

With :class:`AdaptiveVotes` the count depends on how clear the matches are: one vote fewer
(never below 2) when every vote in the window is far above the threshold with a clear lead,
one more when any vote is just above the threshold or its lead is thin. A clear face is
marked a frame sooner; a doubtful one needs more evidence than before, so false accepts do
not rise (see benchmarks/RESULTS-crowd.md for the measurement).
"""

from __future__ import annotations

import logging
import math
from collections import deque
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from kiosk.core.crowd import WaitingFace, choose_faces
from kiosk.core.domain import FaceBox
from kiosk.core.errors import ConfigError
from kiosk.core.matching import MatchDecision
from kiosk.core.tracking import FaceTracker

log = logging.getLogger(__name__)

K = TypeVar("K", bound=Hashable)


# --- voting -----------------------------------------------------------------------------


class VoteSettings(Protocol):
    """What the vote needs from ``settings.recognition`` (kept structural: the core does not
    import the infrastructure's config module)."""

    @property
    def votes_needed(self) -> int: ...

    @property
    def vote_window_seconds(self) -> float: ...


@dataclass(frozen=True, slots=True)
class AdaptiveVotes:
    """How many votes a track needs, from the similarity and lead of each of its votes.

    The bands are shares of the headroom above the threshold (``1 - threshold``), so one
    rule fits every model's similarity scale: with dlib-offline (threshold 0.95, margin
    0.02) a vote is *clear* at 0.97 or more with a lead of at least twice the margin (or no
    rival among the candidates), *thin* below 0.955 or with a lead under 1.5 margins; with
    Facenet512 (0.70, 0.05) at 0.82 and below 0.73. The highest similarity of a stranger
    in ``kiosk eval`` on the test photos is 0.933 with dlib-offline.
    """

    base: int
    threshold: float
    margin: float
    clear_share: float = 0.4
    thin_share: float = 0.1

    def votes_for(self, similarity: float, lead: float | None) -> int:
        """Votes needed when a track's weakest vote looks like this one."""
        headroom = max(0.0, 1.0 - self.threshold)
        if similarity < self.threshold + self.thin_share * headroom or (
            lead is not None and lead < 1.5 * self.margin
        ):
            return self.base + 1
        if similarity >= self.threshold + self.clear_share * headroom and (
            lead is None or lead >= 2 * self.margin
        ):
            return max(2, self.base - 1)
        return self.base


@dataclass(frozen=True, slots=True)
class Confirmation(Generic[K]):
    """A student confirmed by a track: mark them present (once per session)."""

    student: K
    track_id: int
    at: float
    votes: int
    mean_similarity: float
    best_similarity: float


@dataclass(slots=True)
class _Ballot(Generic[K]):
    candidate: K | None = None
    # (time, similarity, the votes it asks for)
    votes: deque[tuple[float, float, int]] = field(default_factory=deque)
    confirmed_as: K | None = None  # the student this track was confirmed as
    last_checked: float = -math.inf


class VoteCounter(Generic[K]):
    """Counts each track's matches; confirms a student after enough consistent ones.

    - ``votes_needed`` matches of the same student on the same track, all within the last
      ``window_seconds``, confirm that student (at least 2: one frame never confirms).
      With ``adaptive``, the count is the largest that any vote in the window asks for
      (:meth:`AdaptiveVotes.votes_for`).
    - A match of a different student restarts the track's count with that student.
    - Unknown decisions neither count nor reset; older votes simply leave the window.
    - A student confirmed once (or given in ``already_confirmed``) is never confirmed again:
      the track is still marked confirmed, so callers stop embedding it, but no
      :class:`Confirmation` is returned.
    """

    def __init__(
        self,
        votes_needed: int,
        window_seconds: float,
        *,
        already_confirmed: Iterable[K] = (),
        adaptive: AdaptiveVotes | None = None,
    ) -> None:
        if votes_needed < 2:
            raise ConfigError(
                f"[recognition] votes_needed is {votes_needed}; it must be at least 2.",
                "One frame alone is not enough to mark a student; use 2 or more (3 is the default).",
            )
        if not window_seconds > 0:
            raise ConfigError(
                f"[recognition] vote_window_seconds is {window_seconds}; it must be above 0.",
                "Use a couple of seconds (2.0 is the default).",
            )
        self.votes_needed = votes_needed
        self.window_seconds = float(window_seconds)
        self.adaptive = adaptive
        self._ballots: dict[int, _Ballot[K]] = {}
        self._confirmed: set[K] = set(already_confirmed)

    @property
    def confirmed_students(self) -> frozenset[K]:
        return frozenset(self._confirmed)

    def mark_confirmed(self, student: K) -> None:
        """Record a student as already marked (by hand, or earlier in the session)."""
        self._confirmed.add(student)

    def release(self, student: K) -> None:
        """Let ``student`` be confirmed again by another track: the last confirmation marked
        nobody (the teacher was asked, or the face was refused). The confirming track itself
        stays confirmed, so it does not ask again."""
        self._confirmed.discard(student)

    def confirmed_track_ids(self) -> frozenset[int]:
        return frozenset(tid for tid, b in self._ballots.items() if b.confirmed_as is not None)

    def track_student(self, track_id: int) -> K | None:
        """The student a track was confirmed as, or None."""
        ballot = self._ballots.get(track_id)
        return None if ballot is None else ballot.confirmed_as

    def vote_count(self, track_id: int, now: float) -> int:
        """Votes currently in the window for the track's candidate."""
        ballot = self._ballots.get(track_id)
        if ballot is None:
            return 0
        return sum(1 for t, _, _ in ballot.votes if now - t <= self.window_seconds)

    def forget(self, track_ids: Iterable[int]) -> None:
        for tid in track_ids:
            self._ballots.pop(tid, None)

    def observe(self, track_id: int, decision: MatchDecision[K], now: float) -> Confirmation[K] | None:
        """Count one decision for a track; returns a confirmation the first time a student
        reaches the vote."""
        ballot = self._ballots.setdefault(track_id, _Ballot())
        ballot.last_checked = now
        while ballot.votes and now - ballot.votes[0][0] > self.window_seconds:
            ballot.votes.popleft()
        student = decision.student_uuid
        if student is None:
            return None
        if ballot.confirmed_as is not None and student != ballot.confirmed_as:
            # A confirmed track now looks like someone else (faces swapped places, or the
            # tracker joined two people): stop trusting it and vote again from scratch.
            log.info("Track %s no longer matches its confirmed student; voting again", track_id)
            ballot.confirmed_as = None
        if student != ballot.candidate:
            if ballot.candidate is not None and ballot.votes:
                log.debug("Track %s: conflicting match, vote restarted", track_id)
            ballot.candidate = student
            ballot.votes.clear()
        asks = (
            self.votes_needed
            if self.adaptive is None
            else self.adaptive.votes_for(decision.similarity, decision.margin)
        )
        ballot.votes.append((now, decision.similarity, asks))
        needed = max(v[2] for v in ballot.votes)
        if len(ballot.votes) < needed or ballot.confirmed_as is not None:
            return None
        ballot.confirmed_as = student
        if student in self._confirmed:
            return None
        self._confirmed.add(student)
        sims = [s for _, s, _ in ballot.votes]
        return Confirmation(
            student=student,
            track_id=track_id,
            at=now,
            votes=len(sims),
            mean_similarity=sum(sims) / len(sims),
            best_similarity=max(sims),
        )

    def last_checked(self, track_id: int) -> float:
        ballot = self._ballots.get(track_id)
        return -math.inf if ballot is None else ballot.last_checked


# --- both together ----------------------------------------------------------------------

# A track missing from the last processed frame and unseen this long is judged again.
REAPPEAR_SECONDS = 0.25


@dataclass(frozen=True, slots=True)
class TrackedFace(Generic[K]):
    """One face in the current frame."""

    track_id: int
    box: FaceBox
    confirmed_student: K | None  # set once the track is confirmed
    needs_embedding: bool  # False for confirmed faces between rechecks
    first_seen: float = -math.inf
    previous_box: FaceBox | None = None  # in the previous processed frame (its movement)
    last_examined: float = -math.inf  # last embedded and matched; -inf: never

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_student is not None


class AttendanceVoting(Generic[K]):
    """A :class:`FaceTracker` and a :class:`VoteCounter` for one session.

    Confirmed faces need no embedding, except every ``recheck_seconds`` (``None``: never),
    so a track that silently switched to another person is noticed; a track that was
    missing from the last processed frame for ``REAPPEAR_SECONDS`` or more votes again from
    scratch (the tracker joins a face to a track by place, and the next student through a
    door takes the same place). When more faces need
    an embedding than a frame can serve, :meth:`choose` picks them
    (:func:`kiosk.core.crowd.choose_faces`).
    """

    def __init__(
        self,
        votes_needed: int,
        vote_window_seconds: float,
        *,
        already_confirmed: Iterable[K] = (),
        tracker: FaceTracker | None = None,
        recheck_seconds: float | None = 2.0,
        adaptive: AdaptiveVotes | None = None,
    ) -> None:
        self.tracker = tracker or FaceTracker()
        self.votes: VoteCounter[K] = VoteCounter(
            votes_needed, vote_window_seconds, already_confirmed=already_confirmed, adaptive=adaptive
        )
        self.recheck_seconds = recheck_seconds
        self._boxes: dict[int, FaceBox] = {}  # each live track's box in the last frame
        self._seen: dict[int, float] = {}  # when each live track was last in a frame
        self._in_last_frame: set[int] = set()

    @classmethod
    def from_settings(
        cls,
        settings: VoteSettings,
        *,
        already_confirmed: Iterable[K] = (),
        tracker: FaceTracker | None = None,
        recheck_seconds: float | None = 2.0,
        adaptive: AdaptiveVotes | None = None,
    ) -> AttendanceVoting[K]:
        return cls(
            settings.votes_needed,
            settings.vote_window_seconds,
            already_confirmed=already_confirmed,
            tracker=tracker,
            recheck_seconds=recheck_seconds,
            adaptive=adaptive,
        )

    @property
    def confirmed_students(self) -> frozenset[K]:
        return self.votes.confirmed_students

    def confirmed_track_ids(self) -> frozenset[int]:
        return self.votes.confirmed_track_ids()

    def update(self, boxes: Sequence[FaceBox], now: float) -> list[TrackedFace[K]]:
        """Track one frame's boxes; returns them in the same order, with their state."""
        tracks, expired = self.tracker.update(boxes, now)
        self.votes.forget(expired)
        for tid in expired:
            self._boxes.pop(tid, None)
            self._seen.pop(tid, None)
        for track in tracks:
            seen = self._seen.get(track.id)
            if seen is not None and track.id not in self._in_last_frame and now - seen >= REAPPEAR_SECONDS:
                # Gone for a moment and back at the same place: at a door that is often the
                # next person. Judge the face again (a student already marked stays marked).
                self.votes.forget([track.id])
            self._seen[track.id] = now
        self._in_last_frame = {t.id for t in tracks}
        out: list[TrackedFace[K]] = []
        for track in tracks:
            student = self.votes.track_student(track.id)
            if student is None:
                needs = True
            elif self.recheck_seconds is None:
                needs = False
            else:
                needs = now - self.votes.last_checked(track.id) >= self.recheck_seconds
            last = self.votes.last_checked(track.id)
            out.append(
                TrackedFace(
                    track.id, track.box, student, needs, track.first_seen, self._boxes.get(track.id), last
                )
            )
            self._boxes[track.id] = track.box
        return out

    def choose(
        self, faces: Sequence[TrackedFace[K]], *, budget: int, now: float, frame_size: tuple[int, int]
    ) -> list[int]:
        """Indices of ``faces`` to embed in this frame (at most ``budget`` unless some would
        otherwise miss the 1.5 s deadline; below 1: all that need it), most urgent first."""
        waiting = [
            WaitingFace(
                f.track_id,
                f.box,
                f.previous_box,
                f.first_seen,
                f.last_examined,
                f.is_confirmed,
                f.needs_embedding,
            )
            for f in faces
        ]
        width, height = frame_size
        return choose_faces(waiting, budget=budget, now=now, frame_width=width, frame_height=height)

    def observe(self, track_id: int, decision: MatchDecision[K], now: float) -> Confirmation[K] | None:
        return self.votes.observe(track_id, decision, now)
