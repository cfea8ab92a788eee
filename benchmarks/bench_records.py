"""The attendance record at a school's scale, on PostgreSQL and on the embedded SQLite.

    .venv/bin/python benchmarks/bench_records.py --pg-url postgresql+psycopg://USER@HOST/postgres

A school's year (default 1,000 students, 40 classes, 180 days, 6 periods: about 1.05
million records) is written in bulk (COPY on PostgreSQL, executemany on SQLite) into a
database created for the run and dropped afterwards, schema by the kiosk's own migrations.
Then, through the same services the CLI and GUI use:

* a class's term report (90 school days)   target p95 <= 30 ms on PostgreSQL
* the whole school's term report           target p95 <= 300 ms
* today's absentees (one day, all classes) target <= 20 ms
* SQLite: the same reports within 3x of PostgreSQL
* student search over 100,000 students     target p95 <= 10 ms (PostgreSQL), <= 20 ms (SQLite)

Beside each, the seed guide's approach on the same data (a query per session or per
student, aggregation in Python; search by loading every name), as a ratio. And, in the same
run on the same data, the report's one GROUP BY alone twice: counting the records
(revision 0005_records' way, "before") and from the day counts of revision
0014_session_counts plus the records of the range's ends ("after"), with the ``EXPLAIN``
plans of both. The load average at the start and the end is printed: on a shared machine
the figures wait for a CPU. Output is Markdown on stdout.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import ClauseElement, Engine, Executable, create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.ext.compiler import compiles  # noqa: E402

from kiosk.app.records import RecordsService  # noqa: E402
from kiosk.app.reports import ReportsService  # noqa: E402
from kiosk.core.reports import day_bounds  # noqa: E402
from kiosk.core.text_search import normalise_name  # noqa: E402
from kiosk.infra.cpu import cpu_model  # noqa: E402
from kiosk.infra.db import schema  # noqa: E402
from kiosk.infra.db.repo.reports import tallies_statement  # noqa: E402

log = logging.getLogger("bench_records")
FIRST = "2026-09-07"  # a Monday
PERIOD_HOURS = (8, 9, 10, 11, 13, 14, 15, 16)
STATUSES = (("present", 0.85), ("late", 0.05), ("absent", 0.05), ("excused", 0.02))  # rest: unmarked
GIVEN = [
    "Zoë",
    "Chloé",
    "Amélie",
    "Jürgen",
    "Søren",
    "Ana",
    "Ángel",
    "Noah",
    "Emma",
    "Liam",
    "Olivia",
    "Mia",
    "Lucas",
    "Léa",
    "Hugo",
    "Inès",
    "Louis",
    "Jade",
    "Björn",
    "Åsa",
    "Mateo",
    "Sofía",
    "Luca",
    "Giulia",
    "Mehmet",
    "Elif",
    "Ayşe",
    "Ömer",
    "Kai",
    "Yuki",
    "Aiko",
    "Nikolai",
    "Oksana",
    "Tomás",
    "Zoe",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ne",
    "to",
    "su",
    "vi",
    "da",
    "bel",
    "mar",
    "tin",
    "son",
    "ber",
    "gen",
    "ric",
    "hof",
    "wald",
    "stein",
    "dijk",
    "stra",
    "kow",
    "ski",
]


def school_days(n: int) -> list[date]:
    days, day = [], date.fromisoformat(FIRST)
    while len(days) < n:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


# --- data --------------------------------------------------------------------------------


class Year:
    """The generated year, streamed day by day so a million rows never sit in memory at once."""

    def __init__(self, students: int, classes: int, days: int, periods: int, seed: int = 13) -> None:
        self.rng = random.Random(seed)
        self.days = school_days(days)
        self.periods = PERIOD_HOURS[:periods]
        self.class_rows = [(i + 1, f"C{i + 1:02d}", f"Class {i + 1:02d}") for i in range(classes)]
        self.student_rows = []
        for i in range(students):
            name = f"{self.rng.choice(GIVEN)} {surname(self.rng)}"
            self.student_rows.append((uuid.uuid4(), f"S{i:06d}", name, i % classes + 1))
        self.members: dict[int, list[uuid.UUID]] = defaultdict(list)
        for sid, _, _, cid in self.student_rows:
            self.members[cid].append(sid)

    def sessions_and_records(self) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
        weights = [w for _, w in STATUSES]
        cumulative = [sum(weights[: i + 1]) for i in range(len(weights))]
        for day in self.days:
            sessions, records = [], []
            for cid, _, _ in self.class_rows:
                for hour in self.periods:
                    started = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
                    sess = uuid.uuid4()
                    sessions.append((sess, cid, started))
                    for st in self.members[cid]:
                        roll = self.rng.random()
                        status = next(
                            (s for (s, _), c in zip(STATUSES, cumulative, strict=True) if roll < c), None
                        )
                        if status is not None:
                            records.append(
                                (uuid.uuid4(), sess, st, status, started + timedelta(minutes=roll * 10))
                            )
            yield sessions, records


def load_postgres(engine: Engine, year: Year) -> int:
    raw = engine.raw_connection()
    n = 0
    try:
        cur = raw.cursor()
        with cur.copy("COPY classes (id, code, name) FROM STDIN") as copy:
            for row in year.class_rows:
                copy.write_row(row)
        with cur.copy("COPY students (id, student_id, name, name_search, class_id) FROM STDIN") as copy:
            for sid, school_id, name, cid in year.student_rows:
                copy.write_row((sid, school_id, name, normalise_name(name), cid))
        for sessions, records in year.sessions_and_records():
            with cur.copy("COPY attendance_sessions (id, class_id, started_at, ended_at) FROM STDIN") as copy:
                for sid, cid, started in sessions:
                    copy.write_row((sid, cid, started, started + timedelta(minutes=45)))
            with cur.copy(
                "COPY attendance_records (id, session_id, student_id, status, source, marked_at) FROM STDIN"
            ) as copy:
                for rid, sess, st, status, marked in records:
                    copy.write_row((rid, sess, st, status, "auto", marked))
            n += len(records)
        cur.execute("SELECT setval(pg_get_serial_sequence('classes', 'id'), (SELECT max(id) FROM classes))")
        raw.commit()
    finally:
        raw.close()
    # What autovacuum does to a table that has settled: statistics and the visibility map.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
    return n


def _lite_time(moment: datetime) -> str:
    # SQLAlchemy's SQLite DateTime storage format (UTC, as UtcDateTime stores it).
    return moment.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def load_sqlite(path: Path, year: Year) -> int:
    conn = sqlite3.connect(path)
    n = 0
    try:
        conn.executemany(
            "INSERT INTO classes (id, code, name, created_at) VALUES (?, ?, ?, '2026-09-01')", year.class_rows
        )
        conn.executemany(
            "INSERT INTO students (id, student_id, name, name_search, class_id, is_active, consent_given,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0, '2026-09-01', '2026-09-01')",
            [
                (sid.hex, school_id, name, normalise_name(name), cid)
                for sid, school_id, name, cid in year.student_rows
            ],
        )
        for sessions, records in year.sessions_and_records():
            conn.executemany(
                "INSERT INTO attendance_sessions (id, class_id, started_at, ended_at) VALUES (?, ?, ?, ?)",
                [
                    (s.hex, cid, _lite_time(t), _lite_time(t + timedelta(minutes=45)))
                    for s, cid, t in sessions
                ],
            )
            conn.executemany(
                "INSERT INTO attendance_records (id, session_id, student_id, status, source, marked_at)"
                " VALUES (?, ?, ?, ?, 'auto', ?)",
                [(r.hex, s.hex, st.hex, status, _lite_time(m)) for r, s, st, status, m in records],
            )
            n += len(records)
        conn.commit()
        conn.execute("ANALYZE")
        conn.commit()
    finally:
        conn.close()
    return n


def load_search(engine: Engine, n: int, seed: int = 5) -> list[str]:
    """n students with generated names (accented given names included); returns their names."""
    rng = random.Random(seed)
    names = [f"{rng.choice(GIVEN)} {surname(rng)}" for _ in range(n)]
    rows = [(uuid.uuid4(), f"Q{i:07d}", name) for i, name in enumerate(names)]
    if engine.dialect.name == "postgresql":
        raw = engine.raw_connection()
        try:
            cur = raw.cursor()
            with cur.copy("COPY students (id, student_id, name, name_search) FROM STDIN") as copy:
                for sid, school_id, name in rows:
                    copy.write_row((sid, school_id, name, normalise_name(name)))
            raw.commit()
            cur.execute("ANALYZE students")
            raw.commit()
        finally:
            raw.close()
    else:
        conn = sqlite3.connect(make_url(str(engine.url)).database or "")
        conn.executemany(
            "INSERT INTO students (id, student_id, name, name_search, is_active, consent_given, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, 1, 0, '2026-09-01', '2026-09-01')",
            [(sid.hex, school_id, name, normalise_name(name)) for sid, school_id, name in rows],
        )
        conn.commit()
        conn.execute("ANALYZE")
        conn.close()
    return names


# --- measuring -----------------------------------------------------------------------------


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm the caches and the connection pool
    # The generated school year lives in this process too: without freezing it, Python's
    # full collections walk those millions of objects inside the timed calls (a kiosk's heap
    # holds none of them), which showed as rare 40-50 ms outliers on both databases.
    gc.collect()
    gc.freeze()
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Explain(Executable, ClauseElement):
    inherit_cache = False

    def __init__(self, stmt: Any) -> None:
        self.statement = stmt


@compiles(Explain, "postgresql")
def _pg_explain(element: Explain, compiler: Any, **kw: Any) -> str:
    return "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + compiler.process(element.statement, **kw)


@compiles(Explain, "sqlite")
def _lite_explain(element: Explain, compiler: Any, **kw: Any) -> str:
    return "EXPLAIN QUERY PLAN " + compiler.process(element.statement, **kw)


def explain(engine: Engine, stmt: Any) -> str:
    with engine.connect() as conn:
        rows = conn.execute(Explain(stmt)).all()
    if engine.dialect.name == "sqlite":
        return "\n".join(f"{'  ' * 0}{row[-1]}" for row in rows)
    return "\n".join(row[0] for row in rows)


# --- the seed guide's way: a query per row, Python does the sums -----------------------------


def naive_class_report(
    engine: Engine, class_id: int, lo: datetime, hi: datetime
) -> dict[Any, dict[str, int]]:
    with engine.connect() as conn:
        lite = engine.dialect.name == "sqlite"
        bounds = (_lite_time(lo), _lite_time(hi)) if lite else (lo, hi)
        members = [
            r[0] for r in conn.execute(text("SELECT id FROM students WHERE class_id = :c"), {"c": class_id})
        ]
        sessions = conn.execute(
            text(
                "SELECT id FROM attendance_sessions WHERE class_id = :c AND started_at >= :a AND started_at < :b"
            ),
            {"c": class_id, "a": bounds[0], "b": bounds[1]},
        ).all()
        counts: dict[Any, dict[str, int]] = {m: defaultdict(int) for m in members}
        for (sess,) in sessions:
            marked = dict(
                conn.execute(
                    text("SELECT student_id, status FROM attendance_records WHERE session_id = :s"),
                    {"s": sess},
                ).all()
            )
            for m in members:
                counts[m][marked.get(m, "absent")] += 1
    return counts


def naive_school_report(engine: Engine, lo: datetime, hi: datetime) -> dict[Any, dict[str, int]]:
    lite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        students = conn.execute(text("SELECT id FROM students")).all()
        counts: dict[Any, dict[str, int]] = {}
        for (sid,) in students:
            c: dict[str, int] = defaultdict(int)
            for started, status in conn.execute(
                text(
                    "SELECT s.started_at, r.status FROM attendance_records r"
                    " JOIN attendance_sessions s ON s.id = r.session_id WHERE r.student_id = :s"
                ),
                {"s": sid},
            ):
                when = datetime.fromisoformat(started).replace(tzinfo=UTC) if lite else started
                if lo <= when < hi:
                    c[status] += 1
            counts[sid] = c
    return counts


def naive_day(engine: Engine, lo: datetime, hi: datetime) -> list[Any]:
    lite = engine.dialect.name == "sqlite"
    bounds = (_lite_time(lo), _lite_time(hi)) if lite else (lo, hi)
    missing = []
    with engine.connect() as conn:
        for (cid,) in conn.execute(text("SELECT id FROM classes")).all():
            members = [
                r[0] for r in conn.execute(text("SELECT id FROM students WHERE class_id = :c"), {"c": cid})
            ]
            for (sess,) in conn.execute(
                text(
                    "SELECT id FROM attendance_sessions WHERE class_id = :c AND started_at >= :a AND started_at < :b"
                ),
                {"c": cid, "a": bounds[0], "b": bounds[1]},
            ).all():
                for m in members:
                    row = conn.execute(
                        text(
                            "SELECT status FROM attendance_records WHERE session_id = :s AND student_id = :m"
                        ),
                        {"s": sess, "m": m},
                    ).first()
                    if row is None or row[0] == "absent":
                        missing.append(m)
    return missing


def naive_search(engine: Engine, query: str) -> list[str]:
    with engine.connect() as conn:
        names = [r[0] for r in conn.execute(text("SELECT name FROM students"))]
    q = normalise_name(query)
    return [n for n in names if q in normalise_name(n)][:20]


# --- the run ----------------------------------------------------------------------------------


def bench_reports(engine: Engine, year: Year, repeat: int, naive_repeat: int) -> dict[str, Any]:
    reports = ReportsService(engine, UTC)
    term = year.days[: len(year.days) // 2]
    start, end = term[0], term[-1]
    today = year.days[len(year.days) // 3]
    lo, hi = day_bounds(start, end, UTC)
    dlo, dhi = day_bounds(today, today, UTC)
    codes = [code for _, code, _ in year.class_rows]
    rng = random.Random(1)
    out: dict[str, Any] = {}
    out["class"] = timed(lambda: reports.class_report(rng.choice(codes), start, end), repeat)
    out["school"] = timed(lambda: reports.school_rates(start, end), max(5, repeat // 3))
    out["day"] = timed(lambda: reports.day_report(today), repeat)
    out["class_naive"] = timed(
        lambda: naive_class_report(engine, rng.randint(1, len(codes)), lo, hi), naive_repeat
    )
    out["school_naive"] = timed(lambda: naive_school_report(engine, lo, hi), naive_repeat)
    out["day_naive"] = timed(lambda: naive_day(engine, dlo, dhi), naive_repeat)
    # The figures agree with the naive way (a sanity check on the generated data).
    ours = reports.class_report("C01", start, end)
    theirs = naive_class_report(engine, 1, lo, hi)
    assert sorted(r.absent for r in ours.students) == sorted(c["absent"] for c in theirs.values()), (
        "reports disagree"
    )
    out["held"] = ours.sessions_held
    # The report's one GROUP BY alone, side by side on the same data: counting the records
    # (revision 0005's way, before) and from the day counts plus the range's ends (after).
    ranges = {"class": (lo, hi, 1), "school": (lo, hi, None), "day": (dlo, dhi, None)}
    for key, (a, b, cid) in ranges.items():
        for when, day_counts in (("before", False), ("after", True)):
            stmt = tallies_statement(a, b, class_id=cid, day_counts=day_counts)
            out[f"query_{key}_{when}"] = timed(lambda stmt=stmt: _fetch(engine, stmt), repeat)
            out[f"plan_{key}_{when}"] = explain(engine, stmt)
    return out


def _fetch(engine: Engine, stmt: Any) -> None:
    with engine.connect() as conn:
        conn.execute(stmt).all()


def bench_search(engine: Engine, names: list[str], repeat: int) -> dict[str, list[float]]:
    records = RecordsService(engine, UTC)
    rng, typing = random.Random(3), random.Random(4)
    substrings, typos, prefixes = [], [], []
    for _ in range(repeat):
        # As people type: the first 2-4 letters of a first name or a surname (its own
        # random stream, so the other queries stay those of earlier runs).
        word = typing.choice(normalise_name(typing.choice(names)).split())
        prefixes.append(word[: typing.randint(2, 4)])
        last = normalise_name(rng.choice(names)).split()[-1]
        i = rng.randint(0, max(0, len(last) - 5))
        substrings.append(last[i : i + 5])
        word = list(last)
        j = rng.randint(1, len(word) - 2)
        word[j], word[j + 1] = word[j + 1], word[j]  # a transposition, the commonest typo
        typos.append("".join(word))
    accents = ["zoe", "chloe", "soren", "jurgen", "amelie"] * (repeat // 5 + 1)
    it_sub, it_typo, it_acc, it_pre = iter(substrings), iter(typos), iter(accents), iter(prefixes)
    return {
        "prefix": timed(lambda: records.search_students(next(it_pre)), repeat - 1),
        "substring": timed(lambda: records.search_students(next(it_sub)), repeat - 1),
        "typo": timed(lambda: records.search_students(next(it_typo)), repeat - 1),
        "accent": timed(lambda: records.search_students(next(it_acc)), repeat - 1),
        "naive": timed(lambda: naive_search(engine, "zoe"), 5),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--pg-url",
        default=os.environ.get("KIOSK_BENCH_DATABASE_URL"),
        help="a server to create a database on",
    )
    ap.add_argument("--students", type=int, default=1000)
    ap.add_argument("--classes", type=int, default=40)
    ap.add_argument("--days", type=int, default=180)
    ap.add_argument("--periods", type=int, default=6)
    ap.add_argument("--search-students", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=40)
    ap.add_argument("--naive-repeat", type=int, default=3)
    ap.add_argument(
        "--search-only", action="store_true", help="measure the student search only (no school year)"
    )
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    args.load_at_start = os.getloadavg()
    year = Year(args.students, args.classes, args.days, args.periods)
    results: dict[str, dict[str, Any]] = {}
    search: dict[str, dict[str, list[float]]] = {}
    loaded: dict[str, float] = {}
    n_records = 0
    with tempfile.TemporaryDirectory() as tmp:
        targets: list[tuple[str, Callable[[], tuple[Engine, Callable[[], None]]]]] = [
            ("SQLite", lambda: _sqlite(Path(tmp) / "year.db")),
        ]
        if args.pg_url:
            targets.insert(0, ("PostgreSQL", lambda: _postgres(args.pg_url, "year")))
        for label, make in [] if args.search_only else targets:
            engine, drop = make()
            try:
                t0 = time.perf_counter()
                log.info("%s: loading the year", label)
                if engine.dialect.name == "postgresql":
                    n_records = load_postgres(engine, year)
                else:
                    n_records = load_sqlite(Path(make_url(str(engine.url)).database or ""), year)
                loaded[label] = time.perf_counter() - t0
                log.info("%s: %d records in %.0f s; measuring", label, n_records, loaded[label])
                results[label] = bench_reports(engine, year, args.repeat, args.naive_repeat)
            finally:
                engine.dispose()
                drop()
        for label, make in [
            (
                lbl,
                (lambda: _sqlite(Path(tmp) / "search.db"))
                if lbl == "SQLite"
                else (lambda: _postgres(args.pg_url, "search")),
            )
            for lbl, _ in targets
        ]:
            engine, drop = make()
            try:
                log.info("%s: %d students for search", label, args.search_students)
                names = load_search(engine, args.search_students)
                search[label] = bench_search(engine, names, args.repeat * 2)
            finally:
                engine.dispose()
                drop()
    report(args, year, n_records, loaded, results, search)
    return 0


def _sqlite(path: Path) -> tuple[Engine, Callable[[], None]]:
    engine = create_engine(f"sqlite:///{path}")
    schema.upgrade(engine)
    return engine, lambda: path.unlink(missing_ok=True)


def _postgres(url: str, purpose: str) -> tuple[Engine, Callable[[], None]]:
    base = make_url(url).set(drivername="postgresql+psycopg")
    name = f"kiosk_bench_{purpose}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_engine(base.set(database=name), pool_size=2)
    schema.upgrade(engine)

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return engine, drop


def report(
    args: argparse.Namespace,
    year: Year,
    n: int,
    loaded: dict[str, float],
    results: dict[str, dict[str, Any]],
    search: dict[str, dict[str, list[float]]],
) -> None:
    cpu = cpu_model()
    if not results:  # --search-only
        print(
            f"# Student search benchmark\n\n{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}; {_load(args)}.\n"
        )
        print(f"## Search over {args.search_students:,} students\n")
        _print_search(search)
        return
    print(
        f"# Attendance record benchmark\n\n{args.students} students, {args.classes} classes, {len(year.days)} days, "
        f"{len(year.periods)} periods: {n:,} records; term = {len(year.days) // 2} school days. "
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; "
        f"{_load(args)}.\n"
    )
    print("Load: " + ", ".join(f"{k} {v:.0f} s" for k, v in loaded.items()) + "\n")
    print("| database | report | p50 ms | p95 ms | target p95 | seed-guide way p50 ms | ratio |")
    print("|---|---|---:|---:|---|---:|---:|")
    targets = {"class": "<= 30 ms", "school": "<= 300 ms", "day": "<= 20 ms"}
    names = {"class": "class term report", "school": "school term report", "day": "today's absentees"}
    for label, r in results.items():
        for key in ("class", "school", "day"):
            ours, naive = statistics.median(r[key]), statistics.median(r[f"{key}_naive"])
            target = targets[key] if label == "PostgreSQL" else "<= 3x PostgreSQL"
            print(
                f"| {label} | {names[key]} | {ours:.1f} | {pct(r[key], 95):.1f} | {target} | {naive:.0f} | {naive / ours:.0f}x |"
            )
    print("\nThe report's GROUP BY alone (one round trip), counting the records (before) and from the")
    print("day counts plus the range's ends (after), on the same data in this run:\n")
    print("| database | report | before p50 / p95 ms | after p50 / p95 ms | p95 before / after |")
    print("|---|---|---:|---:|---:|")
    for label, r in results.items():
        for key in ("class", "school", "day"):
            b, a = r[f"query_{key}_before"], r[f"query_{key}_after"]
            print(
                f"| {label} | {names[key]} | {statistics.median(b):.1f} / {pct(b, 95):.1f} "
                f"| {statistics.median(a):.1f} / {pct(a, 95):.1f} | {pct(b, 95) / pct(a, 95):.1f}x |"
            )
    if "PostgreSQL" in results and "SQLite" in results:
        print(
            "\nSQLite / PostgreSQL (p95): "
            + ", ".join(
                f"{names[k]} {pct(results['SQLite'][k], 95) / pct(results['PostgreSQL'][k], 95):.1f}x"
                for k in targets
            )
        )
    print(f"\n## Search over {args.search_students:,} students\n")
    _print_search(search)
    for label, r in results.items():
        for key in ("class", "school", "day"):
            for when in ("after", "before"):
                print(f"\n## EXPLAIN {label}: {names[key]} ({when})\n\n```\n{r[f'plan_{key}_{when}']}\n```")


def _load(args: argparse.Namespace) -> str:
    start, end = args.load_at_start, os.getloadavg()
    return (
        f"load average (1/5/15 min) at the start {start[0]:.1f} / {start[1]:.1f} / {start[2]:.1f}, "
        f"at the end {end[0]:.1f} / {end[1]:.1f} / {end[2]:.1f} (other work shared the machine)"
    )


def _print_search(search: dict[str, dict[str, list[float]]]) -> None:
    print("| database | query | p50 ms | p95 ms | target p95 |")
    print("|---|---|---:|---:|---|")
    for label, s in search.items():
        target = "<= 10 ms" if label == "PostgreSQL" else "<= 20 ms"
        for key in ("prefix", "accent", "substring", "typo"):
            print(f"| {label} | {key} | {statistics.median(s[key]):.1f} | {pct(s[key], 95):.1f} | {target} |")
        print(
            f"| {label} | seed-guide way (load every name) | {statistics.median(s['naive']):.0f} | {pct(s['naive'], 95):.0f} | |"
        )


if __name__ == "__main__":
    raise SystemExit(main())
