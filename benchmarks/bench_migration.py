"""Benchmark: legacy SQLite (10k students with encodings, 100k records) into a fresh PostgreSQL.

    .venv/bin/python benchmarks/bench_migration.py [--server postgresql+psycopg://postgres@127.0.0.1:55432/kiosk_dev]

Creates a throwaway database on the server, migrates into it (the schema upgrade included,
as on a school's first run), prints the seconds, then drops the database.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.app.migration import run_migration  # noqa: E402
from kiosk.infra.config import load_settings  # noqa: E402
from tests.migration.legacy_factory import LegacySpec, make_legacy_db  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", default="postgresql+psycopg://postgres@127.0.0.1:55432/kiosk_dev")
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=400)
    args = parser.parse_args()
    base = make_url(args.server)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    name = f"kiosk_bench_{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        spec = LegacySpec(
            classes=20,
            students=args.students,
            sessions=args.sessions,
            records=args.records,
            photos=0,
            seed=7,
        )
        legacy = make_legacy_db(Path(tmp) / "legacy", spec)
        print(f"generated {legacy.counts} in {time.perf_counter() - t0:.1f} s")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            target = base.set(database=name).render_as_string(hide_password=False)
            settings = load_settings(data_dir=Path(tmp) / "data")
            t1 = time.perf_counter()
            report = run_migration(legacy.path, target, settings=settings)
            first = time.perf_counter() - t1
            print(report.to_text().splitlines()[1:7])
            print(f"migration: {first:.1f} s (ok={report.ok}, moved {report.moved} rows)")
            t2 = time.perf_counter()
            again = run_migration(legacy.path, target, settings=settings)
            print(
                f"re-run (moves nothing): {time.perf_counter() - t2:.1f} s (moved {again.moved}, ok={again.ok})"
            )
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
