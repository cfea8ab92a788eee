"""Schema versions: upgrade with Alembic, and tell where a database stands.

The kiosk upgrades its database on start, so a school never runs a command by hand; a
database already upgraded by a *newer* kiosk is refused rather than damaged.

Alembic is imported only when the schema is not at this kiosk's head (or cannot be read
simply): on every start and every small command the database usually is, and one SELECT of
``alembic_version`` against the head written in the revision files says so without loading
Alembic and every migration module (start-up time: ``benchmarks/bench_cli_startup.py``).
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import ProgrammingError

from kiosk.core.errors import SchemaError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_INSUFFICIENT_PRIVILEGE = "42501"
VERSION_TABLE = "alembic_version"  # Alembic's default; env.py does not change it


# Indexes one dialect has and the models do not describe (PostgreSQL's trigram index for
# search, made by raw SQL in migration 0005_records); schema comparisons leave them alone.
DIALECT_ONLY_INDEXES = frozenset({"ix_students_name_search_trgm"})
# SQLite's FTS5 search index of migration 0007_search_fts: the virtual table, its shadow
# tables (``student_name_fts_data`` ...) and its key table all start with the first; the
# prefix search's key table of migration 0015_search_prefix (triggers keep it) with the second.
DIALECT_ONLY_TABLE_PREFIX = ("student_name_fts", "student_name_keys")


def is_dialect_only_table(name: str | None) -> bool:
    return bool(name) and str(name).startswith(DIALECT_ONLY_TABLE_PREFIX)


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic's ``include_object`` hook: skip the dialect-only indexes and tables."""
    if type_ == "table" and is_dialect_only_table(name):
        return False
    return not (type_ == "index" and name in DIALECT_ONLY_INDEXES)


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

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
    at_head = _status_at_head(engine)
    return at_head if at_head is not None else _status_by_alembic(engine)


def _status_by_alembic(engine: Engine) -> SchemaStatus:
    from alembic.script import ScriptDirectory

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


def _status_at_head(engine: Engine) -> SchemaStatus | None:
    """The status without Alembic when the database is at this kiosk's head; ``None`` otherwise
    (behind, newer, empty, branched, or revision files this reader does not follow): then
    Alembic decides. Equal to Alembic's answer for a database at the head, as a test checks."""
    head = head_from_files()
    if head is None or not inspect(engine).has_table(VERSION_TABLE):
        return None
    with engine.connect() as conn:
        versions = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if versions != [head]:
        return None
    # The version table is a table, so has_tables holds; nothing is pending at the head.
    return SchemaStatus(current=head, head=head, pending=(), newer_than_code=False, has_tables=True)


_ASSIGNMENT = re.compile(
    r"^(?P<name>revision|down_revision)\s*(?::[^=]+)?=\s*(?P<value>None|\"[^\"]+\"|'[^']+')\s*(?:#.*)?$",
    re.MULTILINE,
)


@functools.cache
def head_from_files() -> str | None:
    """The head revision, read from the revision files' ``revision = "..."`` and
    ``down_revision = "..."`` lines as Alembic's template writes them: a single chain with one
    head, or ``None`` (no ``.py`` files, as in a bundle of compiled files; a merge; another
    form of assignment) so the caller asks Alembic instead."""
    revisions: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        if path.name.startswith(("__init__", ".#")):
            continue
        assignments = [
            (m["name"], m["value"]) for m in _ASSIGNMENT.finditer(path.read_text(encoding="utf-8"))
        ]
        found = dict(assignments)
        if len(assignments) != 2 or set(found) != {"revision", "down_revision"}:
            return None
        revision, down = (found[k].strip("\"'") for k in ("revision", "down_revision"))
        if revision in revisions:
            return None
        revisions[revision] = None if down == "None" else down
    downs = set(revisions.values())
    heads = [r for r in revisions if r not in downs]
    if len(heads) != 1 or not downs <= {None, *revisions}:
        return None
    return heads[0]


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
    from alembic import command

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
