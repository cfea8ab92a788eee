"""What every CLI command receives: the settings, and the database opened on demand."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.app.database import Database
from kiosk.app.roster import RosterService
from kiosk.core.printable import printable
from kiosk.infra.config import Settings


@dataclass
class CliContext:
    settings: Settings
    _database: Database | None = field(default=None, repr=False)

    def database(self, *, upgrade: bool = True) -> Database:
        """The database, connected and migrated (the app applies migrations on start)."""
        if self._database is None:
            self._database = Database.open(self.settings, upgrade=upgrade)
        return self._database

    def roster(self) -> RosterService:
        return self.database().roster

    def close(self) -> None:
        if self._database is not None:
            self._database.close()


def echo(text: str = "") -> None:
    """Command output for the person at the terminal (logging is for the log file).

    The one way commands print: control characters from data (ESC, CR, ...) are escaped here,
    so a name can neither drive the terminal nor overwrite a line. Line breaks are kept (output
    is made of lines); formatters that put a name into text escape its newlines with
    ``kiosk.core.printable.printable``.
    """
    import sys

    sys.stdout.write(printable(text, keep_newlines=True) + "\n")
    sys.stdout.flush()
