"""User accounts (admins and teachers): read, add, disable, reset, the throttling counters, and
the classes each teacher teaches (``class_teachers``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from kiosk.core.authz import Account, Role, Throttle
from kiosk.core.errors import Conflict, InvalidInput, NotFound
from kiosk.infra.db.models import ClassTeacher, SchoolClass, UserAccount
from kiosk.infra.db.repo._common import check_length, flush_or_conflict


def _key(name: str) -> str:
    return " ".join(name.split()).lower()


def to_account(row: UserAccount, classes: Iterable[str] = ()) -> Account:
    return Account(
        name=row.name,
        role=row.role,
        secret_hash=row.secret_hash,
        active=row.is_active,
        throttle=Throttle(row.failures, row.last_failure_at),
        last_login_at=row.last_login_at,
        classes=frozenset(classes),
    )


def _classes_by_user(session: Session, user_ids: Sequence[int] | None = None) -> dict[int, set[str]]:
    stmt = select(ClassTeacher.user_id, SchoolClass.code).join(
        SchoolClass, SchoolClass.id == ClassTeacher.class_id
    )
    if user_ids is not None:
        stmt = stmt.where(ClassTeacher.user_id.in_(user_ids))
    out: dict[int, set[str]] = {}
    for user_id, code in session.execute(stmt):
        out.setdefault(int(user_id), set()).add(str(code))
    return out


def _with_classes(session: Session, row: UserAccount) -> Account:
    return to_account(row, _classes_by_user(session, [row.id]).get(row.id, ()))


def _row(session: Session, name: str) -> UserAccount:
    row = session.scalar(select(UserAccount).where(func.lower(UserAccount.name) == _key(name)))
    if row is None:
        raise NotFound(f"There is no account named {name!r}.", "See the accounts with `kiosk user list`.")
    return row


def find(session: Session, name: str) -> Account | None:
    """The account (names compare without regard to case), or ``None``."""
    row = session.scalar(select(UserAccount).where(func.lower(UserAccount.name) == _key(name)))
    return _with_classes(session, row) if row is not None else None


def get(session: Session, name: str) -> Account:
    """The account (:class:`NotFound` when there is none)."""
    return _with_classes(session, _row(session, name))


def list_accounts(session: Session) -> list[Account]:
    rows = list(session.scalars(select(UserAccount).order_by(UserAccount.name)))
    classes = _classes_by_user(session)  # two queries for the whole list, never one per account
    return [to_account(r, classes.get(r.id, ())) for r in rows]


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
    return _with_classes(session, row)


def class_ids(session: Session, codes: Sequence[str]) -> dict[str, int]:
    """The id of each class code; :class:`NotFound` naming every unknown one."""
    wanted = [c.strip() for c in codes if c.strip()]
    stmt = select(SchoolClass.code, SchoolClass.id).where(SchoolClass.code.in_(wanted))
    ids = {str(code): int(i) for code, i in session.execute(stmt)}
    unknown = [c for c in wanted if c not in ids]
    if unknown:
        listed = ", ".join(repr(c) for c in unknown)
        what = (
            f"is no class with code {listed}" if len(unknown) == 1 else f"are no classes with codes {listed}"
        )
        raise NotFound(
            f"There {what}; nothing was changed.",
            "See the codes with `kiosk class list`.",
        )
    return ids


def set_classes(session: Session, name: str, codes: Sequence[str]) -> Account:
    """Make ``codes`` the classes the teacher ``name`` teaches (replacing the old list).

    Checked whole before anything is written: an unknown code, or an admin account (admins
    see every class), changes nothing.
    """
    row = _row(session, name)
    if row.role is not Role.TEACHER and codes:
        raise InvalidInput(
            f"{row.name} is an admin: admins see every class, so no classes are linked to them.",
            "Link classes to teacher accounts only.",
        )
    wanted = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    ids = class_ids(session, wanted)
    session.execute(delete(ClassTeacher).where(ClassTeacher.user_id == row.id))
    if wanted:
        session.execute(insert(ClassTeacher), [{"user_id": row.id, "class_id": ids[c]} for c in wanted])
    session.flush()
    return to_account(row, wanted)


def reset(session: Session, name: str, secret_hash: str | None) -> Account:
    """Clear the wrong-PIN count (unlocks); a new hash when given."""
    row = _row(session, name)
    if secret_hash is not None:
        row.secret_hash = secret_hash
    row.failures = 0
    row.last_failure_at = None
    session.flush()
    return _with_classes(session, row)


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
