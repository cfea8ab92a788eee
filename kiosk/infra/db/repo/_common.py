from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.core.errors import Conflict

T = TypeVar("T")


def flush_or_conflict(session: Session, conflict: Callable[[IntegrityError], Conflict]) -> None:
    """Flush inside a savepoint so a uniqueness failure leaves the caller's transaction usable."""
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise conflict(exc) from None
