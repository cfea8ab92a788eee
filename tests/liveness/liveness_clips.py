"""Test clips for the liveness checks, made from the real photos in tests/data/faces.

- Spoof clips: one still photo shown to the camera as a rigid plane (a print or a phone
  screen), slid, tilted, turned and zoomed frame by frame (``cv2.warpPerspective`` of a 3D
  plane's homography onto a background), with camera noise and JPEG; the screen variants add
  moire stripes and a moving glare. Generated: they show how a flat picture moves, not every
  way a real attack looks (a real print bends, a real screen has its own pixels and frame).
- Real faces: the labelled photos of one person shown one after the other. They are real
  faces in different poses and expressions, but NOT a video: consecutive "frames" jump
  between photos taken on different days. No real face video is available here.

Each clip is a list of ``(frame, box)``; the box is the face's box in that frame, with a
few pixels of detector-like jitter (spoofs: the still's box carried by the homography; real:
dlib's HOG detector on each photo).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from kiosk.core.domain import FaceBox

FACES_DIR = Path(__file__).resolve().parents[1] / "data" / "faces"
FRAME_W, FRAME_H = 640, 480
Frame = NDArray[np.uint8]
Clip = list[tuple[Frame, FaceBox]]


@dataclass(frozen=True)
class Motion:
    """A plane's pose per frame: angles in degrees, shift in pixels, zoom as a factor."""

    name: str
    yaw: tuple[float, float] = (0.0, 0.0)  # start, end
    pitch: tuple[float, float] = (0.0, 0.0)
    roll: tuple[float, float] = (0.0, 0.0)
    shift_x: tuple[float, float] = (0.0, 0.0)
    shift_y: tuple[float, float] = (0.0, 0.0)
    zoom: tuple[float, float] = (1.0, 1.0)
    shake: float = 0.0  # degrees of random hand shake per frame
    screen: bool = False  # moire and glare, as a phone screen filmed by a webcam


SPOOF_MOTIONS = (
    Motion("slide", shift_x=(-80, 80), shift_y=(-10, 20)),
    Motion("zoom", zoom=(0.8, 1.25), shift_y=(10, -10)),
    Motion("tilt-sideways", yaw=(-30, 30), shift_x=(-30, 30)),
    Motion("tilt-forward", pitch=(-25, 25)),
    Motion("turn-in-plane", roll=(-20, 20), zoom=(0.9, 1.1)),
    Motion("hand-held", yaw=(-10, 15), pitch=(5, -10), roll=(-5, 5), shift_x=(-20, 20), shake=2.0),
    Motion("screen-tilt", yaw=(-25, 25), pitch=(-8, 8), screen=True),
    Motion("screen-hand-held", yaw=(10, -15), roll=(4, -4), shift_x=(20, -30), shake=2.0, screen=True),
)


def load(path: Path) -> Frame:
    image = cv2.imread(str(path))
    assert image is not None, path
    return image


def detect_box(image: Frame) -> FaceBox | None:
    """The largest face dlib's HOG detector finds (upsampled once), or None."""
    import dlib

    rects = dlib.get_frontal_face_detector()(cv2.cvtColor(image, cv2.COLOR_BGR2RGB), 1)
    if not rects:
        return None
    r = max(rects, key=lambda r: r.width() * r.height())
    return FaceBox(r.left(), r.top(), r.width(), r.height())


def background(rng: np.random.Generator) -> Frame:
    """A plain wall with a soft light gradient and sensor noise."""
    base = rng.uniform(90, 200, size=3)
    ramp = np.linspace(0.8, 1.15, FRAME_W, dtype=np.float32)[None, :, None]
    wall = np.ones((FRAME_H, FRAME_W, 3), np.float32) * base * ramp
    return np.clip(wall + rng.normal(0, 4, wall.shape), 0, 255).astype(np.uint8)


def plane_homography(
    size: tuple[int, int], yaw: float, pitch: float, roll: float, shift: tuple[float, float], zoom: float
) -> NDArray[np.float64]:
    """The homography that shows a ``size`` (w, h) picture as a plane turned in 3D, centred in the frame."""
    w, h = size
    focal = 700.0  # a webcam's focal length in pixels at 640x480
    distance = focal / zoom
    ry, rx, rz = (math.radians(a) for a in (yaw, pitch, roll))
    rot_y = np.array([[math.cos(ry), 0, math.sin(ry)], [0, 1, 0], [-math.sin(ry), 0, math.cos(ry)]])
    rot_x = np.array([[1, 0, 0], [0, math.cos(rx), -math.sin(rx)], [0, math.sin(rx), math.cos(rx)]])
    rot_z = np.array([[math.cos(rz), -math.sin(rz), 0], [math.sin(rz), math.cos(rz), 0], [0, 0, 1]])
    rotation = rot_z @ rot_x @ rot_y
    camera = np.array([[focal, 0, FRAME_W / 2 + shift[0]], [0, focal, FRAME_H / 2 + shift[1]], [0, 0, 1]])
    to_centre = np.array([[1, 0, -w / 2], [0, 1, -h / 2], [0, 0, 1]])
    plane = np.column_stack([rotation[:, 0], rotation[:, 1], [0, 0, distance]])
    homography = camera @ plane @ to_centre
    return homography / homography[2, 2]


