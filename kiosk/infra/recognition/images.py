"""Loading and checking images before they reach the face models.

Everything returned here is a C-contiguous ``uint8`` BGR array of shape (h, w, 3):
grayscale images are expanded, transparent PNGs are laid over white, 16-bit images are
scaled to 8 bits and very large images are scaled down. Anything else is an
:class:`~kiosk.core.errors.InvalidInput` with a plain message.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, cast

import cv2
import numpy as np
from numpy.typing import NDArray

from kiosk.core.errors import InvalidInput
from kiosk.infra import image_guard
from kiosk.infra.image_guard import decode_checked

log = logging.getLogger(__name__)

# Longer side above which an image is scaled down on load: larger photos only cost memory
# and time (detection runs at the configured detect_width anyway).
MAX_SIDE = 2560
# Files above this size are refused before decoding (a photo of a face is a few MB).
MAX_FILE_BYTES = 64 * 1024 * 1024
# Images above this many pixels are refused, from their header (decompression bombs).
MAX_PIXELS = image_guard.MAX_PIXELS
MIN_SIDE = 16

ImageBGR = NDArray[np.uint8]


def _to_uint8(img: NDArray[Any]) -> NDArray[np.uint8]:
    if img.dtype == np.uint8:
        return cast(NDArray[np.uint8], img)
    if img.dtype == np.uint16:
        return cast(NDArray[np.uint8], (img >> 8).astype(np.uint8))
    if np.issubdtype(img.dtype, np.floating):
        finite = np.nan_to_num(img.astype(np.float32), nan=0.0, posinf=1.0, neginf=0.0)
        scale = 255.0 if finite.size and float(finite.max()) <= 1.0 else 1.0
        return cast(NDArray[np.uint8], np.clip(finite * scale, 0, 255).astype(np.uint8))
    if np.issubdtype(img.dtype, np.integer) or img.dtype == np.bool_:
        return cast(NDArray[np.uint8], np.clip(img, 0, 255).astype(np.uint8))
    raise InvalidInput(f"Images of pixel type {img.dtype} are not supported.", "Use an 8-bit colour image.")


def to_bgr(img: object, *, what: str = "The image") -> ImageBGR:
    """Check an array and turn it into 8-bit, 3-channel BGR (a view when already so)."""
    if not isinstance(img, np.ndarray):
        raise InvalidInput(f"{what} is not an image array.", "Pass a decoded image (numpy array).")
    if img.size == 0 or img.ndim not in (2, 3) or min(img.shape[:2]) == 0:
        raise InvalidInput(
            f"{what} is empty or has no usable pixels (shape {img.shape}).", "Use another image."
        )
    if min(img.shape[:2]) < MIN_SIDE:
        raise InvalidInput(
            f"{what} is too small ({img.shape[1]}x{img.shape[0]} pixels).", "Use a larger photo of the face."
        )
    if img.ndim == 3 and img.shape[2] == 1:
        img = img[:, :, 0]
    if img.ndim == 3 and img.shape[2] not in (3, 4):
        raise InvalidInput(f"{what} has {img.shape[2]} colour channels.", "Use a colour or grayscale image.")
    alpha: NDArray[Any] | None = None
    if img.ndim == 3 and img.shape[2] == 4:
        alpha = img[:, :, 3]
        img = img[:, :, :3]
    out: NDArray[np.uint8] = _to_uint8(img)
    if out.ndim == 2:
        out = cast(NDArray[np.uint8], cv2.cvtColor(out, cv2.COLOR_GRAY2BGR))
    if alpha is not None:
        a = _to_uint8(alpha).astype(np.float32)[:, :, None] / 255.0
        # lay the picture over white: transparent areas would otherwise be arbitrary colours
        out = (out.astype(np.float32) * a + 255.0 * (1.0 - a)).round().astype(np.uint8)
    return np.ascontiguousarray(out)


def limit_size(img: ImageBGR, max_side: int = MAX_SIDE) -> ImageBGR:
    """Scale ``img`` down so its longer side is at most ``max_side`` (never up)."""
    h, w = img.shape[:2]
    longest = max(h, w)
    if longest <= max_side:
        return img
    scale = max_side / longest
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    log.debug("Scaling a %dx%d image down to %dx%d", w, h, *size)
    return cv2.resize(img, size, interpolation=cv2.INTER_AREA)  # type: ignore[return-value]


def load_image(path: Path | str, *, max_side: int = MAX_SIDE) -> ImageBGR:
    """Read an image file as 8-bit BGR, with the checks described in this module."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise InvalidInput(f"{p} is not a file.", "Give the path of a photo (JPEG or PNG).")
    except FileNotFoundError:
        raise InvalidInput(f"The image {p} does not exist.", "Check the path.") from None
    except OSError as exc:
        raise InvalidInput(
            f"The image {p} cannot be read ({exc.strerror}).", "Check its permissions."
        ) from None
    if size == 0:
        raise InvalidInput(f"The image file {p} is empty.", "Use another photo.")
    if size > MAX_FILE_BYTES:
        raise InvalidInput(
            f"The image file {p} is too large ({size // (1024 * 1024)} MB).",
            "Use a photo under 64 MB, e.g. a smaller export of it.",
        )
    try:
        data = np.fromfile(p, dtype=np.uint8)  # also works with non-ASCII paths on Windows
    except OSError as exc:
        raise InvalidInput(
            f"The image {p} cannot be read ({exc.strerror}).", "Check its permissions."
        ) from None
    # JPEG: decode as colour, which also applies the EXIF orientation of phone photos;
    # others unchanged, so 16-bit, grayscale and transparent PNGs are handled in to_bgr.
    is_jpeg = data[:2].tobytes() == b"\xff\xd8"
    # Header size checked before decoding (bombs), decoder warnings refuse the image (damage).
    decoded = decode_checked(
        data,
        cv2.IMREAD_COLOR if is_jpeg else cv2.IMREAD_UNCHANGED,
        f"The image {p.name}",
        max_pixels=MAX_PIXELS,
    )
    if decoded is None:
        raise InvalidInput(
            f"{p.name} is not a readable image (damaged, or not a photo format).",
            "Use a JPEG or PNG photo.",
        )
    if decoded.ndim >= 2 and decoded.shape[0] * decoded.shape[1] > MAX_PIXELS:
        raise InvalidInput(
            f"The image {p.name} is too large ({decoded.shape[1]}x{decoded.shape[0]} pixels).",
            "Use a smaller photo.",
        )
    return limit_size(to_bgr(decoded, what=f"The image {p.name}"), max_side)


def decode_image(data: bytes, *, what: str = "The image", max_side: int = MAX_SIDE) -> ImageBGR:
    """Like :func:`load_image`, for bytes already in memory (an upload, a camera snapshot)."""
    if not data:
        raise InvalidInput(f"{what} is empty.", "Use another photo.")
    buf = np.frombuffer(data, dtype=np.uint8)
    decoded = decode_checked(buf, cv2.IMREAD_UNCHANGED, what, max_pixels=MAX_PIXELS)
    if decoded is None:
        raise InvalidInput(f"{what} is not a readable image.", "Use a JPEG or PNG photo.")
    return limit_size(to_bgr(decoded, what=what), max_side)
