"""FAISS face-index benchmark: search latency, recall and memory at several gallery sizes.

Synthetic but clustered data: ``size / per_identity`` identities, each a random unit
centre in ``dim`` dimensions with ``per_identity`` noisy enrolled samples (noise chosen so
two photos of one person have cosine similarity around 0.7, like Facenet512 genuine
pairs; different people are near 0). Queries are fresh noisy samples of enrolled
identities, searched one at a time, as the kiosk does.

Every size runs in its own child process so ``ru_maxrss`` (peak resident memory) is that
size's alone. Run:

    .venv/bin/python benchmarks/bench_index.py                      # 200, 1k, 100k, 1M
    .venv/bin/python benchmarks/bench_index.py --sizes 1000,100000  # a subset
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from kiosk.core.matching import l2_normalise
from kiosk.infra.recognition.index import FaceIndex, IndexOptions

MODEL = "Facenet512"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def make_data(
    size: int, dim: int, per_identity: int, n_queries: int, noise: float, seed: int
) -> tuple[NDArray[np.float32], NDArray[np.int64], NDArray[np.float32], NDArray[np.int64]]:
    rng = np.random.default_rng(seed)
    identities = max(1, size // per_identity)
    centres = rng.standard_normal((identities, dim), dtype=np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    labels = np.arange(size, dtype=np.int64) % identities
    vectors = np.empty((size, dim), dtype=np.float32)
    scale = np.float32(noise / np.sqrt(dim))
    chunk = 50_000
    for start in range(0, size, chunk):
        stop = min(size, start + chunk)
        block = rng.standard_normal((stop - start, dim), dtype=np.float32)
        block *= scale
        block += centres[labels[start:stop]]
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        vectors[start:stop] = block
    q_labels = rng.integers(0, identities, size=n_queries)
    queries = centres[q_labels] + scale * rng.standard_normal((n_queries, dim), dtype=np.float32)
    return vectors, labels, l2_normalise(queries), q_labels


def time_single(index: FaceIndex, queries: NDArray[np.float32], raw: bool) -> tuple[float, float]:
    """Median and p95 milliseconds per query, one query per call."""
    times = []
    for q in queries:
        q2 = q.reshape(1, -1)
        t = time.perf_counter()
        if raw:
            index.search_raw(q2, 1)
        else:
            index.search(q2, MODEL, k=5)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))]


def measure(
    name: str,
    index: FaceIndex,
    queries: NDArray[np.float32],
    q_labels: NDArray[np.int64],
    exact_nn: NDArray[np.int64],
    exact_top_student: list[uuid.UUID],
    n_timed: int,
) -> dict[str, Any]:
    timed = queries[:n_timed]
    time_single(index, timed[: min(10, n_timed)], raw=False)  # warm up
    med, p95 = time_single(index, timed, raw=False)
    raw_med, _ = time_single(index, timed, raw=True)
    t = time.perf_counter()
    _, rows = index.search_raw(queries, 1)
    batch_ms = (time.perf_counter() - t) * 1000 / len(queries)
    results = index.search(queries, MODEL, k=5)
    top = [r[0][0] for r in results]
    truth = [uuid.UUID(int=int(x) + 1) for x in q_labels]
    return {
        "index": name,
        "ms_per_query_median": round(med, 4),
        "ms_per_query_p95": round(p95, 4),
        "ms_raw_faiss_k1_median": round(raw_med, 4),
        "ms_per_query_batched": round(batch_ms, 4),
        "recall_at_1_vs_exact": float(np.mean(rows[:, 0] == exact_nn)),
        "top1_student_agrees_with_exact": float(
            np.mean([a == b for a, b in zip(top, exact_top_student, strict=True)])
        ),
        "top1_student_correct": float(np.mean([a == b for a, b in zip(top, truth, strict=True)])),
        "timed_queries": len(timed),
    }


def run_one(size: int, args: argparse.Namespace) -> list[dict[str, Any]]:
    t = time.perf_counter()
    vectors, labels, queries, q_labels = make_data(
        size, args.dim, args.per_identity, args.queries, args.noise, seed=size
    )
    gen_s = time.perf_counter() - t
    students = [uuid.UUID(int=int(x) + 1) for x in labels]
    n_timed = args.queries if size <= 200_000 else min(args.queries, 50)
    out: list[dict[str, Any]] = []
    base = {
        "size": size,
        "dim": args.dim,
        "identities": max(1, size // args.per_identity),
        "gen_s": round(gen_s, 1),
    }

    t = time.perf_counter()
    exact = FaceIndex.build(vectors, students, MODEL, options=IndexOptions(approximate_above=10**12))
    build_s = time.perf_counter() - t
    t = time.perf_counter()
    _, exact_rows = exact.search_raw(queries, 1)
    exact_nn = exact_rows[:, 0].copy()
    exact_top = [r[0][0] for r in exact.search(queries, MODEL, k=5)]
    row = measure(
        "flat (exact)",
        exact,
        queries,
        q_labels,
        exact_nn,
        exact_top,
        min(n_timed, 20 if size > 200_000 else n_timed),
    )
    row.update(base, build_s=round(build_s, 2), peak_rss_mb=round(peak_rss_mb(), 0))
    out.append(row)
    print(json.dumps(row), flush=True)
    kinds = [k for k in args.approx.split(",") if k]
    if size < 10_000:
        kinds = []
    for kind in kinds:
        if kind == "hnsw" and size > args.hnsw_max:
            print(
                json.dumps({"size": size, "index": "hnsw", "skipped": f"size > --hnsw-max {args.hnsw_max}"}),
                flush=True,
            )
            continue
        opts = IndexOptions(approximate_above=0, approximate_kind=kind)  # type: ignore[arg-type]
        t = time.perf_counter()
        approx = FaceIndex.build(vectors, students, MODEL, options=opts)
        build_s = time.perf_counter() - t
        sweep = (
            [("hnsw_ef_search", v) for v in (32, 64, 128)]
            if kind == "hnsw"
            else [("ivf_nprobe", v) for v in (16, 32, 64)]
        )
        for field, value in sweep:
            approx.options = replace(opts, **{field: value})
            label = f"{kind} ({f'M={opts.hnsw_m}, ' if kind == 'hnsw' else ''}{field}={value}"
            if kind == "ivf":
                label += f", nlist={approx.faiss_index.nlist}"
            row = measure(label + ")", approx, queries, q_labels, exact_nn, exact_top, n_timed)
            row.update(base, build_s=round(build_s, 2), peak_rss_mb=round(peak_rss_mb(), 0))
            out.append(row)
            print(json.dumps(row), flush=True)
        del approx
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="200,1000,100000,1000000")
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--per-identity", type=int, default=10)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--noise", type=float, default=0.65)
    parser.add_argument("--approx", default="hnsw,ivf", help="approximate kinds to try (sizes >= 10k)")
    parser.add_argument(
        "--hnsw-max", type=int, default=200_000, help="skip HNSW above this size (build time)"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        run_one(args.one, args)
        return
    for size in [int(s) for s in args.sizes.split(",")]:
        cmd = [sys.executable, __file__, "--one", str(size)]
        for flag in ("dim", "per_identity", "queries", "noise", "approx", "hnsw_max"):
            cmd += [f"--{flag.replace('_', '-')}", str(getattr(args, flag))]
        subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
