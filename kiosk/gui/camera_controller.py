"""One camera at a time: open it, show its newest frame on a screen, say what state it is in.

The camera reads on its own thread (:class:`CaptureWorker`); a timer on the GUI thread
paints the newest frame at up to ~33 frames a second, so the screen keeps the camera's
pace whatever recognition does (recognition takes the newest frame on its own thread).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.core.errors import KioskError
from kiosk.gui.messages import camera_text
from kiosk.gui.video_widget import VideoWidget
from kiosk.gui.workers import CaptureBridge, stop_capture
from kiosk.infra.camera import CaptureState, CaptureStatus, CaptureWorker
from kiosk.infra.config import CameraSettings

log = logging.getLogger(__name__)

FRAME_INTERVAL_MS = 30  # repaint up to ~33 times a second: at least the camera's rate


class CameraController(QObject):
    """Owns the capture thread; ``state_text`` carries "Camera: live" and the like."""

    state_text = Signal(str)

    def __init__(self, settings: CameraSettings, screen: VideoWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._screen = screen
        self._capture: CaptureWorker | None = None
        self._last_seq = 0
        self._bridge = CaptureBridge(self)
        self._bridge.state_changed.connect(self._on_capture_state)
        self._frame_timer = QTimer(self)
        self._frame_timer.setInterval(FRAME_INTERVAL_MS)
        self._frame_timer.timeout.connect(self._on_frame_tick)

    @property
    def capture(self) -> CaptureWorker | None:
        return self._capture

    @property
    def fps(self) -> float | None:
        return self._capture.fps if self._capture is not None else None

    def start(self) -> None:
        self._frame_timer.start()

    def show_on(self, screen: VideoWidget) -> None:
        """Where the frames and the camera's messages go from now on (preview or live screen)."""
        self._screen = screen

    def preview(self, spec: str) -> None:
        """Show ``spec`` (empty: no camera) on the current screen, closing the camera before."""
        self.stop()
        self._screen.clear()
        if not spec:
            self._screen.set_message(self.tr("No camera selected."))
            return
        self._screen.set_message("")
        self.open(spec)

    def open(self, spec: str) -> bool:
        """Open and start ``spec``; a problem is said on screen and gives ``False``."""
        self.stop()
        try:
            # retry_first_open: a camera unplugged at start is waited for, and said so on screen
            worker = CaptureWorker.from_settings(
                self._settings, source=spec, on_state=self._bridge, retry_first_open=True
            )
        except KioskError as exc:
            self._show_problem(exc.message, exc.hint)
            return False
        self._capture = worker
        self._last_seq = 0
        worker.start()
        return True

    def stop(self) -> None:
        capture, self._capture = self._capture, None
        stop_capture(capture)

    def shutdown(self) -> None:
        self._frame_timer.stop()
        self.stop()

    def _show_problem(self, message: str, hint: str = "") -> None:
        text = camera_text(message, hint)  # for teachers: no setting names
        self.state_text.emit(self.tr("Camera: problem"))
        self._screen.set_message(text)
        log.warning("Camera problem shown: %s", text)

    def _on_capture_state(self, status: CaptureStatus) -> None:
        if self._capture is None or status.source != self._capture.source.description:
            return  # a late message from a camera already closed
        names = {
            CaptureState.CONNECTING: self.tr("connecting"),
            CaptureState.LIVE: self.tr("live"),
            CaptureState.RECONNECTING: self.tr("reconnecting"),
            CaptureState.EXHAUSTED: self.tr("ended"),
            CaptureState.FAILED: self.tr("failed"),
            CaptureState.STOPPED: self.tr("stopped"),
        }
        self.state_text.emit(self.tr("Camera: %s") % names[status.state])
        if status.state is CaptureState.LIVE:
            self._screen.set_message("")
        elif status.state in (CaptureState.RECONNECTING, CaptureState.FAILED):
            self._screen.set_message(camera_text(status.message, status.hint))
        elif status.state is CaptureState.EXHAUSTED:
            self._screen.set_message(self.tr("The video has ended. End the session when everyone is marked."))

    def _on_frame_tick(self) -> None:
        if self._capture is None:
            return
        got = self._capture.latest(self._last_seq)
        if got is None:
            return
        self._last_seq, frame = got
        self._screen.set_frame(frame.image)
