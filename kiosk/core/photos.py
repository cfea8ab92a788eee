"""Which files count as photos: one list for enrollment, evaluation and image-folder sources."""

from __future__ import annotations

from pathlib import PurePath

# Formats OpenCV decodes in every build the kiosk ships with (imread/imdecode).
IMAGE_SUFFIXES: frozenset[str] = frozenset(
    {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff", ".pgm", ".ppm", ".pbm"}
)


def is_image_name(path: PurePath) -> bool:
    """Whether ``path``'s suffix (any case) is a photo format the kiosk reads."""
    return path.suffix.lower() in IMAGE_SUFFIXES
