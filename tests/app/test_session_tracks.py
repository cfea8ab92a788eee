"""The session's track watch on its own: evidence per track, what the liveness check is shown
and told to forget, and when a confirmation waiting for its verdict is decided."""

from __future__ import annotations

import uuid

import numpy as np

from kiosk.app.session_tracks import LIVENESS_WAIT_SECONDS, TrackWatch
from kiosk.core.domain import FaceBox
from kiosk.core.liveness import Liveness
from kiosk.core.matching import MatchDecision, MatchReason
from kiosk.core.voting import Confirmation

from .test_session_doubts import FakeLiveness

ANA, BEA = uuid.uuid4(), uuid.uuid4()
BOX, MOVED = FaceBox(10, 10, 50, 50), FaceBox(20, 10, 50, 50)
FRAME = np.zeros((120, 160, 3), dtype=np.uint8)


def _decision(margin: float) -> MatchDecision[uuid.UUID]:
    return MatchDecision(ANA, 0.8, margin, MatchReason.MATCH, best_candidate=ANA, runner_up=BEA)


def _confirmation(track_id: int) -> Confirmation[uuid.UUID]:
    return Confirmation(ANA, track_id, at=0.0, votes=2, mean_similarity=0.8, best_similarity=0.82)


def test_evidence_keeps_every_rival_and_the_narrowest_lead_until_the_face_leaves() -> None:
    watch = TrackWatch(None)
    for margin in (0.20, 0.05, 0.12):
        watch.gather(7, _decision(margin))
    evidence = watch.evidence(7)
    assert evidence.rivals == {ANA, BEA} and evidence.leads == {ANA: 0.05}
    watch.follow({7}, FRAME, [], now=1.0)
    assert watch.evidence(7).leads == {ANA: 0.05}  # still in the picture
    watch.follow(set(), FRAME, [], now=2.0)
    assert watch.evidence(7).leads == {}  # gone: forgotten


def test_the_check_sees_unmarked_faces_and_forgets_those_that_left() -> None:
    check = FakeLiveness(Liveness.LIVE)
    watch = TrackWatch(check)
    watch.follow({1, 2}, FRAME, [(1, BOX), (2, BOX)], now=0.0)
    watch.follow({2}, FRAME, [(2, BOX)], now=0.1)
    assert check.observed == [1, 2, 2] and check.forgotten == [1]
    assert watch.verdict(2) is Liveness.LIVE
    assert TrackWatch(None).verdict(2) is None  # no check installed


def test_a_waiting_confirmation_is_decided_on_a_verdict_on_time_or_when_the_face_leaves() -> None:
    check = FakeLiveness(Liveness.UNSURE)
    watch = TrackWatch(check)
    watch.gather(1, _decision(0.1))
    watch.wait(_confirmation(1), BOX, now=10.0)
    assert watch.due({1: MOVED}, now=10.5) == []  # unsure, in view, in time: it waits
    (ready, evidence), *_ = watch.due({1: MOVED}, now=10.0 + LIVENESS_WAIT_SECONDS)  # time is up
    assert ready.box == MOVED and evidence.leads == {ANA: 0.1}
    assert watch.due({1: MOVED}, now=99.0) == []  # decided once

    watch.wait(_confirmation(2), BOX, now=20.0)
    check.answer = Liveness.LIVE
    assert [w.confirmation.track_id for w, _ in watch.due({2: BOX}, now=20.1)] == [2]  # a verdict

    watch.gather(3, _decision(0.3))
    watch.wait(_confirmation(3), BOX, now=30.0)
    check.answer = Liveness.UNSURE
    (left, evidence), *_ = watch.due({}, now=30.1)  # the face left: decided with its evidence
    assert left.box == BOX and evidence.leads == {ANA: 0.3}
    assert watch.evidence(3).leads == {}  # and then forgotten
