"""What the target holds now of the students a source moved (read through the migration map)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, select

from kiosk.infra.db.models import FaceEncoding, Student
from kiosk.infra.migration import mapping
from kiosk.infra.migration.tables import chunks

_CHUNK = 5000


@dataclass(frozen=True)
class MigratedStudent:
    legacy_id: str
    student_id: str = ""  # the school's id
    name: str = ""
    found: bool = True  # False: deleted from the kiosk since the migration
    consent_given: bool = False
    consent_decided: bool = False  # a consent decision was recorded, either way
    is_active: bool = False
    enrolled: bool = False  # has an encoding of the model asked about


def migrated_students(conn: Connection, source_key: str, model: str) -> list[MigratedStudent]:
    """Every student moved from the source, as the target has them; ``[]`` if none was moved."""
    moved = mapping.load(conn, source_key).get("students", {})
    by_uuid = {uuid.UUID(new): legacy for legacy, new in moved.items()}
    out: list[MigratedStudent] = []
    for chunk in chunks(list(by_uuid), _CHUNK):
        encoded = set(
            conn.execute(
                select(FaceEncoding.student_id)
                .where(FaceEncoding.student_id.in_(chunk), FaceEncoding.model_name == model)
                .distinct()
            ).scalars()
        )
        query = select(
            Student.id,
            Student.student_id,
            Student.name,
            Student.consent_given,
            Student.consent_at,
            Student.is_active,
        ).where(Student.id.in_(chunk))
        found = {r.id: r for r in conn.execute(query)}
        for key in chunk:
            r = found.get(key)
            if r is None:
                out.append(MigratedStudent(by_uuid[key], found=False))
                continue
            out.append(
                MigratedStudent(
                    legacy_id=by_uuid[key],
                    student_id=r.student_id,
                    name=r.name,
                    consent_given=r.consent_given,
                    consent_decided=r.consent_at is not None,
                    is_active=r.is_active,
                    enrolled=key in encoded,
                )
            )
    return out
