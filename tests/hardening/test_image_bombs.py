"""Decompression bombs and partly corrupt JPEGs: refused in one line, before the memory goes."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from kiosk.core.errors import CameraError, InvalidInput
from kiosk.infra.camera.sources import open_source
from kiosk.infra.recognition.images import load_image
from tests.conftest import FACES_DIR

REPO_ROOT = Path(__file__).resolve().parents[2]
SIDE = 20_000


def _chunk(kind: bytes, body: bytes) -> bytes:
    return (
        struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    )


@pytest.fixture(scope="module")
def png_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid 20000x20000 grayscale PNG of a few hundred KB (400 MB once decoded)."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.png"
    packer = zlib.compressobj(9)
    row = b"\x00" * (SIDE + 1)  # filter byte + pixels
    idat = b"".join(packer.compress(row) for _ in range(SIDE)) + packer.flush()
    ihdr = struct.pack(">IIBBBBB", SIDE, SIDE, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )
    return path


@pytest.fixture(scope="module")
def corrupt_jpeg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real face photo with half its scan data cut out: libjpeg decodes it 'with a warning'."""
    data = (FACES_DIR / "people" / "person01" / "2.jpg").read_bytes()
    sos = data.index(b"\xff\xda")
    path = tmp_path_factory.mktemp("corrupt") / "corrupt.jpg"
    path.write_bytes(data[: sos + (len(data) - sos) // 2] + b"\xff\xd9")
    return path


# VmHWM, not getrusage's ru_maxrss: the latter keeps the (large) pytest parent's size across exec.
PEAK_MEMORY = """
import sys
from kiosk.core.errors import KioskError
from kiosk.infra.recognition.images import load_image
try:
    load_image(sys.argv[1])
    print("loaded")
except KioskError as exc:
    print("refused:", exc.message)
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
print("peak_mb", int(hwm.split()[1]) // 1024)
"""


def test_png_bomb_is_refused_from_its_header(png_bomb: Path) -> None:
    assert png_bomb.stat().st_size < 2_000_000
    out = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY, str(png_bomb)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
        timeout=120,
        check=True,
    ).stdout
    assert "refused:" in out and "20000x20000" in out, out
    peak_mb = int(out.split("peak_mb")[1])
    assert peak_mb < 300, f"decoded before refusing: {peak_mb} MB resident"


def test_png_bomb_as_a_camera_image_is_refused(png_bomb: Path) -> None:
    with pytest.raises(CameraError) as caught:
        open_source(str(png_bomb))
    assert "too large" in caught.value.message


def test_png_bomb_in_a_camera_folder_is_skipped(png_bomb: Path, tmp_path: Path) -> None:
    folder = tmp_path / "frames"
    folder.mkdir()
    (folder / "a.png").symlink_to(png_bomb)
    (folder / "b.jpg").write_bytes((FACES_DIR / "people" / "person01" / "1.jpg").read_bytes())
    with open_source(str(folder)) as source:
        frames = list(source)
    assert len(frames) == 1


def test_partly_corrupt_jpeg_is_refused_without_leaking_libjpeg_warnings(
    corrupt_jpeg: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(InvalidInput) as caught:
        load_image(corrupt_jpeg)
    assert "damaged" in caught.value.message
    assert "Corrupt JPEG" not in capfd.readouterr().err
    with pytest.raises(CameraError) as camera:
        open_source(str(corrupt_jpeg))
    assert "damaged" in camera.value.message
    assert "Corrupt JPEG" not in capfd.readouterr().err


def test_good_photos_still_load(capfd: pytest.CaptureFixture[str]) -> None:
    for photo in sorted((FACES_DIR / "people" / "person01").glob("*.jpg")):
        assert load_image(photo).ndim == 3
    assert capfd.readouterr().err == ""


def test_other_threads_output_during_a_decode_is_passed_on_not_taken_for_damage(
    capfd: pytest.CaptureFixture[str],
) -> None:
    import threading

    stop = threading.Event()

    def chatter() -> None:
        while not stop.is_set():
            os.write(2, b"WARNING: PostgreSQL unreachable (from another thread)\n")

    talker = threading.Thread(target=chatter)
    talker.start()
    try:
        for _ in range(20):
            load_image(FACES_DIR / "people" / "person01" / "2.jpg")
    finally:
        stop.set()
        talker.join()
    assert "from another thread" in capfd.readouterr().err
