"""User accounts (admins and teachers): read, add, disable, reset, and the throttling counters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.core.authz import Account, Role, Throttle
from kiosk.core.errors import Conflict, InvalidInput, NotFound
from kiosk.infra.db.models import UserAccount
from kiosk.infra.db.repo._common import check_length, flush_or_conflict


def _key(name: str) -> str:
    return " ".join(name.split()).lower()


def to_account(row: UserAccount) -> Account:
    return Account(
        name=row.name,
        role=row.role,
        secret_hash=row.secret_hash,
        active=row.is_active,
        throttle=Throttle(row.failures, row.last_failure_at),
        last_login_at=row.last_login_at,
    )


def _row(session: Session, name: str) -> UserAccount:
    row = session.scalar(select(UserAccount).where(func.lower(UserAccount.name) == _key(name)))
    if row is None:
        raise NotFound(f"There is no account named {name!r}.", "See the accounts with `kiosk user list`.")
    return row


def find(session: Session, name: str) -> Account | None:
    """The account (names compare without regard to case), or ``None``."""
    row = session.scalar(select(UserAccount).where(func.lower(UserAccount.name) == _key(name)))
    return to_account(row) if row is not None else None


def list_accounts(session: Session) -> list[Account]:
    return [to_account(r) for r in session.scalars(select(UserAccount).order_by(UserAccount.name))]


def count(session: Session, *, role: Role | None = None, active_only: bool = True) -> int:
    stmt = select(func.count(UserAccount.id))
    if role is not None:
        stmt = stmt.where(UserAccount.role == role)
    if active_only:
        stmt = stmt.where(UserAccount.is_active.is_(True))
    return int(session.scalar(stmt) or 0)


def add(session: Session, name: str, role: Role, secret_hash: str) -> Account:
    name = " ".join(name.split())  # "Ms  Rivera" and "Ms Rivera" are one name
    if not name or not name.isprintable():
        raise InvalidInput(
            f"{name!r} cannot be an account name.",
            "Use letters, digits and spaces, such as mschmidt or Ms Rivera.",
        )
    check_length("account name", name, UserAccount.__table__.c.name)
    if find(session, name) is not None:
        raise Conflict(f"An account named {name!r} already exists.", "Choose another name.")
    row = UserAccount(name=name, role=role, secret_hash=secret_hash, is_active=True, failures=0)
    session.add(row)
    flush_or_conflict(session, lambda _: Conflict(f"An account named {name!r} already exists."))
    return to_account(row)


def set_active(session: Session, name: str, active: bool) -> Account:
    row = _row(session, name)
    row.is_active = active
    session.flush()
    return to_account(row)


def reset(session: Session, name: str, secret_hash: str | None) -> Account:
    """Clear the wrong-PIN count (unlocks); a new hash when given."""
    row = _row(session, name)
    if secret_hash is not None:
        row.secret_hash = secret_hash
    row.failures = 0
    row.last_failure_at = None
    session.flush()
    return to_account(row)


def record_failure(session: Session, name: str, at: datetime) -> None:
    # One UPDATE, counted by the server: two kiosks guessing at once both count.
    session.execute(
        update(UserAccount)
        .where(func.lower(UserAccount.name) == _key(name))
        .values(failures=UserAccount.failures + 1, last_failure_at=at)
    )


def record_success(session: Session, name: str, at: datetime) -> None:
    session.execute(
        update(UserAccount)
        .where(func.lower(UserAccount.name) == _key(name))
        .values(failures=0, last_failure_at=None, last_login_at=at)
    )
