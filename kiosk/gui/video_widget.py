"""The live picture with a box, a name and a confidence over each face."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.app.session import FaceResult
from kiosk.core.domain import FaceBox
from kiosk.gui.style import BOX_COLOURS
from kiosk.infra.camera import Image

# Boxes older than this are not drawn: after the person left they would float over nothing.
BOX_TTL_S = 1.5


@dataclass(frozen=True, slots=True)
class Overlay:
    """A box to draw over the picture, in the frame's pixel coordinates."""

    box: FaceBox
    colour: QColor
    label: str


def to_qimage(image: Image) -> QImage:
    """A QImage over a BGR frame (copied, so the frame's buffer may be reused)."""
    frame = np.ascontiguousarray(image)
    h, w = frame.shape[:2]
    if frame.ndim == 2:
        return QImage(frame.data, w, h, frame.strides[0], QImage.Format.Format_Grayscale8).copy()
    return QImage(frame.data, w, h, frame.strides[0], QImage.Format.Format_BGR888).copy()


class VideoWidget(QWidget):
    """Paints the newest frame scaled to fit, and the newest recognition results over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.setAutoFillBackground(False)
        self._image: QImage | None = None
        self._faces: tuple[FaceResult, ...] = ()
        self._overlays: list[Overlay] = []
        self._faces_at = 0.0
        self._message = ""
        self.frames_shown = 0

    def set_frame(self, image: Image) -> None:
        self._image = to_qimage(image)
        self.frames_shown += 1
        self.update()

    def set_faces(self, faces: tuple[FaceResult, ...]) -> None:
        """Recognition results: green for a student, amber while confirming, red for Unknown."""
        self._faces = faces
        self.set_overlays(
            [Overlay(f.box, BOX_COLOURS.get(f.state, BOX_COLOURS["unknown"]), self._label(f)) for f in faces]
        )

    def set_overlays(self, overlays: list[Overlay]) -> None:
        self._overlays = overlays
        self._faces_at = time.monotonic()
        self.update()

    def set_message(self, text: str) -> None:
        """A line over the picture ("Camera lost, reconnecting…"); empty to hide it."""
        if text != self._message:
            self._message = text
            self.update()

    def clear(self) -> None:
        self._image = None
        self._faces = ()
        self._overlays = []
        self.update()

    @property
    def message(self) -> str:
        return self._message

    @property
    def faces(self) -> tuple[FaceResult, ...]:
        return self._faces

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor(24, 24, 28))
            target = QRectF()
            if self._image is not None and not self._image.isNull():
                iw, ih = self._image.width(), self._image.height()
                scale = min(self.width() / iw, self.height() / ih)
                w, h = iw * scale, ih * scale
                target = QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawImage(target, self._image)
                if time.monotonic() - self._faces_at <= BOX_TTL_S:
                    self._paint_faces(painter, target, scale)
            if self._message:
                self._paint_message(painter)
        finally:
            painter.end()

    def _paint_faces(self, painter: QPainter, target: QRectF, scale: float) -> None:
        font = QFont(self.font())
        # the screen's body size (set by the style sheet), scaled a little with the picture
        font.setPixelSize(max(12, int(self._base_px() * 1.2 * min(1.5, max(0.8, scale)))))
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        for overlay in self._overlays:
            colour = overlay.colour
            b = overlay.box
            rect = QRectF(target.x() + b.x * scale, target.y() + b.y * scale, b.w * scale, b.h * scale)
            painter.setPen(QPen(colour, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
            label = overlay.label
            if not label:
                continue
            tw, th = metrics.horizontalAdvance(label) + 12, metrics.height() + 6
            top = rect.top() - th if rect.top() - th >= target.top() else rect.bottom()
            tag = QRectF(rect.left(), top, tw, th)
            painter.fillRect(tag, colour)
            painter.setPen(QColor(255, 255, 255))
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, label)

    def _label(self, face: FaceResult) -> str:
        if face.student is not None:
            sim = f" {face.similarity:.2f}" if face.similarity is not None else ""
            return f"{face.student.name}{sim}"
        if face.state == "low_quality":
            return self.tr("Hold still")
        return self.tr("Unknown")

    def _base_px(self) -> int:
        return QFontInfo(self.font()).pixelSize()

    def _paint_message(self, painter: QPainter) -> None:
        """The message on a dark band at the bottom, wrapped: a long camera error is never cut off."""
        font = QFont(self.font())
        font.setPixelSize(max(14, int(self._base_px() * 1.25)))
        painter.setFont(font)
        pad = font.pixelSize() // 2 + 6
        flags = int(Qt.AlignmentFlag.AlignVCenter) | int(Qt.TextFlag.TextWordWrap)
        width = self.width() - 2 * pad
        needed = painter.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), flags, self._message).height()
        height = min(self.height(), needed + 2 * pad)
        bar = QRect(0, self.height() - height, self.width(), height)
        painter.fillRect(bar, QColor(0, 0, 0, 200))
        painter.setPen(QColor(255, 236, 170))  # about 14:1 on the dark band
        painter.drawText(bar.adjusted(pad, pad, -pad, -pad), flags, self._message)
