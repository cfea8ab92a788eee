"""Realistic legacy ``attendance.db`` files, as the old attendance app left them.

A real SQLite file with the old layout, a folder of ``.npy`` Facenet512 vectors (some paths
relative to the database's folder, some absolute), real photos for some students, times
in the formats found in the field (ISO text with and without ``T``, epoch seconds and
milliseconds, day-first text), optional extra or missing columns, and on request the edge
cases the migration must keep aside. ``LegacyFile.bad`` lists each deliberately bad row
with a fragment of the reason the report must give.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

FACES = Path(__file__).resolve().parents[1] / "data" / "faces" / "people"
FIRST = ["Ana", "Ben", "Chloé", "Dmitri", "Emre", "Fatima", "Goran", "Hana", "Ivo", "Jana", "Kenji", "Lea"]
LAST = ["Novak", "Horvat", "Kovač", "Müller", "Silva", "Okafor", "Tanaka", "Jensen", "Rossi", "Nowak"]
SUBJECTS = ["Biology", "Chemistry", "History", "Mathematics", "Physics", "Art", "Music"]
TIME_STYLES = ("iso_space", "iso_t", "epoch_s", "epoch_ms", "dmy")


@dataclass
class LegacySpec:
    classes: int = 3
    students: int = 30
    sessions: int = 6
    records: int = 120
    confidence_column: bool = True
    extra_columns: bool = True
    edge_cases: bool = False
    photos: int = 3  # students with a real photo on disk
    seed: int = 1


@dataclass
class LegacyFile:
    path: Path
    spec: LegacySpec
    counts: dict[str, int]
    # (table, legacy id) -> a fragment of the reason the report must give
    bad: dict[tuple[str, str], str] = field(default_factory=dict)
    encodings: dict[int, np.ndarray] = field(default_factory=dict)  # legacy student id -> vector


def _when(ts: datetime, style: str) -> object:
    if style == "iso_space":
        return ts.isoformat(sep=" ")
    if style == "iso_t":
        return ts.isoformat(timespec="seconds")
    if style == "epoch_s":
        return int(ts.timestamp())
    if style == "epoch_ms":
        return int(ts.timestamp() * 1000)
    return ts.strftime("%d/%m/%Y %H:%M:%S")


def make_legacy_db(folder: Path, spec: LegacySpec | None = None) -> LegacyFile:
    spec = spec or LegacySpec()
    rng = random.Random(spec.seed)
    nrng = np.random.default_rng(spec.seed)
    folder.mkdir(parents=True, exist_ok=True)
    enc_dir = folder / "encodings"
    enc_dir.mkdir(exist_ok=True)
    photo_dir = folder / "photos"
    photo_dir.mkdir(exist_ok=True)
    path = folder / "attendance.db"
    conn = sqlite3.connect(path)
    extra = ", notes TEXT" if spec.extra_columns else ""
    conn.executescript(
        f"""
        CREATE TABLE classes (id INTEGER PRIMARY KEY, name TEXT, description TEXT, created_at TEXT);
        CREATE TABLE students (
            id INTEGER PRIMARY KEY, student_id TEXT, name TEXT, email TEXT, phone TEXT,
            class_id INTEGER, face_encoding_path TEXT, photo_path TEXT, is_active INTEGER,
            created_at TEXT{extra});
        CREATE TABLE attendance_sessions (
            id INTEGER PRIMARY KEY, class_id INTEGER, start_time TEXT, end_time TEXT, is_active INTEGER);
        CREATE TABLE attendance_records (
            id INTEGER PRIMARY KEY, session_id INTEGER, student_id INTEGER, timestamp
            {", confidence REAL" if spec.confidence_column else ""}{", device TEXT" if spec.extra_columns else ""});
        """
    )
    if spec.extra_columns:
        conn.execute("CREATE TABLE app_settings (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO app_settings VALUES ('threshold', '0.6')")
    out = LegacyFile(path, spec, counts={})
    base = datetime(2024, 9, 2, 8, 0, 0)

    names = rng.sample(SUBJECTS, k=min(spec.classes, len(SUBJECTS)))
    class_rows = [
        (i + 1, f"{names[i % len(names)]} {9 + i // len(names)}{'ABC'[i % 3]}", "", base.isoformat())
        for i in range(spec.classes)
    ]
    conn.executemany("INSERT INTO classes VALUES (?, ?, ?, ?)", class_rows)

    photos = sorted(FACES.glob("person*/1.jpg"))
    student_rows = []
    for sid in range(1, spec.students + 1):
        vec = nrng.standard_normal(512).astype(np.float64)
        vec /= np.linalg.norm(vec)
        file = enc_dir / f"student_{sid}.npy"
        np.save(file, vec)
        out.encodings[sid] = vec
        enc_path = f"encodings/student_{sid}.npy" if sid % 2 == 0 else str(file)  # relative and absolute
        photo_path = None
        if sid <= spec.photos and photos:
            photo = photo_dir / f"student_{sid}.jpg"
            shutil.copyfile(photos[(sid - 1) % len(photos)], photo)
            photo_path = f"photos/{photo.name}"
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        created = _when(base - timedelta(days=30, minutes=sid), TIME_STYLES[sid % len(TIME_STYLES)])
        row = [
            sid,
            f"S{10000 + sid}",
            name,
            f"s{10000 + sid}@school.example",
            f"+385 1 555 {sid:04d}" if sid % 3 else None,
            (sid % spec.classes) + 1,
            enc_path,
            photo_path,
            1 if sid % 17 else 0,
            created,
        ]
        if spec.extra_columns:
            row.append("imported")
        student_rows.append(row)
    marks = ",".join("?" * len(student_rows[0]))
    conn.executemany(f"INSERT INTO students VALUES ({marks})", student_rows)

    session_rows = []
    for ses in range(1, spec.sessions + 1):
        start = base + timedelta(days=ses, hours=ses % 3)
        style = TIME_STYLES[ses % len(TIME_STYLES)]
        end = _when(start + timedelta(minutes=45), style) if ses % 4 else None
        session_rows.append((ses, (ses % spec.classes) + 1, _when(start, style), end, 0))
    conn.executemany("INSERT INTO attendance_sessions VALUES (?, ?, ?, ?, ?)", session_rows)

    # Records: distinct (session, student) pairs, as the old app's logic allowed one each.
    pairs = [(ses, st) for ses in range(1, spec.sessions + 1) for st in range(1, spec.students + 1)]
    if spec.records > len(pairs):
        raise ValueError("more records than session x student pairs")
    chosen = sorted(rng.sample(pairs, spec.records))
    record_rows = []
    for rid, (ses, st) in enumerate(chosen, start=1):
        at = base + timedelta(days=ses, hours=ses % 3, minutes=rng.randint(0, 40), seconds=rng.randint(0, 59))
        row: list[object] = [rid, ses, st, _when(at, TIME_STYLES[rid % len(TIME_STYLES)])]
        if spec.confidence_column:
            row.append(None if rid % 11 == 0 else round(rng.uniform(0.6, 0.99), 4))
        if spec.extra_columns:
            row.append("kiosk-1")
        record_rows.append(row)
    marks = ",".join("?" * len(record_rows[0])) if record_rows else ""
    if record_rows:
        conn.executemany(f"INSERT INTO attendance_records VALUES ({marks})", record_rows)
    conn.commit()

    if spec.edge_cases:
        _add_edge_cases(conn, out, folder, spec, len(record_rows))
    conn.commit()
    out.counts = {
        t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("classes", "students", "attendance_sessions", "attendance_records")
    }
    conn.close()
    return out


def _add_edge_cases(
    conn: sqlite3.Connection, out: LegacyFile, folder: Path, spec: LegacySpec, nrec: int
) -> None:
    """One of each kind of bad row, each listed in ``out.bad``."""
    sid = spec.students + 100
    enc_dir = folder / "encodings"
    extra = ["x"] if spec.extra_columns else []

    def student(
        key: int, student_id: object, name: object, email: object, enc: str | None, *, cls: int = 1
    ) -> None:
        row = [key, student_id, name, email, None, cls, enc, None, 1, "2024-08-01 10:00:00", *extra]
        conn.execute(f"INSERT INTO students VALUES ({','.join('?' * len(row))})", row)

    # Encodings: missing file, garbage file, wrong length, NaN. The students themselves move.
    student(sid + 1, "E1", "Missing Npy", "e1@school.example", "encodings/nope.npy")
    out.bad[("face_encodings", str(sid + 1))] = "missing"
    (enc_dir / "garbage.npy").write_bytes(b"this is not numpy")
    student(sid + 2, "E2", "Garbage Npy", "e2@school.example", "encodings/garbage.npy")
    out.bad[("face_encodings", str(sid + 2))] = "not a readable .npy"
    np.save(enc_dir / "short.npy", np.ones(128))
    student(sid + 3, "E3", "Short Vector", "e3@school.example", "encodings/short.npy")
    out.bad[("face_encodings", str(sid + 3))] = "holds 128 values"
    nan = np.ones(512)
    nan[7] = np.nan
    np.save(enc_dir / "nan.npy", nan)
    student(sid + 4, "E4", "Nan Vector", "e4@school.example", "encodings/nan.npy")
    out.bad[("face_encodings", str(sid + 4))] = "NaN"
    # Students kept aside: duplicate id, duplicate email, undecodable name, no id.
    student(sid + 5, "S10001", "Duplicate Id", "dup-id@school.example", None)
    out.bad[("students", str(sid + 5))] = "duplicate student id"
    student(sid + 6, "E6", "Duplicate Email", "S10001@school.example", None)  # emails compare case-blind
    out.bad[("students", str(sid + 6))] = "duplicate email"
    student(sid + 7, "E7", b"\xff\xfeBad \xc3", "e7@school.example", None)
    out.bad[("students", str(sid + 7))] = "invalid text"
    student(sid + 8, None, "No Id", "e8@school.example", None)
    out.bad[("students", str(sid + 8))] = "student_id is missing"
    student(sid + 9, "E9", "Nul\x00Name", "e9@school.example", None)
    out.bad[("students", str(sid + 9))] = "NUL"
    # A student without an encoding path and with a missing class: moved, with a caveat.
    student(sid + 10, "E10", "No Face Yet", None, None, cls=9999)

    ses = spec.sessions + 100
    conn.execute(
        "INSERT INTO attendance_sessions VALUES (?, ?, ?, ?, ?)", (ses + 1, 1, "next tuesday", None, 0)
    )
    out.bad[("attendance_sessions", str(ses + 1))] = "not a time"
    conn.execute(
        "INSERT INTO attendance_sessions VALUES (?, ?, ?, ?, ?)",
        (ses + 2, 4242, "2024-09-10 08:00:00", None, 0),
    )
    out.bad[("attendance_sessions", str(ses + 2))] = "orphan"

    rid = nrec + 100
    conf = [0.9] if spec.confidence_column else []
    dev = ["k"] if spec.extra_columns else []

    def record(key: int, session: int, stud: int, ts: object) -> None:
        row = [key, session, stud, ts, *conf, *dev]
        conn.execute(f"INSERT INTO attendance_records VALUES ({','.join('?' * len(row))})", row)

    record(rid + 1, 99999, 1, "2024-09-03 08:10:00")
    out.bad[("attendance_records", str(rid + 1))] = "orphan: session"
    record(rid + 2, 1, 99999, "2024-09-03 08:10:00")
    out.bad[("attendance_records", str(rid + 2))] = "orphan: student"
    record(rid + 3, 1, sid + 10, "yesterday-ish")
    out.bad[("attendance_records", str(rid + 3))] = "not a time"
    record(rid + 4, 1, sid + 10, None)
    out.bad[("attendance_records", str(rid + 4))] = "timestamp is missing"
    record(rid + 5, ses + 1, 1, "2024-09-03 08:10:00")  # its session was kept aside
    out.bad[("attendance_records", str(rid + 5))] = "orphan: session"
    record(rid + 6, 1, sid + 5, "2024-09-03 08:10:00")  # its student was kept aside
    out.bad[("attendance_records", str(rid + 6))] = "orphan: student"
    # The same student twice in one session: the earlier mark is kept.
    record(rid + 7, 2, sid + 10, "2024-09-03 09:10:00")
    record(rid + 8, 2, sid + 10, "2024-09-03 09:30:00")
    out.bad[("attendance_records", str(rid + 8))] = "already marked"
