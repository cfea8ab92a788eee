from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from kiosk.core.domain import FaceBox
from kiosk.core.errors import ConfigError
from kiosk.core.matching import MatchDecision, MatchReason
from kiosk.core.tracking import FaceTracker
from kiosk.core.voting import AttendanceVoting, VoteCounter

A, B = uuid.uuid4(), uuid.uuid4()


def match(student: uuid.UUID, sim: float = 0.8) -> MatchDecision[uuid.UUID]:
    return MatchDecision(student, sim, 0.2, MatchReason.MATCH, student)


def unknown() -> MatchDecision[uuid.UUID]:
    return MatchDecision(None, 0.3, None, MatchReason.BELOW_THRESHOLD, A)


# --- geometry and tracking --------------------------------------------------------------


def test_n_consistent_matches_within_window_confirm_once() -> None:
    votes: VoteCounter[uuid.UUID] = VoteCounter(3, 2.0)
    assert votes.observe(1, match(A, 0.7), 0.0) is None
    assert votes.observe(1, match(A, 0.8), 0.5) is None
    c = votes.observe(1, match(A, 0.9), 1.0)
    assert c is not None
    assert (c.student, c.track_id, c.votes) == (A, 1, 3)
    assert c.mean_similarity == pytest.approx(0.8)
    assert c.best_similarity == pytest.approx(0.9)
    assert votes.confirmed_track_ids() == {1}
    assert votes.confirmed_students == {A}
    # Further matches on the same track confirm nothing more.
    assert votes.observe(1, match(A), 1.1) is None


def test_one_bad_frame_never_confirms_a_wrong_student() -> None:
    votes: VoteCounter[uuid.UUID] = VoteCounter(3, 2.0)
    votes.observe(1, match(A), 0.0)
    votes.observe(1, match(A), 0.1)
    assert votes.observe(1, match(B), 0.2) is None  # the bad frame
    assert votes.confirmed_students == frozenset()
    # ...and it restarted A's count: one more A is not enough.
    assert votes.observe(1, match(A), 0.3) is None
    assert votes.observe(1, match(A), 0.4) is None
    c = votes.observe(1, match(A), 0.5)
    assert c is not None and c.student == A
    assert B not in votes.confirmed_students


def test_alternating_students_never_confirm() -> None:
    votes: VoteCounter[uuid.UUID] = VoteCounter(2, 10.0)
    for i in range(20):
        assert votes.observe(1, match(A if i % 2 else B), i * 0.1) is None
    assert votes.confirmed_students == frozenset()


def test_votes_outside_window_do_not_count() -> None:
    votes: VoteCounter[uuid.UUID] = VoteCounter(3, 2.0)
    votes.observe(1, match(A), 0.0)
    votes.observe(1, match(A), 1.0)
    assert votes.observe(1, match(A), 2.5) is None  # the first vote left the window
    assert votes.vote_count(1, 2.5) == 2
    assert votes.observe(1, match(A), 2.9) is not None


def test_unknown_frames_neither_count_nor_reset() -> None:
    votes: VoteCounter[uuid.UUID] = VoteCounter(3, 2.0)
    votes.observe(1, match(A), 0.0)
    for t in (0.1, 0.2, 0.3, 0.4):
        assert votes.observe(1, unknown(), t) is None
    votes.observe(1, match(A), 0.5)
    assert votes.observe(1, match(A), 0.6) is not None


def test_votes_are_per_track() -> None:
    votes: VoteCounter[uuid.UUID] = VoteCounter(3, 2.0)
    votes.observe(1, match(A), 0.0)
    votes.observe(2, match(A), 0.1)
    assert votes.observe(3, match(A), 0.2) is None
    assert votes.confirmed_students == frozenset()


def test_same_student_not_confirmed_again_in_session() -> None:
    votes: VoteCounter[uuid.UUID] = VoteCounter(2, 2.0)
    votes.observe(1, match(A), 0.0)
    assert votes.observe(1, match(A), 0.1) is not None
    # A leaves and comes back: a new track reaches the vote, but no second confirmation...
    votes.observe(7, match(A), 5.0)
    assert votes.observe(7, match(A), 5.1) is None
    # ...though the track is confirmed, so the caller stops embedding it.
    assert 7 in votes.confirmed_track_ids()


def test_already_confirmed_students_are_not_confirmed() -> None:
    votes: VoteCounter[uuid.UUID] = VoteCounter(2, 2.0, already_confirmed=[A])
    votes.observe(1, match(A), 0.0)
    assert votes.observe(1, match(A), 0.1) is None
    votes.mark_confirmed(B)
    votes.observe(2, match(B), 0.0)
    assert votes.observe(2, match(B), 0.1) is None


def test_confirmed_track_that_changes_student_is_revoted() -> None:
    votes: VoteCounter[uuid.UUID] = VoteCounter(2, 2.0)
    votes.observe(1, match(A), 0.0)
    votes.observe(1, match(A), 0.1)
    assert votes.observe(1, match(B), 3.0) is None
    assert votes.track_student(1) is None
    c = votes.observe(1, match(B), 3.1)
    assert c is not None and c.student == B


@pytest.mark.parametrize("needed", [0, 1])
def test_one_vote_is_refused(needed: int) -> None:
    with pytest.raises(ConfigError):
        VoteCounter(needed, 2.0)


def test_window_must_be_positive() -> None:
    with pytest.raises(ConfigError):
        VoteCounter(3, 0.0)


# --- the session loop -------------------------------------------------------------------


@dataclass(frozen=True)
class _Recognition:
    votes_needed: int = 3
    vote_window_seconds: float = 2.0


def test_session_loop_confirms_and_skips_confirmed_faces() -> None:
    voting: AttendanceVoting[uuid.UUID] = AttendanceVoting.from_settings(_Recognition(), recheck_seconds=1.0)
    confirmations = []
    t = 0.0
    box = FaceBox(100, 100, 80, 80)
    for _ in range(3):
        (face,) = voting.update([box], t)
        assert face.needs_embedding
        c = voting.observe(face.track_id, match(A), t)
        if c:
            confirmations.append(c)
        t += 0.1
    assert [c.student for c in confirmations] == [A]
    (face,) = voting.update([box], t)
    assert face.is_confirmed and face.confirmed_student == A
    assert not face.needs_embedding
    assert voting.confirmed_track_ids() == {face.track_id}
    # Recheck after recheck_seconds.
    (face,) = voting.update([box], 0.2 + 1.0)
    assert face.needs_embedding


def test_session_loop_forgets_expired_tracks() -> None:
    voting: AttendanceVoting[uuid.UUID] = AttendanceVoting(3, 2.0, tracker=FaceTracker(expiry_seconds=0.5))
    (face,) = voting.update([FaceBox(0, 0, 50, 50)], 0.0)
    voting.observe(face.track_id, match(A), 0.0)
    voting.observe(face.track_id, match(A), 0.1)
    voting.update([], 1.0)  # the face left long enough for its track to end
    (again,) = voting.update([FaceBox(0, 0, 50, 50)], 1.1)
    assert again.track_id != face.track_id
    assert voting.observe(again.track_id, match(A), 1.1) is None  # the old votes are gone
    assert voting.votes.vote_count(face.track_id, 1.1) == 0
    assert voting.confirmed_students == frozenset()