def _screen_effects(picture: Frame, rng: np.random.Generator, frame_index: int) -> Frame:
    """Moire stripes (the screen's pixel grid beating with the camera's) and a glare spot."""
    h, w = picture.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = 0.35 + 0.02 * frame_index
    stripes = 1.0 + 0.12 * np.sin((xx * math.cos(angle) + yy * math.sin(angle)) * 0.9)
    glare_x, glare_y = w * (0.3 + 0.02 * frame_index % 0.4), h * 0.3
    glare = 110.0 * np.exp(-(((xx - glare_x) / (0.25 * w)) ** 2 + ((yy - glare_y) / (0.15 * h)) ** 2))
    dimmed = picture.astype(np.float32) * 0.85 + 20  # a screen's lower contrast
    out = dimmed * stripes[..., None] + glare[..., None]
    return np.clip(out + rng.normal(0, 3, out.shape), 0, 255).astype(np.uint8)


def _camera(frame: Frame, rng: np.random.Generator) -> Frame:
    """Sensor noise and the JPEG/MJPEG compression a webcam stream has."""
    noisy = np.clip(frame.astype(np.float32) + rng.normal(0, 3, frame.shape), 0, 255).astype(np.uint8)
    ok, encoded = cv2.imencode(".jpg", noisy, [cv2.IMWRITE_JPEG_QUALITY, 85])
    assert ok
    return cv2.imdecode(encoded, cv2.IMREAD_COLOR)


def _jittered(box: FaceBox, rng: np.random.Generator) -> FaceBox:
    d = max(1, round(box.w * 0.03))
    dx, dy, dw = (int(v) for v in rng.integers(-d, d + 1, size=3))
    return FaceBox(box.x + dx, box.y + dy, box.w + dw, box.h + dw)


def spoof_clip(
    photo: Frame, motion: Motion, *, frames: int = 20, seed: int = 0, face: FaceBox | None = None
) -> Clip:
    """``photo`` held up to the camera and moved as ``motion`` describes (``face``: its face's box, if known)."""
    rng = np.random.default_rng(seed)
    face = face or detect_box(photo)
    assert face is not None, "the still must show a face"
    # the face about 150 px wide in the frame: a pupil at arm's length from the kiosk
    scale = 150 / face.w
    picture = cv2.resize(photo, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    picture = cv2.copyMakeBorder(picture, 12, 12, 12, 12, cv2.BORDER_CONSTANT, value=(235, 235, 235))
    corners = np.array(
        [
            [face.x * scale + 12, face.y * scale + 12],
            [(face.x + face.w) * scale + 12, (face.y + face.h) * scale + 12],
            [face.x * scale + 12, (face.y + face.h) * scale + 12],
            [(face.x + face.w) * scale + 12, face.y * scale + 12],
        ],
        dtype=np.float32,
    )
    wall = background(rng)
    clip: Clip = []
    for i in range(frames):
        t = i / max(1, frames - 1)

        def at(span: tuple[float, float], t: float = t) -> float:
            return span[0] + (span[1] - span[0]) * t

        shake = rng.normal(0, motion.shake, 3) if motion.shake else np.zeros(3)
        homography = plane_homography(
            (picture.shape[1], picture.shape[0]),
            at(motion.yaw) + shake[0],
            at(motion.pitch) + shake[1],
            at(motion.roll) + shake[2],
            (at(motion.shift_x), at(motion.shift_y)),
            at(motion.zoom),
        )
        shown = _screen_effects(picture, rng, i) if motion.screen else picture
        warped = cv2.warpPerspective(shown, homography, (FRAME_W, FRAME_H), flags=cv2.INTER_LINEAR)
        mask = cv2.warpPerspective(
            np.full(picture.shape[:2], 255, np.uint8), homography, (FRAME_W, FRAME_H), flags=cv2.INTER_NEAREST
        )
        frame = np.where(mask[..., None] > 0, warped, wall)
        moved = cv2.perspectiveTransform(corners.reshape(-1, 1, 2), homography).reshape(-1, 2)
        x0, y0 = moved.min(axis=0)
        x1, y1 = moved.max(axis=0)
        box = FaceBox(round(x0), round(y0), round(x1 - x0), round(y1 - y0))
        clip.append((_camera(frame, rng), _jittered(box, rng)))
    return clip


def person_photos() -> dict[str, list[Path]]:
    """Each person's photos, in file order."""
    return {
        folder.name: sorted(folder.glob("*.jpg"), key=lambda p: int(p.stem))
        for folder in sorted((FACES_DIR / "people").iterdir())
        if folder.is_dir()
    }


def real_photo_sequence(photos: list[Path], *, frames_per_photo: int = 3, seed: int = 0) -> Clip:
    """One person's photos one after the other, each for a few frames (its own noise and box
    jitter each time), scaled to the frame's width: real faces, but not a video."""
    rng = np.random.default_rng(seed)
    clip: Clip = []
    for path in photos:
        image = load(path)
        scale = FRAME_W / image.shape[1]
        frame = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        box = detect_box(frame)
        if box is not None:
            clip += [(_camera(frame, rng), _jittered(box, rng)) for _ in range(frames_per_photo)]
    return clip


def stills_with_a_face(limit: int | None = None) -> Iterator[Path]:
    """Photos to make spoof clips from: the first photo of each person."""
    for photos in list(person_photos().values())[:limit]:
        yield photos[0]
