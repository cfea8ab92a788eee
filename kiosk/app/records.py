"""The attendance record as a service: history, one session, corrections, sign-off, search.

The one door the CLI and the GUI use to the past. Every call is one transaction (committed
when it succeeds, rolled back otherwise, so a refused correction changes nothing), returns
frozen values, and turns database failures into a :class:`KioskError`.

Who may see what is decided here, for every front end (the rule: :mod:`kiosk.core.authz`):
a service made :meth:`~DatabaseCalls.for_account` a teacher reads and corrects only the
classes linked to that account, as the database holds them at each call (a class unlinked
meanwhile is refused at once); without an account (the CLI, run by the computer's own
user) it sees every class, as it always has.
"""

from __future__ import annotations

import copy
import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, tzinfo
from typing import Self, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from kiosk.core.authz import Account, Action, check_action, check_class, may_for_class, sees_every_class
from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource
from kiosk.core.errors import DatabaseError, InvalidInput, KioskError, NotFound
from kiosk.core.records import RecordLine, SessionDetail, SessionOverview, checked_correction
from kiosk.core.reports import Found, day_bounds
from kiosk.infra.db.connect import explain
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import attendance, records, search
from kiosk.infra.db.repo import classes as class_repo
from kiosk.infra.db.repo import reports as report_repo
from kiosk.infra.db.repo import users as user_repo

log = logging.getLogger(__name__)
T = TypeVar("T")

__all__ = ["Found", "RecordsService", "parse_day", "parse_session_id"]


def parse_session_id(text: str | uuid.UUID) -> uuid.UUID:
    if isinstance(text, uuid.UUID):
        return text
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise InvalidInput(
            f"{text!r} is not a session id.", "Copy the full id from the list `kiosk sessions` prints."
        ) from None


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{text!r} is not a date.", "Give dates as YYYY-MM-DD, e.g. 2026-09-01.") from None


class DatabaseCalls:
    """One transaction per call, database failures explained in one line."""

    def __init__(self, engine: Engine, tz: tzinfo | None = None, *, account: Account | None = None) -> None:
        self._engine = engine
        self._sessions = session_factory(engine)
        self.tz = tz  # the school's local time zone (None: the computer's)
        self.account = account  # who asks (None: the computer's own user, every class)

    def for_account(self, account: Account | None) -> Self:
        """The same service asking for ``account`` (the signed-in person); ``None``: every class."""
        twin = copy.copy(self)
        twin.account = account
        return twin

    def _viewer(self, s: Session) -> Account | None:
        """Whom the rule asks about: a teacher as the database holds the account now (classes
        linked or unlinked since the sign-in, a disabled account: in force at once)."""
        account = self.account
        if sees_every_class(account):
            return account
        assert account is not None
        return user_repo.find(s, account.name) or replace(account, active=False, classes=frozenset())

    @contextmanager
    def _explained(self) -> Iterator[None]:
        try:
            yield
        except KioskError:
            raise
        except DBAPIError as exc:
            log.info("Database failure (%s)", type(exc).__name__, exc_info=exc)
            raise explain(exc, self._engine.url) from None
        except SQLAlchemyError as exc:
            log.error("Unexpected database error", exc_info=exc)
            raise DatabaseError(
                "The database failed unexpectedly.", "The details are in the log file."
            ) from None

    def _run(self, work: Callable[[Session], T]) -> T:
        with self._explained(), unit_of_work(self._sessions) as s:
            return work(s)

    def _read(self, work: Callable[[Session], T]) -> T:
        """A read: no transaction of its own (no BEGIN and COMMIT round trips to the server,
        which a busy machine makes slow); each query sees the data as it is when it runs."""
        with self._explained(), self._sessions() as s:
            s.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
            return work(s)


