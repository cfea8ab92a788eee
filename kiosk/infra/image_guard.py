"""Refusing image files that would cost far more to decode than they look, or decode wrong.

A 1 MB PNG can declare 20000x20000 pixels and take gigabytes once decoded, so the size is
read from the file's header (PNG, JPEG, BMP) and checked before anything is decoded. A JPEG
that decodes "with warnings" (data cut short or damaged) would be enrolled as a half-grey
face, while libjpeg writes its warning straight to the process's stderr: the decode runs with
the native stderr captured, and any warning refuses the image.
"""

from __future__ import annotations

import contextlib
import logging
import os
import struct
import sys
import tempfile
import threading
from collections.abc import Iterator

import cv2
import numpy as np
from numpy.typing import NDArray

from kiosk.core.errors import InvalidInput

log = logging.getLogger(__name__)

# Photos for enrollment: a 108 MP phone photo fits, a decompression bomb does not.
MAX_PIXELS = 120_000_000
# Camera frames and still images used as a camera: 8K (33 MP) fits.
MAX_FRAME_PIXELS = 40_000_000
# Decoded size cap, so 16-bit RGBA (8 bytes a pixel) is held to the same memory as 8-bit.
MAX_DECODED_BYTES = MAX_PIXELS * 3

_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # not DHT, JPG, DAC
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # colour type -> channels (3: palette, decoded as 3)
_stderr_lock = threading.Lock()


class ImageRefused(InvalidInput):
    """An image refused before or while decoding: too many pixels, or damaged."""


def header_size(data: bytes | NDArray[np.uint8]) -> tuple[int, int, int] | None:
    """(width, height, bytes per pixel once decoded) from a PNG, JPEG or BMP header; None if
    the format is another or the header is unreadable (the decoder then decides)."""
    head = bytes(data[:32]) if not isinstance(data, bytes) else data[:32]
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 26 and head[12:16] == b"IHDR":
        width, height = struct.unpack(">II", head[16:24])
        depth, colour = head[24], head[25]
        channels = 3 if colour == 3 else _PNG_CHANNELS.get(colour, 4)
        return width, height, channels * max(1, depth // 8)
    if head.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    if head.startswith(b"BM") and len(head) >= 26:
        width, height = struct.unpack("<ii", head[18:26])
        return abs(width), abs(height), 4
    return None


def _jpeg_size(data: bytes | NDArray[np.uint8]) -> tuple[int, int, int] | None:
    raw = data if isinstance(data, bytes) else data.tobytes()
    i, end = 2, len(raw)
    while i + 4 <= end:
        if raw[i] != 0xFF:
            return None
        marker = raw[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # no length
            i += 2
            continue
        (length,) = struct.unpack(">H", raw[i + 2 : i + 4])
        if marker in _SOF_MARKERS and i + 10 <= end:
            height, width = struct.unpack(">HH", raw[i + 5 : i + 9])
            return width, height, max(1, raw[i + 9])
        if marker == 0xDA:  # start of scan without a frame header: not a JPEG we know
            return None
        i += 2 + length
    return None


def check_dimensions(data: bytes | NDArray[np.uint8], what: str, *, max_pixels: int = MAX_PIXELS) -> None:
    """Refuse, before decoding, an image whose header declares too many pixels."""
    size = header_size(data)
    if size is None:
        return
    width, height, per_pixel = size
    if width * height > max_pixels or width * height * per_pixel > max(MAX_DECODED_BYTES, max_pixels * 3):
        raise ImageRefused(
            f"{what} is too large to open safely ({width}x{height} pixels; at most {max_pixels // 1_000_000} "
            "million are accepted).",
            "Use a smaller photo (an export at a few thousand pixels wide is plenty).",
        )


def decode_checked(
    data: NDArray[np.uint8], flags: int, what: str, *, max_pixels: int = MAX_PIXELS
) -> NDArray[np.generic] | None:
    """``cv2.imdecode`` after the header check; a JPEG that decodes with libjpeg warnings is
    refused. None when OpenCV cannot decode it at all."""
    check_dimensions(data, what, max_pixels=max_pixels)
    is_jpeg = bytes(data[:2]) == b"\xff\xd8"
    with _native_stderr_captured(keep=is_jpeg) as captured:
        try:
            decoded = cv2.imdecode(data, flags)
        except cv2.error:
            decoded = None
    warning = captured.text.strip()
    if warning:
        log.debug("decoder warnings for %s: %s", what, warning)
        raise ImageRefused(
            f"{what} is damaged (the decoder reported: {warning.splitlines()[0]}).",
            "Use an undamaged copy of the photo.",
        )
    if decoded is not None and decoded.ndim >= 2 and decoded.shape[0] * decoded.shape[1] > max_pixels:
        raise ImageRefused(
            f"{what} is too large ({decoded.shape[1]}x{decoded.shape[0]} pixels).", "Use a smaller photo."
        )
    return decoded


class _Captured:
    text = ""


# libjpeg(-turbo)'s warnings that mean the picture came out wrong (jerror.h). Its harmless
# ones ("Warning: unknown JFIF revision number") are not here: such photos decode fine.
_LIBJPEG_DAMAGE = (
    "Corrupt JPEG data",
    "Premature end of JPEG file",
    "Invalid SOS parameters",
    "Inconsistent progression sequence",
    "Application transferred too many scanlines",
)


@contextlib.contextmanager
def _native_stderr_captured(*, keep: bool) -> Iterator[_Captured]:
    """libjpeg's damage warnings written to fd 2 during the block, kept from the terminal.

    libjpeg writes its warnings straight to fd 2 and reports nothing else. fd 2 is
    process-wide, so other threads' output (a log line) may land here meanwhile: only
    libjpeg's own damage messages are kept when ``keep``; everything else is passed on to
    the real stderr afterwards. A lock keeps two decodes from overlapping.
    """
    result = _Captured()
    with _stderr_lock, tempfile.TemporaryFile() as sink:
        with contextlib.suppress(AttributeError, ValueError, OSError):
            sys.stderr.flush()
        saved = os.dup(2)
        try:
            os.dup2(sink.fileno(), 2)
            yield result
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            text = sink.read().decode("utf-8", "replace")
    lines = text.splitlines(keepends=True)
    damage = [line for line in lines if keep and line.lstrip().startswith(_LIBJPEG_DAMAGE)]
    others = "".join(line for line in lines if line not in damage)
    if others:
        with contextlib.suppress(OSError):
            os.write(2, others.encode("utf-8", "replace"))
    result.text = "".join(damage)
