"""The direct store: every call is one transaction on the configured database.

Used for the embedded SQLite database (local, so always reachable). The offline-first
store for PostgreSQL lives in :mod:`kiosk.infra.offline`.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.core.domain import AttendanceMark, ClassInfo, SessionInfo, SessionSummary, StudentInfo
from kiosk.core.lookalikes import LookalikePairs
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import attendance, classes, encodings, lookalikes, students


class DirectStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions: sessionmaker[Session] = session_factory(engine)
        self.notices: list[str] = []  # lines for the teacher from the start (orphaned sessions closed)

    def get_class(self, class_code: str) -> ClassInfo:
        with unit_of_work(self._sessions) as s:
            return classes.get_class(s, class_code)

    def list_classes(self) -> list[ClassInfo]:
        with unit_of_work(self._sessions) as s:
            return classes.list_classes(s)

    def roster(self, class_code: str) -> list[StudentInfo]:
        with unit_of_work(self._sessions) as s:
            return students.list_students(s, class_code=class_code, active_only=True)

    def gallery(self, class_code: str, model_name: str) -> encodings.Gallery:
        with unit_of_work(self._sessions) as s:
            return encodings.load_gallery(s, model_name, class_code=class_code)

    def photos(self, student_uuids: list[uuid.UUID]) -> dict[uuid.UUID, bytes]:
        with unit_of_work(self._sessions) as s:
            return students.photos(s, student_uuids)

    def lookalike_pairs(self) -> LookalikePairs:
        with unit_of_work(self._sessions) as s:
            return lookalikes.pairs(s)

    def open_session(self, class_code: str, *, started_by: str | None, kiosk_id: str | None) -> SessionInfo:
        with unit_of_work(self._sessions) as s:
            return attendance.open_session(s, class_code, started_by=started_by, kiosk_id=kiosk_id)

    def mark(self, mark: AttendanceMark, *, actor: str | None = None) -> AttendanceMark:
        with unit_of_work(self._sessions) as s:
            stored, _changed = attendance.apply_mark(s, mark, actor=actor)
            return stored

    def marks(self, session_id: uuid.UUID) -> list[AttendanceMark]:
        with unit_of_work(self._sessions) as s:
            return attendance.marks_for_session(s, session_id)

    def close_session(self, session_id: uuid.UUID, *, ended_at: datetime | None = None) -> SessionInfo:
        with unit_of_work(self._sessions) as s:
            return attendance.close_session(s, session_id, ended_at=ended_at)

    def unclosed_sessions(
        self, kiosk_id: str, started_before: datetime
    ) -> list[tuple[SessionInfo, datetime | None]]:
        with unit_of_work(self._sessions) as s:
            return attendance.unclosed_sessions(s, kiosk_id, started_before)

    def summary(self, session_id: uuid.UUID) -> SessionSummary:
        with unit_of_work(self._sessions) as s:
            return attendance.summary(s, session_id)

    def close(self) -> None:
        self.engine.dispose()

    def status_line(self) -> str:
        return "PostgreSQL online" if self.engine.dialect.name == "postgresql" else "Local database"
