"""The offline motion check on landmark geometry, and on clips made from the real test photos.

The clips are described in liveness_clips.py: spoofs are GENERATED from still photos (a photo
moved as a rigid plane, a phone screen with moire and glare); the "real" sequences are real
photos of one person shown one after another, not video (no face video is available here).
Photos of persons 08-13 are used: the thresholds were chosen on persons 01-07.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from liveness_clips import (
    SPOOF_MOTIONS,
    Clip,
    detect_box,
    load,
    person_photos,
    real_photo_sequence,
    spoof_clip,
)

from kiosk.core.domain import FaceBox
from kiosk.core.liveness import Liveness
from kiosk.infra.recognition.liveness_motion import MotionLivenessCheck, MotionThresholds, residuals

HELD_OUT = ("person08", "person09", "person10", "person11", "person12", "person13")


def face_points(yaw_degrees: float, *, flat: bool) -> np.ndarray:
    """68 points on a dome-shaped face 100 px across (nose forward), seen from ``yaw`` degrees."""
    rng = np.random.default_rng(3)
    angle = rng.uniform(0, 2 * math.pi, 68)
    radius = np.sqrt(rng.uniform(0, 1, 68))
    x, y = 50 * radius * np.cos(angle), 60 * radius * np.sin(angle)
    z = np.zeros(68) if flat else 45 * (1 - radius**2)  # a face is ~45 px deep at 100 px wide
    yaw = math.radians(yaw_degrees)
    xr, zr = x * math.cos(yaw) + z * math.sin(yaw), -x * math.sin(yaw) + z * math.cos(yaw)
    focal, distance = 700.0, 600.0
    return np.column_stack([320 + focal * xr / (distance - zr), 240 + focal * y / (distance - zr)]).astype(
        np.float32
    )


def test_a_turning_head_is_not_planar_a_turning_picture_is() -> None:
    limits = MotionThresholds()
    head = residuals(face_points(0, flat=False), face_points(20, flat=False), 60.0)
    picture = residuals(face_points(0, flat=True), face_points(20, flat=True), 60.0)

    assert head[0] > limits.min_motion and head[1] > limits.live_residual
    assert picture[0] > limits.min_motion and picture[1] < 0.001


def test_sliding_says_nothing() -> None:
    before = face_points(0, flat=False)
    similarity, _ = residuals(before, before * 1.1 + np.float32(30), 60.0)
    assert similarity < 0.001


@pytest.fixture(scope="module")
def check() -> MotionLivenessCheck:
    return MotionLivenessCheck()


def judge(check: MotionLivenessCheck, track: int, clip: Clip) -> Liveness:
    for i, (frame, box) in enumerate(clip):
        check.observe(track, frame, box, i / 15)
    return check.verdict(track)


@pytest.mark.recognition
@pytest.mark.slow
def test_real_faces_that_move_pass_and_none_is_judged_a_photo(check: MotionLivenessCheck) -> None:
    photos = person_photos()
    verdicts = {p: judge(check, n, real_photo_sequence(photos[p])) for n, p in enumerate(HELD_OUT, start=100)}

    assert Liveness.SPOOF not in verdicts.values(), verdicts
    # three or more photos (poses): enough movement to pass
    assert all(verdicts[p] is Liveness.LIVE for p in HELD_OUT if len(photos[p]) >= 3), verdicts


@pytest.mark.recognition
@pytest.mark.slow
def test_generated_spoof_clips_are_never_passed(check: MotionLivenessCheck) -> None:
    photos = person_photos()
    verdicts = {}
    for k, person in enumerate(HELD_OUT[:3]):
        still = load(photos[person][0])
        face = detect_box(still)
        for m in SPOOF_MOTIONS:
            clip = spoof_clip(still, m, seed=k, face=face)
            verdicts[(person, m.name)] = judge(check, 1000 + len(verdicts), clip)

    assert Liveness.LIVE not in verdicts.values(), verdicts
    tilted = [v for (_, name), v in verdicts.items() if name == "tilt-sideways"]
    assert tilted == [Liveness.SPOOF] * 3  # turned enough to show it is flat: refused under "reject"
    slid = [v for (_, name), v in verdicts.items() if name == "slide"]
    assert slid == [Liveness.UNSURE] * 3  # sliding shows nothing: the teacher is asked


@pytest.mark.recognition
def test_a_face_standing_still_is_unsure_and_tracks_are_forgotten(check: MotionLivenessCheck) -> None:
    frame = load(person_photos()["person08"][0])
    clip = real_photo_sequence([person_photos()["person08"][0]], frames_per_photo=8)
    assert judge(check, 7, clip) is Liveness.UNSURE
    assert check.evidence(7)[0] == 0  # nothing moved enough to tell
    check.forget([7])
    assert check.evidence(7) == (0, 0, 0) and check.verdict(7) is Liveness.UNSURE
    check.observe(8, frame, FaceBox(10, 10, 1, 1), 0.0)  # a degenerate box is ignored
    assert check.verdict(8) is Liveness.UNSURE
