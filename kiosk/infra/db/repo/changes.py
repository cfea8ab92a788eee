"""Roster changes announced to every kiosk with PostgreSQL ``NOTIFY``, in the writer's transaction.

Every repository function that changes who a kiosk may recognise (a new student, an
enrollment, consent given or withdrawn, a deletion, a class change) calls :func:`announce`
before it returns. ``NOTIFY`` is transactional: listeners hear of the change when (and only
if) the transaction commits, and identical announcements in one transaction arrive once.

The payload names the class, the student's UUID and the kind of change: never a name, a
photo or a vector (every kiosk listening, and the server log, could see it). On SQLite
there are no other kiosks to tell, so nothing is sent.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kiosk.infra.db.models import SchoolClass

CHANNEL = "kiosk_roster"
ChangeKind = Literal["student", "enrolled", "consent", "withdrawn", "deleted", "class"]
KINDS: tuple[ChangeKind, ...] = ("student", "enrolled", "consent", "withdrawn", "deleted", "class")
# Withdrawal and deletion must leave every kiosk's copy at once (their face data is gone).
PURGING: frozenset[str] = frozenset({"withdrawn", "deleted"})


@dataclass(frozen=True, slots=True)
class RosterChange:
    class_code: str | None  # None: the student is in no class (or, with no student, classes changed)
    student_uuid: uuid.UUID | None  # None: a change to the class itself
    kind: ChangeKind

    @property
    def purges(self) -> bool:
        return self.kind in PURGING

    def payload(self) -> str:
        return json.dumps(
            {
                "class": self.class_code,
                "student": self.student_uuid.hex if self.student_uuid else None,
                "kind": self.kind,
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_payload(cls, payload: str) -> RosterChange | None:
        """The change a notification describes; ``None`` for one this kiosk does not understand."""
        try:
            data = json.loads(payload)
            kind = data["kind"]
            if kind not in KINDS:
                return None
            student = uuid.UUID(hex=data["student"]) if data.get("student") else None
            code = data.get("class")
            return cls(str(code) if code is not None else None, student, kind)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None


def class_code_of(session: Session, class_id: int | None) -> str | None:
    if class_id is None:
        return None
    return session.scalar(select(SchoolClass.code).where(SchoolClass.id == class_id))


def announce(session: Session, change: RosterChange) -> None:
    """Queue the notification in the session's transaction (PostgreSQL only)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": change.payload()}
    )
