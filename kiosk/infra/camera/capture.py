"""Reading a source on its own thread, keeping only the newest frame.

The recognition engine is slower than a camera. Queuing every frame would make the kiosk
fall further and further behind what is in front of it, so :class:`LatestFrame` holds one
frame: each new one replaces the last, and a slow consumer simply skips frames.

:class:`CaptureWorker` is a plain :class:`threading.Thread` (no Qt: the GUI bridges its
state callback to a signal). It reconnects a live camera that drops out, reports its state
for the screen, and stops within about one frame after :meth:`CaptureWorker.stop`.
"""

from __future__ import annotations

import collections
import dataclasses
import enum
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.core.errors import CameraError
from kiosk.infra.camera.frame import Frame, Image
from kiosk.infra.camera.sources import FrameSource, make_source
from kiosk.infra.config import CameraSettings

log = logging.getLogger(__name__)


class LatestFrame:
    """A one-slot, thread-safe holder of the newest frame, numbered 1, 2, 3, ...

    ``put`` never blocks and never grows: it replaces the held frame. ``dropped`` counts
    frames replaced before any consumer took them.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._frame: Frame | None = None
        self._seq = 0
        self._taken_seq = 0
        self._closed = False
        self.dropped = 0

    @property
    def seq(self) -> int:
        """The number of the newest frame put (0 before the first)."""
        with self._cond:
            return self._seq

    @property
    def closed(self) -> bool:
        with self._cond:
            return self._closed

    def put(self, image: Image, timestamp: float | None = None, source_fps: float = 0.0) -> Frame:
        """Store a new frame (renumbered) in place of the previous one, and wake waiters."""
        with self._cond:
            if self._frame is not None and self._taken_seq < self._seq:
                self.dropped += 1
            self._seq += 1
            frame = Frame(
                image=image,
                seq=self._seq,
                timestamp=time.monotonic() if timestamp is None else timestamp,
                source_fps=source_fps,
            )
            self._frame = frame
            self._cond.notify_all()
            return frame

    def latest(self, after_seq: int = 0) -> tuple[int, Frame] | None:
        """The newest frame if it is newer than ``after_seq``, else ``None``. Never blocks."""
        with self._cond:
            return self._take(after_seq)

    def wait(self, after_seq: int = 0, timeout: float | None = None) -> tuple[int, Frame] | None:
        """Block until a frame newer than ``after_seq`` exists (or ``timeout`` / ``close``)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while True:
                taken = self._take(after_seq)
                if taken is not None or self._closed:
                    return taken
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return None
                self._cond.wait(remaining)

    def close(self) -> None:
        """No more frames will come: wake every waiter. The last frame can still be taken."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def _take(self, after_seq: int) -> tuple[int, Frame] | None:
        if self._frame is None or self._seq <= after_seq:
            return None
        self._taken_seq = max(self._taken_seq, self._seq)
        return self._seq, self._frame


class FpsMeter:
    """Frames per second over a sliding window of the last ``window`` frame times (thread-safe)."""

    def __init__(self, window: int = 30) -> None:
        self._times: collections.deque[float] = collections.deque(maxlen=max(2, window))
        self._lock = threading.Lock()

    def tick(self, timestamp: float) -> None:
        with self._lock:
            self._times.append(timestamp)

    def reset(self) -> None:
        with self._lock:
            self._times.clear()

    @property
    def fps(self) -> float:
        with self._lock:
            if len(self._times) < 2:
                return 0.0
            span = self._times[-1] - self._times[0]
            count = len(self._times) - 1
        return count / span if span > 0 else 0.0


class CaptureState(enum.StrEnum):
    CONNECTING = "connecting"  # opening the source for the first time
    LIVE = "live"  # frames are arriving
    RECONNECTING = "reconnecting"  # a live source dropped out; retrying
    EXHAUSTED = "exhausted"  # a finite source (file, folder, image) has no more frames
    FAILED = "failed"  # the source cannot be used; ``message`` says why
    STOPPED = "stopped"  # stop() was called

    @property
    def is_final(self) -> bool:
        return self in (CaptureState.EXHAUSTED, CaptureState.FAILED, CaptureState.STOPPED)


@dataclass(frozen=True, slots=True)
class CaptureStatus:
    state: CaptureState
    message: str = ""  # one plain sentence for the screen ("Camera 0 lost. Retrying every 2 s.")
    hint: str = ""
    source: str = ""  # the source's description
    attempts: int = 0  # reconnection attempts since the last drop-out
    at: float = 0.0  # time.monotonic() of the change


StateCallback = Callable[[CaptureStatus], None]


class CaptureWorker(threading.Thread):
    """Reads ``source`` on a daemon thread into a :class:`LatestFrame`.

    The source may be given open or not; it is opened (``CONNECTING``) on the thread and
    always closed there when the worker ends. A failure to open at first is final
    (``FAILED``) unless ``retry_first_open`` and the source is live, in which case the worker
    keeps retrying, as after a drop-out. ``on_state`` is called on the worker thread at every
    state change; keep it short (the GUI re-emits it as a Qt signal).
    """

    def __init__(
        self,
        source: FrameSource,
        *,
        reconnect_seconds: float = 2.0,
        retry_first_open: bool = False,
        on_state: StateCallback | None = None,
        name: str = "kiosk-capture",
    ) -> None:
        super().__init__(name=name, daemon=True)
        self.source = source
        self.reconnect_seconds = max(0.01, reconnect_seconds)
        self.retry_first_open = retry_first_open
        self._on_state = on_state
        self._slot = LatestFrame()
        self._meter = FpsMeter()
        self._stop_event = threading.Event()
        self._lock = threading.Lock()
        self._status = CaptureStatus(CaptureState.CONNECTING, source=source.description, at=time.monotonic())
        self.frames_read = 0
        self.reconnects = 0

    # --- consumer side ---------------------------------------------------------------------
    def latest(self, after_seq: int = 0) -> tuple[int, Frame] | None:
        """The newest frame if newer than ``after_seq`` (non-blocking)."""
        return self._slot.latest(after_seq)

    def wait_frame(self, after_seq: int = 0, timeout: float | None = None) -> tuple[int, Frame] | None:
        """The next frame newer than ``after_seq``; ``None`` on timeout or once the worker has ended."""
        return self._slot.wait(after_seq, timeout)

    @property
    def status(self) -> CaptureStatus:
        with self._lock:
            return self._status

    @property
    def state(self) -> CaptureState:
        return self.status.state

    @property
    def fps(self) -> float:
        """Measured frames per second over the last ~30 frames (0.0 until two have arrived)."""
        return self._meter.fps

    @property
    def dropped(self) -> int:
        """Frames replaced before any consumer took them."""
        return self._slot.dropped

    @property
    def finished(self) -> bool:
        """The worker has ended (exhausted, failed or stopped): no newer frame will come."""
        return self._slot.closed

    def stop(self) -> None:
        """Ask the thread to end; follow with :meth:`join`. Safe to call more than once."""
        self._stop_event.set()

    # --- the thread ----------------------------------------------------------------------
    def run(self) -> None:
        try:
            self._run()
        except Exception as exc:  # a bug or an unexpected OpenCV error: show it, never die silently
            log.exception("capture from %s crashed", self.source.description)
            self._set(CaptureState.FAILED, f"{self.source.description} stopped unexpectedly ({exc}).")
        finally:
            try:
                self.source.close()
            except Exception:
                log.exception("closing %s failed", self.source.description)
            if self._stop_event.is_set() and not self.state.is_final:
                self._set(CaptureState.STOPPED, "")
            self._slot.close()

    def _run(self) -> None:
        source = self.source
        if not source.is_open:
            self._set(CaptureState.CONNECTING, f"Connecting to {source.description}…")
            try:
                source.open()
            except CameraError as exc:
                if not (self.retry_first_open and source.is_live):
                    self._set(CaptureState.FAILED, exc.message, exc.hint)
                    return
                if not self._reconnect(exc):
                    return
        self._set(CaptureState.LIVE, "")
        while not self._stop_event.is_set():
            error: CameraError | None = None
            try:
                frame = source.read()
            except CameraError as exc:
                frame, error = None, exc
            if self._stop_event.is_set():
                break
            if frame is not None:
                self.frames_read += 1
                self._meter.tick(frame.timestamp)
                self._slot.put(frame.image, frame.timestamp, self._meter.fps or frame.source_fps)
                continue
            if not source.is_live:
                if error is not None:
                    self._set(CaptureState.FAILED, error.message, error.hint)
                else:
                    self._set(CaptureState.EXHAUSTED, f"{source.description} has no more frames.")
                return
            source.close()
            if not self._reconnect(error):
                return
            self._set(CaptureState.LIVE, "")
        self._set(CaptureState.STOPPED, "")

    def _reconnect(self, cause: CameraError | None) -> bool:
        """Reopen a live source every ``reconnect_seconds`` until it works (True) or stop() (False)."""
        reason = (
            cause.message if cause is not None else f"{self.source.description} stopped sending pictures."
        )
        every = f"{self.reconnect_seconds:g}"
        attempts = 0
        self._meter.reset()
        self._set(CaptureState.RECONNECTING, f"{reason} Retrying every {every} s…", attempts=attempts)
        while not self._stop_event.wait(self.reconnect_seconds):
            attempts += 1
            try:
                self.source.open()
            except CameraError as exc:
                log.debug("reconnect attempt %d to %s failed: %s", attempts, self.source.description, exc)
                self._set(
                    CaptureState.RECONNECTING,
                    f"{exc.message} Retrying every {every} s (attempt {attempts})…",
                    exc.hint,
                    attempts=attempts,
                )
                continue
            self.reconnects += 1
            log.info("reconnected to %s after %d attempt(s)", self.source.description, attempts)
            return True
        self._set(CaptureState.STOPPED, "")
        return False

    def _set(self, state: CaptureState, message: str, hint: str = "", *, attempts: int = 0) -> None:
        status = CaptureStatus(
            state=state,
            message=message,
            hint=hint,
            source=self.source.description,
            attempts=attempts,
            at=time.monotonic(),
        )
        with self._lock:
            previous = self._status
            if previous.state.is_final:
                return  # the first final state wins (e.g. EXHAUSTED is not overwritten by STOPPED)
            self._status = status
        if dataclasses.replace(previous, at=status.at) == status:
            return
        if state is CaptureState.FAILED:
            log.warning("%s: %s %s", status.source, message, hint)
        else:
            log.info("%s: %s %s", status.source, state.value, message)
        if self._on_state is not None:
            try:
                self._on_state(status)
            except Exception:
                log.exception("capture state callback failed")

    @classmethod
    def from_settings(
        cls,
        camera: CameraSettings,
        *,
        source: str | None = None,
        realtime: bool = True,
        on_state: StateCallback | None = None,
        retry_first_open: bool = False,
    ) -> CaptureWorker:
        """A worker for ``[camera] source`` (or ``source``), not started; the source opens on the thread.

        Files, folders and images are paced at their frame rate (``realtime``), like a camera.
        Raises :class:`CameraError` at once when the value cannot name a source at all.
        """
        return cls(
            make_source(source if source is not None else camera.source, realtime=realtime),
            reconnect_seconds=camera.reconnect_seconds,
            on_state=on_state,
            retry_first_open=retry_first_open,
        )
