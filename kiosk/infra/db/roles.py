"""Least-privilege PostgreSQL accounts: ``kiosk_owner``, ``kiosk_device`` and ``kiosk_admin``.

- ``kiosk_owner`` owns the tables; only ``kiosk db upgrade`` (migrations) runs as it.
- ``kiosk_device`` is what a classroom PC runs as: it reads the roster and face data, writes
  sessions, marks and audit entries, and nothing else (no DELETE, no DDL, no changes to the
  audit log).
- ``kiosk_admin`` is for the admin tools: students, consent, encodings, accounts, records.

Every grant comes from :data:`GRANTS`, one line per table: a new table (a later revision)
is added here, and ``kiosk db create-roles`` run again after the upgrade grants it. Running
it again is always safe: it revokes and re-grants from this list. Tables of the schema that
are not in the list get nothing, and are reported.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from kiosk.core.errors import InvalidInput

log = logging.getLogger(__name__)

_READ = ("SELECT",)
_WRITE = ("SELECT", "INSERT", "UPDATE")
_ALL = ("SELECT", "INSERT", "UPDATE", "DELETE")


@dataclass(frozen=True)
class TableGrants:
    device: tuple[str, ...]
    admin: tuple[str, ...]
    # Column-level UPDATE for the device (its table-level list has no UPDATE then).
    device_update_columns: tuple[str, ...] = ()


GRANTS: dict[str, TableGrants] = {
    "alembic_version": TableGrants(device=_READ, admin=_READ),  # the schema check on start
    "classes": TableGrants(device=_READ, admin=_ALL),
    "students": TableGrants(device=_READ, admin=_ALL),
    "student_name_keys": TableGrants(device=_READ, admin=_ALL),  # search keys, a trigger writes them
    "face_encodings": TableGrants(device=_READ, admin=_ALL),
    "attendance_sessions": TableGrants(device=_WRITE, admin=_ALL),
    "attendance_records": TableGrants(device=_WRITE, admin=_ALL),
    # Derived from the records by triggers that run as whoever writes a record: a device's
    # mark adds to it, an admin's purge or erasure takes from it (revision 0014_session_counts).
    "attendance_day_counts": TableGrants(device=_WRITE, admin=_ALL),
    "attendance_session_counts": TableGrants(device=_WRITE, admin=_ALL),
    # SELECT: INSERT ... RETURNING needs it, and so does a chain of hashes.
    "audit_log": TableGrants(device=("SELECT", "INSERT"), admin=("SELECT", "INSERT")),
    "migration_map": TableGrants(device=(), admin=_ALL),
    # The hash chain's head: every audit writer moves it (FOR UPDATE needs a column UPDATE);
    # only the admin's retention purge moves the anchor.
    "audit_chain_head": TableGrants(
        device=_READ, admin=("SELECT", "UPDATE"), device_update_columns=("last_id", "last_hash")
    ),
    # Consent: the device reads it (a mark's consent at its time, while syncing); rows and
    # texts are added, never changed (a pupil's deletion removes theirs through the owner's cascade).
    "consent_texts": TableGrants(device=_READ, admin=("SELECT", "INSERT")),
    "consent_ledger": TableGrants(device=_READ, admin=("SELECT", "INSERT")),
    # Card and PIN hashes: the device checks them; the admin tools issue them.
    "checkin_credentials": TableGrants(device=_READ, admin=_ALL),
    # Look-alikes (twins): the device reads them (never marked automatically); admins record
    # and forget them, never edit a pair.
    "lookalike_pairs": TableGrants(device=_READ, admin=("SELECT", "INSERT", "DELETE")),
    # The device signs people in: reads the hashes, counts wrong PINs.
    "users": TableGrants(
        device=_READ, admin=_ALL, device_update_columns=("failures", "last_failure_at", "last_login_at")
    ),
    # Which teacher teaches which class: the device reads it (a teacher's classes at sign-in);
    # the admin tools link and unlink.
    "class_teachers": TableGrants(device=_READ, admin=_ALL),
}

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,40}$")


@dataclass(frozen=True)
class RoleNames:
    owner: str
    device: str
    admin: str

    @classmethod
    def with_prefix(cls, prefix: str = "") -> RoleNames:
        """The three names; a prefix keeps test roles apart (role names are cluster-wide)."""
        names = cls(f"{prefix}kiosk_owner", f"{prefix}kiosk_device", f"{prefix}kiosk_admin")
        for name in names.all():
            if not _NAME.match(name):
                raise InvalidInput(
                    f"{name!r} cannot be a role name.", "Use lower-case letters, digits and _ in the prefix."
                )
        return names

    def all(self) -> tuple[str, str, str]:
        return (self.owner, self.device, self.admin)


@dataclass(frozen=True)
class RolesReport:
    created: tuple[str, ...]  # roles that did not exist before
    tables: tuple[str, ...]  # tables now owned by the owner and granted
    ungranted: tuple[str, ...]  # tables of the schema not in GRANTS (nobody but the owner uses them)


def create_roles(engine: Engine, names: RoleNames, passwords: dict[str, str] | None = None) -> RolesReport:
    """Create the roles (if missing), hand the tables to the owner, grant from :data:`GRANTS`.

    Needs a connection with owner rights (a superuser, or a role with CREATEROLE that owns
    the tables). One transaction: a failure changes nothing.
    """
    if engine.dialect.name != "postgresql":
        raise InvalidInput(
            "Database roles exist only on PostgreSQL.",
            "The embedded SQLite file is guarded by its file rights.",
        )
    q = engine.dialect.identifier_preparer.quote
    with engine.begin() as conn:
        created = tuple(n for n in names.all() if _ensure_role(conn, q(n), n))
        for name, password in (passwords or {}).items():
            _set_password(conn, name, password)
        database = conn.execute(text("SELECT current_database()")).scalar_one()
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        db_q, schema_q = q(database), q(schema)
        owner, device, admin = (q(n) for n in names.all())
        conn.execute(text(f"GRANT CONNECT ON DATABASE {db_q} TO {owner}, {device}, {admin}"))
        # The owner's migrations add trusted extensions (pg_trgm, unaccent for the name search).
        conn.execute(text(f"GRANT CREATE ON DATABASE {db_q} TO {owner}"))
        # Before PostgreSQL 15 every role may create tables in "public": not the device.
        conn.execute(text(f"REVOKE CREATE ON SCHEMA {schema_q} FROM PUBLIC"))
        conn.execute(text(f"GRANT USAGE, CREATE ON SCHEMA {schema_q} TO {owner}"))
        conn.execute(text(f"REVOKE CREATE ON SCHEMA {schema_q} FROM {device}, {admin}"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA {schema_q} TO {device}, {admin}"))
        granted, ungranted = _grant_tables(conn, names, str(schema), transfer=True)
    if ungranted:
        log.warning("Tables without grants (add them to kiosk/infra/db/roles.py): %s", ", ".join(ungranted))
    log.info("Database roles ready: %s (%d tables granted)", ", ".join(names.all()), len(granted))
    return RolesReport(created, tuple(granted), tuple(ungranted))


def _grant_tables(
    conn: Connection, names: RoleNames, schema: str, *, transfer: bool
) -> tuple[list[str], list[str]]:
    """Revoke and re-grant every table of ``schema`` from :data:`GRANTS` (``transfer``: and hand
    it to the owner first); the tables granted and those not in the list."""
    q = conn.dialect.identifier_preparer.quote
    owner, device, admin = (q(n) for n in names.all())
    tables = [
        str(t)
        for t in conn.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = :s ORDER BY tablename"), {"s": schema}
        ).scalars()
    ]
    granted, ungranted = [], []
    for table in tables:
        t = f"{q(schema)}.{q(table)}"
        if transfer:
            conn.execute(text(f"ALTER TABLE {t} OWNER TO {owner}"))  # its sequences and indexes follow
        conn.execute(text(f"REVOKE ALL ON {t} FROM {device}, {admin}"))
        rule = GRANTS.get(table)
        if rule is None:
            ungranted.append(table)
            continue
        if rule.device:
            conn.execute(text(f"GRANT {', '.join(rule.device)} ON {t} TO {device}"))
        if rule.device_update_columns:
            cols = ", ".join(q(c) for c in rule.device_update_columns)
            conn.execute(text(f"GRANT UPDATE ({cols}) ON {t} TO {device}"))
        if rule.admin:
            conn.execute(text(f"GRANT {', '.join(rule.admin)} ON {t} TO {admin}"))
        granted.append(table)
    # New ids for sessions, marks and audit entries come from sequences.
    conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {q(schema)} TO {device}, {admin}"))
    return granted, ungranted


def regrant_as_owner(engine: Engine) -> tuple[str, ...] | None:
    """After ``kiosk db upgrade`` run as ``kiosk_owner``: grant the new tables to the device and
    admin accounts at once (no second run of ``create-roles`` needed). ``None`` when the
    connected account is not a kiosk owner (nothing done); else the tables granted."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.begin() as conn:
        user = str(conn.execute(text("SELECT current_user")).scalar_one())
        suffix = "kiosk_owner"
        if not user.endswith(suffix):
            return None
        names = RoleNames.with_prefix(user[: -len(suffix)])
        found = conn.execute(
            text("SELECT count(*) FROM pg_roles WHERE rolname IN (:d, :a)"),
            {"d": names.device, "a": names.admin},
        ).scalar_one()
        if found != 2:
            return None
        schema = str(conn.execute(text("SELECT current_schema()")).scalar_one())
        granted, ungranted = _grant_tables(conn, names, schema, transfer=False)
    if ungranted:
        log.warning("Tables without grants (add them to kiosk/infra/db/roles.py): %s", ", ".join(ungranted))
    log.info("Grants renewed for %s and %s on %d tables", names.device, names.admin, len(granted))
    return tuple(granted)


