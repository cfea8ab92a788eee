"""The one frame loop (``kiosk run`` and the window's recognition thread): real frame
sources, a small stand-in for the session's ``process_frame``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from kiosk.app.frame_loop import EveryFrameFeed, FrameLoop, NewestFrameFeed
from kiosk.app.session import FrameResult
from kiosk.infra.camera import CaptureWorker, ImageFolderSource
from tests.conftest import FACES_DIR

FOLDER = FACES_DIR / "people" / "person01"


class Recorder:
    """Keeps what the loop handed over; fails on the frames it is told to."""

    def __init__(self, fail_on: set[int] | None = None) -> None:
        self.calls: list[tuple[int, float | None]] = []
        self.fail_on = fail_on or set()

    def process_frame(
        self, image_bgr: npt.NDArray[np.uint8], timestamp: float | None = None, seq: int = 0
    ) -> FrameResult:
        self.calls.append((seq, timestamp))
        if seq in self.fail_on or -1 in self.fail_on:
            raise RuntimeError("broken model")
        return FrameResult(seq, (), (), 1.0)


def frame_count(folder: Path) -> int:
    return len(list(folder.glob("*.jpg")))


def test_a_file_gives_every_frame_in_order_timed_by_its_own_rate() -> None:
    recorder = Recorder()
    results: list[FrameResult] = []
    outcome = FrameLoop(recorder, on_result=results.append).run(
        EveryFrameFeed(ImageFolderSource(FOLDER, fps=4))
    )
    n = frame_count(FOLDER)
    assert outcome.source_ended and outcome.frames_read == outcome.frames_processed == n
    assert [seq for seq, _ in recorder.calls] == list(range(1, n + 1))
    assert [ts for _, ts in recorder.calls] == [i / 4 for i in range(1, n + 1)]
    assert [r.seq for r in results] == list(range(1, n + 1))


def test_max_frames_stops_the_loop_before_the_source_ends() -> None:
    recorder = Recorder()
    outcome = FrameLoop(recorder).run(EveryFrameFeed(ImageFolderSource(FOLDER)), max_frames=2)
    assert not outcome.source_ended and outcome.frames_read == 2 and len(recorder.calls) == 2


def test_without_tolerance_a_failure_propagates() -> None:
    with pytest.raises(RuntimeError, match="broken model"):
        FrameLoop(Recorder(fail_on={2})).run(EveryFrameFeed(ImageFolderSource(FOLDER)))


def test_with_tolerance_failures_are_reported_then_the_loop_gives_up() -> None:
    errors: list[Exception] = []
    loop = FrameLoop(Recorder(fail_on={-1}), on_error=errors.append, max_failures=2)
    outcome = loop.run(EveryFrameFeed(ImageFolderSource(FOLDER)))
    assert len(errors) == 2 and outcome.frames_processed == 0 and not outcome.source_ended


def test_a_live_feed_takes_the_newest_frame_and_ends_with_the_source() -> None:
    capture = CaptureWorker(ImageFolderSource(FOLDER, fps=50, realtime=True))
    capture.start()
    try:
        recorder = Recorder()
        outcome = FrameLoop(recorder).run(NewestFrameFeed(capture), duration=30)
    finally:
        capture.stop()
        capture.join(5)
    seqs = [seq for seq, _ in recorder.calls]
    assert outcome.source_ended and seqs == sorted(set(seqs))  # never the same frame twice, never older
    assert 1 <= len(seqs) <= frame_count(FOLDER)
