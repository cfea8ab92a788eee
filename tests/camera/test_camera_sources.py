"""Every kind of frame source, on real files, and the errors a person sees for bad input."""

from __future__ import annotations

import itertools
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from camera_media import VideoMaker, grey_of, numbered_image

from kiosk.core.errors import CameraError
from kiosk.infra.camera import (
    DeviceSource,
    ImageFileSource,
    ImageFolderSource,
    StreamSource,
    VideoFileSource,
    make_source,
    open_source,
)

# --- devices --------------------------------------------------------------------------------


def test_device_index_spec_makes_a_live_camera_source() -> None:
    source = make_source("0")
    assert isinstance(source, DeviceSource)
    assert source.is_live and source.description == "Camera 0"
    assert isinstance(make_source(2), DeviceSource)


def test_missing_camera_fails_fast_with_a_plain_message(capfd: pytest.CaptureFixture[str]) -> None:
    if Path("/dev/video7").exists():
        pytest.skip("this machine has a /dev/video7")
    started = time.monotonic()
    with pytest.raises(CameraError) as caught:
        open_source("7")
    assert time.monotonic() - started < 2.0
    assert caught.value.message == "No camera at index 7."
    assert caught.value.hint  # says what to do
    assert "can't open camera" not in capfd.readouterr().err  # no OpenCV noise on the console


# --- video files ----------------------------------------------------------------------------


def test_video_file_reads_every_frame_then_reports_exhausted(make_video: VideoMaker) -> None:
    path = make_video(frames=12, fps=10.0)
    source = open_source(str(path))
    assert isinstance(source, VideoFileSource)
    assert not source.is_live
    assert source.nominal_fps == pytest.approx(10.0)
    assert source.description == f"Video file {path.name}"
    frames = list(source)
    assert [f.seq for f in frames] == list(range(1, 13))
    assert [grey_of(f.image) for f in frames] == list(range(12))
    assert frames[0].image.shape == (120, 160, 3) and frames[0].image.dtype == np.uint8
    assert all(b.timestamp >= a.timestamp for a, b in itertools.pairwise(frames))
    assert source.read() is None and source.read() is None  # stays exhausted
    source.close()
    assert not source.is_open


def test_video_file_paced_at_its_native_fps_or_as_fast_as_possible(make_video: VideoMaker) -> None:
    path = make_video(frames=8, fps=20.0)
    started = time.monotonic()
    with open_source(path, realtime=True) as paced:
        assert len(list(paced)) == 8
    paced_s = time.monotonic() - started
    started = time.monotonic()
    with open_source(path) as fast:
        assert len(list(fast)) == 8
    fast_s = time.monotonic() - started
    assert paced_s >= 7 / 20.0 * 0.9  # seven intervals of 50 ms
    assert fast_s < paced_s


def test_looping_video_file_starts_again_at_its_end(make_video: VideoMaker) -> None:
    path = make_video(frames=5)
    with open_source(path, loop=True) as source:
        greys = [grey_of(source.read().image) for _ in range(12)]  # type: ignore[union-attr]
    assert greys == [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1]


def test_unreadable_video_file_is_a_camera_error(tmp_path: Path) -> None:
    junk = tmp_path / "lesson.mp4"
    junk.write_bytes(b"this is not a video" * 100)
    with pytest.raises(CameraError, match="is not a video file that can be read") as caught:
        open_source(junk)
    assert caught.value.hint
    with pytest.raises(CameraError, match="does not exist"):
        open_source(tmp_path / "missing.mp4")


# --- folders and images ---------------------------------------------------------------------


def _write(path: Path, image: np.ndarray) -> Path:
    assert cv2.imwrite(str(path), image)
    return path


def test_image_folder_in_natural_order_skipping_what_is_not_an_image(tmp_path: Path) -> None:
    for n in (1, 2, 10):
        _write(tmp_path / f"img{n}.png", numbered_image(n))
    (tmp_path / "notes.txt").write_text("not a picture")
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8 truncated")
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub" / "img3.png", numbered_image(3))

    source = open_source(str(tmp_path))
    assert isinstance(source, ImageFolderSource)
    assert not source.is_live
    assert "4 images" in source.description  # three pictures and the broken .jpg
    greys = [grey_of(f.image) for f in source]
    assert greys == [1, 2, 10]
    assert source.read() is None


