"""Measurements for ``kiosk bench``: face pipeline, FAISS search, index rebuild from the database.

Each function measures one thing in this process and returns plain figures; the CLI prints
them. Timings are medians of several runs after a warm-up; peak memory is the process'
``ru_maxrss``. Synthetic face vectors are clustered like real ones (see
:func:`clustered_vectors`); nothing measured here is estimated.
"""

from __future__ import annotations

import logging
import resource
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Engine

from kiosk.app.roster import RosterService
from kiosk.core.errors import KioskError
from kiosk.core.matching import l2_normalise
from kiosk.infra.config import DatabaseSettings, Settings
from kiosk.infra.db import schema
from kiosk.infra.db.engine import (
    build_engine_for_url,
    parse_database_url,
    safe_url,
    session_factory,
    unit_of_work,
)
from kiosk.infra.db.repo import synthetic
from kiosk.infra.recognition.index import FaceIndex, IndexOptions
from kiosk.infra.recognition.profiles import ModelProfile

log = logging.getLogger(__name__)

BENCH_MODEL_PREFIX = "kiosk-bench-"  # model name of the throwaway encodings: never a real model


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up: first calls pay for lazy initialisation
    times = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def letterbox(img: NDArray[np.uint8], width: int, height: int) -> NDArray[np.uint8]:
    """Fit ``img`` into a width x height frame, padding with grey (a camera-sized frame)."""
    scale = min(width / img.shape[1], height / img.shape[0])
    size = (round(img.shape[1] * scale), round(img.shape[0] * scale))
    resized = cv2.resize(img, size, interpolation=cv2.INTER_AREA)
    frame = np.full((height, width, 3), 96, dtype=np.uint8)
    y, x = (height - resized.shape[0]) // 2, (width - resized.shape[1]) // 2
    frame[y : y + resized.shape[0], x : x + resized.shape[1]] = resized
    return frame


# --- face pipeline ----------------------------------------------------------------------


@dataclass(frozen=True)
class PipelineTiming:
    profile: str
    load_s: float  # building both models, first time in this process
    frame: str
    faces_in_frame: int
    detect_ms_per_frame: float
    embed_ms_batch1: float  # per face
    embed_ms_batch10: float  # per face


def bench_pipeline(
    settings: Settings, profile: ModelProfile, frame_photo: Path, portrait: Path, repeat: int
) -> PipelineTiming:
    """Detection on a 640x360 frame made from ``frame_photo``; embedding of the face of
    ``portrait`` in batches of 1 and 10."""
    from kiosk.infra.recognition.images import load_image
    from kiosk.infra.recognition.pipeline import FacePipeline

    start = time.perf_counter()
    pipeline = FacePipeline(settings, profile)
    load_s = time.perf_counter() - start
    frame = letterbox(load_image(frame_photo), 640, 360)
    faces = pipeline.detect(frame)
    portrait_faces = pipeline.detect(load_image(portrait))
    if not portrait_faces:
        raise KioskError(f"No face was found in {portrait}.", "Give a portrait photo with --faces.")
    one = [portrait_faces[0]]
    ten = one * 10
    detect = median_ms(lambda: pipeline.detect(frame), repeat)
    emb1 = median_ms(lambda: pipeline.embed(one), repeat)
    emb10 = median_ms(lambda: pipeline.embed(ten), repeat) / 10
    return PipelineTiming(profile.name, load_s, "640x360", len(faces), detect, emb1, emb10)


# --- FAISS search -----------------------------------------------------------------------


