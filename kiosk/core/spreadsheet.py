"""The CSV safety rule: text a spreadsheet would run as a formula is made inert.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (some also after
a tab or carriage return) as a formula, so a student named ``=cmd|' /C calc'!A0`` could run a
program on the office computer that opens the export. Such text cells get a leading
apostrophe (OWASP's advice); numbers stay numbers. Every CSV the kiosk writes passes its
cells through :func:`neutralise_cell`.
"""

from __future__ import annotations

from collections.abc import Mapping

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None


def neutralise_cell(value: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_row(row: Mapping[str, str]) -> dict[str, str]:
    """A CSV row of text cells with every cell made safe."""
    return {key: "'" + value if value.startswith(FORMULA_TRIGGERS) else value for key, value in row.items()}
