"""A whole school's or district's encodings in one read: binary ``COPY`` straight into numpy.

:func:`kiosk.infra.db.repo.encodings.load_gallery` builds one Python row per encoding, which
is fine for a class and too slow for 100,000 students x 3 encodings (about 5 s for 300k rows
here). On PostgreSQL this module streams ``COPY (SELECT id, student, vector) TO STDOUT
(FORMAT BINARY)``: every row has the same length (the database CHECK ties the vector's bytes
to its dimension, and one dimension is asked for), so the stream is read as one numpy
structured array, with no Python object per row. Elsewhere (SQLite, or encodings of mixed
lengths, which ``load_gallery`` reports one by one) it falls back to ``load_gallery``.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from psycopg import sql
from sqlalchemy import BigInteger, bindparam, func, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from kiosk.infra.db.models import FaceEncoding, SchoolClass, Student
from kiosk.infra.db.repo.encodings import load_gallery

_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
_HEADER = len(_SIGNATURE) + 8  # flags and header-extension length (both 0 here)


@dataclass(frozen=True)
class GalleryArrays:
    """Encodings as arrays: row ``i`` is ``vectors[i]`` of ``students[i]`` (16-byte UUIDs)."""

    model_name: str
    vectors: npt.NDArray[np.float32]  # (n, dim); may be a strided view into the read buffer
    students: npt.NDArray[np.void]  # (n,) 16-byte UUIDs
    encoding_ids: npt.NDArray[np.int64]
    fingerprint: str
    norms: npt.NDArray[np.float32]  # the length of each vector (all finite: other rows are left out)

    @property
    def size(self) -> int:
        return len(self.encoding_ids)

    def student_uuids(self) -> list[uuid.UUID]:
        return [uuid.UUID(bytes=bytes(b)) for b in self.students]


def _fingerprint(model_name: str, ids: npt.NDArray[np.int64], students: npt.NDArray[np.void]) -> str:
    order = np.argsort(ids, kind="stable")  # COPY has no ORDER BY: sorting 600 MB would spill to disk
    digest = hashlib.sha256(f"gallery-arrays/{model_name}".encode())
    digest.update(np.ascontiguousarray(ids[order], dtype="<i8").tobytes())
    digest.update(np.ascontiguousarray(students[order]).tobytes())
    return digest.hexdigest()


def load_gallery_arrays(
    session: Session,
    model_name: str,
    *,
    class_code: str | None = None,
    only_ids: npt.NDArray[np.int64] | None = None,
) -> GalleryArrays:
    """Every encoding of ``model_name`` of active, consenting students (of one class if given;
    of these encoding ids if given: the ones a kiosk's index files lack)."""
    conn = session.connection()
    base = (
        select(FaceEncoding.dimension, func.count())
        .join(Student, FaceEncoding.student_id == Student.id)
        .where(
            FaceEncoding.model_name == model_name,
            Student.is_active.is_(True),
            Student.consent_given.is_(True),
        )
        .group_by(FaceEncoding.dimension)
    )
    if only_ids is not None and conn.dialect.name == "postgresql":  # one array parameter, any length
        ids = bindparam("only_ids", [int(i) for i in only_ids], type_=postgresql.ARRAY(BigInteger))
        base = base.where(FaceEncoding.id == func.any(ids))
    if class_code is not None:
        base = base.join(SchoolClass, Student.class_id == SchoolClass.id).where(
            SchoolClass.code == class_code
        )
    dims = session.execute(base).all()
    if conn.dialect.name != "postgresql" or len(dims) > 1:
        return _from_rows(session, model_name, class_code, only_ids)
    if not dims:
        empty = np.zeros(0, dtype="V16")
        return GalleryArrays(
            model_name,
            np.zeros((0, 0), np.float32),
            empty,
            np.zeros(0, np.int64),
            _fingerprint(model_name, np.zeros(0, np.int64), empty),
            np.zeros(0, np.float32),
        )
    dim = int(dims[0][0])
    query = sql.SQL(
        "COPY (SELECT e.id, e.student_id, e.vector FROM face_encodings e JOIN students s ON s.id = e.student_id"
        "{join} WHERE e.model_name = {model} AND e.dimension = {dim} AND s.is_active AND s.consent_given{where}"
        "{ids}) TO STDOUT (FORMAT BINARY)"
    ).format(
        ids=sql.SQL("")
        if only_ids is None
        else sql.SQL(" AND e.id = ANY({})").format(sql.Literal([int(i) for i in only_ids])),
        join=sql.SQL(" JOIN classes c ON c.id = s.class_id" if class_code is not None else ""),
        model=sql.Literal(model_name),
        dim=sql.Literal(dim),
        where=sql.SQL(" AND c.code = {}").format(sql.Literal(class_code))
        if class_code is not None
        else sql.SQL(""),
    )
    raw: Any = conn.connection.dbapi_connection
    buffer = bytearray()
    with raw.cursor() as cursor, cursor.copy(query) as copy:
        for chunk in copy:
            buffer += chunk
    return _parse(model_name, buffer, dim)


def _parse(model_name: str, buffer: bytearray, dim: int) -> GalleryArrays:
    if bytes(buffer[: len(_SIGNATURE)]) != _SIGNATURE:
        raise ValueError("PostgreSQL sent a COPY stream of an unknown format")
    row = np.dtype(
        [
            ("fields", ">i2"),
            ("id_len", ">i4"),
            ("id", ">i4"),
            ("sid_len", ">i4"),
            ("sid", "V16"),
            ("vec_len", ">i4"),
            ("vec", "<f4", (dim,)),
        ]
    )
    body = len(buffer) - _HEADER - 2  # the stream ends with a field count of -1
    if body % row.itemsize:
        raise ValueError("PostgreSQL sent rows of unexpected lengths")
    rows = np.frombuffer(buffer, dtype=row, count=body // row.itemsize, offset=_HEADER)
    if len(rows) and not (
        (rows["fields"] == 3).all() and (rows["vec_len"] == 4 * dim).all() and (rows["sid_len"] == 16).all()
    ):
        raise ValueError("PostgreSQL sent rows of unexpected shapes")
    ids = rows["id"].astype(np.int64)
    vectors = rows["vec"]
    students = rows["sid"]
    # One pass gives the lengths the index needs and finds NaN/infinite rows (their sum is not finite).
    norms = np.sqrt(np.einsum("ij,ij->i", vectors, vectors, dtype=np.float32))
    finite = np.isfinite(norms)
    if not finite.all():  # one bad row must not stop the school (load_gallery reports them by id)
        vectors, students, ids, norms = vectors[finite], students[finite], ids[finite], norms[finite]
    return GalleryArrays(model_name, vectors, students, ids, _fingerprint(model_name, ids, students), norms)


def _from_rows(
    session: Session, model_name: str, class_code: str | None, only_ids: npt.NDArray[np.int64] | None
) -> GalleryArrays:
    g = load_gallery(session, model_name, class_code=class_code)
    students = np.frombuffer(b"".join(s.bytes for s in g.student_ids), dtype="V16")
    ids = np.asarray(g.encoding_ids, dtype=np.int64)
    vectors = g.vectors
    if only_ids is not None:
        wanted = np.isin(ids, only_ids)
        vectors, students, ids = vectors[wanted], students[wanted], ids[wanted]
    norms = np.linalg.norm(vectors, axis=1).astype(np.float32) if len(ids) else np.zeros(0, np.float32)
    return GalleryArrays(model_name, vectors, students, ids, _fingerprint(model_name, ids, students), norms)


@dataclass(frozen=True)
class Membership:
    """Who is in a gallery now, without the vectors: encoding ids and their students (16 bytes)."""

    encoding_ids: npt.NDArray[np.int64]
    students: npt.NDArray[np.void]
    dim: int  # 0: nobody (or encodings of mixed lengths: load the arrays, they report them)
    fingerprint: str  # as :func:`membership_fingerprint` gives it, of the same snapshot


_FINGERPRINT = (
    "SELECT count(*), coalesce(sum(hashtextextended(e.id::text || '/' || e.student_id::text, 0)::numeric), 0)"
    " FROM face_encodings e JOIN students s ON s.id = e.student_id"
    " WHERE e.model_name = :model AND s.is_active AND s.consent_given"
)


def membership_fingerprint(session: Session, model_name: str) -> str:
    """One row standing for the whole membership (PostgreSQL: ~0.1 s at 300k rows, nothing sent).

    A sum of 64-bit hashes of (encoding id, student): it changes whenever a row comes or goes.
    Elsewhere the list is small: the fingerprint is left empty and the list is always read."""
    if session.connection().dialect.name != "postgresql":
        return ""
    count, total = session.execute(text(_FINGERPRINT), {"model": model_name}).one()
    return f"{count}:{total}"


def load_membership(session: Session, model_name: str, *, student: uuid.UUID | None = None) -> Membership:
    """The encodings of ``model_name`` of active, consenting students: ids and owners only.

    What an index kept on disk is checked against: 24 bytes a row, never the vectors, so the
    server reads no TOAST (0.4 s for 300k rows where the vectors take 1.2 s more)."""
    conditions = [
        FaceEncoding.model_name == model_name,
        Student.is_active.is_(True),
        Student.consent_given.is_(True),
    ]
    if student is not None:
        conditions.append(FaceEncoding.student_id == student)
    joined = select(FaceEncoding.dimension).join(Student, FaceEncoding.student_id == Student.id)
    conn = session.connection()
    dims = session.execute(joined.where(*conditions).distinct()).all()
    dim = int(dims[0][0]) if len(dims) == 1 else 0
    if conn.dialect.name != "postgresql" or student is not None:
        rows = session.execute(
            select(FaceEncoding.id, FaceEncoding.student_id)
            .join(Student, FaceEncoding.student_id == Student.id)
            .where(*conditions)
        ).all()
        ids = np.asarray([r[0] for r in rows], dtype=np.int64)
        owners = np.frombuffer(b"".join(r[1].bytes for r in rows), dtype="V16")
        return Membership(ids, owners, dim, "")
    # One row: every (id, student) as 24 bytes in one bytea, and the fingerprint of the same
    # rows (one statement, one snapshot). A COPY would hand Python one object per row (~1 s at 300k).
    packed, count, total = session.execute(
        text(
            "SELECT coalesce(string_agg(int8send(e.id::int8) || uuid_send(e.student_id), ''::bytea), ''::bytea),"
            " count(*), coalesce(sum(hashtextextended(e.id::text || '/' || e.student_id::text, 0)::numeric), 0)"
            " FROM face_encodings e JOIN students s ON s.id = e.student_id"
            " WHERE e.model_name = :model AND s.is_active AND s.consent_given"
        ),
        {"model": model_name},
    ).one()
    table = np.frombuffer(bytes(packed), dtype=np.dtype([("id", ">i8"), ("sid", "V16")]))
    if len(table) != count:
        raise ValueError("PostgreSQL sent a membership list of an unexpected length")
    return Membership(table["id"].astype(np.int64), table["sid"].copy(), dim, f"{count}:{total}")
