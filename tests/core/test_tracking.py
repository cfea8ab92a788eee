"""The face tracker: ids that follow a face across frames."""

from __future__ import annotations

import pytest

from kiosk.core.domain import FaceBox
from kiosk.core.tracking import FaceTracker, centre_distance, iou


def test_iou_and_centre_distance() -> None:
    a = FaceBox(0, 0, 10, 10)
    assert iou(a, a) == 1.0
    assert iou(a, FaceBox(20, 20, 10, 10)) == 0.0
    assert iou(a, FaceBox(5, 0, 10, 10)) == pytest.approx(50 / 150)
    assert centre_distance(a, FaceBox(10, 0, 10, 10)) == pytest.approx(1.0)


def test_tracker_keeps_ids_for_moving_faces_and_separates_others() -> None:
    tracker = FaceTracker()
    (t1, t2), _ = tracker.update([FaceBox(100, 100, 80, 80), FaceBox(400, 100, 80, 80)], 0.0)
    assert t1.id != t2.id
    # Next frame: order swapped, both moved a little.
    (u2, u1), _ = tracker.update([FaceBox(405, 102, 80, 80), FaceBox(110, 98, 82, 82)], 0.1)
    assert (u1.id, u2.id) == (t1.id, t2.id)
    # A fast move with no overlap still continues the track (centre shift < 0.6 side).
    (v1,), _ = tracker.update([FaceBox(150, 100, 80, 80)], 0.2)
    assert v1.id == t1.id
    # A face far away is a new track.
    (w,), _ = tracker.update([FaceBox(700, 300, 80, 80)], 0.3)
    assert w.id not in (t1.id, t2.id)


def test_tracker_one_box_per_track() -> None:
    tracker = FaceTracker()
    (t,), _ = tracker.update([FaceBox(100, 100, 80, 80)], 0.0)
    a, b = tracker.update([FaceBox(100, 100, 80, 80), FaceBox(104, 100, 80, 80)], 0.1)[0]
    assert a.id == t.id
    assert b.id != t.id


def test_tracks_expire_and_ids_are_not_reused() -> None:
    tracker = FaceTracker(expiry_seconds=1.0)
    (t,), _ = tracker.update([FaceBox(100, 100, 80, 80)], 0.0)
    _, expired = tracker.update([], 0.9)
    assert expired == []
    assert [x.id for x in tracker.tracks] == [t.id]
    _, expired = tracker.update([], 1.5)
    assert expired == [t.id]
    (t2,), _ = tracker.update([FaceBox(100, 100, 80, 80)], 1.6)
    assert t2.id != t.id


def test_tracker_refuses_time_going_backwards() -> None:
    tracker = FaceTracker()
    tracker.update([], 5.0)
    with pytest.raises(ValueError):
        tracker.update([], 4.0)


# --- votes ------------------------------------------------------------------------------
