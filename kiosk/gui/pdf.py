"""PDF output through Qt (no extra package): check-in cards, and Markdown documents.

Both run without a screen (the CLI starts an offscreen ``QGuiApplication`` when none runs).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from kiosk.core.errors import KioskError
from kiosk.infra.camera.codes import qr_matrix

CARDS_PER_PAGE = (2, 4)  # columns, rows on A4: 85 x 54 mm cards, like a bank card


@dataclass(frozen=True, slots=True)
class CardFace:
    name: str
    student_id: str
    class_code: str
    payload: str  # the QR code's text


def _ensure_app() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        # A QApplication, not a QGuiApplication: widgets may be made later in the same process.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    assert isinstance(app, QGuiApplication)
    return app


def _writer(out: Path) -> QPdfWriter:
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    return writer


def write_cards_pdf(cards: Sequence[CardFace], out: Path, *, school: str = "") -> None:
    """One card per pupil, 8 to an A4 page, to cut out: name, id, class and the QR code."""
    _ensure_app()
    writer = _writer(out)
    painter = QPainter()
    if not painter.begin(writer):
        raise KioskError(f"The PDF {out} cannot be written.", "Check the folder exists and is writable.")
    try:
        mm = writer.resolution() / 25.4
        cols, rows = CARDS_PER_PAGE
        card_w, card_h = 85 * mm, 54 * mm
        for i, card in enumerate(cards):
            if i and i % (cols * rows) == 0:
                writer.newPage()
            col, row = (i % (cols * rows)) % cols, (i % (cols * rows)) // cols
            x, y = col * (card_w + 5 * mm), row * (card_h + 5 * mm)
            painter.setPen(QColor("#888888"))
            painter.drawRect(QRectF(x, y, card_w, card_h))
            _draw_qr(painter, card.payload, x + 4 * mm, y + 4 * mm, card_h - 8 * mm)
            text_x = x + card_h
            painter.setPen(QColor("#000000"))
            painter.setFont(QFont("Sans", 11, QFont.Weight.Bold))
            painter.drawText(
                QRectF(text_x, y + 6 * mm, card_w - card_h - 3 * mm, 20 * mm),
                int(Qt.TextFlag.TextWordWrap) | int(Qt.TextFlag.TextWrapAnywhere),  # long names too
                card.name,
            )
            painter.setFont(QFont("Sans", 8))
            painter.drawText(
                QRectF(text_x, y + 28 * mm, card_w - card_h - 3 * mm, 22 * mm),
                Qt.TextFlag.TextWordWrap,
                f"{card.student_id} · {card.class_code}\n{school}\nHold this card close to the kiosk camera.",
            )
    finally:
        painter.end()


def _draw_qr(painter: QPainter, text: str, x: float, y: float, size: float) -> None:
    modules = qr_matrix(text)
    n = modules.shape[0] + 8  # a quiet zone of four modules each side
    cell = size / n
    painter.fillRect(QRectF(x, y, size, size), QColor("#ffffff"))
    for r, c in zip(*modules.nonzero(), strict=True):
        painter.fillRect(
            QRectF(x + (c + 4) * cell, y + (r + 4) * cell, cell + 0.5, cell + 0.5), QColor("#000000")
        )


def write_markdown_pdf(markdown: str, out: Path) -> None:
    """A Markdown document (the privacy report) as an A4 PDF."""
    _ensure_app()
    doc = QTextDocument()
    doc.setMarkdown(markdown)
    doc.setDefaultFont(QFont("Sans", 10))
    writer = _writer(out)
    doc.print_(writer)
    if not out.is_file():
        raise KioskError(f"The PDF {out} could not be written.", "Check the folder exists and is writable.")
