"""District benchmarks: changes reaching running kiosks, failover, and district-size galleries.

    .venv/bin/python benchmarks/bench_district.py [--part propagation|failover|gallery|all]

* propagation: 20 kiosk processes (tests/district/kiosk_driver.py) run a session of one class;
  enrollments and consent withdrawals are committed elsewhere; the time from each commit to the
  change being effective in each kiosk (index updated, cache purged), p50/p95/max.
* failover: a primary and a synchronous streaming standby started for the run; 5 kiosks mark
  their classes before, during and after ``pg_ctl stop -m immediate`` of the primary and the
  standby's promotion; marks lost and duplicated (SQL on the promoted server) and each
  kiosk's time back online after the promotion.
* gallery: 100,000 students x 3 encodings x 512-d inserted into a scratch PostgreSQL database
  (``--database``, or a server started for the run); the rebuild from PostgreSQL and the
  search, today's way (load_gallery + the exact FaceIndex, and the IVF the kiosk picks above
  50k) side by side with gallery_arrays + DistrictIndex (float32 kept, and a float16 copy),
  and the design kept (kiosk/app/school_index.py): the index's rows in sealed files, a start
  reading them and checking the membership against PostgreSQL (first start, later starts,
  a start after changes it missed).

Prints a Markdown report; the machine's load average is printed with each part.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "district"), str(ROOT / "tests" / "offline")]

import numpy as np  # noqa: E402
from district_support import DIM, PgBouncer, ReplicatedPair, seed_class, wait_for  # noqa: E402, F401
from kiosk_processes import KioskProcess  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from kiosk.app.bootstrap import open_store  # noqa: E402
from kiosk.app.roster import NewEncoding, RosterService  # noqa: E402
from kiosk.app.school_index import SchoolIndex  # noqa: E402
from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource  # noqa: E402
from kiosk.infra.config import DatabaseSettings, OfflineSettings, load_settings  # noqa: E402
from kiosk.infra.db import schema  # noqa: E402
from kiosk.infra.db.engine import build_engine_for_url, parse_database_url, session_factory, unit_of_work  # noqa: E402
from kiosk.infra.db.repo import synthetic  # noqa: E402
from kiosk.infra.db.repo.gallery_arrays import load_gallery_arrays  # noqa: E402
from kiosk.infra.offline.keys import VectorCipher  # noqa: E402
from kiosk.infra.offline.store import OfflineFirstStore  # noqa: E402
from kiosk.infra.recognition.district_files import DistrictFiles  # noqa: E402
from kiosk.infra.recognition.district_index import DistrictIndex  # noqa: E402
from kiosk.infra.recognition.index import FaceIndex, IndexOptions  # noqa: E402

MODEL = "Facenet512"


def load() -> str:
    return "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


# --- propagation ----------------------------------------------------------------------------


def propagation(kiosks: int, changes: int) -> None:
    print(f"\n## Propagation: {kiosks} kiosk processes, {changes} changes ({load()})\n")
    pair = ReplicatedPair(synchronous=False, max_connections=200)  # the primary alone is used here
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-bench-district-"))
    procs: list[KioskProcess] = []
    engine = create_engine(pair.primary.url)
    try:
        seed_class(pair.primary.url, "9B", n_students=30, enrolled=10)
        vectors = scratch / "vectors"
        vectors.mkdir()
        started = time.monotonic()
        procs = [KioskProcess(pair.primary.url, scratch / f"k{i}", "9B", vectors) for i in range(kiosks)]
        for p in procs:
            p.expect("READY", 300)
        print(f"{kiosks} kiosks running and listening after {time.monotonic() - started:.0f} s\n")
        roster = RosterService(engine)
        rng = np.random.default_rng(3)
        delays: dict[str, list[float]] = {"enrolled": [], "withdrawn": []}
        wrong = 0
        for n in range(changes):
            student = roster.get_student(f"9B-{10 + n // 2:04d}")
            if n % 2 == 0:
                face = rng.normal(size=DIM).astype(np.float32)
                np.save(vectors / f"{student.id.hex}.npy", face)
                committed = time.time()
                roster.store_encodings(
                    student, MODEL, [NewEncoding(face, "bench:1"), NewEncoding(face + 0.05, "bench:2")]
                )
                kind, expect_match = "enrolled", student.id.hex
            else:
                committed = time.time()
                roster.set_consent(student.student_id, given=False, by="bench", actor="bench")
                kind, expect_match = "withdrawn", "-"
            for p in procs:
                _, _, _who, matched, _photo, rows, at = p.expect(f"APPLIED {kind} {student.id.hex}", 60)
                delays[kind].append(float(at) - committed)
                wrong += matched != expect_match or (kind == "withdrawn" and rows != "0")
            time.sleep(0.2)
        every = delays["enrolled"] + delays["withdrawn"]
        print("| change | n | p50 s | p95 s | max s |\n|---|---|---|---|---|")
        for kind, values in [*delays.items(), ("all", every)]:
            print(
                f"| {kind} | {len(values)} | {pct(values, 0.5):.3f} | {pct(values, 0.95):.3f} | {max(values):.3f} |"
            )
        print(f"\nChanges not effective as expected (matching, purge): {wrong}")
    finally:
        for p in procs:
            p.stop()
        engine.dispose()
        pair.destroy()
        shutil.rmtree(scratch, ignore_errors=True)


# --- failover -------------------------------------------------------------------------------


def _mark(session_id: uuid.UUID, student: uuid.UUID) -> AttendanceMark:
    return AttendanceMark(
        id=uuid.uuid4(), session_id=session_id, student_uuid=student, status=AttendanceStatus.PRESENT,
        marked_at=datetime.now(UTC), source=MarkSource.AUTO, confidence=0.9,
    )  # fmt: skip


def failover(kiosks: int, per_phase: int) -> None:
    print(f"\n## Failover: {kiosks} kiosks, kill -m immediate + promote ({load()})\n")
    pair = ReplicatedPair(synchronous=True)
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-bench-failover-"))
    stores: list[OfflineFirstStore] = []
    try:
        for k in range(kiosks):
            seed_class(pair.primary.url, f"C{k}", n_students=3 * per_phase)
        for k in range(kiosks):
            base = load_settings(data_dir=scratch / f"k{k}", database_url=pair.url)
            settings = replace(
                base, offline=OfflineSettings(sync_interval_seconds=2.0, health_timeout_seconds=2.0)
            )
            store = open_store(settings)
            assert isinstance(store, OfflineFirstStore)
            stores.append(store)
        sessions = [
            s.open_session(f"C{k}", started_by="bench", kiosk_id=f"k{k}") for k, s in enumerate(stores)
        ]
        rosters = [s.roster(f"C{k}") for k, s in enumerate(stores)]
        acked: list[list[uuid.UUID]] = [[] for _ in stores]

        def phase(n: int) -> None:
            def one(k: int) -> None:
                for student in rosters[k][len(acked[k]) : len(acked[k]) + n]:
                    acked[k].append(stores[k].mark(_mark(sessions[k].id, student.id)).id)
                    time.sleep(0.01)

            threads = [threading.Thread(target=one, args=(k,)) for k in range(len(stores))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()

        phase(per_phase)
        wait_for(lambda: all(s.outbox.queued() == 0 for s in stores), 60)
        pair.primary.kill()
        killed = time.monotonic()
        phase(per_phase)
        wait_for(lambda: all(s.online is False for s in stores), 30)
        pair.standby.promote()
        promoted = time.monotonic()
        back: dict[int, float] = {}
        while len(back) < len(stores) and time.monotonic() - promoted < 60:
            for k, s in enumerate(stores):
                if k not in back and s.online and s.outbox.queued() == 0:
                    back[k] = time.monotonic() - promoted
            time.sleep(0.02)
        phase(per_phase)
        wait_for(lambda: all(s.outbox.queued() == 0 for s in stores), 60)
    finally:
        for s in stores:
            s.close()
        shutil.rmtree(scratch, ignore_errors=True)
    engine = create_engine(pair.standby.url)
    try:
        lost = dup = total = 0
        with engine.connect() as conn:
            for k, session in enumerate(sessions):
                rows = [
                    r[0]
                    for r in conn.execute(
                        text("SELECT id FROM attendance_records WHERE session_id = :s"), {"s": session.id}
                    )
                ]
                total += len(rows)
                lost += len(set(acked[k]) - set(rows))
                dup += len(rows) - len(set(rows))
    finally:
        engine.dispose()
        pair.destroy()
    times = [back.get(k, float("inf")) for k in range(len(stores))]
    print(
        f"Primary killed {promoted - killed:.1f} s before the promotion (time for the outage marks and detection)."
    )
    print(
        f"Marks acknowledged: {sum(map(len, acked))}; stored on the promoted server: {total}; lost: {lost}; duplicated: {dup}"
    )
    print(
        f"Back online (queue drained) after the promotion: max {max(times):.2f} s, per kiosk {', '.join(f'{t:.2f}' for t in times)}"
    )


# --- gallery --------------------------------------------------------------------------------


def _clustered_blocks(identities: int, per: int, dim: int, noise: float, seed: int) -> tuple[Any, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((identities, dim), dtype=np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    n = identities * per
    scale = np.float32(noise / np.sqrt(dim))

    def blocks() -> Any:
        for lo in range(0, n, 20_000):
            rows = (
                np.arange(lo, min(n, lo + 20_000)) % identities
            )  # synthetic.py gives row i to student i % n
            block = centres[rows] + scale * rng.standard_normal((len(rows), dim), dtype=np.float32)
            yield block / np.linalg.norm(block, axis=1, keepdims=True)

    return blocks(), centres


def _timed_search(search: Any, queries: np.ndarray) -> tuple[float, float, list[Any]]:
    times, tops = [], []
    for q in queries:
        t = time.perf_counter()
        found = search(q)
        times.append((time.perf_counter() - t) * 1000)
        tops.append(found[0][0][0] if found and found[0] else None)
    return pct(times, 0.5), pct(times, 0.95), tops


def gallery(url: str | None, students: int, per: int, queries: int, with_ivf: bool) -> None:
    import faiss

    faiss.omp_set_num_threads(1)  # as the kiosk searches: one query at a time, one thread
    server = None
    if url is None:
        from offline_support import ThrowawayPostgres

        server = ThrowawayPostgres(max_connections=20)
        url = server.url
    engine = build_engine_for_url(parse_database_url(url), DatabaseSettings())
    schema.upgrade(engine)
    model = "district-bench-512"
    code = f"DISTRICT-{uuid.uuid4().hex[:6]}"
    try:
        print(f"\n## District gallery: {students:,} students x {per} encodings x {DIM}-d ({load()})\n")
        blocks, centres = _clustered_blocks(students, per, DIM, 0.65, 11)
        t = time.perf_counter()
        with unit_of_work(session_factory(engine)) as s:
            synthetic.add_synthetic_class(
                s, code, n_students=students, model_name=model, vector_blocks=blocks
            )
        print(
            f"Inserted {students * per:,} encodings in {time.perf_counter() - t:.0f} s (not part of a rebuild)\n"
        )
        with engine.connect() as conn:  # planner statistics for the new rows (as autovacuum would)
            conn.execute(text("ANALYZE students; ANALYZE face_encodings"))
            conn.commit()
        rng = np.random.default_rng(5)
        who = rng.integers(0, students, size=queries)
        qs = centres[who] + np.float32(0.65 / np.sqrt(DIM)) * rng.standard_normal(
            (queries, DIM), dtype=np.float32
        )
        qs /= np.linalg.norm(qs, axis=1, keepdims=True)
        roster = RosterService(engine)
        roster.gallery(model, class_code=code)  # warm-up: the server's cache, the connection
        rows: list[str] = []

        t = time.perf_counter()
        g = roster.gallery(model, class_code=code)
        load_s = time.perf_counter() - t
        t = time.perf_counter()
        exact = FaceIndex.build(
            g.vectors, g.student_ids, model, options=IndexOptions(approximate_above=10**12)
        )
        build_s = time.perf_counter() - t
        p50, p95, truth = _timed_search(partial(exact.search, model_name=model, k=5), qs)
        mem = exact.size * exact.dim * 4
        rows.append(
            f"| today: load_gallery + FaceIndex exact (flat) | {load_s:.2f} | {build_s:.2f} | **{load_s + build_s:.2f}** | {p50:.3f} | {p95:.3f} | 1.000 | {mem / 2**20:.0f} |"
        )
        if with_ivf:
            t = time.perf_counter()
            ivf = FaceIndex.build(g.vectors, g.student_ids, model)
            ivf_s = time.perf_counter() - t
            p50, p95, tops = _timed_search(partial(ivf.search, model_name=model, k=5), qs)
            recall = np.mean([a == b for a, b in zip(tops, truth, strict=True)])
            rows.append(
                f"| today: load_gallery + FaceIndex default ({ivf.kind}) | {load_s:.2f} | {ivf_s:.2f} | **{load_s + ivf_s:.2f}** | {p50:.3f} | {p95:.3f} | {recall:.3f} | ~{mem / 2**20:.0f} |"
            )
            del ivf
        del g, exact

        for float16 in (False, True):
            with unit_of_work(session_factory(engine)) as s:
                t = time.perf_counter()
                arrays = load_gallery_arrays(s, model, class_code=code)
                load_s = time.perf_counter() - t
            t = time.perf_counter()
            district = DistrictIndex.build(
                arrays.vectors, arrays.students, model, float16=float16, norms=arrays.norms
            )
            build_s = time.perf_counter() - t
            p50, p95, tops = _timed_search(partial(district.search, model_name=model, k=5), qs)
            recall = np.mean([a == b for a, b in zip(tops, truth, strict=True)])
            kind = "float16 copy" if float16 else "float32 kept"
            rows.append(
                f"| new: gallery_arrays + DistrictIndex ({kind}) | {load_s:.2f} | {build_s:.2f} | **{load_s + build_s:.2f}** | {p50:.3f} | {p95:.3f} | {recall:.3f} | {district.memory_bytes / 2**20:.0f} |"
            )
            del arrays, district
        rows.extend(_with_files(engine, model, code, qs, truth))
        print(
            "| way | load s | build s | rebuild s | search p50 ms | search p95 ms | recall@1 vs exact | index MB |"
        )
        print("|---|---|---|---|---|---|---|---|")
        print("\n".join(rows))
        print(f"\n{queries} queries, one at a time, one FAISS thread; {load()} at the end")
    finally:
        with unit_of_work(session_factory(engine)) as s:
            synthetic.remove_synthetic_class(s, code)
        engine.dispose()
        if server is not None:
            server.destroy()


def _with_files(engine: Any, model: str, code: str, qs: np.ndarray, truth: list[Any]) -> list[str]:
    """The design kept: the index's rows in encrypted files, checked against PostgreSQL at start."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-district-files-"))
    files = DistrictFiles(folder, model, VectorCipher(os.urandom(32)))
    out: list[str] = []

    def row(label: str, seconds: float, index: DistrictIndex | None) -> str:
        assert index is not None
        p50, p95, tops = _timed_search(partial(index.search, model_name=model, k=5), qs)
        recall = np.mean([a == b for a, b in zip(tops, truth, strict=True)])
        mb = index.memory_bytes / 2**20
        return f"| {label} | - | - | **{seconds:.2f}** | {p50:.3f} | {p95:.3f} | {recall:.3f} | {mb:.0f} |"

    try:
        first = SchoolIndex(engine, model, files)
        report = first.rebuild()
        out.append(row("new: first start (COPY, build, write the sealed files)", report.seconds, first.index))
        del first
        times = []
        for _ in range(3):
            school = SchoolIndex(engine, model, files)
            report = school.rebuild()
            assert report.how == "read", report
            times.append(report.seconds)
            if len(times) < 3:
                del school
        out.append(
            row(
                f"new: **later starts** (files + fingerprint; median of 3, {min(times):.2f}-{max(times):.2f})",
                sorted(times)[1],
                school.index,
            )
        )
        del school
        # Changes the kiosk did not hear of: 5 students withdraw, 5 others get a 4th encoding.
        with engine.begin() as conn:
            ids = [
                r[0]
                for r in conn.execute(
                    text(
                        "SELECT s.id FROM students s JOIN classes c ON c.id = s.class_id"
                        " WHERE c.code = :c ORDER BY s.student_id LIMIT 10"
                    ),
                    {"c": code},
                )
            ]
            conn.execute(
                text("UPDATE students SET consent_given = false WHERE id = ANY(:ids)"), {"ids": ids[:5]}
            )
            for sid in ids[5:]:
                conn.execute(
                    text(
                        "INSERT INTO face_encodings (student_id, model_name, dimension, vector) VALUES (:s, :m, :d, :v)"
                    ),
                    {"s": sid, "m": model, "d": DIM, "v": np.ones(DIM, "<f4").tobytes()},
                )
        school = SchoolIndex(engine, model, files)
        report = school.rebuild()
        out.append(
            row(
                f"new: a start after changes it missed ({report.dropped} rows dropped, {report.fetched} fetched)",
                report.seconds,
                school.index,
            )
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--part", choices=["propagation", "failover", "gallery", "all"], default="all")
    parser.add_argument("--kiosks", type=int, default=20)
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--database", help="a scratch PostgreSQL database for the gallery part")
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--with-ivf", action="store_true", help="also build today's IVF (slow)")
    args = parser.parse_args()
    print(f"# bench_district ({os.cpu_count()} CPUs, {load()})")
    if args.part in ("propagation", "all"):
        propagation(args.kiosks, args.changes)
    if args.part in ("failover", "all"):
        failover(5, 20)
    if args.part in ("gallery", "all"):
        gallery(args.database, args.students, 3, args.queries, args.with_ivf)


if __name__ == "__main__":
    main()
