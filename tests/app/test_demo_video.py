"""The demo's synthetic classroom video: readable, deterministic, and faces a detector can find."""

from __future__ import annotations

import math
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.app.demo_heads import locate_face
from kiosk.app.demo_video import (
    Actor,
    Appearance,
    SyntheticClassroom,
    SyntheticVideo,
    actors_from_folder,
    default_timeline,
)
from kiosk.core.domain import FaceBox
from kiosk.core.errors import InvalidInput
from kiosk.infra.camera import VideoFileSource, open_source
from tests.conftest import FACES_DIR

PEOPLE_DIR = FACES_DIR / "people"
SHORT_TIMELINE = (
    Appearance("person01", 0.0, 1.6, (0.3, 0.42), (0.36, 0.42), face_width=118),
    Appearance("person02", 0.5, 1.4, (0.72, 0.45), (0.66, 0.43), face_width=110),
)


@pytest.fixture(scope="module")
def short_video(tmp_path_factory: pytest.TempPathFactory) -> tuple[SyntheticClassroom, SyntheticVideo]:
    if not PEOPLE_DIR.is_dir():
        pytest.skip(f"test photos missing: {PEOPLE_DIR}")
    actors = actors_from_folder(PEOPLE_DIR, limit=2)
    classroom = SyntheticClassroom(actors, SHORT_TIMELINE, fps=15.0, seed=1)
    video = classroom.write(tmp_path_factory.mktemp("synthetic") / "class.mp4")
    return classroom, video


def test_writes_a_readable_mp4_with_the_expected_frames_and_fps(
    short_video: tuple[SyntheticClassroom, SyntheticVideo],
) -> None:
    classroom, video = short_video
    assert video.frame_count == classroom.frame_count == math.ceil((1.9 + 0.5) * 15)
    assert video.fps == 15.0 and video.size == (640, 480)
    assert video.labels == ("person01", "person02")

    source = open_source(video.path)
    assert isinstance(source, VideoFileSource)
    assert source.nominal_fps == pytest.approx(15.0)
    assert source.frame_count == video.frame_count
    frames = list(source)
    source.close()
    assert len(frames) == video.frame_count
    assert frames[0].image.shape == (480, 640, 3)


def test_ground_truth_faces_are_large_enough_for_dlib(
    short_video: tuple[SyntheticClassroom, SyntheticVideo],
) -> None:
    classroom, _ = short_video
    assert classroom.visible(0)[0].label == "person01"
    both = classroom.visible(15)  # t = 1.0 s: both on screen
    assert {f.label for f in both} == {"person01", "person02"}
    for face in both:
        assert face.box.w >= 100 and face.opacity == 1.0
    left, right = sorted(both, key=lambda f: f.box.x)
    assert left.box.x + left.box.w < right.box.x  # side by side, not on top of each other
    assert classroom.visible(classroom.frame_count - 1) == []  # the tail is empty


def _iou(a: FaceBox, b: FaceBox) -> float:
    x0, y0 = max(a.x, b.x), max(a.y, b.y)
    x1, y1 = min(a.x + a.w, b.x + b.w), min(a.y + a.h, b.y + b.h)
    inter = max(0, x1 - x0) * max(0, y1 - y0)
    return inter / (a.w * a.h + b.w * b.h - inter)


def test_dlib_hog_finds_every_fully_visible_face_in_the_written_video(
    short_video: tuple[SyntheticClassroom, SyntheticVideo],
) -> None:
    dlib = pytest.importorskip("dlib")
    detector = dlib.get_frontal_face_detector()
    classroom, video = short_video
    capture = cv2.VideoCapture(str(video.path))
    checked = 0
    for index in range(video.frame_count):
        ok, image = capture.read()
        assert ok
        expected = [f for f in classroom.visible(index) if f.opacity == 1.0]
        if index % 3 or not expected:
            continue
        found = [
            FaceBox(r.left(), r.top(), r.width(), r.height())
            for r in detector(cv2.cvtColor(image, cv2.COLOR_BGR2RGB), 0)
        ]
        for face in expected:
            assert max((_iou(face.box, box) for box in found), default=0.0) > 0.4, (index, face)
        checked += 1
    capture.release()
    assert checked >= 5


