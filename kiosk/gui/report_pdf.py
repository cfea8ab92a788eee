"""Reports to PDF and to the printer, drawn by Qt (``QTextDocument`` on ``QPdfWriter``/``QPrinter``).

The CLI's ``--out report.pdf`` uses :func:`write_pdf_offscreen`, which starts an offscreen
Qt application when none is running (no window, no display needed).
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import (
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from kiosk.core.errors import InvalidInput
from kiosk.core.tables import Table

log = logging.getLogger(__name__)

_keep_app: list[QApplication] = []  # an offscreen application made here lives to the end


def table_html(table: Table) -> str:
    """The table as simple HTML that QTextDocument lays out over pages (header repeated)."""

    def cell(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            return f"{value:.1f}"
        return html.escape(str(value))

    head = "".join(f"<th align='left'>{html.escape(h.replace('_', ' '))}</th>" for h in table.headers)
    body = "".join("<tr>" + "".join(f"<td>{cell(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    notes = "".join(f"<p>{html.escape(n)}</p>" for n in table.notes)
    return (
        "<html><body style='font-family: sans-serif; font-size: 8pt'>"
        f"<h2>{html.escape(table.title)}</h2>{notes}"
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>"
    )


def document(table: Table) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(table_html(table))
    return doc


def print_to(device: QPagedPaintDevice, table: Table) -> None:
    """Lay the table out on any paged device: a PDF writer or a real printer (QPrinter)."""
    doc = document(table)
    layout = device.pageLayout()
    doc.setPageSize(QSizeF(layout.paintRectPixels(device.logicalDpiX()).size()))
    doc.print_(device)


def write_pdf(table: Table, path: Path | str) -> Path:
    """A PDF of the table (A4 landscape), written under a temporary name and then renamed."""
    path = Path(path)
    if not path.parent.is_dir():
        raise InvalidInput(
            f"Cannot write {path} (no such folder); nothing was written.",
            "Choose a folder that exists and that you can write to.",
        )
    tmp = path.with_name(f".{path.name}.tmp")
    writer = QPdfWriter(str(tmp))
    writer.setTitle(table.title)
    writer.setCreator("Attendance kiosk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, QMarginsF(12, 12, 12, 12)
        )
    )
    print_to(writer, table)
    del writer  # finishes the file
    try:
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise OSError(5, "the PDF could not be written")
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise InvalidInput(
            f"Cannot write {path} ({exc.strerror or exc}); nothing was written.",
            "Choose a folder that exists and that you can write to.",
        ) from None
    log.info("Wrote %s (%d rows) as PDF to %s", table.title, len(table.rows), path)
    return path


def write_pdf_offscreen(table: Table, path: Path | str) -> Path:
    """:func:`write_pdf` from a command line: an offscreen Qt application if none runs."""
    if QGuiApplication.instance() is None:
        # A full QApplication (not just QGuiApplication): a later window in the same process
        # (tests, the GUI) needs one, and only one application object can ever exist.
        _keep_app.append(QApplication(["kiosk", "-platform", "offscreen"]))
    return write_pdf(table, path)
