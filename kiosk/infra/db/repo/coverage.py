"""The face data of every active student, for "who can the camera recognise?" (see core.recognisability)."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from kiosk.core.recognisability import StudentFaceData
from kiosk.infra.db.models import FaceEncoding, SchoolClass, Student


def active_students_face_data(session: Session, model_name: str) -> list[StudentFaceData]:
    of_model = func.coalesce(func.sum(case((FaceEncoding.model_name == model_name, 1), else_=0)), 0)
    of_others = func.coalesce(func.sum(case((FaceEncoding.model_name != model_name, 1), else_=0)), 0)
    stmt = (
        select(
            Student.student_id,
            Student.name,
            SchoolClass.code,
            Student.consent_given,
            of_model,
            of_others,
            Student.photo.is_not(None),
        )
        .outerjoin(SchoolClass, Student.class_id == SchoolClass.id)
        .outerjoin(FaceEncoding, FaceEncoding.student_id == Student.id)
        .where(Student.is_active.is_(True))
        .group_by(Student.id, Student.student_id, Student.name, SchoolClass.code, Student.consent_given)
    )
    return [
        StudentFaceData(sid, name, code, bool(consent), int(model), int(others), bool(photo))
        for sid, name, code, consent, model, others, photo in session.execute(stmt)
    ]
