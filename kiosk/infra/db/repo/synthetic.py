"""Throwaway rows for ``kiosk bench``: a class of consenting students with random encodings.

Written with bulk inserts (no ORM objects per row), so 100k encodings take seconds, and
removed again by the class code. The encodings carry a model name of their own, so a real
gallery in the same database is neither read nor changed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from kiosk.infra.db.models import FaceEncoding, SchoolClass, Student


def add_synthetic_class(
    session: Session,
    code: str,
    *,
    n_students: int,
    model_name: str,
    vector_blocks: Iterable[npt.NDArray[np.float32]],
) -> int:
    """Insert class ``code``, ``n_students`` students and one encoding per vector row
    (assigned to the students in turn). Returns the number of encodings inserted."""
    now = datetime.now(UTC)
    class_id = session.execute(
        insert(SchoolClass).values(code=code, name="kiosk bench (throwaway)").returning(SchoolClass.id)
    ).scalar_one()
    ids = [uuid.uuid4() for _ in range(n_students)]
    session.execute(
        insert(Student),
        [
            {
                "id": sid,
                "student_id": f"{code}-{i}",
                "name": f"bench {i}",
                "class_id": class_id,
                "is_active": True,
                "consent_given": True,
                "consent_at": now,
                "consent_by": "kiosk bench",
            }
            for i, sid in enumerate(ids)
        ],
    )
    done = 0
    for block in vector_blocks:  # in blocks: never all rows' dicts at once
        rows = np.asarray(block, dtype="<f4")
        session.execute(
            insert(FaceEncoding),
            [
                {
                    "student_id": ids[(done + i) % n_students],
                    "model_name": model_name,
                    "dimension": rows.shape[1],
                    "vector": rows[i].tobytes(),
                    "created_at": now,
                }
                for i in range(rows.shape[0])
            ],
        )
        done += rows.shape[0]
    return done


def remove_synthetic_class(session: Session, code: str) -> None:
    """Delete class ``code`` with its students and their encodings."""
    class_id = session.scalar(select(SchoolClass.id).where(SchoolClass.code == code))
    if class_id is None:
        return
    student_ids = select(Student.id).where(Student.class_id == class_id)
    session.execute(
        delete(FaceEncoding)
        .where(FaceEncoding.student_id.in_(student_ids))
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(Student).where(Student.class_id == class_id).execution_options(synchronize_session=False)
    )
    session.execute(
        delete(SchoolClass).where(SchoolClass.id == class_id).execution_options(synchronize_session=False)
    )
