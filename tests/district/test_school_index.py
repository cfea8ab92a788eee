"""The school-wide index kept in encrypted files: checked against the database at every rebuild."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, delete, select, update

from kiosk.app.school_index import SchoolIndex
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.models import FaceEncoding, Student
from kiosk.infra.db.repo import synthetic
from kiosk.infra.offline.keys import VectorCipher
from kiosk.infra.recognition.district_files import DistrictFiles, discard_students, shard_of

MODEL = "M512"


def _seed(engine: Engine, n: int = 300, per: int = 3) -> tuple[np.ndarray, list[uuid.UUID]]:
    rng = np.random.default_rng(3)
    centres = rng.standard_normal((n, 512)).astype(np.float32)
    rows = np.arange(n * per) % n
    vectors = centres[rows] + 0.03 * rng.standard_normal((n * per, 512)).astype(np.float32)
    with unit_of_work(session_factory(engine)) as s:
        synthetic.add_synthetic_class(s, "SCH", n_students=n, model_name=MODEL, vector_blocks=[vectors])
    with unit_of_work(session_factory(engine)) as s:
        owners = list(s.scalars(select(FaceEncoding.student_id).order_by(FaceEncoding.id)))
    return centres, owners[:n]  # encoding i belongs to student i % n


def _top(school: SchoolIndex, vector: np.ndarray) -> uuid.UUID | None:
    assert school.index is not None
    found = school.index.search(vector, MODEL, k=1)[0]
    return found[0][0] if found else None


def test_files_are_read_back_and_checked_against_the_database(engine: Engine, tmp_path: Path) -> None:
    centres, owners = _seed(engine)
    files = DistrictFiles(tmp_path / "district", MODEL, VectorCipher(os.urandom(32)))
    first = SchoolIndex(engine, MODEL, files)
    assert first.rebuild().how == "built"
    assert _top(first, centres[5]) == owners[5]
    blobs = b"".join(p.read_bytes() for p in files.folder.iterdir())
    assert centres[5].astype("<f2").tobytes()[:64] not in blobs  # sealed, never plain

    again = SchoolIndex(engine, MODEL, files)
    report = again.rebuild()
    expected = "read" if engine.dialect.name == "postgresql" else "checked"  # SQLite: the list each time
    assert (report.how, report.rows, report.dropped, report.fetched) == (expected, 900, 0, 0)
    assert all(_top(again, centres[i]) == owners[i] for i in range(0, 300, 7))

    # Changes the kiosk never heard of: one student withdraws, one is enrolled again.
    gone, back = owners[8], owners[9]
    with unit_of_work(session_factory(engine)) as s:
        s.execute(update(Student).where(Student.id == gone).values(consent_given=False))
        s.execute(delete(FaceEncoding).where(FaceEncoding.student_id == back))
    with unit_of_work(session_factory(engine)) as s:
        synthetic.add_synthetic_class(
            s, "SCH2", n_students=1, model_name=MODEL, vector_blocks=[centres[[9]] * 2.0]
        )
    newcomer = SchoolIndex(engine, MODEL, files)
    report = newcomer.rebuild()
    assert (report.how, report.rows, report.dropped, report.fetched) == ("checked", 895, 6, 1)
    assert _top(newcomer, centres[8]) != gone
    assert _top(newcomer, centres[9]) not in (back, None)  # the new student with that face
    stored = files.read()
    assert stored is not None
    assert gone.bytes not in {bytes(b) for b in stored[1].students}

    # A change applied while running rewrites one file; the next start checks the list again.
    newcomer.apply_change(owners[10])  # unchanged: same rows come back
    with unit_of_work(session_factory(engine)) as s:
        s.execute(update(Student).where(Student.id == owners[11]).values(consent_given=False))
    newcomer.apply_change(owners[11])
    assert _top(newcomer, centres[11]) != owners[11]
    assert _top(newcomer, centres[10]) == owners[10]
    last = SchoolIndex(engine, MODEL, files).rebuild()
    assert (last.how, last.rows, last.dropped, last.fetched) == ("checked", 892, 0, 0)

    # A withdrawal announced to a kiosk: its store deletes the student's shard at once (no key
    # needed); the next start fetches that shard's other students again and writes it whole.
    with unit_of_work(session_factory(engine)) as s:
        s.execute(update(Student).where(Student.id == owners[12]).values(consent_given=False))
    before = files.read()
    assert before is not None
    (shard,) = files.shards_of([owners[12]])
    shard_rows = int((shard_of(before[1].students) == shard).sum())
    assert discard_students(tmp_path / "district", [owners[12]]) == 2
    assert files.missing_shards()
    after = SchoolIndex(engine, MODEL, files)
    report = after.rebuild()
    assert (report.how, report.rows, report.dropped) == ("checked", 889, 0)
    assert report.fetched == shard_rows - 3  # the shard's other students, fetched again
    assert not files.missing_shards()
    assert _top(after, centres[12]) != owners[12]
    assert all(_top(after, centres[i]) == owners[i] for i in range(13, 300, 5))


def test_a_file_from_another_key_is_rebuilt_from_the_database(engine: Engine, tmp_path: Path) -> None:
    _seed(engine, n=50)
    SchoolIndex(engine, MODEL, DistrictFiles(tmp_path, MODEL, VectorCipher(os.urandom(32)))).rebuild()
    other = SchoolIndex(engine, MODEL, DistrictFiles(tmp_path, MODEL, VectorCipher(os.urandom(32))))
    assert other.rebuild().how == "built"
