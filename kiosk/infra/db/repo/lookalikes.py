"""Look-alike pairs: two students an admin recorded as looking alike (twins, siblings).

A match between them is never marked automatically (the session asks the teacher). Stored
once per unordered pair (the smaller UUID first); recording and forgetting are audited and
announced to the kiosks like any roster change.
"""

from __future__ import annotations

import uuid

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from kiosk.core.errors import InvalidInput, NotFound
from kiosk.core.lookalikes import LookalikePairs, RecordedPair, pair_of
from kiosk.infra.db.models import LookalikePair, Student
from kiosk.infra.db.repo import audit
from kiosk.infra.db.repo.changes import RosterChange, announce, class_code_of


def _ordered(a: uuid.UUID, b: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID]:
    pair_of(a, b)  # refuses a student paired with themself
    return (a, b) if a.int < b.int else (b, a)


def _student(session: Session, student_uuid: uuid.UUID) -> Student:
    student = session.get(Student, student_uuid)
    if student is None:
        raise NotFound("That student no longer exists.")
    return student


def _announce_both(session: Session, *students: Student) -> None:
    for st in students:
        announce(session, RosterChange(class_code_of(session, st.class_id), st.id, "student"))


def record_pair(
    session: Session, a: uuid.UUID, b: uuid.UUID, *, actor: str | None, note: str | None = None
) -> bool:
    """Record ``a`` and ``b`` as look-alikes; ``False`` when they already were (nothing changes)."""
    if a == b:
        raise InvalidInput("A student cannot be recorded as their own look-alike.", "Name two students.")
    first, second = _ordered(a, b)
    sa, sb = _student(session, first), _student(session, second)
    exists = session.scalar(
        select(LookalikePair.id).where(LookalikePair.student_a == first, LookalikePair.student_b == second)
    )
    if exists is not None:
        return False
    session.add(LookalikePair(student_a=first, student_b=second, recorded_by=actor, note=note))
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="lookalikes_recorded",
        entity="student",
        entity_id=sa.student_id,
        details={"other": sb.student_id},
    )
    _announce_both(session, sa, sb)
    return True


def forget_pair(session: Session, a: uuid.UUID, b: uuid.UUID, *, actor: str | None) -> bool:
    """Forget that ``a`` and ``b`` look alike; ``False`` when they were not recorded."""
    first, second = _ordered(a, b)
    sa, sb = _student(session, first), _student(session, second)
    row = session.scalar(
        select(LookalikePair).where(LookalikePair.student_a == first, LookalikePair.student_b == second)
    )
    if row is None:
        return False
    session.delete(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="lookalikes_forgotten",
        entity="student",
        entity_id=sa.student_id,
        details={"other": sb.student_id},
    )
    _announce_both(session, sa, sb)
    return True


def pairs(session: Session) -> LookalikePairs:
    """Every recorded pair, as unordered pairs of student UUIDs."""
    rows = session.execute(select(LookalikePair.student_a, LookalikePair.student_b))
    return frozenset(frozenset((a, b)) for a, b in rows)


def recorded_pairs(session: Session) -> list[RecordedPair]:
    """Every recorded pair with the students' school ids, oldest first."""
    first, second = aliased(Student), aliased(Student)
    stmt = (
        select(
            LookalikePair.student_a,
            LookalikePair.student_b,
            first.student_id,
            second.student_id,
            LookalikePair.recorded_by,
            LookalikePair.recorded_at,
        )
        .join(first, and_(first.id == LookalikePair.student_a))
        .join(second, and_(second.id == LookalikePair.student_b))
        .order_by(LookalikePair.id)
    )
    return [RecordedPair(*row) for row in session.execute(stmt)]
