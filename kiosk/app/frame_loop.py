"""The one frame loop: frames in, :meth:`AttendanceSessionService.process_frame`, results out.

The window's recognition thread and ``kiosk run`` both drive :class:`FrameLoop`; only the
feed differs:

- :class:`NewestFrameFeed` (a camera, or a file played like one): the newest frame of a
  :class:`~kiosk.infra.camera.CaptureWorker`. Frames that arrive while recognition is busy
  are never looked at, so recognition never falls behind the camera.
- :class:`EveryFrameFeed` (a file, headless): every frame in order, timed by the file's own
  frame rate, so results do not depend on this computer's speed.

No Qt here: the GUI's worker thread runs :meth:`FrameLoop.run` and turns the callbacks
into signals.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from kiosk.app.session import FrameResult
from kiosk.infra.camera import CaptureWorker, FpsMeter, Frame, FrameSource

log = logging.getLogger(__name__)

DEFAULT_FILE_FPS = 15.0
FAILURE_PAUSE_SECONDS = 0.5


class FrameProcessor(Protocol):
    """What the loop needs of the session (the session service keeps this promise)."""

    def process_frame(
        self, image_bgr: npt.NDArray[np.uint8], timestamp: float | None = None, seq: int = 0
    ) -> FrameResult: ...


class FrameFeed(Protocol):
    @property
    def frames_read(self) -> int: ...

    @property
    def ended(self) -> bool:
        """No frame will come any more (the file is over, the camera thread has ended)."""
        ...

    def next_frame(self, timeout: float) -> tuple[Frame, float] | None:
        """The next frame to recognise and its timestamp in seconds, or ``None`` for nothing new."""
        ...


class NewestFrameFeed:
    """The newest frame of a running capture thread (which the caller owns and stops)."""

    def __init__(self, capture: CaptureWorker) -> None:
        self._capture = capture
        self._last_seq = 0

    @property
    def frames_read(self) -> int:
        return self._last_seq  # the capture thread numbers its frames from 1

    @property
    def ended(self) -> bool:
        return self._capture.finished

    def next_frame(self, timeout: float) -> tuple[Frame, float] | None:
        got = self._capture.wait_frame(self._last_seq, timeout=timeout)
        if got is None:
            return None
        self._last_seq, frame = got
        return frame, frame.timestamp


class EveryFrameFeed:
    """Every frame of a finite source, in order, stamped ``n / fps`` (deterministic)."""

    def __init__(self, source: FrameSource) -> None:
        if not source.is_open:
            source.open()
        self._source = source
        self._fps = source.nominal_fps or DEFAULT_FILE_FPS
        self._read = 0
        self._ended = False

    @property
    def frames_read(self) -> int:
        return self._read

    @property
    def ended(self) -> bool:
        return self._ended

    def next_frame(self, timeout: float) -> tuple[Frame, float] | None:
        frame = self._source.read()
        if frame is None:
            self._ended = True
            return None
        self._read += 1
        return frame, self._read / self._fps


@dataclass(frozen=True)
class LoopOutcome:
    frames_read: int
    frames_processed: int
    source_ended: bool  # the source ran out (as opposed to: stopped, time or frame limit, failures)


class FrameLoop:
    """Recognise frames from a feed until it ends, ``should_stop()`` says so, or a limit is hit.

    ``max_failures``: how many failed frames in a row are tolerated (each goes to
    ``on_error``, then a short pause) before the loop gives up; ``None`` lets the first
    failure propagate (``kiosk run`` reports it and exits).
    """

    def __init__(
        self,
        processor: FrameProcessor,
        *,
        on_result: Callable[[FrameResult], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        max_failures: int | None = None,
    ) -> None:
        self._processor = processor
        self._on_result = on_result
        self._on_error = on_error
        self._max_failures = max_failures
        self._meter = FpsMeter(window=10)
        self.frames_processed = 0

    @property
    def fps(self) -> float:
        """Frames recognised per second, over the last ten."""
        return self._meter.fps

    def run(
        self,
        feed: FrameFeed,
        *,
        should_stop: Callable[[], bool] = lambda: False,
        duration: float | None = None,
        max_frames: int | None = None,
        poll_seconds: float = 0.2,
    ) -> LoopOutcome:
        began = time.monotonic()
        failures = 0
        while not should_stop():
            if duration is not None and time.monotonic() - began >= duration:
                break
            if max_frames is not None and feed.frames_read >= max_frames:
                break
            got = feed.next_frame(poll_seconds)
            if got is None:
                if feed.ended:
                    return LoopOutcome(feed.frames_read, self.frames_processed, source_ended=True)
                continue
            frame, timestamp = got
            try:
                result = self._processor.process_frame(frame.image, timestamp=timestamp, seq=frame.seq)
            except Exception as exc:
                if self._max_failures is None:
                    raise
                failures += 1
                if self._on_error is not None:
                    self._on_error(exc)
                if failures >= self._max_failures:  # a persistent fault: the teacher marks by hand
                    log.error("Recognition stopped after %d failures in a row", failures)
                    break
                time.sleep(FAILURE_PAUSE_SECONDS)
                continue
            failures = 0
            self.frames_processed += 1
            self._meter.tick(time.monotonic())
            if self._on_result is not None:
                self._on_result(result)
        return LoopOutcome(feed.frames_read, self.frames_processed, source_ended=False)
