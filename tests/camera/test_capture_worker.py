"""The capture thread: newest frame only, clean stop, reconnect after a drop-out."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from camera_media import VideoMaker, grey_of, numbered_image

from kiosk.core.errors import CameraError
from kiosk.infra.camera import (
    CaptureState,
    CaptureStatus,
    CaptureWorker,
    FpsMeter,
    FrameSource,
    LatestFrame,
    VideoFileSource,
    make_source,
    open_source,
)
from kiosk.infra.camera.frame import Image
from kiosk.infra.config import CameraSettings

pytestmark = pytest.mark.usefixtures("no_leaked_threads")


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


class Recorder:
    """Collects the states a worker reports, in order, from the worker thread."""

    def __init__(self) -> None:
        self.statuses: list[CaptureStatus] = []
        self._lock = threading.Lock()

    def __call__(self, status: CaptureStatus) -> None:
        with self._lock:
            self.statuses.append(status)

    @property
    def states(self) -> list[CaptureState]:
        with self._lock:
            return [s.state for s in self.statuses]

    def distinct_states(self) -> list[CaptureState]:
        out: list[CaptureState] = []
        for state in self.states:
            if not out or out[-1] is not state:
                out.append(state)
        return out


def run_to_end(worker: CaptureWorker, timeout: float = 10.0) -> None:
    worker.join(timeout)
    assert not worker.is_alive()


# --- the one-slot holder ---------------------------------------------------------------------


def test_latest_frame_keeps_only_the_newest() -> None:
    slot = LatestFrame()
    assert slot.latest() is None
    for n in range(5):
        slot.put(numbered_image(n))
    taken = slot.latest()
    assert taken is not None
    seq, frame = taken
    assert seq == 5 == frame.seq and grey_of(frame.image) == 4
    assert slot.dropped == 4  # four frames were replaced before anyone took them
    assert slot.latest(after_seq=5) is None
    assert slot.latest(after_seq=4) is not None  # the same frame again, for a consumer that is behind
    slot.put(numbered_image(5))
    assert slot.dropped == 4  # frame 5 had been taken


def test_waiting_for_a_frame_wakes_on_put_and_on_close() -> None:
    slot = LatestFrame()
    started = time.monotonic()
    assert slot.wait(timeout=0.1) is None
    assert time.monotonic() - started >= 0.09

    putter = threading.Timer(0.05, lambda: slot.put(numbered_image(1)))
    putter.start()
    taken = slot.wait(timeout=5)
    assert taken is not None and taken[0] == 1

    closer = threading.Timer(0.05, slot.close)
    closer.start()
    started = time.monotonic()
    assert slot.wait(after_seq=1, timeout=5) is None
    assert time.monotonic() - started < 2
    assert slot.latest() is not None  # the last frame stays available after close
    for timer in (putter, closer):
        timer.join(timeout=2)


def test_fps_meter() -> None:
    meter = FpsMeter(window=5)
    assert meter.fps == 0.0
    for i in range(10):
        meter.tick(100.0 + i * 0.04)
    assert meter.fps == pytest.approx(25.0)


# --- finite sources ----------------------------------------------------------------------------


def test_worker_reads_a_file_to_the_end_and_reports_exhausted(make_video: VideoMaker) -> None:
    recorder = Recorder()
    worker = CaptureWorker(VideoFileSource(make_video(frames=10)), on_state=recorder)
    worker.start()
    seen: list[int] = []
    after = 0
    while (taken := worker.wait_frame(after, timeout=5)) is not None:
        after, frame = taken
        seen.append(after)
        assert frame.seq == after
    run_to_end(worker)
    assert worker.state is CaptureState.EXHAUSTED and worker.finished
    assert "no more frames" in worker.status.message
    assert recorder.distinct_states() == [CaptureState.CONNECTING, CaptureState.LIVE, CaptureState.EXHAUSTED]
    assert worker.frames_read == 10
    assert seen == sorted(set(seen)) and seen[-1] == 10  # increasing, ending with the last frame
    assert not worker.source.is_open


def test_slow_consumer_gets_the_newest_frames_and_the_rest_are_dropped(make_video: VideoMaker) -> None:
    source = VideoFileSource(make_video(frames=30, fps=30.0), realtime=True)
    worker = CaptureWorker(source)
    worker.start()
    taken_seqs: list[int] = []
    after = 0
    while (taken := worker.wait_frame(after, timeout=5)) is not None:
        after, frame = taken
        taken_seqs.append(after)
        latency = time.monotonic() - frame.timestamp
        assert latency < 0.5  # never an old frame from a backlog
        time.sleep(0.15)  # a consumer 4-5 times slower than the source
    run_to_end(worker)
    assert worker.frames_read == 30
    assert len(taken_seqs) < 15
    assert max(b - a for a, b in itertools.pairwise(taken_seqs)) > 1  # frames were skipped
    assert worker.dropped >= 30 - len(taken_seqs) - 1
    assert 15.0 < worker.fps < 45.0  # measured, for a 30 fps source
    last = worker.latest()
    assert last is not None and last[0] == 30 and last[1].source_fps > 0


def test_a_failing_first_open_is_final_and_shown(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("no pictures")
    recorder = Recorder()
    worker = CaptureWorker(make_source(tmp_path), on_state=recorder)
    worker.start()
    assert worker.wait_frame(timeout=5) is None
    run_to_end(worker)
    assert worker.state is CaptureState.FAILED
    assert "contains no images" in worker.status.message and worker.status.hint
    assert recorder.distinct_states() == [CaptureState.CONNECTING, CaptureState.FAILED]


# --- stopping -------------------------------------------------------------------------------------


def test_stop_ends_a_live_source_promptly(make_video: VideoMaker) -> None:
    source = VideoFileSource(make_video(frames=10, fps=30.0), realtime=True, loop=True, live=True)
    worker = CaptureWorker(source)
    worker.start()
    assert worker.wait_frame(timeout=5) is not None
    assert worker.status.state is CaptureState.LIVE
    started = time.monotonic()
    worker.stop()
    worker.join(timeout=2)
    assert not worker.is_alive()
    assert time.monotonic() - started < 1.0
    assert worker.state is CaptureState.STOPPED
    assert not source.is_open
    worker.stop()  # twice is harmless


def test_an_already_open_source_goes_straight_to_live(make_video: VideoMaker) -> None:
    recorder = Recorder()
    worker = CaptureWorker(open_source(make_video(frames=3)), on_state=recorder)
    worker.start()
    run_to_end(worker)
    assert recorder.distinct_states() == [CaptureState.LIVE, CaptureState.EXHAUSTED]


# --- reconnecting ---------------------------------------------------------------------------------


class FlakyCamera(FrameSource):
    """A live source that drops out after ``frames_per_connection`` frames and then refuses
    ``refusals`` reconnection attempts before working again: what an unplugged USB camera or a
    rebooting IP camera does."""

    def __init__(self, frames_per_connection: int = 5, refusals: int = 2) -> None:
        super().__init__()
        self.frames_per_connection = frames_per_connection
        self.refusals = refusals
        self.opens = 0
        self.refused = 0
        self._left = 0
        self._n = 0

    @property
    def description(self) -> str:
        return "Flaky camera"

    @property
    def is_live(self) -> bool:
        return True

    @property
    def nominal_fps(self) -> float | None:
        return 100.0

    def _open(self) -> None:
        if self.opens > 0 and self.refused < self.refusals:
            self.refused += 1
            raise CameraError("The flaky camera is unplugged.", "Plug it back in.")
        self.opens += 1
        self.refused = 0
        self._left = self.frames_per_connection

    def _read(self) -> Image | None:
        if self._left == 0:
            raise CameraError("The flaky camera stopped sending pictures.", "Check its cable.")
        self._left -= 1
        self._n += 1
        time.sleep(0.01)
        return np.full((48, 64, 3), self._n % 250, dtype=np.uint8)


def test_live_source_that_drops_out_is_reconnected_with_states_reported() -> None:
    camera = FlakyCamera(frames_per_connection=5, refusals=2)
    recorder = Recorder()
    worker = CaptureWorker(camera, reconnect_seconds=0.05, on_state=recorder)
    worker.start()
    wait_until(lambda: worker.reconnects >= 2)
    wait_until(lambda: worker.frames_read >= 15)
    worker.stop()
    run_to_end(worker)

    assert camera.opens >= 3
    assert recorder.distinct_states()[:6] == [
        CaptureState.CONNECTING,
        CaptureState.LIVE,
        CaptureState.RECONNECTING,
        CaptureState.LIVE,
        CaptureState.RECONNECTING,
        CaptureState.LIVE,
    ]
    assert recorder.states[-1] is CaptureState.STOPPED
    reconnecting = [s for s in recorder.statuses if s.state is CaptureState.RECONNECTING]
    assert reconnecting[0].message.startswith(
        "The flaky camera stopped sending pictures. Retrying every 0.05 s"
    )
    assert [s.attempts for s in reconnecting[:3]] == [0, 1, 2]  # two refused attempts, reported
    assert "unplugged" in reconnecting[1].message and reconnecting[1].hint == "Plug it back in."
    frame = worker.latest()
    assert frame is not None and frame[0] == worker.frames_read  # numbering continues across reconnects


def test_video_file_used_as_a_live_camera_reconnects_after_its_file_disappears(
    make_video: VideoMaker,
) -> None:
    path = make_video(frames=6, fps=60.0)
    hidden = path.with_name("hidden.mp4")
    recorder = Recorder()
    source = VideoFileSource(path, realtime=True, loop=True, live=True)
    worker = CaptureWorker(source, reconnect_seconds=0.05, on_state=recorder)
    worker.start()
    assert worker.wait_frame(timeout=5) is not None

    path.rename(hidden)  # the "camera" goes away: the next loop cannot reopen it
    wait_until(lambda: worker.state is CaptureState.RECONNECTING)
    wait_until(lambda: worker.status.attempts >= 2)
    assert "does not exist" in worker.status.message
    seq_while_down = worker.latest()
    assert seq_while_down is not None

    hidden.rename(path)  # and comes back
    wait_until(lambda: worker.state is CaptureState.LIVE)
    after = worker.wait_frame(seq_while_down[0], timeout=5)
    assert after is not None and after[0] > seq_while_down[0]
    worker.stop()
    run_to_end(worker)
    assert recorder.distinct_states() == [
        CaptureState.CONNECTING,
        CaptureState.LIVE,
        CaptureState.RECONNECTING,
        CaptureState.LIVE,
        CaptureState.STOPPED,
    ]


def test_stop_while_reconnecting_and_retrying_a_first_open() -> None:
    camera = FlakyCamera(refusals=10**6)
    camera.opens = 1  # behave as if it had been open before: every open is refused
    worker = CaptureWorker(camera, reconnect_seconds=0.05, retry_first_open=True)
    worker.start()
    wait_until(lambda: worker.status.attempts >= 2)
    assert worker.status.state is CaptureState.RECONNECTING
    worker.stop()
    run_to_end(worker, timeout=2)
    assert worker.state is CaptureState.STOPPED
    assert worker.wait_frame(timeout=1) is None


class BrokenCamera(FlakyCamera):
    def _read(self) -> Image | None:
        raise RuntimeError("driver bug")


def test_an_unexpected_error_fails_the_worker_instead_of_killing_it_silently() -> None:
    worker = CaptureWorker(BrokenCamera())
    worker.start()
    run_to_end(worker)
    assert worker.state is CaptureState.FAILED
    assert "stopped unexpectedly (driver bug)" in worker.status.message


def test_worker_from_settings_uses_the_configured_source_and_reconnect_delay(make_video: VideoMaker) -> None:
    path = make_video(frames=4, fps=50.0)
    camera = CameraSettings(source=str(path), reconnect_seconds=0.25)
    worker = CaptureWorker.from_settings(camera)
    assert worker.reconnect_seconds == 0.25
    assert isinstance(worker.source, VideoFileSource) and worker.source.realtime
    worker.start()
    run_to_end(worker)
    assert worker.state is CaptureState.EXHAUSTED and worker.frames_read == 4
    with pytest.raises(CameraError, match="No camera source is configured"):
        CaptureWorker.from_settings(CameraSettings(source=" "))
