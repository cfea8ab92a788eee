"""Saving a table (a session, a report) as CSV, XLSX or PDF: the file dialog and the writer,
shared by the records screen and the end-of-session summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from kiosk.app import exports
from kiosk.core.tables import Table
from kiosk.gui.report_pdf import write_pdf


def ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    """The file the person chose (``None``: cancelled); its suffix names the format."""
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("RecordsController", "Export"),
        suggested,
        QCoreApplication.translate("RecordsController", "CSV (*.csv);;Excel (*.xlsx);;PDF (*.pdf)"),
    )
    return Path(path) if path else None


def write_any(table: Table, path: Path) -> Path:
    """CSV, XLSX (the app) or PDF (Qt), by the file's suffix; :class:`InvalidInput` otherwise."""
    if exports.export_format(path) == "pdf":
        return write_pdf(table, path)
    return exports.write_table(table, path)
