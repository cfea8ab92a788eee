"""Adaptive vote counts (kiosk.core.voting.AdaptiveVotes): clear matches sooner, doubtful ones later."""

from __future__ import annotations

import uuid

import pytest

from kiosk.core.domain import FaceBox
from kiosk.core.matching import MatchDecision, MatchReason
from kiosk.core.voting import AdaptiveVotes, AttendanceVoting, VoteCounter

A = uuid.UUID(int=1)
RULE = AdaptiveVotes(base=3, threshold=0.95, margin=0.02)  # dlib-offline's figures


@pytest.mark.parametrize(
    ("similarity", "lead", "votes"),
    [
        (0.99, None, 2),  # far above, no rival among the candidates
        (0.98, 0.05, 2),  # far above, clear lead
        (0.98, 0.035, 3),  # far above, lead only 1.75 margins
        (0.965, 0.10, 3),  # in between
        (0.953, 0.10, 4),  # just above the threshold
        (0.99, 0.025, 4),  # a thin lead
    ],
)
def test_the_votes_a_match_asks_for(similarity: float, lead: float | None, votes: int) -> None:
    assert RULE.votes_for(similarity, lead) == votes


def test_never_fewer_than_two_votes() -> None:
    assert AdaptiveVotes(base=2, threshold=0.7, margin=0.05).votes_for(1.0, None) == 2


def match(similarity: float, lead: float | None = None) -> MatchDecision[uuid.UUID]:
    return MatchDecision(A, similarity, lead, MatchReason.MATCH, A)


def test_two_clear_matches_confirm() -> None:
    votes: VoteCounter[uuid.UUID] = VoteCounter(3, 2.0, adaptive=RULE)
    assert votes.observe(1, match(0.99), 0.0) is None
    confirmation = votes.observe(1, match(0.985), 0.3)
    assert confirmation is not None and confirmation.votes == 2


def test_one_doubtful_vote_in_the_window_asks_for_four() -> None:
    votes: VoteCounter[uuid.UUID] = VoteCounter(3, 2.0, adaptive=RULE)
    assert votes.observe(1, match(0.99), 0.0) is None
    assert votes.observe(1, match(0.952), 0.3) is None
    assert votes.observe(1, match(0.99), 0.6) is None  # three, but one asked for four
    confirmation = votes.observe(1, match(0.99), 0.9)
    assert confirmation is not None and confirmation.votes == 4


def test_once_the_doubtful_vote_leaves_the_window_the_clear_ones_suffice() -> None:
    votes: VoteCounter[uuid.UUID] = VoteCounter(3, 1.0, adaptive=RULE)
    assert votes.observe(1, match(0.952), 0.0) is None
    assert votes.observe(1, match(0.99), 0.8) is None
    confirmation = votes.observe(1, match(0.99), 1.2)  # the 0.952 vote is 1.2 s old: gone
    assert confirmation is not None and confirmation.votes == 2


def test_without_the_rule_the_count_is_fixed() -> None:
    votes: VoteCounter[uuid.UUID] = VoteCounter(3, 2.0)
    assert votes.observe(1, match(0.99), 0.0) is None
    assert votes.observe(1, match(0.99), 0.3) is None
    assert votes.observe(1, match(0.99), 0.6) is not None


def test_a_confirmed_track_missing_for_a_moment_is_judged_again() -> None:
    """The next student through the door takes the same place: the tracker joins them to the
    track of the one before, whose confirmation must not carry over."""
    voting: AttendanceVoting[uuid.UUID] = AttendanceVoting(3, 2.0, adaptive=RULE)
    box = FaceBox(100, 100, 120, 120)
    for n in range(2):
        (face,) = voting.update([box], n * 0.1)
        voting.observe(face.track_id, match(0.99), n * 0.1)
    (face,) = voting.update([box], 0.2)
    assert face.is_confirmed and not face.needs_embedding
    assert voting.update([], 0.3) == []  # gone for a frame...
    (again,) = voting.update([box], 0.6)  # ...back at the same place: same track, judged again
    assert again.track_id == face.track_id
    assert not again.is_confirmed and again.needs_embedding
    assert voting.observe(again.track_id, match(0.99), 0.6) is None
    assert voting.observe(again.track_id, match(0.99), 0.7) is None  # A is marked already: no second mark
    (flicker,) = voting.update([box], 0.8)
    assert flicker.is_confirmed  # confirmed again (for the screen)
