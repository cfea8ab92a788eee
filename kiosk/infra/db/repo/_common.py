from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.core.errors import Conflict, InvalidInput

T = TypeVar("T")


def flush_or_conflict(session: Session, conflict: Callable[[IntegrityError], Conflict]) -> None:
    """Flush inside a savepoint so a uniqueness failure leaves the caller's transaction usable."""
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise conflict(exc) from None


def check_length(label: str, value: str | None, column: Any) -> None:
    """Refuse text longer than its column: PostgreSQL would fail mid-flush, SQLite would keep it."""
    limit = getattr(column.type, "length", None)
    if value is not None and limit is not None and len(value) > limit:
        raise InvalidInput(
            f"The {label} is too long ({len(value)} characters; at most {limit}).", "Shorten it."
        )
