"""Loading photos: bad files give InvalidInput, odd formats become 8-bit BGR. No models needed."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.core.errors import InvalidInput
from kiosk.infra.recognition.images import MAX_SIDE, decode_image, load_image, to_bgr

PORTRAIT = Path(__file__).resolve().parents[1] / "data" / "faces" / "people" / "person01" / "1.jpg"


def test_a_jpeg_loads_as_bgr() -> None:
    img = load_image(PORTRAIT)
    assert img.dtype == np.uint8 and img.shape == (800, 533, 3)
    assert img.flags["C_CONTIGUOUS"]


def test_a_grayscale_png_becomes_three_channels(tmp_path: Path) -> None:
    path = tmp_path / "gray.png"
    cv2.imwrite(str(path), np.full((100, 80), 77, dtype=np.uint8))

    img = load_image(path)

    assert img.shape == (100, 80, 3)
    assert (img == 77).all()


def test_a_transparent_png_is_laid_over_white(tmp_path: Path) -> None:
    rgba = np.zeros((64, 64, 4), dtype=np.uint8)
    rgba[:, :32] = (0, 0, 255, 255)  # opaque red on the left, fully transparent on the right
    path = tmp_path / "alpha.png"
    cv2.imwrite(str(path), rgba)

    img = load_image(path)

    assert img.shape == (64, 64, 3)
    assert tuple(img[10, 5]) == (0, 0, 255)
    assert tuple(img[10, 60]) == (255, 255, 255)


def test_a_16_bit_png_is_scaled_to_8_bits(tmp_path: Path) -> None:
    path = tmp_path / "deep.png"
    cv2.imwrite(str(path), np.full((40, 40, 3), 65535, dtype=np.uint16))

    img = load_image(path)

    assert img.dtype == np.uint8 and int(img.max()) == 255


def test_a_huge_image_is_scaled_down(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    cv2.imwrite(str(path), np.zeros((4000, 6000, 3), dtype=np.uint8))

    img = load_image(path)

    assert max(img.shape[:2]) == MAX_SIDE
    assert img.shape[1] / img.shape[0] == pytest.approx(1.5, rel=0.01)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.jpg", b"this is not a photo\n", "not a readable image"),
        ("empty.png", b"", "empty"),
        ("half.jpg", PORTRAIT.read_bytes()[:300], "not a readable image"),
    ],
    ids=["text-file", "empty-file", "truncated-jpeg"],
)
def test_unreadable_files_are_invalid_input(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(InvalidInput, match=message) as info:
        load_image(path)
    assert info.value.hint


def test_missing_paths_and_folders_are_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        load_image(tmp_path / "nope.jpg")
    with pytest.raises(InvalidInput, match="not a file"):
        load_image(tmp_path)


def test_a_tiny_image_is_invalid_input(tmp_path: Path) -> None:
    path = tmp_path / "dot.png"
    cv2.imwrite(str(path), np.zeros((4, 4, 3), dtype=np.uint8))
    with pytest.raises(InvalidInput, match="too small"):
        load_image(path)


def test_arrays_are_checked_and_converted() -> None:
    assert to_bgr(np.zeros((20, 30), dtype=np.uint8)).shape == (20, 30, 3)
    assert to_bgr(np.ones((20, 30, 3), dtype=np.float32)).max() == 255
    with pytest.raises(InvalidInput):
        to_bgr(np.zeros((0, 10, 3), dtype=np.uint8))
    with pytest.raises(InvalidInput):
        to_bgr([[1, 2], [3, 4]])
    with pytest.raises(InvalidInput):
        to_bgr(np.zeros((20, 20, 2), dtype=np.uint8))


def test_bytes_in_memory_decode_like_files() -> None:
    img = decode_image(PORTRAIT.read_bytes())
    assert img.shape == (800, 533, 3)
    with pytest.raises(InvalidInput):
        decode_image(b"")
    with pytest.raises(InvalidInput):
        decode_image(b"GIF89a nonsense")
