"""Schema versions: upgrade with Alembic, and tell where a database stands.

The kiosk upgrades its database on start, so a school never runs a command by hand; a
database already upgraded by a *newer* kiosk is refused rather than damaged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import ProgrammingError

from kiosk.core.errors import SchemaError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_INSUFFICIENT_PRIVILEGE = "42501"


# Indexes one dialect has and the models do not describe (PostgreSQL's trigram index for
# search, made by raw SQL in migration 0005_records); schema comparisons leave them alone.
DIALECT_ONLY_INDEXES = frozenset({"ix_students_name_search_trgm"})
# SQLite's FTS5 search index of migration 0007_search_fts: the virtual table, its shadow
# tables (``student_name_fts_data`` ...) and its key table all start with this.
DIALECT_ONLY_TABLE_PREFIX = "student_name_fts"


def is_dialect_only_table(name: str | None) -> bool:
    return bool(name) and str(name).startswith(DIALECT_ONLY_TABLE_PREFIX)


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic's ``include_object`` hook: skip the dialect-only indexes and tables."""
    if type_ == "table" and is_dialect_only_table(name):
        return False
    return not (type_ == "index" and name in DIALECT_ONLY_INDEXES)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None
    head: str
    pending: tuple[str, ...]  # revisions an upgrade would apply, oldest first
    newer_than_code: bool
    has_tables: bool

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def status(engine: Engine) -> SchemaStatus:
    script = ScriptDirectory.from_config(alembic_config())
    head = head_revision()
    current = current_revision(engine)
    known = {rev.revision for rev in script.walk_revisions()}
    newer = current is not None and current not in known
    pending: list[str] = []
    if not newer:
        for rev in script.iterate_revisions(head, current or "base"):
            pending.append(rev.revision)
        pending.reverse()
    has_tables = bool(inspect(engine).get_table_names())
    return SchemaStatus(current, head, tuple(pending), newer, has_tables)


def check_not_newer(engine: Engine) -> SchemaStatus:
    st = status(engine)
    if st.newer_than_code:
        raise SchemaError(
            f"This database was set up by a newer version of the kiosk (schema {st.current}).",
            "Update the kiosk software on this computer; nothing was changed in the database.",
        )
    return st


def upgrade(engine: Engine) -> SchemaStatus:
    """Apply every pending migration (none when up to date). Returns the new status."""
    before = check_not_newer(engine)
    if before.up_to_date:
        return before
    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except ProgrammingError as exc:
        if getattr(exc.orig, "sqlstate", None) != _INSUFFICIENT_PRIVILEGE:
            raise
        # A classroom PC runs as kiosk_device, which may not change the schema (by design).
        raise SchemaError(
            f"The database schema must be upgraded ({before.current or 'empty'} -> {before.head}), "
            f"and the account {engine.url.username or ''} may not change it.",
            "Run `kiosk db upgrade` once with the owner account (kiosk_owner); nothing was changed.",
        ) from None
    log.info("Database schema upgraded from %s to %s", before.current or "empty", before.head)
    return status(engine)
