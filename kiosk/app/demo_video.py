"""A synthetic classroom video made from still photos, for ``kiosk demo``, tests and benchmarks.

It is not a camera: it writes a video file, which any frame source then plays.

Each "actor" is a label and a photo. Their heads are cut out generously around the face,
scaled so the face is about 110-130 px wide (large and sharp enough for dlib's HOG
detector), and walk slowly across a plain wall: one at a time or two side by side, each
on screen for a few seconds. The same actors, timeline and seed give the same pixels.

    actors = actors_from_folder(Path("tests/data/faces/people"))
    video = SyntheticClassroom(actors, seed=7).write(tmp_path / "class.mp4")
    source = open_source(video.path)            # a finite video-file camera

Over 400 lines on purpose: the head cut-out, the timeline and the renderer are one tool whose
parts only make sense together (the ground-truth boxes the tests check come from the same
arithmetic that draws the frames); split, each part would need the others' internals.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.app.demo_heads import Head, cut_head
from kiosk.core.domain import FaceBox
from kiosk.core.errors import CameraError, InvalidInput
from kiosk.infra.camera import Image

log = logging.getLogger(__name__)

DEFAULT_SIZE = (640, 480)
DEFAULT_FPS = 15.0
FADE_SECONDS = 0.3
LANES = (0.28, 0.72)  # horizontal head positions, as a fraction of the width, for two people at once


@dataclass(frozen=True, slots=True)
class Actor:
    """A person in the video: a label (e.g. a student id) and a photo of their face.

    ``face`` is the face's box in the photo; when ``None`` it is found with dlib's detector
    (or, without dlib, assumed in the upper middle of the photo).
    """

    label: str
    photo: Path
    face: FaceBox | None = None


@dataclass(frozen=True, slots=True)
class Appearance:
    """One actor's time on screen: ``start_s`` for ``duration_s`` seconds.

    The head's centre moves in a straight line from ``start_xy`` to ``end_xy`` (fractions of
    the frame's width and height); the face is ``face_width`` pixels wide.
    """

    label: str
    start_s: float
    duration_s: float
    start_xy: tuple[float, float] = (0.5, 0.42)
    end_xy: tuple[float, float] = (0.5, 0.42)
    face_width: int = 118

    @property
    def end_s(self) -> float:
        return self.start_s + self.duration_s


@dataclass(frozen=True, slots=True)
class VisibleFace:
    """Ground truth for one frame: who is on screen, where their face is, how opaque."""

    label: str
    box: FaceBox
    opacity: float


@dataclass(frozen=True)
class SyntheticVideo:
    """What :meth:`SyntheticClassroom.write` produced."""

    path: Path
    frame_count: int
    fps: float
    size: tuple[int, int]
    appearances: tuple[Appearance, ...] = field(default_factory=tuple)

    @property
    def duration_s(self) -> float:
        return self.frame_count / self.fps

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label that appears, in order of first appearance."""
        return tuple(dict.fromkeys(a.label for a in self.appearances))


def default_timeline(
    labels: Sequence[str],
    *,
    seed: int = 0,
    on_screen_s: tuple[float, float] = (2.0, 3.0),
    overlap_chance: float = 0.4,
    face_width: tuple[int, int] = (110, 128),
    lead_in_s: float = 0.5,
) -> list[Appearance]:
    """Each label once, in order, ``on_screen_s`` seconds each, sometimes two at once.

    Consecutive people use alternate lanes (left, right), so two on screen never overlap.
    With 6-9 people the video lasts about 15-25 seconds.
    """
    rng = np.random.default_rng(seed)
    lane_free_at = [0.0, 0.0]
    appearances: list[Appearance] = []
    start = lead_in_s
    for i, label in enumerate(labels):
        lane = i % 2
        start = max(start, lane_free_at[lane] + 0.3)
        duration = float(rng.uniform(*on_screen_s))
        x0 = LANES[lane] + float(rng.uniform(-0.04, 0.04))
        direction = 1.0 if lane == 0 else -1.0  # drift towards the middle, then out
        x1 = x0 + direction * float(rng.uniform(0.03, 0.08))
        y0 = 0.42 + float(rng.uniform(-0.03, 0.03))
        y1 = y0 + float(rng.uniform(-0.02, 0.02))
        width = int(rng.integers(face_width[0], face_width[1] + 1))
        appearances.append(
            Appearance(label, round(start, 3), round(duration, 3), (x0, y0), (x1, y1), face_width=width)
        )
        lane_free_at[lane] = start + duration
        if rng.random() < overlap_chance:
            start = start + duration - float(rng.uniform(0.8, 1.3))  # the next one arrives early
        else:
            start = start + duration + float(rng.uniform(0.2, 0.6))
    return appearances


