"""The configured database, opened: the cheap door for the CLI's small commands.

Which door to use:

- The window, ``kiosk run``, the demo and the screenshots run sessions: they call
  :func:`kiosk.app.bootstrap.build_services`, which opens the attendance store (offline-first
  on PostgreSQL), the encrypted index cache and the services, and loads the face models
  when first asked.
- The CLI's small commands (classes, students, ``db``, ``doctor``, ``sync``, ``enroll``)
  open a :class:`Database`: one connection pool and the schema check, nothing else (no
  store, no index cache, no face models), so they start in a moment.
- Setup (the wizard, ``kiosk setup``) talks to a database that is not configured yet:
  :mod:`kiosk.app.setup`, which uses a :class:`Database` on the chosen URL.

Entry points never touch an engine, a session or an ORM model; database driver failures
reach them as :class:`KioskError` (the rule is in :mod:`kiosk.app.errors`).

Each service is imported by the property that builds it, and the offline sync by
:meth:`Database.push_outbox`: `kiosk class list` loads the roster, not the accounts, records,
reports or sync code (start-up time, see ``benchmarks/bench_cli_startup.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from kiosk.app.errors import as_kiosk_error
from kiosk.infra.config import OfflineSettings, Settings, ensure_data_dir
from kiosk.infra.db import roles, schema, sealing
from kiosk.infra.db.connect import check_connection
from kiosk.infra.db.engine import build_engine, safe_url
from kiosk.infra.db.roles import RoleNames, RolesReport

if TYPE_CHECKING:
    from kiosk.app.accounts import AccountService
    from kiosk.app.records import RecordsService
    from kiosk.app.reports import ReportsService
    from kiosk.app.roster import RosterService
    from kiosk.app.visitors import SchoolSearch
    from kiosk.core.ports import AttendanceStore
    from kiosk.infra.offline.outbox import Outbox
    from kiosk.infra.offline.sync import PushReport

log = logging.getLogger(__name__)

SchemaStatus = schema.SchemaStatus
__all__ = ["Database", "RoleNames", "RolesReport", "SchemaStatus"]


class Database:
    """One database (an engine); :meth:`open` connects to the configured one."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @classmethod
    def open(cls, settings: Settings, *, upgrade: bool = True) -> Database:
        """Connect to the configured database and bring its schema up to date (``upgrade``),
        or only refuse one made by a newer kiosk; a plain-language error when that fails."""
        ensure_data_dir(settings)
        database = cls(build_engine(settings))
        try:
            database.check_connection()
            if upgrade:
                database.upgrade_schema()
            else:
                database.check_schema_not_newer()
        except BaseException:
            database.close()
            raise
        return database

    @property
    def engine(self) -> Engine:
        """For application services only; entry points call the methods below."""
        return self._engine

    @property
    def display_url(self) -> str:
        """Where the database is, as it may be shown (never with a password)."""
        return safe_url(self._engine.url)

    def school_search(self, settings: Settings, model_name: str) -> SchoolSearch:
        """Every class's consenting students of ``model_name``, searchable: on PostgreSQL the
        district index kept encrypted in the data folder (:mod:`kiosk.app.school_index`)."""
        if self._engine.dialect.name == "postgresql":
            from kiosk.app.school_index import DistrictSearch

            return DistrictSearch(self._engine, settings, model_name)
        from kiosk.app.visitors import SchoolGallery

        return SchoolGallery(self.store(), model_name)

    def store(self) -> AttendanceStore:
        """The attendance store straight on this database (no offline copy): for one-off reads."""
        from kiosk.infra.db.store import DirectStore

        return DirectStore(self._engine)

    @cached_property
    def roster(self) -> RosterService:
        from kiosk.app.roster import RosterService

        return RosterService(self._engine)

    @cached_property
    def accounts(self) -> AccountService:
        from kiosk.app.accounts import AccountService

        return AccountService(self._engine)

    def check_connection(self) -> None:
        check_connection(self._engine)

    @cached_property
    def records(self) -> RecordsService:
        """Past sessions: history, corrections, sign-off, student search."""
        from kiosk.app.records import RecordsService

        return RecordsService(self._engine)

    @cached_property
    def reports(self) -> ReportsService:
        from kiosk.app.reports import ReportsService

        return ReportsService(self._engine)

    def schema_status(self) -> SchemaStatus:
        return self._schema(schema.status)

    def check_schema_not_newer(self) -> SchemaStatus:
        """The status; a :class:`SchemaError` when a newer kiosk made the schema."""
        return self._schema(schema.check_not_newer)

    def upgrade_schema(self) -> SchemaStatus:
        """Apply pending migrations (refused for a newer schema); the status afterwards.

        Run as ``kiosk_owner``, the device and admin accounts get their rights on new tables too.
        Then, on SQLite, encrypts the face vectors and thumbnails an older kiosk stored plainly
        (idempotent; Alembic cannot, it has no key: see :mod:`kiosk.infra.db.sealing`).
        """
        before = self.check_schema_not_newer()
        after = self._schema(schema.upgrade)
        if not before.up_to_date:
            try:
                roles.regrant_as_owner(self._engine)
            except DBAPIError as exc:
                raise as_kiosk_error(
                    exc, "Granting rights on the new tables", database_url=self._engine.url
                ) from None
        sealing.seal_plain_rows(self._engine)
        return after

    def _schema(self, work: Callable[[Engine], SchemaStatus]) -> SchemaStatus:
        try:
            return work(self._engine)
        except DBAPIError as exc:
            raise as_kiosk_error(exc, "Reading the schema", database_url=self._engine.url) from None

    def create_roles(self, prefix: str = "", passwords: dict[str, str] | None = None) -> RolesReport:
        """Create kiosk_owner, kiosk_device and kiosk_admin (if missing) and grant from the one
        list in :mod:`kiosk.infra.db.roles`; safe to run again (after an upgrade: grants new tables)."""
        names = RoleNames.with_prefix(prefix)
        try:
            return roles.create_roles(self._engine, names, passwords)
        except DBAPIError as exc:
            raise as_kiosk_error(exc, "Creating the database roles", database_url=self._engine.url) from None

    def push_outbox(
        self, outbox: Outbox, offline: OfflineSettings, on_batch: Callable[[PushReport], None]
    ) -> PushReport:
        """Send what the offline outbox holds to this (PostgreSQL) database, batch by batch."""
        from kiosk.infra.offline.sync import Syncer, sync_engine_for

        syncer = Syncer(sync_engine_for(self._engine, offline), outbox, offline)
        try:
            return syncer.push_all(on_batch=on_batch)
        finally:
            syncer.close()
            syncer.engine.dispose()

    def close(self) -> None:
        self._engine.dispose()
