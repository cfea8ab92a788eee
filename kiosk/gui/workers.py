"""The threads behind the live screens, and the bridge that brings the camera's state back.

- :class:`RecognitionWorker`: a Qt thread that drives the shared
  :class:`~kiosk.app.frame_loop.FrameLoop` on the newest frame of a :class:`CaptureWorker`
  and turns its callbacks into signals. It never queues frames: when it is slower than the
  camera, the frames in between are simply never looked at.
- :class:`CaptureBridge`: re-emits the capture thread's state changes as a Qt signal.

Short blocking work (the database, loading models) goes through
:class:`~kiosk.gui.runner.OpRunner` instead.
"""

from __future__ import annotations

import contextlib
import logging

from PySide6.QtCore import QObject, QThread, Signal

from kiosk.app.errors import as_kiosk_error
from kiosk.app.frame_loop import FrameLoop, FrameProcessor, NewestFrameFeed
from kiosk.infra.camera import CaptureStatus, CaptureWorker

log = logging.getLogger(__name__)

MAX_FAILURES = 20  # failed frames in a row before recognition gives up (the teacher marks by hand)


class CaptureBridge(QObject):
    """Receives :class:`CaptureStatus` on the capture thread; emits it on the GUI thread."""

    state_changed = Signal(object)

    def __call__(self, status: CaptureStatus) -> None:
        with contextlib.suppress(RuntimeError):  # the bridge was deleted while the thread was ending
            self.state_changed.emit(status)


def stop_capture(worker: CaptureWorker | None, timeout: float = 5.0) -> None:
    if worker is None:
        return
    worker.stop()
    if worker.is_alive():
        worker.join(timeout)
    if worker.is_alive():
        log.warning(
            "The capture thread for %s did not stop within %.0f s", worker.source.description, timeout
        )


class RecognitionWorker(QThread):
    """Runs recognition on the newest frame, over and over, until stopped or the source ends."""

    result_ready = Signal(object)  # FrameResult
    error = Signal(object)  # KioskError
    source_finished = Signal()

    def __init__(
        self, processor: FrameProcessor, capture: CaptureWorker, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk-recognition")
        self._capture = capture
        self._loop = FrameLoop(
            processor,
            on_result=self.result_ready.emit,
            on_error=lambda exc: self.error.emit(as_kiosk_error(exc, "Recognition")),
            max_failures=MAX_FAILURES,
        )

    @property
    def fps(self) -> float:
        return self._loop.fps

    @property
    def frames_processed(self) -> int:
        return self._loop.frames_processed

    def run(self) -> None:
        outcome = self._loop.run(NewestFrameFeed(self._capture), should_stop=self.isInterruptionRequested)
        if outcome.source_ended:
            self.source_finished.emit()

    def stop(self, timeout_ms: int = 10_000) -> None:
        """Ask the thread to end after the frame in hand, and wait for it."""
        self.requestInterruption()
        if not self.wait(timeout_ms):
            log.warning("The recognition thread did not stop within %d ms", timeout_ms)
