"""The attendance record as a service: history, one session, corrections, sign-off, search.

The one door the CLI and the GUI use to the past. Every call is one transaction (committed
when it succeeds, rolled back otherwise, so a refused correction changes nothing), returns
frozen values, and turns database failures into a :class:`KioskError`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, tzinfo
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource
from kiosk.core.errors import DatabaseError, InvalidInput, KioskError, NotFound
from kiosk.core.records import RecordLine, SessionDetail, SessionOverview, checked_correction
from kiosk.core.reports import Found, day_bounds
from kiosk.infra.db.connect import explain
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import attendance, records, search
from kiosk.infra.db.repo import reports as report_repo

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

    def __init__(self, engine: Engine, tz: tzinfo | None = None) -> None:
        self._engine = engine
        self._sessions = session_factory(engine)
        self.tz = tz  # the school's local time zone (None: the computer's)

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
        return self._read(lambda s: records.list_sessions(s, class_code=class_code, start=lo, end=hi))

    def session(self, session_id: str | uuid.UUID) -> SessionDetail:
        sid = parse_session_id(session_id)
        return self._read(lambda s: records.session_detail(s, sid))

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
        overview = self._run(lambda s: records.sign_off(s, sid, actor=actor.strip()))
        log.info("Session %s signed off", sid)
        return overview

    def search_students(self, text: str, *, limit: int = 20) -> list[Found]:
        if not text.strip():
            raise InvalidInput("Give part of a name to search for.", "For example: kiosk student search zoe")
        return self._read(lambda s: search.search_students(s, text, limit=limit))

    def add_sample_history(self, class_code: str, *, days: int = 20) -> int:
        """Past sessions for a sample class (screenshots, demo); the sessions added."""
        from kiosk.app.records_sample import write_sample_history

        return self._run(lambda s: write_sample_history(s, class_code, days=days))
