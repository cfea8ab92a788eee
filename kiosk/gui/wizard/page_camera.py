"""Page 6: pick the camera (or type a video file or stream URL) and see a short preview."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import KioskError
from kiosk.gui.runner import OpHandle, OpRunner, QueryOp, Report
from kiosk.gui.wizard.common import SetupPage, StatusLabel
from kiosk.gui.wizard.state import WizardState
from kiosk.infra.camera import list_devices, make_source, open_source

log = logging.getLogger(__name__)

PREVIEW_SECONDS = 2.0
PREVIEW_MAX_FRAMES = 40


def preview_source(spec: str, report: Report) -> tuple[str, int]:
    """Open ``spec``, hand a few frames to ``report``, close it. Returns (description, frames)."""
    source = open_source(spec, realtime=True, open_timeout_s=5.0, read_timeout_s=5.0)
    frames = 0
    try:
        end = time.monotonic() + PREVIEW_SECONDS
        while frames < PREVIEW_MAX_FRAMES and time.monotonic() < end:
            frame = source.read()
            if frame is None:
                break
            frames += 1
            report(np.ascontiguousarray(frame.image).copy())
    finally:
        source.close()
    if frames == 0:
        raise KioskError(
            f"{source.description} opened but gave no picture.",
            "Check that the file is a video or image, or that the camera is not used by another program.",
        )
    return source.description, frames


def to_qimage(image: Any) -> QImage:
    height, width = image.shape[:2]
    return QImage(image.data, width, height, int(image.strides[0]), QImage.Format.Format_BGR888).copy()


class CameraPage(SetupPage):
    def __init__(self, state: WizardState, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(state, runner, parent)
        self.setTitle(self.tr("Camera"))
        self.setSubTitle(
            self.tr("Pick the camera facing the door, or type a video file or a stream address (rtsp://…).")
        )
        self._task: OpHandle | None = None
        self.frames_shown = 0
        self.source_combo = QComboBox()
        self.source_combo.setEditable(True)
        self.source_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.browse_button = QPushButton(self.tr("Video file…"))
        self.preview_button = QPushButton(self.tr("Preview"))
        self.picture = QLabel(self.tr("No preview yet"))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(320, 200)
        self.picture.setStyleSheet("background: #222; color: #ddd;")
        self.status = StatusLabel()
        row = QHBoxLayout()
        row.addWidget(self.source_combo, 1)
        row.addWidget(self.browse_button)
        row.addWidget(self.preview_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.status)
        self.browse_button.clicked.connect(self.browse)
        self.preview_button.clicked.connect(self.start_preview)
        self.source_combo.currentTextChanged.connect(self._source_changed)

    def initializePage(self) -> None:
        current = self.spec() if self.source_combo.count() else self.state.camera_source
        self.source_combo.clear()
        devices = list_devices()
        for device in devices:
            self.source_combo.addItem(device.label, str(device.index))
        index = self.source_combo.findData(current)
        if index >= 0:
            self.source_combo.setCurrentIndex(index)
        else:
            self.source_combo.setEditText(current)
        if not devices:
            self.status.show_info(
                self.tr("No camera was found on this computer."),
                self.tr("Plug one in and come back to this page, or type a video file or stream address."),
            )
        self.refresh_complete()

    def spec(self) -> str:
        """The source as the kiosk's setting spells it: a camera index, a path or a URL."""
        text = self.source_combo.currentText().strip()
        index = self.source_combo.findText(text)
        if index >= 0 and self.source_combo.itemData(index) is not None:
            return str(self.source_combo.itemData(index))
        return text

    def _source_changed(self, _text: str) -> None:
        self.refresh_complete()

    def set_source(self, text: str) -> None:
        self.source_combo.setEditText(text)

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a video file"),
            str(Path.home()),
            self.tr("Videos (*.mp4 *.avi *.mkv *.mov);;All files (*)"),
        )
        if name:
            self.set_source(name)

    def start_preview(self) -> None:
        if self.busy():
            return
        spec = self.spec()
        if not spec:
            self.status.show_error(KioskError(self.tr("Choose a camera or type a source first.")))
            return
        self.frames_shown = 0
        self.preview_button.setEnabled(False)
        self.status.show_info(self.tr("Opening {source}…").format(source=spec))
        self._task = self.runner.run(
            QueryOp(
                lambda report: preview_source(spec, report),
                on_success=self._preview_done,
                on_failure=self.status.show_error,
                on_progress=self._show_frame,
                on_done=self._done,
                what="The camera preview",
            )
        )
        self.refresh_complete()

    def _show_frame(self, image: object) -> None:
        pixmap = QPixmap.fromImage(to_qimage(image))
        self.picture.setPixmap(
            pixmap.scaled(
                self.picture.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.frames_shown += 1

    def _preview_done(self, result: object) -> None:
        if not isinstance(result, tuple):
            return
        description, frames = str(result[0]), int(result[1])
        self.status.show_ok(
            self.tr("{source} works ({n} pictures received).").format(source=description, n=frames)
        )

    def _done(self) -> None:
        self.preview_button.setEnabled(True)
        self.refresh_complete()

    def busy(self) -> bool:
        return self._task is not None and self._task.running

    def ready(self) -> bool:
        return not self.busy() and bool(self.spec())

    def validatePage(self) -> bool:
        spec = self.spec()
        try:
            make_source(spec)  # names a usable kind of source (a file that exists, a known scheme)
        except KioskError as exc:
            self.status.show_error(exc)
            return False
        self.state.camera_source = spec
        return True
