"""The look-alike rule on made-up vectors: suspect pairs, outliers judged against centroids,
recorded pairs reported as such and never as outliers, the ``only`` scope."""

from __future__ import annotations

import uuid

import numpy as np
import pytest

from kiosk.core.lookalikes import check_gallery, looks_like_other, near_match, pair_of

THRESHOLD, MARGIN = 0.9, 0.02


def unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


def person(rng: np.random.Generator, base: np.ndarray, n: int, spread: float = 0.15) -> list[np.ndarray]:
    """``n`` photos of one face: the base direction plus a little noise (similarity about 0.98)."""
    return [unit(base + spread * unit(rng.normal(size=base.size)) * rng.uniform(0.5, 1)) for _ in range(n)]


@pytest.fixture
def faces() -> tuple[dict[str, list[np.ndarray]], dict[str, uuid.UUID]]:
    rng = np.random.default_rng(7)
    bases = {name: unit(rng.normal(size=64)) for name in ("ana", "ben", "cai")}
    photos = {name: person(rng, b, 4) for name, b in bases.items()}
    photos["twin"] = person(rng, bases["ana"], 3)  # Ana's twin: the same face as far as the model knows
    return photos, {name: uuid.uuid4() for name in photos}


def gallery(photos: dict[str, list[np.ndarray]], ids: dict[str, uuid.UUID]):  # type: ignore[no-untyped-def]
    vectors, owners, enc = [], [], []
    for name, vs in photos.items():
        for v in vs:
            vectors.append(v)
            owners.append(ids[name])
            enc.append(len(enc) + 1)
    return np.stack(vectors), owners, enc


def test_near_match_and_looks_like_other() -> None:
    assert near_match(0.9, 0.9, 0.0) and near_match(0.885, 0.9, 0.02) and not near_match(0.87, 0.9, 0.02)
    assert looks_like_other(None, 0.89, 0.9, 0.02) and not looks_like_other(None, 0.8, 0.9, 0.02)
    assert looks_like_other(0.8, 0.79, 0.9, 0.02)  # within the margin of its own centroid
    assert not looks_like_other(0.95, 0.85, 0.9, 0.02)
    assert pair_of(uuid.UUID(int=1), uuid.UUID(int=2)) == pair_of(uuid.UUID(int=2), uuid.UUID(int=1))
    with pytest.raises(ValueError):
        pair_of(uuid.UUID(int=1), uuid.UUID(int=1))


def test_a_clean_gallery_and_a_twin_pair(faces) -> None:  # type: ignore[no-untyped-def]
    photos, ids = faces
    clean = {k: v for k, v in photos.items() if k != "twin"}
    result = check_gallery(*gallery(clean, ids), threshold=THRESHOLD, margin=MARGIN)
    assert result.pairs == () and result.outliers == () and result.problems == 0

    result = check_gallery(*gallery(photos, ids), threshold=THRESHOLD, margin=MARGIN)
    assert [p.pair for p in result.pairs] == [frozenset({ids["ana"], ids["twin"]})]
    assert not result.pairs[0].recorded and result.problems >= 1

    recorded = frozenset({frozenset({ids["ana"], ids["twin"]})})
    result = check_gallery(*gallery(photos, ids), threshold=THRESHOLD, margin=MARGIN, recorded=recorded)
    assert result.pairs[0].recorded and result.outliers == () and result.problems == 0


def test_a_misfiled_photo_is_the_only_outlier(faces) -> None:  # type: ignore[no-untyped-def]
    photos, ids = faces
    photos = {k: list(v) for k, v in photos.items() if k != "twin"}
    misfiled = photos["ana"].pop()
    photos["ben"].append(misfiled)  # one of Ana's photos filed under Ben
    vectors, owners, enc = gallery(photos, ids)
    result = check_gallery(vectors, owners, enc, threshold=THRESHOLD, margin=MARGIN)
    assert len(result.outliers) == 1
    out = result.outliers[0]
    assert out.encoding_id == enc[len(photos["ana"]) + len(photos["ben"]) - 1]
    assert out.student == ids["ben"] and out.nearest_other == ids["ana"]
    assert out.own_similarity is not None and out.other_similarity > out.own_similarity
    assert [p.pair for p in result.pairs] == [frozenset({ids["ana"], ids["ben"]})]
    # Reported only for Cai: nothing (Cai is still compared with everyone).
    assert (
        check_gallery(
            vectors, owners, enc, threshold=THRESHOLD, margin=MARGIN, only=frozenset({ids["cai"]})
        ).problems
        == 0
    )


def test_a_students_only_photo_is_judged_by_the_threshold() -> None:
    rng = np.random.default_rng(3)
    a = unit(rng.normal(size=32))
    ids = [uuid.uuid4(), uuid.uuid4()]
    vectors = np.stack([a, unit(a + 0.05 * rng.normal(size=32)), unit(rng.normal(size=32))])
    result = check_gallery(vectors, [ids[0], ids[0], ids[1]], [1, 2, 3], threshold=THRESHOLD, margin=MARGIN)
    assert result.problems == 0
    result = check_gallery(vectors[:2], [ids[0], ids[1]], [1, 2], threshold=THRESHOLD, margin=MARGIN)
    assert {o.encoding_id for o in result.outliers} == {1, 2} and all(
        o.own_similarity is None for o in result.outliers
    )
    assert (
        check_gallery(np.zeros((0, 4), np.float32), [], [], threshold=THRESHOLD, margin=MARGIN).problems == 0
    )
