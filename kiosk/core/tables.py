"""A report as a table of cells, ready for CSV, XLSX or PDF.

Every exported text cell passes :func:`kiosk.core.spreadsheet.neutralise_cell` (the CSV
safety rule, written once there).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from kiosk.core.spreadsheet import Cell


def local_time_text(moment: datetime | None, tz: tzinfo | None = None) -> str:
    """Local time with its UTC offset, e.g. ``2026-11-30 08:31:05+01:00`` (empty for None)."""
    if moment is None:
        return ""
    return moment.astimezone(tz).isoformat(sep=" ", timespec="seconds")


def percent(rate: float | None) -> float | None:
    """A rate as a percentage rounded to one decimal (None stays None)."""
    return None if rate is None else round(rate * 100, 1)


@dataclass(frozen=True, slots=True)
class Table:
    """A titled table: what every export format writes."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()  # lines shown above the table in PDF (period, threshold)

    def column(self, header: str) -> list[Cell]:
        index = self.headers.index(header)
        return [row[index] for row in self.rows]
