"""District-size galleries: read by binary COPY, searched by the district index (small here)."""

from __future__ import annotations

import uuid

import numpy as np
import pytest
from sqlalchemy import create_engine

from kiosk.core.errors import ModelMismatch
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import encodings, synthetic
from kiosk.infra.db.repo.gallery_arrays import load_gallery_arrays
from kiosk.infra.recognition.district_index import DistrictIndex
from kiosk.infra.recognition.index import FaceIndex, IndexOptions


def _clustered(identities: int, per: int, dim: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((identities, dim)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    rows = np.arange(identities * per) % identities
    vectors = centres[rows] + 0.65 / np.sqrt(dim) * rng.standard_normal((len(rows), dim)).astype(np.float32)
    return vectors.astype(np.float32), centres


@pytest.mark.parametrize("float16", [False, True])
@pytest.mark.parametrize("dim", [512, 128])
def test_the_district_index_finds_who_the_exact_index_finds(float16: bool, dim: int) -> None:
    vectors, centres = _clustered(2000, 3, dim)
    students = [uuid.UUID(int=i % 2000 + 1) for i in range(len(vectors))]
    exact = FaceIndex.build(vectors, students, "M", options=IndexOptions(approximate_above=10**9))
    district = DistrictIndex.build(vectors * 3.0, students, "M", float16=float16)  # lengths do not matter
    rng = np.random.default_rng(2)
    queries = centres[:200] + 0.65 / np.sqrt(dim) * rng.standard_normal((200, dim)).astype(np.float32)
    want = [c[0] for c in exact.search(queries, "M", k=5)]
    got = [c[0] for c in district.search(queries, "M", k=5)]
    assert np.mean([g[0] == w[0] for g, w in zip(got, want, strict=True)]) >= 0.99
    assert all(abs(g[1] - w[1]) < 0.01 for g, w in zip(got, want, strict=True) if g[0] == w[0])
    assert district.memory_bytes <= exact.size * (
        dim * (2 if float16 else 4) + 56
    )  # vectors, code, label, length, encoding id
    with pytest.raises(ModelMismatch):
        district.search(queries[0], "Other", k=1)


def test_a_student_leaves_and_joins_the_district_index_in_place() -> None:
    vectors, _ = _clustered(300, 3, 512)
    students = [uuid.UUID(int=i % 300 + 1) for i in range(len(vectors))]
    district = DistrictIndex.build(vectors, students, "M", float16=True)
    gone = uuid.UUID(int=8)
    assert district.remove_student(gone) == 3 and district.size == 897
    assert district.search(vectors[7], "M", k=1)[0][0][0] != gone
    assert district.search(vectors[9], "M", k=1)[0][0][0] == uuid.UUID(int=10)
    assert district.add_student(gone, vectors[[7, 307]]) == 2
    assert district.search(vectors[607], "M", k=1)[0][0][0] == gone


@pytest.mark.postgres
def test_binary_copy_reads_what_load_gallery_reads(pg_url: str) -> None:
    engine = create_engine(pg_url)
    rng = np.random.default_rng(4)
    blocks = [rng.standard_normal((500, 512)).astype(np.float32) for _ in range(2)]
    try:
        with unit_of_work(session_factory(engine)) as s:
            synthetic.add_synthetic_class(s, "DIST", n_students=250, model_name="M512", vector_blocks=blocks)
        with unit_of_work(session_factory(engine)) as s:
            arrays = load_gallery_arrays(s, "M512", class_code="DIST")
            rows = encodings.load_gallery(s, "M512", class_code="DIST")
            empty = load_gallery_arrays(s, "nobody")
    finally:
        engine.dispose()
    assert arrays.size == rows.size == 1000 and empty.size == 0
    order = np.argsort(arrays.encoding_ids)
    assert list(arrays.encoding_ids[order]) == list(rows.encoding_ids)
    assert np.array_equal(np.asarray(arrays.vectors)[order], rows.vectors)
    assert [uuid.UUID(bytes=bytes(b)) for b in arrays.students[order]] == list(rows.student_ids)
    assert np.allclose(arrays.norms[order], np.linalg.norm(rows.vectors, axis=1))
