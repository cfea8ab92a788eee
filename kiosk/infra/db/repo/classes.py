"""Classes (the school kind): code, name, teacher and the scheduled start time."""

from __future__ import annotations

from datetime import UTC, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.domain import ClassInfo
from kiosk.core.errors import Conflict, InvalidInput, NotFound
from kiosk.core.ordering import sort_classes
from kiosk.infra.db.models import SchoolClass
from kiosk.infra.db.repo._common import check_length, flush_or_conflict
from kiosk.infra.db.repo.changes import RosterChange, announce


def to_info(row: SchoolClass) -> ClassInfo:
    return ClassInfo(
        code=row.code,
        name=row.name,
        teacher=row.teacher,
        starts_at=row.starts_at,
        archived=row.archived_at is not None,
    )


def parse_start_time(text: str) -> time:
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise InvalidInput(
            f"{text!r} is not a time of day.", "Give the class start as HH:MM, for example 08:30."
        ) from None


def add_class(
    session: Session, code: str, name: str, *, teacher: str | None = None, starts_at: time | None = None
) -> ClassInfo:
    code = code.strip()
    if not code or not name.strip():
        raise InvalidInput("A class needs a code and a name.", "For example: --name 'Biology 9B' 9B.")
    columns = SchoolClass.__table__.c
    check_length("class code", code, columns.code)
    check_length("class name", name.strip(), columns.name)
    check_length("teacher's name", teacher, columns.teacher)
    if session.scalar(select(SchoolClass.id).where(SchoolClass.code == code)) is not None:
        raise Conflict(f"A class with code {code!r} already exists.", "Choose another code.")
    row = SchoolClass(code=code, name=name.strip(), teacher=teacher, starts_at=starts_at)
    session.add(row)
    flush_or_conflict(session, lambda _: Conflict(f"A class with code {code!r} already exists."))
    announce(session, RosterChange(code, None, "class"))
    return to_info(row)


def get_row(session: Session, code: str) -> SchoolClass:
    row = session.scalar(select(SchoolClass).where(SchoolClass.code == code))
    if row is None:
        raise NotFound(f"There is no class with code {code!r}.", "See the codes with `kiosk class list`.")
    return row


def get_class(session: Session, code: str) -> ClassInfo:
    return to_info(get_row(session, code))


def list_classes(session: Session, *, include_archived: bool = False) -> list[ClassInfo]:
    """Every class in use (with ``include_archived`` also the archived ones), by code in
    natural order ("9B" before "10A": SQL cannot sort that way)."""
    stmt = select(SchoolClass)
    if not include_archived:
        stmt = stmt.where(SchoolClass.archived_at.is_(None))
    return sort_classes(to_info(r) for r in session.scalars(stmt))


def set_start_time(session: Session, code: str, starts_at: time | None) -> ClassInfo:
    row = get_row(session, code)
    row.starts_at = starts_at
    session.flush()
    announce(session, RosterChange(code, None, "class"))
    return to_info(row)


def rename_class(
    session: Session, code: str, *, name: str | None = None, new_code: str | None = None
) -> ClassInfo:
    """Change a class's name and/or code; its students, sessions and marks stay with it."""
    row = get_row(session, code)
    columns = SchoolClass.__table__.c
    if name is not None:
        if not name.strip():
            raise InvalidInput("A class needs a name.", "Give the new name, e.g. --name 'Biology 9B'.")
        check_length("class name", name.strip(), columns.name)
        row.name = name.strip()
    if new_code is not None and new_code.strip() != row.code:
        new_code = new_code.strip()
        if not new_code:
            raise InvalidInput("A class needs a code.", "Give the new code, e.g. --code 9C.")
        check_length("class code", new_code, columns.code)
        if session.scalar(select(SchoolClass.id).where(SchoolClass.code == new_code)) is not None:
            raise Conflict(f"A class with code {new_code!r} already exists.", "Choose another code.")
        row.code = new_code
    flush_or_conflict(session, lambda _: Conflict(f"A class with code {new_code!r} already exists."))
    announce(session, RosterChange(None, None, "class"))  # a code may have changed: kiosks copy all again
    return to_info(row)


def set_archived(session: Session, code: str, archived: bool) -> ClassInfo:
    row = get_row(session, code)
    if archived and row.archived_at is None:
        row.archived_at = datetime.now(UTC)
    elif not archived:
        row.archived_at = None
    session.flush()
    announce(session, RosterChange(None, None, "class"))  # the list of classes changed: copy all again
    return to_info(row)
