from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from kiosk.core.errors import ModelMismatch
from kiosk.core.matching import decide, l2_normalise
from kiosk.infra.recognition.index import (
    CacheCorrupt,
    FaceIndex,
    IndexCache,
    IndexOptions,
    fingerprint_encodings,
    fingerprint_vectors,
)

MODEL = "Facenet512"
DIM = 64


def gallery(
    people: int, per_person: int, noise: float = 0.5, seed: int = 0, dim: int = DIM
) -> tuple[NDArray[np.float32], list[uuid.UUID], NDArray[np.float32]]:
    """Clustered unit vectors: ``people`` identities with ``per_person`` noisy photos each."""
    rng = np.random.default_rng(seed)
    centres = l2_normalise(rng.standard_normal((people, dim)))
    rows = np.repeat(centres, per_person, axis=0)
    vectors = l2_normalise(rows + noise / np.sqrt(dim) * rng.standard_normal(rows.shape))
    students = [uuid.UUID(int=i // per_person + 1) for i in range(people * per_person)]
    return vectors, students, centres


def test_exact_index_for_small_gallery_finds_the_right_student() -> None:
    vectors, students, centres = gallery(40, 5)
    index = FaceIndex.build(vectors, students, MODEL)
    assert index.kind == "flat"
    assert (index.size, index.dim, len(index.students)) == (200, DIM, 40)
    results = index.search(centres, MODEL, k=3)
    assert [r[0][0] for r in results] == [uuid.UUID(int=i + 1) for i in range(40)]
    for r in results:
        assert len(r) == 3
        assert len({s for s, _ in r}) == 3  # one entry per student
        sims = [s for _, s in r]
        assert sims == sorted(sims, reverse=True)


def test_search_aggregates_per_student_with_best_photo() -> None:
    a, b = uuid.UUID(int=1), uuid.UUID(int=2)
    vectors = np.array([[1.0, 0.0], [0.9, 0.1], [0.8, 0.2], [0.0, 1.0]], dtype=np.float32)
    index = FaceIndex.build(vectors, [a, a, a, b], MODEL)
    (result,) = index.search(np.array([[1.0, 0.0]]), MODEL, k=5)
    assert [s for s, _ in result] == [a, b]
    assert result[0][1] == pytest.approx(1.0)
    assert result[1][1] == pytest.approx(0.0, abs=1e-6)


def test_search_normalises_queries_and_accepts_one_vector() -> None:
    vectors, students, centres = gallery(10, 3)
    index = FaceIndex.build(vectors * 7.0, students, MODEL)  # stored scaled: normalised on build
    (result,) = index.search(centres[4] * 3.0, MODEL, k=1)
    assert result[0][0] == uuid.UUID(int=5)
    assert -1.0 <= result[0][1] <= 1.0001


def test_results_feed_decide() -> None:
    vectors, students, centres = gallery(20, 4, noise=0.3)
    index = FaceIndex.build(vectors, students, MODEL)
    (cands,) = index.search(centres[7], MODEL, k=5)
    d = decide(cands, threshold=0.6, margin=0.05)
    assert d.student_uuid == uuid.UUID(int=8)
    rng = np.random.default_rng(9)
    (stranger,) = index.search(rng.standard_normal(DIM), MODEL, k=5)
    assert decide(stranger, threshold=0.6, margin=0.05).student_uuid is None


def test_other_model_refused() -> None:
    vectors, students, _ = gallery(5, 2)
    index = FaceIndex.build(vectors, students, MODEL)
    with pytest.raises(ModelMismatch):
        index.search(vectors[:1], "Dlib")


def test_other_dimension_refused() -> None:
    vectors, students, _ = gallery(5, 2)
    index = FaceIndex.build(vectors, students, MODEL)
    with pytest.raises(ModelMismatch):
        index.search(np.ones((1, DIM + 1), np.float32), MODEL)


def test_empty_gallery_answers_nothing() -> None:
    index = FaceIndex.build(np.zeros((0, DIM), np.float32), [], MODEL)
    assert index.search(np.ones((2, DIM)), MODEL) == [[], []]
    assert decide(index.search(np.ones(DIM), MODEL)[0], 0.6, 0.05).student_uuid is None


def test_zero_or_nan_rows_are_left_out_not_matched() -> None:
    vectors, students, centres = gallery(5, 2)
    damaged = vectors.copy()
    damaged[0] = 0.0  # e.g. a row damaged in storage
    damaged[3] = np.nan
    index = FaceIndex.build(damaged, students, MODEL)
    assert index.size == len(students) - 2
    best = index.search(centres[1], MODEL, k=1)[0][0][0]
    assert best == students[2]  # the other students are still found


def test_bad_input_refused() -> None:
    vectors, students, _ = gallery(5, 2)
    with pytest.raises(ValueError):
        FaceIndex.build(vectors, students[:-1], MODEL)
    with pytest.raises(ValueError):
        FaceIndex.build(vectors[0], students[:1], MODEL)
    with pytest.raises(ValueError):
        FaceIndex.build(vectors, students, MODEL).search(vectors, MODEL, k=0)


@pytest.mark.parametrize("kind", ["hnsw", "ivf"])
def test_approximate_index_chosen_above_size_and_recall_close_to_exact(kind: str) -> None:
    vectors, students, centres = gallery(2000, 5, noise=0.6, dim=128)
    options = IndexOptions(approximate_above=5000, approximate_kind=kind)  # type: ignore[arg-type]
    small = FaceIndex.build(vectors[:5000], students[:5000], MODEL, options=options)
    assert small.kind == "flat"
    approx = FaceIndex.build(vectors, students, MODEL, options=options)
    exact = FaceIndex.build(vectors, students, MODEL)
    assert approx.kind == kind and exact.kind == "flat"
    rng = np.random.default_rng(1)
    queries = l2_normalise(centres + 0.6 / np.sqrt(128) * rng.standard_normal(centres.shape))[:500]
    _, exact_rows = exact.search_raw(queries, 1)
    _, approx_rows = approx.search_raw(queries, 1)
    recall = float(np.mean(exact_rows[:, 0] == approx_rows[:, 0]))
    assert recall >= 0.95
    top_exact = [r[0][0] for r in exact.search(queries, MODEL, k=2)]
    top_approx = [r[0][0] for r in approx.search(queries, MODEL, k=2)]
    assert np.mean([a == b for a, b in zip(top_exact, top_approx, strict=True)]) >= 0.97
    assert np.mean([s == uuid.UUID(int=i + 1) for i, s in enumerate(top_exact)]) >= 0.99


# --- fingerprints and the cache ---------------------------------------------------------


def test_fingerprint_encodings_is_order_free_and_change_sensitive() -> None:
    t0 = datetime(2024, 9, 1, tzinfo=UTC)
    encs = [(uuid.UUID(int=i), t0 + timedelta(minutes=i)) for i in range(5)]
    fp = fingerprint_encodings(encs, MODEL)
    assert fp == fingerprint_encodings(list(reversed(encs)), MODEL)
    assert len(fp) == 64
    assert fp != fingerprint_encodings(encs[:-1], MODEL)
    assert fp != fingerprint_encodings([*encs[:-1], (encs[-1][0], t0)], MODEL)
    assert fp != fingerprint_encodings(encs, "Dlib")


def test_fingerprint_vectors_changes_with_data() -> None:
    vectors, students, _ = gallery(5, 2)
    fp = fingerprint_vectors(vectors, students, MODEL)
    assert fp == fingerprint_vectors(vectors.copy(), list(students), MODEL)
    changed = vectors.copy()
    changed[3, 3] += 1e-3
    assert fp != fingerprint_vectors(changed, students, MODEL)
    assert fp != fingerprint_vectors(vectors, [*students[1:], students[0]], MODEL)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    vectors, students, centres = gallery(30, 3)
    index = FaceIndex.build(vectors, students, MODEL)
    path = tmp_path / "x.npz"
    index.save(path, fingerprint="abc")
    loaded, fp = FaceIndex.load(path)
    assert fp == "abc"
    assert (loaded.model_name, loaded.kind, loaded.size, loaded.dim) == (MODEL, "flat", 90, DIM)
    assert loaded.search(centres, MODEL, k=3) == index.search(centres, MODEL, k=3)


def test_hnsw_round_trip(tmp_path: Path) -> None:
    vectors, students, centres = gallery(300, 2)
    index = FaceIndex.build(
        vectors, students, MODEL, options=IndexOptions(approximate_above=100, approximate_kind="hnsw")
    )
    index.save(tmp_path / "h.npz", fingerprint="f")
    loaded, _ = FaceIndex.load(tmp_path / "h.npz")
    assert loaded.kind == "hnsw"
    assert loaded.search(centres[:20], MODEL) == index.search(centres[:20], MODEL)


class _Loader:
    def __init__(self, vectors: NDArray[np.float32], students: list[uuid.UUID]) -> None:
        self.vectors, self.students, self.calls = vectors, students, 0

    def __call__(self) -> tuple[NDArray[np.float32], list[uuid.UUID]]:
        self.calls += 1
        return self.vectors, self.students


def test_cache_reused_while_fingerprint_unchanged_and_rebuilt_when_changed(tmp_path: Path) -> None:
    vectors, students, centres = gallery(20, 3)
    cache = IndexCache(tmp_path / "cache")
    loader = _Loader(vectors, students)
    first = cache.get_or_build("7B", MODEL, "fp1", loader)
    assert loader.calls == 1
    assert cache.path_for("7B", MODEL).is_file()
    again = cache.get_or_build("7B", MODEL, "fp1", loader)
    assert loader.calls == 1  # served from disk
    assert again is not first
    assert again.search(centres, MODEL) == first.search(centres, MODEL)
    # New encodings: new fingerprint, rebuilt from the loader with the new data.
    more, more_students, _ = gallery(21, 3, seed=5)
    loader.vectors, loader.students = more, more_students
    rebuilt = cache.get_or_build("7B", MODEL, "fp2", loader)
    assert loader.calls == 2
    assert rebuilt.size == 63
    assert cache.get_or_build("7B", MODEL, "fp2", loader).size == 63
    assert loader.calls == 2


def test_cache_keys_by_class_and_model(tmp_path: Path) -> None:
    cache = IndexCache(tmp_path)
    paths = {
        cache.path_for("7B", MODEL),
        cache.path_for("7b", MODEL),
        cache.path_for("7B", "Dlib"),
        cache.path_for("../7B", MODEL),
    }
    assert len(paths) == 4
    assert all(p.parent == tmp_path for p in paths)
    vectors, students, _ = gallery(5, 2)
    cache.get_or_build("7B", MODEL, "fp", _Loader(vectors, students))
    assert cache.load("7B", "Dlib", "fp") is None
    assert cache.load("8C", MODEL, "fp") is None
    assert cache.load("7B", MODEL, "fp") is not None


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: b"not a zip file at all",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw[:-200] + bytes(200),
        lambda raw: raw[:3000] + bytes([raw[3000] ^ 0xFF]) + raw[3001:],
    ],
    ids=["empty", "garbage", "truncated", "zeroed-tail", "flipped-byte"],
)
def test_corrupt_cache_is_ignored_and_rebuilt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage
) -> None:  # type: ignore[no-untyped-def]
    vectors, students, centres = gallery(20, 3)
    cache = IndexCache(tmp_path)
    loader = _Loader(vectors, students)
    good = cache.get_or_build("7B", MODEL, "fp", loader)
    path = cache.path_for("7B", MODEL)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(CacheCorrupt):
        FaceIndex.load(path)
    with caplog.at_level(logging.WARNING, logger="kiosk.infra.recognition.index"):
        rebuilt = cache.get_or_build("7B", MODEL, "fp", loader)
    assert loader.calls == 2
    assert any("damaged" in r.getMessage() for r in caplog.records)
    assert rebuilt.search(centres, MODEL) == good.search(centres, MODEL)
    # ...and the rebuilt file is good again.
    assert cache.get_or_build("7B", MODEL, "fp", loader).size == 60
    assert loader.calls == 2


