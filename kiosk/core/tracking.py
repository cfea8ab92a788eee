"""Face tracks across frames: which box in this frame is the same face as in the last.

A face is followed by box overlap or, for fast movement, by centre distance; the vote
(:mod:`kiosk.core.voting`) collects match decisions per track. Timestamps are passed in
(monotonic seconds): nothing here reads a clock.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.core.domain import FaceBox


def iou(a: FaceBox, b: FaceBox) -> float:
    """Intersection over union of two boxes (0 when they do not overlap)."""
    ix = max(0, min(a.x + a.w, b.x + b.w) - max(a.x, b.x))
    iy = max(0, min(a.y + a.h, b.y + b.h) - max(a.y, b.y))
    inter = ix * iy
    union = a.w * a.h + b.w * b.h - inter
    return inter / union if union > 0 else 0.0


def centre_distance(a: FaceBox, b: FaceBox) -> float:
    """Distance between box centres, in units of the larger box side."""
    dx = (a.x + a.w / 2) - (b.x + b.w / 2)
    dy = (a.y + a.h / 2) - (b.y + b.h / 2)
    scale = max(a.w, a.h, b.w, b.h, 1)
    return math.hypot(dx, dy) / scale


# --- tracking ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Track:
    id: int
    box: FaceBox
    first_seen: float
    last_seen: float


@dataclass(frozen=True, slots=True)
class Track:
    id: int
    box: FaceBox
    first_seen: float
    last_seen: float


class FaceTracker:
    """Gives each face box a track id that stays the same while the face stays in view.

    A box continues a track when it overlaps the track's last box (IoU at least
    ``iou_threshold``) or, failing that, when its centre moved less than
    ``max_centre_shift`` box sides and its size changed less than ``max_scale_change``
    times. Pairs are assigned greedily, best first, one box per track. A track unseen for
    longer than ``expiry_seconds`` ends; its id is never reused.
    """

    def __init__(
        self,
        *,
        iou_threshold: float = 0.3,
        max_centre_shift: float = 0.6,
        max_scale_change: float = 1.6,
        expiry_seconds: float = 1.0,
    ) -> None:
        if not 0.0 < iou_threshold <= 1.0:
            raise ValueError(f"iou_threshold must be in (0, 1], not {iou_threshold}")
        if expiry_seconds <= 0:
            raise ValueError(f"expiry_seconds must be > 0, not {expiry_seconds}")
        self.iou_threshold = iou_threshold
        self.max_centre_shift = max_centre_shift
        self.max_scale_change = max_scale_change
        self.expiry_seconds = expiry_seconds
        self._tracks: dict[int, _Track] = {}
        self._next_id = 1
        self._last_now = -math.inf

    @property
    def tracks(self) -> list[Track]:
        return [Track(t.id, t.box, t.first_seen, t.last_seen) for t in self._tracks.values()]

    def expire(self, now: float) -> list[int]:
        """End the tracks unseen for longer than the expiry; returns their ids."""
        gone = [tid for tid, t in self._tracks.items() if now - t.last_seen > self.expiry_seconds]
        for tid in gone:
            del self._tracks[tid]
        return gone

    def _score(self, track: _Track, box: FaceBox) -> tuple[float, float] | None:
        """Sort key (higher is better) when ``box`` may continue ``track``, else None."""
        overlap = iou(track.box, box)
        if overlap >= self.iou_threshold:
            return (1.0 + overlap, 0.0)
        side_a = max(track.box.w, track.box.h, 1)
        side_b = max(box.w, box.h, 1)
        if max(side_a, side_b) / min(side_a, side_b) > self.max_scale_change:
            return None
        dist = centre_distance(track.box, box)
        if dist <= self.max_centre_shift:
            return (1.0 - dist / (self.max_centre_shift + 1e-9), 0.0)  # always below any IoU match
        return None

    def update(self, boxes: Sequence[FaceBox], now: float) -> tuple[list[Track], list[int]]:
        """Assign ``boxes`` (one frame) to tracks.

        Returns the track of each box, in the order of ``boxes``, and the ids of the tracks
        that expired. ``now`` must not go backwards.
        """
        if now < self._last_now:
            raise ValueError(f"time went backwards: {now} < {self._last_now}")
        self._last_now = now
        expired = self.expire(now)
        pairs: list[tuple[tuple[float, float], int, int]] = []
        for tid, track in self._tracks.items():
            for bi, box in enumerate(boxes):
                score = self._score(track, box)
                if score is not None:
                    pairs.append((score, tid, bi))
        pairs.sort(key=lambda p: (p[0], -p[1], -p[2]), reverse=True)
        assigned: dict[int, int] = {}  # box index -> track id
        used_tracks: set[int] = set()
        for _, tid, bi in pairs:
            if bi in assigned or tid in used_tracks:
                continue
            assigned[bi] = tid
            used_tracks.add(tid)
        result: list[Track] = []
        for bi, box in enumerate(boxes):
            found = assigned.get(bi)
            if found is None:
                tid = self._next_id
                self._next_id += 1
                self._tracks[tid] = _Track(tid, box, now, now)
            else:
                tid = found
                t = self._tracks[tid]
                t.box, t.last_seen = box, now
            t = self._tracks[tid]
            result.append(Track(t.id, t.box, t.first_seen, t.last_seen))
        return result, expired
