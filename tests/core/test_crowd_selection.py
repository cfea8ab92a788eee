"""Which faces of a crowded frame are embedded first (kiosk.core.crowd), and the 1.5 s promise."""

from __future__ import annotations

import math
import uuid

import numpy as np

from kiosk.core.crowd import WaitingFace, choose_faces, edge_distance, predicted_edge_distance
from kiosk.core.domain import FaceBox
from kiosk.core.matching import MatchDecision, MatchReason
from kiosk.core.tracking import FaceTracker
from kiosk.core.voting import AttendanceVoting

W, H = 960, 540
NEVER = -math.inf


def face(
    track_id: int,
    x: int,
    *,
    first_seen: float = 0.0,
    last_examined: float = NEVER,
    confirmed: bool = False,
    needs: bool = True,
    previous_x: int | None = None,
) -> WaitingFace:
    box = FaceBox(x, 200, 100, 100)
    previous = None if previous_x is None else FaceBox(previous_x, 200, 100, 100)
    return WaitingFace(track_id, box, previous, first_seen, last_examined, confirmed, needs)


def choose(faces: list[WaitingFace], budget: int, now: float = 0.2) -> list[int]:
    return [
        faces[i].track_id for i in choose_faces(faces, budget=budget, now=now, frame_width=W, frame_height=H)
    ]


def test_edge_distance_is_to_the_nearest_edge_and_never_negative() -> None:
    assert edge_distance(FaceBox(30, 200, 100, 100), W, H) == 30
    assert edge_distance(FaceBox(400, 200, 100, 100), W, H) == 200  # the top (the bottom is 240 away)
    assert edge_distance(FaceBox(900, 200, 100, 100), W, H) == 0


def test_a_face_walking_out_counts_as_nearer_the_edge_than_a_still_one() -> None:
    walking = face(1, 700, previous_x=600)  # 100 px a frame towards the right edge
    still = face(2, 700, previous_x=700)
    assert predicted_edge_distance(walking, W, H) < predicted_edge_distance(still, W, H)


def test_within_the_budget_every_face_that_needs_it_is_chosen_and_confirmed_ones_are_skipped() -> None:
    faces = [face(1, 400), face(2, 100, confirmed=True, needs=False), face(3, 600)]
    assert sorted(choose(faces, budget=4)) == [1, 3]
    assert sorted(choose(faces, budget=0)) == [1, 3]  # 0: no limit


def test_new_faces_go_before_examined_ones_and_rechecks_last() -> None:
    faces = [
        face(1, 40, confirmed=True, last_examined=0.0),  # a recheck, right at the edge
        face(2, 30, last_examined=0.1),  # examined once, not yet confirmed
        face(3, 400),  # new, in the middle
    ]
    assert choose(faces, budget=1) == [3]
    assert choose(faces, budget=2) == [3, 2]
    assert choose(faces, budget=3) == [3, 2, 1]


def test_over_the_budget_the_faces_about_to_leave_go_first() -> None:
    faces = [face(1, 420), face(2, 850), face(3, 20), face(4, 420, previous_x=300)]
    assert choose(faces, budget=2) == [2, 3]  # 10 px and 20 px from an edge
    examined = [face(1, 20, last_examined=0.1), face(2, 400, last_examined=0.0)]
    assert choose(examined, budget=1) == [2]  # examined ones take turns, whatever their place
    faces = [face(1, 150), face(4, 150, previous_x=250)]  # 4 walks left, towards the edge
    assert choose(faces, budget=1) == [4]


def test_a_face_waiting_half_the_deadline_goes_first_even_beyond_the_budget() -> None:
    faces = [face(1, 20, first_seen=0.7), face(2, 400, first_seen=0.0), face(3, 420, first_seen=0.1)]
    assert choose(faces, budget=1, now=0.9) == [2, 3]  # both waited >= 0.75 s: over the budget
    assert choose(faces, budget=1, now=0.5) == [1]


def unknown() -> MatchDecision[uuid.UUID]:
    return MatchDecision(None, 0.1, None, MatchReason.BELOW_THRESHOLD)


def test_every_face_in_view_for_1_5_seconds_is_examined_whatever_the_crowd() -> None:
    """A crowd far beyond the budget: 1 embedding a frame, 3 frames a second, new faces
    arriving all the time. Every face that stays 1.5 s is examined at least once."""
    rng = np.random.default_rng(3)
    voting: AttendanceVoting[uuid.UUID] = AttendanceVoting(3, 2.0, tracker=FaceTracker(expiry_seconds=0.5))
    people: list[tuple[float, float, int]] = []  # (arrives, leaves, lane x)
    lane_free = [0.0] * 8  # a lane is reused 1 s after its last person left (the track ended)
    t = 0.0
    while t < 30.0:
        stay = float(rng.uniform(0.5, 3.0))
        lane = min(range(8), key=lambda n: lane_free[n])
        t = max(t, lane_free[lane])
        people.append((t, t + stay, lane * 110 + 10))
        lane_free[lane] = t + stay + 1.0
        t += float(rng.uniform(0.2, 0.6))
    examined: set[int] = set()
    owner: dict[int, int] = {}  # track -> person
    frame_step = 1 / 3
    now = 0.0
    while now < 34.0:
        present = [(p, x) for p, (a, b, x) in enumerate(people) if a <= now < b]
        boxes = [FaceBox(x, 200, 90, 90) for _, x in present]
        tracked = voting.update(boxes, now)
        for (p, _), t_face in zip(present, tracked, strict=True):
            owner.setdefault(t_face.track_id, p)
        for i in voting.choose(tracked, budget=1, now=now, frame_size=(W, H)):
            voting.observe(tracked[i].track_id, unknown(), now)
            examined.add(owner[tracked[i].track_id])
        now += frame_step
    stayed = {p for p, (a, b, _) in enumerate(people) if b - a >= 1.5}
    assert stayed and stayed <= examined
