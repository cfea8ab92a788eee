"""Offline fallback benchmarks, against a real PostgreSQL 15 started for the run.

    .venv/bin/python benchmarks/bench_offline.py [--part mark|drain|fleet|all]

* mark:  ``store.mark()`` end to end into the outbox while PostgreSQL is unreachable
         (target < 5 ms per mark).
* drain: push 10k queued marks to a local PostgreSQL (target < 2 s).
* fleet: N kiosk processes (default 50) marking and syncing against one server at once:
         errors, duplicates, and the time from a mark's local commit until the kiosk knows the
         server committed it (p50/p95/max; the outbox's created_at -> sent_at).

Prints a Markdown report; nothing is written unless ``--out`` is given.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "offline")]

from offline_support import ThrowawayPostgres, auto_mark, free_port, offline_settings  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from kiosk.infra.config import load_settings  # noqa: E402
from kiosk.infra.db import schema  # noqa: E402
from kiosk.infra.db.engine import build_engine, session_factory, unit_of_work  # noqa: E402
from kiosk.infra.db.repo import classes, students  # noqa: E402
from kiosk.infra.offline.store import OfflineFirstStore  # noqa: E402


def _seed(url: str, code: str, n: int) -> None:
    engine = create_engine(url)
    with unit_of_work(session_factory(engine)) as s:
        classes.add_class(s, code, f"Class {code}")
        for i in range(n):
            students.add_student(
                s, student_id=f"{code}-{i:05d}", name=f"S {i:05d}", class_code=code, consent=True
            )
    engine.dispose()


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _offline_store(url: str, data_dir: Path) -> OfflineFirstStore:
    """Cache filled while online, then opened against a port where nothing listens."""
    online = offline_settings(data_dir, url)
    OfflineFirstStore.create(online, build_engine(online), start_worker=False).close()
    dead = url.replace(url.split("@")[1].split("/")[0], f"127.0.0.1:{free_port()}")
    offline = offline_settings(data_dir, dead)
    return OfflineFirstStore.open_offline(offline, build_engine(offline))


def bench_mark(url: str, work: Path, n: int) -> list[str]:
    _seed(url, "MK", n)
    store = _offline_store(url, work / "mark")
    try:
        session = store.open_session("MK", started_by=None, kiosk_id="bench")
        roster = store.roster("MK")
        times: list[float] = []
        for st in roster:
            m = auto_mark(session.id, st.id)
            t = time.perf_counter()
            store.mark(m)
            times.append((time.perf_counter() - t) * 1000)
        assert store.online is False and store.outbox.queued() == n + 1
    finally:
        store.close()
    return [
        f"- marks: {n}, PostgreSQL unreachable (sync worker running and failing its health checks)",
        f"- ms per mark: mean {statistics.fmean(times):.2f}, p50 {_pct(times, 50):.2f}, "
        f"p95 {_pct(times, 95):.2f}, p99 {_pct(times, 99):.2f}, max {max(times):.2f} (target < 5 ms)",
    ]


def bench_drain(url: str, work: Path, n: int) -> list[str]:
    per_session = 500
    _seed(url, "DR", per_session)
    store = _offline_store(url, work / "drain")
    try:
        roster = store.roster("DR")
        for _ in range(n // per_session):
            session = store.open_session("DR", started_by=None, kiosk_id="bench")
            for st in roster:
                store.mark(auto_mark(session.id, st.id))
        queued = store.outbox.counts()
    finally:
        store.close()
    online = offline_settings(work / "drain", url)
    store = OfflineFirstStore.create(online, build_engine(online), start_worker=False)
    try:
        t = time.perf_counter()
        report = store.syncer.push_all()
        elapsed = time.perf_counter() - t
        assert store.outbox.queued() == 0 and not report.failed
    finally:
        store.close()
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT count(*), count(DISTINCT id) FROM attendance_records")).one()
    engine.dispose()
    return [
        f"- queued: {queued.pending['mark']} marks + {queued.pending['open']} session opens",
        f"- drain time: {elapsed:.2f} s ({len(report.sent)} events, batches of 1000; target < 2 s)",
        f"- rows in PostgreSQL: {rows[0]} ({rows[1]} distinct ids)",
    ]


def child(url: str, data_dir: str, code: str, n: int, start_at: float) -> None:
    """One kiosk of the fleet, with the shipped default offline settings."""
    from kiosk.app.bootstrap import open_store

    errors: list[str] = []
    acked: list[str] = []
    store = open_store(load_settings(data_dir=data_dir, database_url=url))
    assert isinstance(store, OfflineFirstStore)
    try:
        time.sleep(max(0.0, start_at - time.time()))
        session = store.open_session(code, started_by=None, kiosk_id=Path(data_dir).name)
        roster = store.roster(code)
        for st in random.sample(roster, n):
            try:
                acked.append(str(store.mark(auto_mark(session.id, st.id)).id))
            except Exception as exc:
                errors.append(repr(exc))
            time.sleep(random.uniform(0.02, 0.1))
        deadline = time.monotonic() + 180
        while store.outbox.queued() and time.monotonic() < deadline:
            time.sleep(0.05)
        if store.outbox.queued():
            errors.append(f"{store.outbox.queued()} still queued after 180 s")
        errors += [reason for _, reason in store.outbox.failed()]
        lat = [
            (datetime.fromisoformat(sent) - datetime.fromisoformat(created)).total_seconds()
            for created, sent in store.outbox._db.query(
                "SELECT created_at, sent_at FROM events WHERE kind = 'mark' AND sent_at IS NOT NULL"
            )
        ]
    finally:
        store.close()
    sys.stdout.write(json.dumps({"acked": acked, "latency": lat, "errors": errors}) + "\n")


def bench_fleet(url: str, work: Path, kiosks: int, marks: int) -> list[str]:
    _seed(url, "FL", 200)
    start_at = time.time() + 20 + kiosks * 1.2  # every process imported and online before marking starts
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--child",
                url,
                str(work / f"kiosk{i:02d}"),
                "FL",
                str(marks),
                str(start_at),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(kiosks)
    ]
    results, errors = [], []
    for p in procs:
        out, err = p.communicate(timeout=900)
        if p.returncode != 0:
            errors.append(f"exit {p.returncode}: {err.strip().splitlines()[-1] if err.strip() else ''}")
            continue
        results.append(json.loads(out.strip().splitlines()[-1]))
    acked = [a for r in results for a in r["acked"]]
    lat = [x for r in results for x in r["latency"]]
    errors += [e for r in results for e in r["errors"]]
    engine = create_engine(url)
    with engine.connect() as conn:
        ids = [str(r[0]) for r in conn.execute(text("SELECT id FROM attendance_records"))]
        pairs = conn.execute(
            text("SELECT count(DISTINCT (session_id, student_id)) FROM attendance_records")
        ).scalar_one()
    engine.dispose()
    missing = set(acked) - set(ids)
    return [
        f"- kiosks: {kiosks} processes, {marks} marks each, 20-100 ms apart, shipped default settings",
        f"- errors: {len(errors)}" + (f" ({errors[:3]})" if errors else ""),
        f"- acknowledged marks: {len(acked)}; rows in PostgreSQL: {len(ids)}; distinct ids: {len(set(ids))}; "
        f"distinct (session, student): {pairs}; acknowledged but missing: {len(missing)}",
        f"- duplicates: {len(ids) - len(set(ids))}",
        f"- local commit -> server commit known (s): p50 {_pct(lat, 50):.3f}, p95 {_pct(lat, 95):.3f}, "
        f"max {max(lat):.3f} over {len(lat)} marks"
        if lat
        else "- no latencies measured",
    ]


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        url, data_dir, code, n, start_at = sys.argv[2:7]
        child(url, data_dir, code, int(n), float(start_at))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=["mark", "drain", "fleet", "all"], default="all")
    ap.add_argument("--marks", type=int, default=2000)
    ap.add_argument("--drain", type=int, default=10_000)
    ap.add_argument("--kiosks", type=int, default=50)
    ap.add_argument("--marks-per-kiosk", type=int, default=40)
    ap.add_argument("--out", type=Path, help="append the report to this file")
    args = ap.parse_args()
    server = ThrowawayPostgres(max_connections=400)
    report = [
        f"## Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, PostgreSQL 15 (throwaway cluster, fsync on)",
        "",
    ]
    try:
        with tempfile.TemporaryDirectory(prefix="bench-offline-") as tmp:
            work = Path(tmp)
            for part, fn in (
                ("mark", lambda url: bench_mark(url, work, args.marks)),
                ("drain", lambda url: bench_drain(url, work, args.drain)),
                ("fleet", lambda url: bench_fleet(url, work, args.kiosks, args.marks_per_kiosk)),
            ):
                if args.part not in (part, "all"):
                    continue
                db = f"bench_{part}_{uuid.uuid4().hex[:6]}"
                admin = create_engine(server.url, isolation_level="AUTOCOMMIT")
                with admin.connect() as conn:
                    conn.execute(text(f'CREATE DATABASE "{db}"'))
                admin.dispose()
                url = server.url.rsplit("/", 1)[0] + f"/{db}"
                engine = create_engine(url)
                schema.upgrade(engine)
                engine.dispose()
                t = time.perf_counter()
                lines = fn(url)
                report += [f"### {part} ({time.perf_counter() - t:.0f} s wall)", *lines, ""]
                sys.stdout.write("\n".join(report[-len(lines) - 2 :]) + "\n")
                sys.stdout.flush()
    finally:
        server.destroy()
    text_ = "\n".join(report)
    if args.out:
        with args.out.open("a", encoding="utf-8") as fh:
            fh.write(text_ + "\n")
    sys.stdout.write(text_ + "\n")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