def test_cache_rebuilds_when_options_ask_for_another_kind(tmp_path: Path) -> None:
    vectors, students, _ = gallery(100, 2)
    loader = _Loader(vectors, students)
    IndexCache(tmp_path).get_or_build("7B", MODEL, "fp", loader)
    approx = IndexCache(tmp_path, IndexOptions(approximate_above=50)).get_or_build("7B", MODEL, "fp", loader)
    assert approx.kind == "ivf"  # the default approximate kind
    assert loader.calls == 2


def test_cached_index_is_encrypted_at_rest_and_refused_with_another_key(tmp_path: Path) -> None:
    import secrets

    from kiosk.infra.offline.keys import VectorCipher

    vectors, students, centres = gallery(10, 3)
    cipher = VectorCipher(secrets.token_bytes(32))
    loader = _Loader(vectors, students)
    cache = IndexCache(tmp_path, cipher=cipher)
    built = cache.get_or_build("7B", MODEL, "fp", loader)
    raw = cache.path_for("7B", MODEL).read_bytes()
    # No enrolled vector appears in the file as float32 bytes.
    assert not any(v.astype("<f4").tobytes()[:32] in raw for v in vectors)
    again = IndexCache(tmp_path, cipher=cipher).get_or_build("7B", MODEL, "fp", loader)
    assert loader.calls == 1  # read back from the encrypted file
    assert again.search(centres, MODEL) == built.search(centres, MODEL)
    # Another key (a restored backup, a copied file) or no key: refused, rebuilt from the database.
    IndexCache(tmp_path, cipher=VectorCipher(secrets.token_bytes(32))).get_or_build("7B", MODEL, "fp", loader)
    assert loader.calls == 2
    with pytest.raises(CacheCorrupt):
        FaceIndex.load(cache.path_for("7B", MODEL))
