"""Finding a face in a still photo and cutting the head out of it, for the demo video.

The demo video (:mod:`kiosk.app.demo_video`) pastes these heads onto a plain wall. It finds
the face with dlib's HOG detector when dlib is there (it ships with the offline profile),
otherwise it guesses the upper middle of the photo: the video must render even without models.
"""

from __future__ import annotations

import functools
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from kiosk.core.domain import FaceBox
from kiosk.core.errors import InvalidInput
from kiosk.infra.camera import Image
from kiosk.infra.camera._opencv import decode_image

log = logging.getLogger(__name__)

# How far the head crop reaches around dlib's (tight, brow-to-chin) face box, in face sizes.
_CROP_LEFT = _CROP_RIGHT = 0.45
_CROP_TOP = 0.70
_CROP_BOTTOM = 0.45


_detector_lock = threading.Lock()


@functools.cache
def _hog_detector() -> Any:
    """dlib's HOG face detector, built once (building it takes a second or two)."""
    import dlib

    return dlib.get_frontal_face_detector()


def locate_face(image: Image) -> FaceBox | None:
    """The largest face in a photo, by dlib's HOG detector; ``None`` when none or no dlib."""
    try:
        detector = _hog_detector()
    except ImportError:
        log.debug("dlib is not installed: face positions in photos are guessed")
        return None
    scale = min(1.0, 800.0 / max(image.shape[:2]))
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB)
    for upsample in (0, 1):
        with _detector_lock:  # one detector object, shared: not documented as thread-safe
            rects = list(detector(rgb, upsample))
        if rects:
            best = max(rects, key=lambda r: r.width() * r.height())
            return FaceBox(
                x=round(best.left() / scale),
                y=round(best.top() / scale),
                w=round(best.width() / scale),
                h=round(best.height() / scale),
            )
    return None


def _guess_face(image: Image) -> FaceBox:
    h, w = image.shape[:2]
    side = round(min(h, w) * 0.45)
    return FaceBox(x=(w - side) // 2, y=max(0, round(h * 0.38) - side // 2), w=side, h=side)


@dataclass(frozen=True, slots=True)
class Head:
    """A head cut out of a photo, with where the face lies inside the cut (fractions)."""

    image: Image
    face: tuple[float, float, float, float]  # x, y, w, h as fractions of the crop


def cut_head(label: str, photo_path: Path, face: FaceBox | None = None) -> Head:
    """Cut ``label``'s head out of the photo: around ``face``, or the face dlib finds there."""
    photo = decode_image(photo_path)
    if photo is None:
        raise InvalidInput(
            f"The photo {photo_path} for {label!r} cannot be read.",
            "Use a .jpg or .png picture with one clearly visible face.",
        )
    face = face or locate_face(photo)
    if face is None:
        log.warning("no face found in %s; using the middle of the photo", photo_path)
        face = _guess_face(photo)
    x0 = round(face.x - _CROP_LEFT * face.w)
    x1 = round(face.x + face.w + _CROP_RIGHT * face.w)
    y0 = round(face.y - _CROP_TOP * face.h)
    y1 = round(face.y + face.h + _CROP_BOTTOM * face.h)
    h, w = photo.shape[:2]
    pad = max(0, -x0, -y0, x1 - w, y1 - h)
    if pad:
        photo = cv2.copyMakeBorder(photo, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    crop = np.ascontiguousarray(photo[y0 + pad : y1 + pad, x0 + pad : x1 + pad])
    cw, ch = x1 - x0, y1 - y0
    return Head(crop, ((face.x - x0) / cw, (face.y - y0) / ch, face.w / cw, face.h / ch))