def test_same_seed_same_pixels(people_dir: Path) -> None:
    actors = actors_from_folder(people_dir, limit=2)
    a = SyntheticClassroom(actors, SHORT_TIMELINE, seed=4)
    b = SyntheticClassroom(actors, SHORT_TIMELINE, seed=4)
    c = SyntheticClassroom(actors, SHORT_TIMELINE, seed=5)
    assert np.array_equal(a.frame(12), b.frame(12))
    assert not np.array_equal(a.frame(12), c.frame(12))  # the grain differs
    assert sum(1 for _ in a.frames()) == a.frame_count


def test_default_timeline_shape() -> None:
    labels = [f"s{i}" for i in range(8)]
    timeline = default_timeline(labels, seed=3)
    assert timeline == default_timeline(labels, seed=3)
    assert timeline != default_timeline(labels, seed=4)
    assert [a.label for a in timeline] == labels
    assert all(2.0 <= a.duration_s <= 3.0 for a in timeline)
    assert all(110 <= a.face_width <= 128 for a in timeline)
    end = max(a.end_s for a in timeline)
    assert 15.0 <= end <= 25.0

    def on_screen(t: float) -> list[Appearance]:
        return [a for a in timeline if a.start_s <= t < a.end_s]

    counts = [len(on_screen(i / 15)) for i in range(round(end * 15))]
    assert max(counts) == 2  # sometimes two at once, never three
    for t in np.arange(0, end, 1 / 15):
        lanes = [round(a.start_xy[0]) for a in on_screen(float(t))]
        assert len(lanes) == len(set(lanes))  # two people never share a lane


def test_default_video_for_the_demo_lasts_15_to_25_seconds(people_dir: Path) -> None:
    classroom = SyntheticClassroom(actors_from_folder(people_dir, limit=7), seed=0)
    assert 15.0 <= classroom.duration_s <= 25.0
    assert classroom.fps == 15.0


def test_locate_face_finds_the_face_in_a_photo(people_dir: Path) -> None:
    pytest.importorskip("dlib")
    photo = cv2.imread(str(people_dir / "person01" / "1.jpg"))
    assert photo is not None
    box = locate_face(photo)
    assert box is not None and box.w > 100
    assert locate_face(np.full((200, 200, 3), 128, dtype=np.uint8)) is None


def test_bad_inputs_are_plain_errors(tmp_path: Path, people_dir: Path) -> None:
    with pytest.raises(InvalidInput, match="at least one actor"):
        SyntheticClassroom([])
    actors = actors_from_folder(people_dir, limit=1)
    with pytest.raises(InvalidInput, match="unknown actors: nobody"):
        SyntheticClassroom(actors, [Appearance("nobody", 0.0, 1.0)])
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a jpeg")
    with pytest.raises(InvalidInput, match="cannot be read"):
        SyntheticClassroom([Actor("x", broken)]).write(tmp_path / "out.mp4")
    assert not (tmp_path / "out.mp4").exists()  # nothing half-written


def test_a_photo_without_a_detectable_face_still_renders(tmp_path: Path) -> None:
    plain = tmp_path / "plain.png"
    cv2.imwrite(str(plain), np.full((300, 240, 3), 90, dtype=np.uint8))
    classroom = SyntheticClassroom([Actor("x", plain)], [Appearance("x", 0.0, 0.5)], fps=10.0, noise=0)
    assert classroom.frame(2).shape == (480, 640, 3)
    assert classroom.visible(2)[0].box.w == 118


@pytest.fixture
def people_dir() -> Path:
    if not PEOPLE_DIR.is_dir():
        pytest.skip(f"test photos missing: {PEOPLE_DIR}")
    return PEOPLE_DIR