def actors_from_folder(folder: Path, *, photo_index: int = 0, limit: int | None = None) -> list[Actor]:
    """One actor per subfolder (label = subfolder name), using its ``photo_index``-th photo.

    Fits the ``people/<label>/<n>.jpg`` layout of the test and demo photos.
    """
    actors: list[Actor] = []
    for person in sorted(p for p in folder.iterdir() if p.is_dir()):
        photos = sorted(
            (p for p in person.iterdir() if p.suffix.lower() in {".jpg", ".jpeg", ".png"}),
            key=lambda p: (len(p.stem), p.stem),
        )
        if len(photos) > photo_index:
            actors.append(Actor(person.name, photos[photo_index]))
        if limit is not None and len(actors) >= limit:
            break
    return actors


class SyntheticClassroom:
    """Renders the frames of a classroom video from ``actors`` and a ``timeline``.

    ``timeline`` defaults to :func:`default_timeline` over the actors' labels with ``seed``.
    ``size`` is (width, height). ``noise`` adds a little sensor-like grain (standard
    deviation in grey levels; 0 for none), seeded, so the output is reproducible.
    """

    def __init__(
        self,
        actors: Sequence[Actor],
        timeline: Sequence[Appearance] | None = None,
        *,
        size: tuple[int, int] = DEFAULT_SIZE,
        fps: float = DEFAULT_FPS,
        seed: int = 0,
        noise: float = 2.0,
        tail_s: float = 0.5,
    ) -> None:
        if not actors:
            raise InvalidInput("A synthetic video needs at least one actor.", "Give at least one photo.")
        if fps <= 0:
            raise InvalidInput(f"The frame rate must be positive, not {fps}.")
        self.actors = {a.label: a for a in actors}
        self.timeline = (
            tuple(timeline) if timeline is not None else tuple(default_timeline(list(self.actors), seed=seed))
        )
        unknown = {a.label for a in self.timeline} - set(self.actors)
        if unknown:
            raise InvalidInput(f"The timeline names unknown actors: {', '.join(sorted(unknown))}.")
        self.size = size
        self.fps = fps
        self.seed = seed
        self.noise = noise
        end = max((a.end_s for a in self.timeline), default=0.0) + tail_s
        self.frame_count = max(1, math.ceil(end * fps))
        self._heads: dict[str, Head] = {}
        self._scaled: dict[tuple[str, int], tuple[Image, npt.NDArray[Any]]] = {}
        self._background = self._make_background()
        self._noise_bank = self._make_noise()
        rng = np.random.default_rng(seed)
        self._colours = {label: tuple(int(c) for c in rng.integers(40, 200, size=3)) for label in self.actors}

    @property
    def duration_s(self) -> float:
        return self.frame_count / self.fps

    # --- layout ----------------------------------------------------------------------------
    def _make_background(self) -> Image:
        w, h = self.size
        top = np.array([214, 222, 226], dtype=np.float32)  # a pale wall, BGR
        bottom = np.array([168, 178, 184], dtype=np.float32)
        ramp = np.linspace(0.0, 1.0, h, dtype=np.float32)[:, None]
        column = top * (1 - ramp) + bottom * ramp
        wall = np.repeat(column[:, None, :], w, axis=1)
        out: Image = np.clip(wall, 0, 255).astype(np.uint8)
        return out

    def _head(self, label: str) -> Head:
        if label not in self._heads:
            actor = self.actors[label]
            self._heads[label] = cut_head(actor.label, actor.photo, actor.face)
        return self._heads[label]

    def _placed(self, appearance: Appearance) -> tuple[Image, npt.NDArray[Any]]:
        key = (appearance.label, appearance.face_width)
        if key not in self._scaled:
            head = self._head(appearance.label)
            scale = appearance.face_width / (head.face[2] * head.image.shape[1])
            width = max(8, round(head.image.shape[1] * scale))
            height = max(8, round(head.image.shape[0] * scale))
            interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
            image = cv2.resize(head.image, (width, height), interpolation=interp)
            mask = np.zeros((height, width), dtype=np.float32)
            cv2.ellipse(
                mask, (width // 2, height // 2), (width // 2 - 2, height // 2 - 2), 0, 0, 360, 1.0, -1
            )
            feather = max(3, (width // 14) | 1)
            mask = cv2.GaussianBlur(mask, (feather, feather), 0)
            self._scaled[key] = (image, mask)
        return self._scaled[key]

    def _position(self, appearance: Appearance, t: float) -> tuple[int, int, float]:
        """Top-left corner of the head crop and its opacity at time ``t``."""
        image, _ = self._placed(appearance)
        progress = min(1.0, max(0.0, (t - appearance.start_s) / appearance.duration_s))
        fx = appearance.start_xy[0] + (appearance.end_xy[0] - appearance.start_xy[0]) * progress
        fy = appearance.start_xy[1] + (appearance.end_xy[1] - appearance.start_xy[1]) * progress
        w, h = self.size
        ch, cw = image.shape[:2]
        x = min(max(0, round(fx * w - cw / 2)), max(0, w - cw))
        y = min(max(0, round(fy * h - ch / 2)), max(0, h - ch))
        fade = min(t - appearance.start_s, appearance.end_s - t, FADE_SECONDS)
        return x, y, max(0.0, min(1.0, fade / FADE_SECONDS))

    def _on_screen(self, index: int) -> list[Appearance]:
        t = index / self.fps
        return [a for a in self.timeline if a.start_s <= t < a.end_s]

    def visible(self, index: int) -> list[VisibleFace]:
        """Who is on screen in frame ``index`` and where their face box is (ground truth)."""
        t = index / self.fps
        faces: list[VisibleFace] = []
        for appearance in self._on_screen(index):
            x, y, opacity = self._position(appearance, t)
            image, _ = self._placed(appearance)
            fx, fy, fw, fh = self._head(appearance.label).face
            ch, cw = image.shape[:2]
            box = FaceBox(x=x + round(fx * cw), y=y + round(fy * ch), w=round(fw * cw), h=round(fh * ch))
            faces.append(VisibleFace(appearance.label, box, opacity))
        return faces

    # --- rendering -------------------------------------------------------------------------
    def frame(self, index: int) -> Image:
        """Frame number ``index`` (0-based) as a BGR image."""
        if not 0 <= index < self.frame_count:
            raise IndexError(f"frame {index} is outside 0..{self.frame_count - 1}")
        t = index / self.fps
        canvas = self._background.copy()
        w, h = self.size
        for appearance in self._on_screen(index):
            image, mask = self._placed(appearance)
            x, y, opacity = self._position(appearance, t)
            if opacity <= 0:
                continue
            ch, cw = image.shape[:2]
            self._draw_torso(
                canvas,
                appearance.label,
                (x + cw // 2, y + ch + ch // 3),
                (round(cw * 0.62), ch // 2),
                opacity,
            )
            x1, y1 = min(w, x + cw), min(h, y + ch)
            alpha = mask[: y1 - y, : x1 - x, None] * opacity
            region = canvas[y:y1, x:x1].astype(np.float32)
            blended = region * (1 - alpha) + image[: y1 - y, : x1 - x].astype(np.float32) * alpha
            canvas[y:y1, x:x1] = np.clip(blended + 0.5, 0, 255).astype(np.uint8)
        if self._noise_bank:
            plus, minus = self._noise_bank[index % len(self._noise_bank)]
            cv2.add(canvas, plus, dst=canvas)
            cv2.subtract(canvas, minus, dst=canvas)
        return canvas

    def _draw_torso(
        self, canvas: Image, label: str, centre: tuple[int, int], axes: tuple[int, int], opacity: float
    ) -> None:
        colour = self._colours[label]
        h, w = canvas.shape[:2]
        x0, x1 = max(0, centre[0] - axes[0]), min(w, centre[0] + axes[0] + 1)
        y0, y1 = max(0, centre[1] - axes[1]), min(h, centre[1] + axes[1] + 1)
        if x0 >= x1 or y0 >= y1:
            return
        if opacity >= 1:
            cv2.ellipse(canvas, centre, axes, 0, 0, 360, colour, -1)
            return
        region = canvas[y0:y1, x0:x1]
        painted = region.copy()
        cv2.ellipse(painted, (centre[0] - x0, centre[1] - y0), axes, 0, 0, 360, colour, -1)
        cv2.addWeighted(painted, opacity, region, 1 - opacity, 0, dst=region)

    def _make_noise(self, frames: int = 6) -> list[tuple[Image, Image]]:
        """A few seeded grain patterns, cycled: cheap, yet the picture is never perfectly still."""
        if self.noise <= 0:
            return []
        rng = np.random.default_rng((self.seed, 1))
        w, h = self.size
        bank: list[tuple[Image, Image]] = []
        for _ in range(frames):
            grain = rng.normal(0.0, self.noise, size=(h, w, 3)).round()
            bank.append((np.clip(grain, 0, 255).astype(np.uint8), np.clip(-grain, 0, 255).astype(np.uint8)))
        return bank

    def frames(self) -> Iterator[Image]:
        for index in range(self.frame_count):
            yield self.frame(index)

    def write(self, path: Path | str, *, codec: str = "mp4v") -> SyntheticVideo:
        """Write every frame to a video file (MP4 with ``mp4v`` by default)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        for actor in self.timeline:  # fail on a bad photo before creating a half-written file
            self._head(actor.label)
        writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*codec), self.fps, self.size)
        if not writer.isOpened():
            raise CameraError(
                f"Cannot write the video file {path} with the {codec!r} codec.",
                "Check that the folder is writable and the file name ends in .mp4 (or .avi).",
            )
        try:
            for image in self.frames():
                writer.write(image)
        finally:
            writer.release()
        log.info("wrote %s: %d frames at %g fps, %dx%d", path, self.frame_count, self.fps, *self.size)
        return SyntheticVideo(path, self.frame_count, self.fps, self.size, self.timeline)


def write_classroom_video(
    actors: Sequence[Actor],
    path: Path | str,
    *,
    timeline: Sequence[Appearance] | None = None,
    size: tuple[int, int] = DEFAULT_SIZE,
    fps: float = DEFAULT_FPS,
    seed: int = 0,
) -> SyntheticVideo:
    """Render and write a classroom video in one call; see :class:`SyntheticClassroom`."""
    return SyntheticClassroom(actors, timeline, size=size, fps=fps, seed=seed).write(path)
