"""The offline cache's gallery with a malformed row: skipped and reported, or the whole cached
gallery refused as unreadable (so the store rebuilds it), never a numpy ValueError."""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path

import numpy as np
import pytest

from kiosk.infra.offline.cache import CacheUnreadable, LocalCache, _gallery_context
from kiosk.infra.offline.keys import VectorCipher

MODEL = "Facenet512"


def cache_with_gallery(
    tmp_path: Path, plain: bytes, n_students: int, dim: int
) -> tuple[LocalCache, list[uuid.UUID]]:
    cipher = VectorCipher(os.urandom(32))
    cache = LocalCache.open(tmp_path / "cache", cipher)
    students = [uuid.uuid4() for _ in range(n_students)]
    with cache._db.transaction() as conn:
        conn.execute("INSERT INTO classes VALUES ('9B', 'Biology 9B', NULL, NULL)")
        conn.execute(
            "INSERT INTO galleries VALUES ('9B', ?, 'fp', ?, ?, ?, ?)",
            (
                MODEL,
                dim,
                b"".join(s.bytes for s in students),
                np.arange(n_students, dtype="<i8").tobytes(),
                cipher.encrypt(plain, _gallery_context("9B", MODEL, "fp")),
            ),
        )
    return cache, students


def test_a_cached_gallery_of_the_wrong_size_is_unreadable_not_a_crash(tmp_path: Path) -> None:
    cache, _ = cache_with_gallery(tmp_path, np.ones(2 * 512, dtype="<f4").tobytes() + b"\x00" * 5, 2, 512)
    try:
        with pytest.raises(CacheUnreadable):
            cache.gallery("9B", MODEL)
    finally:
        cache.close()


def test_a_cached_row_that_is_not_finite_is_skipped_and_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    matrix = np.ones((3, 512), dtype="<f4")
    matrix[1, 7] = np.inf
    cache, students = cache_with_gallery(tmp_path, matrix.tobytes(), 3, 512)
    try:
        with caplog.at_level(logging.WARNING):
            gallery = cache.gallery("9B", MODEL)
    finally:
        cache.close()
    assert gallery is not None
    assert gallery.student_ids == (students[0], students[2])
    assert gallery.vectors.shape == (2, 512)
    assert gallery.skipped == (1,)
    assert any("not finite" in r.getMessage() for r in caplog.records)