class RecordsService(DatabaseCalls):
    """Past sessions of one database: read, correct, sign off; and student search."""

    def list_sessions(
        self, *, class_code: str | None = None, start: date | None = None, end: date | None = None
    ) -> list[SessionOverview]:
        """Sessions that started on the local days [start, end] (either may be open), newest first."""
        lo: datetime | None = None
        hi: datetime | None = None
        if start is not None or end is not None:
            lo, hi = day_bounds(start or date(1970, 1, 1), end or date(9999, 12, 30), self.tz)

        def work(s: Session) -> list[SessionOverview]:
            who = self._viewer(s)
            if class_code is not None:
                check_class(who, Action.RECORDS_OWN, class_code)
            if class_code is not None or sees_every_class(who):
                return records.list_sessions(s, class_code=class_code, start=lo, end=hi)
            assert who is not None
            check_action(who, Action.RECORDS_OWN)
            # "All classes" for a teacher: all of theirs (a handful: one query each).
            found = [o for c in who.classes for o in records.list_sessions(s, class_code=c, start=lo, end=hi)]
            return sorted(found, key=lambda o: o.started_at, reverse=True)

        return self._read(work)

    def class_codes(self) -> list[str]:
        """The classes in use that the class pickers offer: a teacher's own, or every one."""

        def work(s: Session) -> list[str]:
            who = self._viewer(s)
            check_action(who, Action.RECORDS_OWN)
            return [
                c.code for c in class_repo.list_classes(s) if may_for_class(who, Action.RECORDS_OWN, c.code)
            ]

        return self._read(work)

    def session(self, session_id: str | uuid.UUID) -> SessionDetail:
        sid = parse_session_id(session_id)

        def work(s: Session) -> SessionDetail:
            who = self._viewer(s)
            if not sees_every_class(who):
                check_class(who, Action.RECORDS_OWN, records.session_overview(s, sid).class_code)
            return records.session_detail(s, sid)

        return self._read(work)

    def _check_session(self, s: Session, session_id: uuid.UUID, action: Action) -> None:
        """Before a change to a session's marks: refused unless its class is the asker's."""
        who = self._viewer(s)
        if not sees_every_class(who):
            check_class(who, action, records.session_overview(s, session_id).class_code)

    def correct(
        self,
        session_id: str | uuid.UUID,
        student_id: str,
        status: AttendanceStatus | str,
        *,
        reason: str | None,
        actor: str | None,
        excuse: str | None = None,
    ) -> RecordLine:
        """Change a mark of a past session (or a signed-off one): reason and person required."""
        sid = parse_session_id(session_id)
        correction = checked_correction(status, reason, actor, excuse)

        def work(s: Session) -> RecordLine:
            self._check_session(s, sid, Action.HAND_MARK)
            student = report_repo.student_ref(s, student_id)
            return records.correct_mark(s, sid, student.uuid, correction)

        line = self._run(work)
        log.info("Mark corrected in session %s to %s", sid, correction.status.value)
        return line

    def fix_before_sign_off(
        self, session_id: uuid.UUID, student_uuid: uuid.UUID, status: AttendanceStatus, *, actor: str
    ) -> RecordLine:
        """A one-tap fix on the sign-off screen: a teacher's mark, before the register locks."""
        mark = AttendanceMark(
            id=uuid.uuid4(),
            session_id=session_id,
            student_uuid=student_uuid,
            status=status,
            marked_at=datetime.now(UTC),
            source=MarkSource.MANUAL,
            note="set at sign-off",
        )

        def work(s: Session) -> RecordLine:
            self._check_session(s, session_id, Action.HAND_MARK)
            attendance.apply_mark(s, mark, actor=actor)
            line = next(
                (ln for ln in records.session_detail(s, session_id).lines if ln.student_uuid == student_uuid),
                None,
            )
            if line is None:
                raise NotFound("That student is not in this session.")
            return line

        return self._run(work)

    def sign_off(self, session_id: str | uuid.UUID, *, actor: str) -> SessionOverview:
        sid = parse_session_id(session_id)
        if not actor.strip():
            raise InvalidInput("Signing off needs the teacher's name; the register was not signed off.")

        def work(s: Session) -> SessionOverview:
            self._check_session(s, sid, Action.HAND_MARK)  # the register's confirmation: a teacher's word
            return records.sign_off(s, sid, actor=actor.strip())

        overview = self._run(work)
        log.info("Session %s signed off", sid)
        return overview

    def search_students(self, text: str, *, limit: int = 20) -> list[Found]:
        if not text.strip():
            raise InvalidInput("Give part of a name to search for.", "For example: kiosk student search zoe")

        def work(s: Session) -> list[Found]:
            who = self._viewer(s)
            if sees_every_class(who):
                return search.search_students(s, text, limit=limit)
            check_action(who, Action.RECORDS_OWN)
            # A teacher finds the students of their classes only; look further to fill the list.
            found = search.search_students(s, text, limit=limit * 10)
            return [f for f in found if may_for_class(who, Action.RECORDS_OWN, f.student.class_code)][:limit]

        return self._read(work)

    def add_sample_history(self, class_code: str, *, days: int = 20) -> int:
        """Past sessions for a sample class (screenshots, demo); the sessions added."""
        from kiosk.app.records_sample import write_sample_history

        def work(s: Session) -> int:
            check_class(self._viewer(s), Action.HAND_MARK, class_code)
            return write_sample_history(s, class_code, days=days)

        return self._run(work)
