"""What every CLI command receives: the settings, and the database opened on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kiosk.core.printable import printable

if TYPE_CHECKING:  # imported when first used: every command module imports this one
    from kiosk.app.database import Database
    from kiosk.app.roster import RosterService
    from kiosk.infra.config import Settings


@dataclass
class CliContext:
    settings: Settings
    _database: Database | None = field(default=None, repr=False)

    def database(self, *, upgrade: bool = True) -> Database:
        """The database, connected and migrated (the app applies migrations on start)."""
        if self._database is None:
            from kiosk.app.database import Database

            self._database = Database.open(self.settings, upgrade=upgrade)
        return self._database

    def roster(self) -> RosterService:
        return self.database().roster

    def close(self) -> None:
        if self._database is not None:
            self._database.close()


def echo(text: str = "") -> None:
    """One line of command output for the person at the terminal (logging is for the log file).

    The one way commands print a line: every control character from data (ESC, CR, a newline
    inside a name, ...) is escaped here, so a name can neither drive the terminal nor forge or
    overwrite a line. Multi-line text made by a formatter goes through :func:`echo_block`.
    """
    import sys

    sys.stdout.write(printable(text) + "\n")
    sys.stdout.flush()


def echo_block(text: str) -> None:
    """Several lines built by a formatter that escapes its data (``kiosk.core.printable``):
    each line is printed with :func:`echo`, so only the formatter's own line breaks survive."""
    for line in text.split("\n"):
        echo(line)
