"""What every CLI command receives: the settings, and the database opened on demand."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.app.bootstrap import open_database
from kiosk.infra.config import Settings
from kiosk.infra.db.engine import session_factory


@dataclass
class CliContext:
    settings: Settings
    _engine: Engine | None = field(default=None, repr=False)

    def engine(self, *, upgrade: bool = True) -> Engine:
        """The database, connected and migrated (the app applies migrations on start)."""
        if self._engine is None:
            self._engine = open_database(self.settings, upgrade=upgrade)
        return self._engine

    def sessions(self) -> sessionmaker[Session]:
        return session_factory(self.engine())

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


class Handler(Protocol):
    def __call__(self, args: argparse.Namespace, ctx: CliContext) -> int: ...


def echo(text: str = "") -> None:
    """Command output for the person at the terminal (logging is for the log file)."""
    import sys

    sys.stdout.write(text + "\n")
    sys.stdout.flush()
