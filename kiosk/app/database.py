"""The configured database as an entry point sees it: opened, its schema, its services.

Entry points (the CLI, the screenshots) hold a :class:`Database` and call its methods and
services; they never touch an engine, a session or an ORM model, and database driver
failures reach them as :class:`KioskError` (the rule is in :mod:`kiosk.app.errors`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cached_property

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from kiosk.app.bootstrap import open_database
from kiosk.app.roster import RosterService
from kiosk.infra.config import OfflineSettings, Settings
from kiosk.infra.db import schema
from kiosk.infra.db.connect import explain
from kiosk.infra.db.engine import safe_url
from kiosk.infra.offline.outbox import Outbox
from kiosk.infra.offline.sync import PushReport, Syncer, sync_engine_for

log = logging.getLogger(__name__)

SchemaStatus = schema.SchemaStatus


class Database:
    """One open database (connected; its schema upgraded unless asked not to)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @classmethod
    def open(cls, settings: Settings, *, upgrade: bool = True) -> Database:
        """Connect to the configured database; a plain-language error when that fails."""
        return cls(open_database(settings, upgrade=upgrade))

    @property
    def engine(self) -> Engine:
        """For application services only; entry points call the methods below."""
        return self._engine

    @property
    def display_url(self) -> str:
        """Where the database is, as it may be shown (never with a password)."""
        return safe_url(self._engine.url)

    @cached_property
    def roster(self) -> RosterService:
        return RosterService(self._engine)

    def schema_status(self) -> SchemaStatus:
        try:
            return schema.status(self._engine)
        except DBAPIError as exc:
            raise explain(exc, self._engine.url) from None

    def upgrade_schema(self) -> SchemaStatus:
        """Apply pending migrations; the status afterwards."""
        try:
            return schema.upgrade(self._engine)
        except DBAPIError as exc:
            raise explain(exc, self._engine.url) from None

    def push_outbox(
        self, outbox: Outbox, offline: OfflineSettings, on_batch: Callable[[PushReport], None]
    ) -> PushReport:
        """Send what the offline outbox holds to this (PostgreSQL) database, batch by batch."""
        syncer = Syncer(sync_engine_for(self._engine, offline), outbox, offline)
        try:
            return syncer.push_all(on_batch=on_batch)
        finally:
            syncer.close()
            syncer.engine.dispose()

    def close(self) -> None:
        self._engine.dispose()
