"""Work that must never run on the GUI thread, and the bridges that bring results back.

- :class:`TaskRunner`: one background thread for database calls and other short blocking
  work (open the database, start or end a session, a manual mark). One worker keeps the
  calls in order; results and errors come back as callbacks on the GUI thread.
- :class:`RecognitionWorker`: takes the newest frame from a :class:`CaptureWorker`, runs
  the session's ``process_frame`` and emits the result. It never queues frames: when it is
  slower than the camera, the frames in between are simply never looked at.
- :class:`CaptureBridge`: re-emits the capture thread's state changes as a Qt signal.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from sqlalchemy.exc import OperationalError

from kiosk.app.session import AttendanceSessionService, FrameResult
from kiosk.core.errors import KioskError, OfflineRefused
from kiosk.infra.camera import CaptureStatus, CaptureWorker, FpsMeter

log = logging.getLogger(__name__)

OnDone = Callable[[Any], None]
OnError = Callable[[KioskError], None]


def as_kiosk_error(exc: BaseException) -> KioskError:
    """A message a person can read for any failure (a bug is logged with its traceback)."""
    if isinstance(exc, KioskError):
        return exc
    if isinstance(exc, OperationalError):
        # Roster changes and enrollment go straight to the database: refused while it is away.
        log.warning("A change needed the database, which is unreachable: %s", type(exc).__name__)
        return OfflineRefused(
            "The school's database cannot be reached right now, so this change was not saved.",
            "Try again when the network is back; taking attendance keeps working meanwhile.",
        )
    log.error("Unexpected error in background work", exc_info=exc)
    return KioskError(
        f"Something went wrong ({type(exc).__name__}: {exc}).",
        "The details are in the log file; try again, or restart the kiosk.",
    )


class TaskRunner(QObject):
    """A single background thread; ``submit`` returns at once, callbacks run on the GUI thread."""

    _finished = Signal(object, object, object)  # callback, value, is_error

    def __init__(self, name: str = "kiosk-db", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._finished.connect(self._deliver)
        self._pending = 0
        self._lock = threading.Lock()
        self._closed = False

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._pending > 0

    def submit(
        self, fn: Callable[[], Any], on_done: OnDone | None = None, on_error: OnError | None = None
    ) -> None:
        if self._closed:
            log.debug("task submitted after shutdown ignored")
            return
        with self._lock:
            self._pending += 1
        future = self._executor.submit(fn)
        future.add_done_callback(lambda f: self._complete(f, on_done, on_error))

    def _complete(self, future: Future[Any], on_done: OnDone | None, on_error: OnError | None) -> None:
        # Runs on the worker thread: the signal crosses to the GUI thread (queued connection).
        exc = future.exception()
        try:
            if exc is not None:
                error = as_kiosk_error(exc)
                log.info("Background task failed: %s", error.message)
                self._finished.emit(on_error, error, True)
            else:
                self._finished.emit(on_done, future.result(), False)
        except RuntimeError:  # the Qt object is gone (window closed): nothing left to tell
            pass

    @Slot(object, object, object)
    def _deliver(self, callback: Callable[[Any], None] | None, value: Any, is_error: bool) -> None:
        with self._lock:
            self._pending -= 1
        if self._closed:
            return  # the window is being torn down: results of the last queued work are not shown
        if callback is not None:
            callback(value)
        elif is_error:
            log.warning("Unhandled background error: %s", value)

    def run_sync(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn`` after the queued tasks and wait for it (used only when closing the window)."""
        return self._executor.submit(fn).result()

    def shutdown(self) -> None:
        """Finish the queued tasks (a mark in flight is never lost), then end the thread."""
        self._closed = True
        self._executor.shutdown(wait=True)


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
        self, service: AttendanceSessionService, capture: CaptureWorker, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk-recognition")
        self._service = service
        self._capture = capture
        self._meter = FpsMeter(window=10)
        self.frames_processed = 0
        self.last_elapsed_ms = 0.0

    @property
    def fps(self) -> float:
        return self._meter.fps

    def run(self) -> None:
        last_seq = 0
        failures = 0
        while not self.isInterruptionRequested():
            got = self._capture.wait_frame(last_seq, timeout=0.2)
            if got is None:
                if self._capture.finished:
                    self.source_finished.emit()
                    return
                continue
            last_seq, frame = got
            try:
                result: FrameResult = self._service.process_frame(frame.image, frame.timestamp, frame.seq)
            except Exception as exc:
                failures += 1
                self.error.emit(as_kiosk_error(exc))
                if failures >= 20:  # a persistent fault: stop trying, the teacher marks by hand
                    log.error("Recognition stopped after %d failures in a row", failures)
                    return
                time.sleep(0.5)
                continue
            failures = 0
            self.frames_processed += 1
            self.last_elapsed_ms = result.elapsed_ms
            self._meter.tick(time.monotonic())
            self.result_ready.emit(result)

    def stop(self, timeout_ms: int = 10_000) -> None:
        """Ask the thread to end after the frame in hand, and wait for it."""
        self.requestInterruption()
        if not self.wait(timeout_ms):
            log.warning("The recognition thread did not stop within %d ms", timeout_ms)