def test_image_folder_repeat_delivers_each_image_several_times(tmp_path: Path) -> None:
    for n in (1, 2):
        _write(tmp_path / f"{n}.png", numbered_image(n))
    with open_source(tmp_path, repeat=3) as source:
        frames = list(source)
    assert [grey_of(f.image) for f in frames] == [1, 1, 1, 2, 2, 2]
    frames[0].image[:] = 0  # a consumer drawing on a frame does not change the next one
    assert grey_of(frames[1].image) == 1


def test_empty_folder_is_a_camera_error(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("no pictures here")
    with pytest.raises(CameraError, match="contains no images") as caught:
        open_source(tmp_path)
    assert caught.value.hint


def test_single_image_is_a_finite_source(tmp_path: Path) -> None:
    path = _write(tmp_path / "face.jpg", numbered_image(4))
    source = open_source(path, repeat=3)
    assert isinstance(source, ImageFileSource)
    assert [grey_of(f.image) for f in source] == [4, 4, 4]
    assert source.read() is None
    source.close()


def test_file_that_is_not_an_image_is_a_camera_error(tmp_path: Path) -> None:
    fake = tmp_path / "photo.png"
    fake.write_text("hello")
    with pytest.raises(CameraError, match="is not an image") as caught:
        open_source(fake)
    assert caught.value.hint


def test_reading_a_closed_source_is_a_camera_error(tmp_path: Path) -> None:
    source = make_source(_write(tmp_path / "a.png", numbered_image(1)))
    with pytest.raises(CameraError, match="not open"):
        source.read()


# --- network streams --------------------------------------------------------------------------


def test_stream_urls_make_live_stream_sources() -> None:
    for url in ("rtsp://127.0.0.1:8554/cam", "http://127.0.0.1:8080/video.mjpg", "https://127.0.0.1/x.m3u8"):
        source = make_source(url)
        assert isinstance(source, StreamSource) and source.is_live


@pytest.mark.parametrize("url", ["rtsp://", "rtsp:///path", "rtsp://host:notaport/x", "rtsp://host/a b"])
def test_malformed_rtsp_url_is_rejected_before_connecting(url: str) -> None:
    with pytest.raises(CameraError, match="not a valid RTSP URL") as caught:
        make_source(url)
    assert "rtsp://" in caught.value.hint


def test_unreachable_rtsp_url_fails_fast(capfd: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    with pytest.raises(CameraError, match="Could not connect to the RTSP stream") as caught:
        open_source("rtsp://127.0.0.1:9/x", open_timeout_s=3.0)
    assert time.monotonic() - started < 5.0
    assert caught.value.hint
    assert "Connection refused" not in capfd.readouterr().err  # FFmpeg kept quiet


def test_password_never_appears_in_messages() -> None:
    with pytest.raises(CameraError) as caught:
        open_source("rtsp://admin:s3cret@127.0.0.1:9/x", open_timeout_s=2.0)
    assert "s3cret" not in str(caught.value)
    assert "admin:***@127.0.0.1:9" in caught.value.message
    assert "s3cret" not in make_source("rtsp://admin:s3cret@127.0.0.1:9/x").description


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A loopback TCP server that accepts connections and never answers."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    server.close()
    for conn in accepted:
        conn.close()
    thread.join(timeout=2)


def test_stream_that_never_answers_gives_up_after_the_open_timeout(silent_server: int) -> None:
    started = time.monotonic()
    with pytest.raises(CameraError, match=r"no answer within 1\.5 s"):
        open_source(f"rtsp://127.0.0.1:{silent_server}/stream", open_timeout_s=1.5)
    assert time.monotonic() - started < 4.0


# --- the spec string ------------------------------------------------------------------------


@pytest.mark.parametrize("spec", ["", "   "])
def test_empty_source_setting(spec: str) -> None:
    with pytest.raises(CameraError, match="No camera source is configured"):
        make_source(spec)


def test_unknown_scheme_and_missing_path(tmp_path: Path) -> None:
    with pytest.raises(CameraError, match="Unsupported source address"):
        make_source("ftp://127.0.0.1/video.mp4")
    with pytest.raises(CameraError, match="does not exist"):
        make_source(tmp_path / "nowhere")


def test_file_url_names_a_video_file(make_video: VideoMaker) -> None:
    path = make_video()
    assert isinstance(make_source(path.as_uri()), VideoFileSource)
