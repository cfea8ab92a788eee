"""Face encodings: compact float32 vectors, one model tag each, never mixed across models."""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from kiosk.core.domain import EncodingInfo
from kiosk.core.errors import ConsentRequired, InvalidInput, ModelMismatch, NotFound
from kiosk.infra.db.models import FaceEncoding, SchoolClass, Student
from kiosk.infra.db.repo import audit
from kiosk.infra.db.repo.changes import RosterChange, announce, class_code_of

FloatMatrix = npt.NDArray[np.float32]

log = logging.getLogger(__name__)


def to_bytes(vector: npt.ArrayLike) -> bytes:
    arr = np.asarray(vector, dtype="<f4").reshape(-1)
    if arr.size == 0 or not np.all(np.isfinite(arr)):
        raise InvalidInput("A face vector is empty or holds NaN/infinite values; it was not stored.")
    return arr.tobytes()


def add_encoding(
    session: Session,
    student_uuid: uuid.UUID,
    *,
    model_name: str,
    vector: npt.ArrayLike,
    quality: float | None = None,
    source: str | None = None,
    source_sha256: str | None = None,
) -> int:
    student = session.get(Student, student_uuid)
    if student is None:
        raise NotFound("That student no longer exists.")
    if not student.consent_given:
        raise ConsentRequired(
            f"{student.name} ({student.student_id}) has no recorded consent for face recognition.",
            "Record the consent first (`kiosk student consent`); until then mark this student by hand.",
        )
    data = to_bytes(vector)
    dim = len(data) // 4
    existing_dim = session.scalar(
        select(FaceEncoding.dimension).where(FaceEncoding.model_name == model_name).limit(1)
    )
    if existing_dim is not None and existing_dim != dim:
        raise ModelMismatch(
            f"A {dim}-value vector cannot be stored as a {model_name} encoding ({existing_dim} values).",
        )
    row = FaceEncoding(
        student_id=student_uuid,
        model_name=model_name,
        dimension=dim,
        vector=data,
        quality=quality,
        source=source,
    )
    if source_sha256 is not None:  # unset, the column stays out of the INSERT (older schemas)
        row.source_sha256 = source_sha256
    session.add(row)
    session.flush()
    # One notification per transaction however many photos: identical payloads are merged.
    announce(session, RosterChange(class_code_of(session, student.class_id), student_uuid, "enrolled"))
    return row.id


@dataclass(frozen=True)
class Gallery:
    """Encodings of one model, ready for FAISS: a (n, dim) float32 matrix and its owners."""

    model_name: str
    vectors: FloatMatrix
    student_ids: tuple[uuid.UUID, ...]
    encoding_ids: tuple[int, ...]
    fingerprint: str
    skipped: tuple[int, ...] = ()  # encoding ids left out as malformed (reported in the log)
    # Why face matching is withheld although encodings exist (e.g. the kiosk's offline copy is
    # too old to trust); empty when it is not. The session shows it to the teacher.
    withheld: str = ""

    @property
    def size(self) -> int:
        return len(self.student_ids)


def load_gallery(session: Session, model_name: str, *, class_code: str | None = None) -> Gallery:
    """Every encoding of ``model_name`` of active, consenting students (of one class if given).

    Vectors are joined with one ``bytes.join`` and one ``numpy.frombuffer``: no Python floats.
    The fingerprint changes whenever the set of encodings does, so cached indexes know to rebuild.
    """
    stmt = (
        select(FaceEncoding.id, FaceEncoding.student_id, FaceEncoding.dimension, FaceEncoding.vector)
        .join(Student, FaceEncoding.student_id == Student.id)
        .where(
            FaceEncoding.model_name == model_name,
            Student.is_active.is_(True),
            Student.consent_given.is_(True),
        )
        .order_by(FaceEncoding.id)
    )
    if class_code is not None:
        stmt = stmt.join(SchoolClass, Student.class_id == SchoolClass.id).where(
            SchoolClass.code == class_code
        )
    rows, skipped = _well_formed(_fetch_vectors(session, stmt), model_name)
    dim = rows[0][2] if rows else 0
    blob = b"".join(r[3] for r in rows)
    vectors = np.frombuffer(blob, dtype="<f4").astype(np.float32, copy=False).reshape(len(rows), dim)
    finite: list[bool] = [bool(ok) for ok in np.isfinite(vectors).all(axis=1).reshape(-1)] if rows else []
    if not all(finite):
        for r in (r for r, ok in zip(rows, finite, strict=True) if not ok):
            _report(r, "its values are not finite (NaN or infinite)")
            skipped.append(r[0])
        rows = [r for r, ok in zip(rows, finite, strict=True) if ok]
        vectors = np.ascontiguousarray(vectors[np.asarray(finite, dtype=bool)])
    ids = tuple(r[0] for r in rows)
    students = tuple(r[1] for r in rows)
    return Gallery(
        model_name, vectors, students, ids, fingerprint(model_name, ids, students), tuple(sorted(skipped))
    )


def fingerprint(model_name: str, encoding_ids: tuple[int, ...], students: tuple[uuid.UUID, ...]) -> str:
    """Changes whenever the set of encodings does (cached indexes then know to rebuild)."""
    digest = hashlib.sha256(model_name.encode())
    digest.update(np.asarray(encoding_ids, dtype=np.int64).tobytes())
    digest.update(b"".join(s.bytes for s in students))
    return digest.hexdigest()


