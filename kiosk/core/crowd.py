"""Which faces of a crowded frame get embedded now, when not all of them can be.

Embedding costs per face (about 0.1 s each with dlib on this class of machine), so a frame
with four new faces would take half a second and the next faces would wait. The session
embeds at most ``budget`` faces per frame, chosen by :func:`choose_faces`:

1. faces waiting for their first look for ``deadline_seconds / 2`` or longer, oldest first,
   all of them even beyond the budget: so a face that stays in view ``deadline_seconds``
   (1.5 s) is examined whatever the crowd, as long as a frame is processed at least every
   0.75 s (one slower frame is better than a student who walked past unexamined);
2. then faces never examined, the ones about to leave the frame first (nearest to an edge
   after one more step of their own movement);
3. then faces examined but not yet confirmed, in turn (least recently examined first, so
   a stranger who never confirms cannot starve the others), nearest the edge on a tie;
4. last, the rechecks of confirmed faces (they already have their mark).

Faces that need no embedding (confirmed, between rechecks) are never chosen. Pure: no
clock, no pixels; times are monotonic seconds passed in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.core.domain import FaceBox

DEADLINE_SECONDS = 1.5


@dataclass(frozen=True, slots=True)
class WaitingFace:
    """One tracked face of the current frame, as the selection sees it."""

    track_id: int
    box: FaceBox
    previous_box: FaceBox | None  # the track's box in the previous processed frame
    first_seen: float
    last_examined: float  # -inf: never embedded
    confirmed: bool
    needs_embedding: bool

    @property
    def examined(self) -> bool:
        return self.last_examined > -math.inf


def edge_distance(box: FaceBox, frame_width: int, frame_height: int) -> float:
    """Pixels between the box and the nearest frame edge (0 when touching or beyond it)."""
    return float(max(0, min(box.x, box.y, frame_width - (box.x + box.w), frame_height - (box.y + box.h))))


def predicted_edge_distance(face: WaitingFace, frame_width: int, frame_height: int) -> float:
    """Edge distance after one more step of the face's movement (a face walking out of the
    frame counts as nearer to leaving than a still one at the same place)."""
    box = face.box
    if face.previous_box is not None:
        dx, dy = box.x - face.previous_box.x, box.y - face.previous_box.y
        dw, dh = box.w - face.previous_box.w, box.h - face.previous_box.h  # walking towards the camera
        box = FaceBox(box.x + dx, box.y + dy, max(1, box.w + dw), max(1, box.h + dh))
    return edge_distance(box, frame_width, frame_height)


def choose_faces(
    faces: Sequence[WaitingFace],
    *,
    budget: int,
    now: float,
    frame_width: int,
    frame_height: int,
    deadline_seconds: float = DEADLINE_SECONDS,
) -> list[int]:
    """Indices into ``faces`` to embed in this frame, most urgent first.

    At most ``budget`` faces (below 1: no limit), except that faces close to the deadline
    are all taken even beyond the budget: one slower frame is better than a student who
    walked past unexamined.
    """
    waiting = [i for i, f in enumerate(faces) if f.needs_embedding]
    keys = {i: _urgency(faces[i], now, frame_width, frame_height, deadline_seconds) for i in waiting}
    waiting.sort(key=keys.__getitem__)
    if budget < 1:
        return waiting
    overdue = sum(1 for i in waiting if keys[i][0] == 0)
    return waiting[: max(budget, overdue)]


def _urgency(
    face: WaitingFace, now: float, frame_width: int, frame_height: int, deadline_seconds: float
) -> tuple[int, float, float, float, int]:
    """Sort key: lower is more urgent."""
    if not face.examined and now - face.first_seen >= deadline_seconds / 2:
        return (0, face.first_seen, 0.0, 0.0, face.track_id)  # the 1.5 s guarantee: oldest first
    if face.confirmed:
        return (3, face.last_examined, 0.0, 0.0, face.track_id)  # a recheck: least recent first
    distance = predicted_edge_distance(face, frame_width, frame_height)
    if not face.examined:
        return (1, distance, face.first_seen, 0.0, face.track_id)
    # Examined but not confirmed: in turn (a stranger near the edge must not take every
    # slot from the students in the middle), then the one about to leave.
    return (2, face.last_examined, distance, face.first_seen, face.track_id)