def _ensure_role(conn: Connection, quoted: str, name: str) -> bool:
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    if exists:
        return False
    # NOINHERIT and no CREATEDB/CREATEROLE: each account has only what it is granted here.
    conn.execute(text(f"CREATE ROLE {quoted} LOGIN NOINHERIT NOCREATEDB NOCREATEROLE"))
    return True


def _set_password(conn: Connection, name: str, password: str) -> None:
    from psycopg import sql

    raw = conn.connection.driver_connection
    statement = sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(name), sql.Literal(password))
    with raw.cursor() as cursor:  # type: ignore[union-attr]
        cursor.execute(statement)


def drop_roles(engine: Engine, names: RoleNames) -> None:
    """Remove the roles and their grants (tests; a school uninstalling). Tables are kept, owned by
    the connected user."""
    q = engine.dialect.identifier_preparer.quote
    with engine.begin() as conn:
        for name in names.all():
            if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first():
                conn.execute(text(f"REASSIGN OWNED BY {q(name)} TO CURRENT_USER"))
                conn.execute(text(f"DROP OWNED BY {q(name)}"))
    with engine.begin() as conn:
        for name in names.all():
            conn.execute(text(f"DROP ROLE IF EXISTS {q(name)}"))


def may_delete_from(engine: Engine, table: str) -> bool:
    """Whether this connection's account may DELETE from ``table`` (SQLite: always)."""
    if engine.dialect.name != "postgresql":
        return True
    with engine.connect() as conn:
        allowed = conn.execute(
            text("SELECT has_table_privilege(current_user, :table, 'DELETE')"), {"table": table}
        ).scalar_one()
    return bool(allowed)
