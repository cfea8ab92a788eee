"""Whether a student may be face-matched at a given moment: the one place that decides.

Every automatic mark passes through :func:`may_face_match` on the server (the direct store's
mark, the sync worker's inserts), so a kiosk that recognised a pupil from an old copy of the
roster cannot store the mark once consent was withdrawn or the pupil was deleted.

Today consent is one flag on the student (``consent_given``, with ``consent_at``, the time it
last changed). A flag cannot tell the past: whether a pupil without consent now had it when
the mark was made, or whether consent recorded at ``consent_at`` merely renewed an earlier
one. So the answer is the current state, which errs on the pupil's side after a withdrawal
(every automatic mark still queued is refused, the teacher marks by hand). The consent ledger
(one row per consent or objection, with times) replaces the inside of this function and
answers for the mark's own time exactly; callers already pass that time and stay the same.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.infra.db.models import Student

Check = tuple[uuid.UUID, datetime]  # (student, moment of the mark)


def may_face_match(session: Session, checks: Collection[Check]) -> dict[Check, bool]:
    """For each (student, moment): may the student be face-matched at that moment?

    A deleted (unknown) student may not. One query for all the students asked about."""
    wanted = {student for student, _ in checks}
    consenting: set[uuid.UUID] = set()
    ids = list(wanted)
    for start in range(0, len(ids), 500):  # SQLite's bound-parameter limit
        stmt = select(Student.id).where(
            Student.id.in_(ids[start : start + 500]), Student.consent_given.is_(True)
        )
        consenting.update(session.scalars(stmt))
    # The moment is not used yet: see the module's note (the ledger will use it).
    return {(student, moment): student in consenting for student, moment in checks}


def may_face_match_one(session: Session, student: uuid.UUID, moment: datetime) -> bool:
    return may_face_match(session, [(student, moment)])[(student, moment)]