_Row = tuple[int, uuid.UUID, int, bytes]


def _well_formed(rows: list[_Row], model_name: str) -> tuple[list[_Row], list[int]]:
    """The rows whose bytes are ``dimension`` float32 values of the model's usual size.

    One malformed row (written by an old kiosk before the database CHECK, or by hand) must not
    stop the whole class: it is left out and reported, without its bytes."""
    usual = Counter(r[2] for r in rows if r[2] > 0 and len(r[3]) == 4 * r[2]).most_common(1)
    dim = usual[0][0] if usual else 0
    kept: list[_Row] = []
    skipped: list[int] = []
    for r in rows:
        if len(r[3]) != 4 * r[2]:
            _report(r, f"its vector holds {len(r[3])} bytes, {4 * r[2]} expected")
        elif r[2] != dim:
            _report(r, f"it has {r[2]} values where the other {model_name} encodings have {dim}")
        else:
            kept.append(r)
            continue
        skipped.append(r[0])
    return kept, skipped


def _report(row: _Row, why: str) -> None:
    log.warning(
        "Skipped face encoding %d of student %s: %s. Re-enroll the student (kiosk enroll) to replace it.",
        row[0],
        row[1],
        why,
    )


def _fetch_vectors(
    session: Session, stmt: Select[int, uuid.UUID, int, bytes]
) -> list[tuple[int, uuid.UUID, int, bytes]]:
    """Rows of (id, student, dimension, vector bytes).

    On PostgreSQL the query runs on a binary cursor: by default psycopg receives ``bytea``
    as hex text and decodes it, which alone took most of a 100k-vector index rebuild.
    """
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return [(r[0], r[1], r[2], r[3]) for r in session.execute(stmt)]
    compiled = stmt.compile(dialect=conn.dialect)
    raw: Any = conn.connection.dbapi_connection
    with raw.cursor(binary=True) as cursor:
        cursor.execute(str(compiled), compiled.params)
        return [(r[0], r[1], r[2], bytes(r[3])) for r in cursor.fetchall()]


def counts_by_model(session: Session) -> dict[str, int]:
    stmt = select(FaceEncoding.model_name, func.count()).group_by(FaceEncoding.model_name)
    return {name: n for name, n in session.execute(stmt)}


def student_models(session: Session, student_uuid: uuid.UUID) -> dict[str, int]:
    stmt = (
        select(FaceEncoding.model_name, func.count())
        .where(FaceEncoding.student_id == student_uuid)
        .group_by(FaceEncoding.model_name)
    )
    return {name: n for name, n in session.execute(stmt)}


def photo_hashes(
    session: Session, student_uuids: list[uuid.UUID], model_name: str
) -> dict[uuid.UUID, set[str]]:
    """The sha256 of every photo already enrolled for these students with ``model_name``."""
    found: dict[uuid.UUID, set[str]] = {sid: set() for sid in student_uuids}
    if not student_uuids:
        return found
    stmt = select(FaceEncoding.student_id, FaceEncoding.source_sha256).where(
        FaceEncoding.student_id.in_(student_uuids),
        FaceEncoding.model_name == model_name,
        FaceEncoding.source_sha256.is_not(None),
    )
    for student_uuid, digest in session.execute(stmt):
        if digest is not None:
            found[student_uuid].add(digest)
    return found


def students_with_model(session: Session, model_name: str) -> set[uuid.UUID]:
    """The students holding at least one encoding made by ``model_name``."""
    stmt = select(FaceEncoding.student_id).where(FaceEncoding.model_name == model_name).distinct()
    return set(session.scalars(stmt))


def student_encodings(session: Session, student_uuid: uuid.UUID) -> list[EncodingInfo]:
    """A student's encodings, oldest first."""
    stmt = (
        select(
            FaceEncoding.id,
            FaceEncoding.model_name,
            FaceEncoding.source,
            FaceEncoding.created_at,
            FaceEncoding.quality,
            FaceEncoding.source_sha256,
        )
        .where(FaceEncoding.student_id == student_uuid)
        .order_by(FaceEncoding.id)
    )
    return [EncodingInfo(r[0], r[1], r[2], r[3], r[4], r[5] is not None) for r in session.execute(stmt)]


def delete_encoding(
    session: Session, student_uuid: uuid.UUID, encoding_id: int, *, actor: str | None
) -> None:
    """Delete one of a student's encodings (audited; kiosks drop it from their index)."""
    student = session.get(Student, student_uuid)
    if student is None:
        raise NotFound("That student no longer exists.")
    row = session.get(FaceEncoding, encoding_id)
    if row is None or row.student_id != student_uuid:
        raise NotFound(
            f"{student.name} ({student.student_id}) has no face encoding {encoding_id}.",
            f"List them with `kiosk faces list {student.student_id}`.",
        )
    model, source = row.model_name, row.source
    session.execute(delete(FaceEncoding).where(FaceEncoding.id == encoding_id))
    audit.record(
        session,
        actor=actor,
        action="encoding_deleted",
        entity="student",
        entity_id=student.student_id,
        details={"encoding": encoding_id, "model": model, "source": source},
    )
    # "enrolled": the student's face data changed; each kiosk reloads their vectors.
    announce(session, RosterChange(class_code_of(session, student.class_id), student_uuid, "enrolled"))