def clustered_vectors(
    size: int, dim: int, *, per_identity: int = 10, n_queries: int = 200, noise: float = 0.65, seed: int = 0
) -> tuple[NDArray[np.float32], list[uuid.UUID], NDArray[np.float32]]:
    """``size`` unit vectors, ``per_identity`` noisy samples around each of ``size /
    per_identity`` random centres (two samples of one identity have cosine ~0.7, different
    identities ~0), the student of each row, and fresh noisy queries of enrolled identities."""
    rng = np.random.default_rng(seed)
    identities = max(1, size // per_identity)
    centres = rng.standard_normal((identities, dim), dtype=np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    labels = np.arange(size, dtype=np.int64) % identities
    scale = np.float32(noise / np.sqrt(dim))
    vectors = np.empty((size, dim), dtype=np.float32)
    for lo in range(0, size, 50_000):  # in blocks: memory stays at one copy of the gallery
        hi = min(size, lo + 50_000)
        block = rng.standard_normal((hi - lo, dim), dtype=np.float32) * scale + centres[labels[lo:hi]]
        vectors[lo:hi] = block / np.linalg.norm(block, axis=1, keepdims=True)
    owners = [uuid.UUID(int=int(i) + 1) for i in range(identities)]
    students = [owners[i] for i in labels]
    q_labels = rng.integers(0, identities, size=n_queries)
    queries = centres[q_labels] + scale * rng.standard_normal((n_queries, dim), dtype=np.float32)
    return vectors, students, l2_normalise(queries)


@dataclass(frozen=True)
class SearchTiming:
    size: int
    dim: int
    kind: str  # flat (exact), hnsw, ivf
    build_s: float
    ms_per_query: float  # median, one query per call through FaceIndex.search (k=5)
    recall_at_1: float  # nearest vector equals the exact index's nearest vector


def _ms_per_query(index: FaceIndex, queries: NDArray[np.float32], model: str) -> float:
    for q in queries[:5]:  # warm-up
        index.search(q, model, k=5)
    times = []
    for q in queries:
        start = time.perf_counter()
        index.search(q, model, k=5)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_search(
    size: int, dim: int, *, approximate: tuple[str, ...] = ("hnsw",), n_queries: int = 200
) -> list[SearchTiming]:
    """Exact search, then each approximate kind, on one clustered gallery of ``size``."""
    model = f"{BENCH_MODEL_PREFIX}{dim}"
    vectors, students, queries = clustered_vectors(size, dim, n_queries=n_queries, seed=size)
    start = time.perf_counter()
    exact = FaceIndex.build(vectors, students, model, options=IndexOptions(approximate_above=10**12))
    build_s = time.perf_counter() - start
    _, exact_rows = exact.search_raw(queries, 1)
    # Exact search at a million takes ~0.1 s a query: time fewer of them.
    timed = queries[: 20 if size > 200_000 else n_queries]
    out = [SearchTiming(size, dim, "flat", build_s, _ms_per_query(exact, timed, model), 1.0)]
    del exact
    for kind in approximate:
        options = IndexOptions(approximate_above=0, approximate_kind=kind)  # type: ignore[arg-type]
        start = time.perf_counter()
        approx = FaceIndex.build(vectors, students, model, options=options)
        build_s = time.perf_counter() - start
        _, rows = approx.search_raw(queries, 1)
        recall = float(np.mean(rows[:, 0] == exact_rows[:, 0]))
        out.append(SearchTiming(size, dim, kind, build_s, _ms_per_query(approx, queries, model), recall))
        del approx
    return out


# --- rebuilding the index from the database ---------------------------------------------


@dataclass(frozen=True)
class RebuildTiming:
    database: str  # dialect name
    encodings: int
    dim: int
    insert_s: float  # writing the throwaway encodings (not part of a rebuild)
    load_s: float  # encodings.load_gallery: query and one numpy.frombuffer
    build_s: float  # FaceIndex.build, exact (flat)
    approx_kind: str | None = None
    approx_build_s: float | None = None  # FaceIndex.build with the default options (approximate)

    @property
    def rebuild_s(self) -> float:
        return self.load_s + self.build_s


def _insert_encodings(engine: Engine, n: int, dim: int, model: str, per_student: int) -> str:
    """Insert a throwaway class, n / per_student consenting students and n encodings."""
    rng = np.random.default_rng(dim)
    code = f"BENCH-{uuid.uuid4().hex[:8]}"
    blocks = (
        l2_normalise(rng.standard_normal((min(n, lo + 10_000) - lo, dim), dtype=np.float32))
        for lo in range(0, n, 10_000)
    )
    with unit_of_work(session_factory(engine)) as session:
        synthetic.add_synthetic_class(
            session, code, n_students=max(1, n // per_student), model_name=model, vector_blocks=blocks
        )
    return code


def _remove(engine: Engine, code: str) -> None:
    with unit_of_work(session_factory(engine)) as session:
        synthetic.remove_synthetic_class(session, code)


def bench_rebuild(
    engine: Engine, n: int, dim: int, *, per_student: int = 10, approximate: bool = False
) -> RebuildTiming:
    """Insert ``n`` random encodings of ``dim`` numbers, then time the rebuild the kiosk does:
    ``load_gallery`` + ``FaceIndex.build``. The throwaway rows are removed afterwards.

    The encodings are tagged with a model name of their own, so a real gallery in the same
    database is neither read nor changed.
    """
    model = f"{BENCH_MODEL_PREFIX}{dim}"
    start = time.perf_counter()
    code = _insert_encodings(engine, n, dim, model, per_student)
    insert_s = time.perf_counter() - start
    try:
        roster = RosterService(engine)
        roster.gallery(model, class_code=code)  # warm-up: connection and statement caches
        start = time.perf_counter()
        gallery = roster.gallery(model, class_code=code)
        load_s = time.perf_counter() - start
        if len(gallery.student_ids) != n:
            raise KioskError(f"The benchmark read back {len(gallery.student_ids)} encodings instead of {n}.")
        exact = IndexOptions(approximate_above=10**12)
        start = time.perf_counter()
        FaceIndex.build(gallery.vectors, gallery.student_ids, model, options=exact)
        build_s = time.perf_counter() - start
        approx_kind = approx_s = None
        if approximate:
            options = IndexOptions()
            approx_kind = options.kind_for(n)
            start = time.perf_counter()
            FaceIndex.build(gallery.vectors, gallery.student_ids, model, options=options)
            approx_s = time.perf_counter() - start
    finally:
        _remove(engine, code)
    return RebuildTiming(engine.dialect.name, n, dim, insert_s, load_s, build_s, approx_kind, approx_s)


@dataclass(frozen=True)
class RebuildDatabase:
    """The database the rebuild is timed on; ``where`` says which, for people."""

    where: str
    engine: Engine

    def measure(self, n: int, dim: int) -> RebuildTiming:
        return bench_rebuild(self.engine, n, dim)


@contextmanager
def rebuild_database(url: str | None, scratch_dir: Path) -> Iterator[RebuildDatabase]:
    """The database at ``url`` (a scratch one, not a school's), or a temporary SQLite file in
    ``scratch_dir``; its schema brought up to date; closed afterwards."""
    parsed = parse_database_url(url or f"sqlite:///{scratch_dir / 'bench.db'}")
    engine = build_engine_for_url(parsed, DatabaseSettings())
    try:
        schema.upgrade(engine)
        yield RebuildDatabase(safe_url(parsed) if url else "a temporary SQLite file", engine)
    finally:
        engine.dispose()
