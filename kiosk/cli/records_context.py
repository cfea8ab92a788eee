"""What the record commands share: the services, the person, dates, tables and output files."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.context import CliContext, echo
from kiosk.core.tables import Table

if TYPE_CHECKING:  # the record commands' modules import this one while `kiosk --help` is built
    from kiosk.app.records import RecordsService
    from kiosk.app.reports import ReportsService


def records_service(ctx: CliContext) -> RecordsService:
    return ctx.database().records


def reports_service(ctx: CliContext) -> ReportsService:
    return ctx.database().reports


def actor(given: str | None) -> str:
    """Who makes a change: ``--by`` if given, else the account running the command."""
    return (given or "").strip() or getpass.getuser()


def optional_day(text: str | None) -> date | None:
    from kiosk.app.records import parse_day

    return parse_day(text) if text else None


def check_out(path: str | None) -> Path | None:
    """The output file, its format checked before any work is done."""
    if path is None:
        return None
    from kiosk.app import exports

    exports.export_format(path)
    return Path(path).expanduser()


def write_out(table: Table, path: Path) -> None:
    from kiosk.app import exports

    if exports.export_format(path) == "pdf":
        from kiosk.gui.report_pdf import write_pdf_offscreen

        written = write_pdf_offscreen(table, path)
    else:
        written = exports.write_table(table, path)
    echo(f"Wrote {len(table.rows)} rows to {written}.")


def print_table(table: Table, widths: dict[str, int] | None = None) -> None:
    """A plain fixed-width table for the terminal (cells shown as they are, not neutralised)."""
    widths = widths or {}
    sizes = [
        widths.get(h, max([len(h), *(len(_text(row[i])) for row in table.rows)]))
        for i, h in enumerate(table.headers)
    ]
    echo("  ".join(h.upper().ljust(n) for h, n in zip(table.headers, sizes, strict=True)).rstrip())
    for row in table.rows:
        echo("  ".join(_text(c)[:n].ljust(n) for c, n in zip(row, sizes, strict=True)).rstrip())


def _text(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)
