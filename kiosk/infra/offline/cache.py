"""The local cache: classes, rosters, thumbnails and face encodings copied from PostgreSQL.

A SQLite file of its own (not the Alembic schema) in ``settings.cache_dir``. It is only a
copy: every refresh replaces it whole in one transaction, so it never mixes two versions of
a roster, and a damaged or deleted file is simply rebuilt from the server. Queued marks live
in a separate file (:mod:`kiosk.infra.offline.outbox`) so losing the cache never loses them.

Face vectors are encrypted (see :mod:`kiosk.infra.offline.keys`); the rest is not
biometric and is stored plainly. Account hashes are copied too (signing in offline), with
the wrong PINs typed offline counted beside them.

A little over 400 lines: the copy is one refresh and its reads, kept side by side so the
columns written and read stay in step.

Over 400 lines on purpose: the cache is one SQLite file whose tables (classes, rosters,
thumbnails, encrypted galleries, account copies) are refreshed in one transaction and purged
together; keeping the schema and its readers in one module keeps that transaction whole.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time as _time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path

import numpy as np
from sqlalchemy import Engine
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session

from kiosk.core.authz import Account, Role, Throttle
from kiosk.core.domain import ClassInfo, StudentInfo
from kiosk.core.errors import DatabaseError, NotFound
from kiosk.core.lookalikes import LookalikePairs
from kiosk.core.ordering import sort_classes
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import classes as class_repo
from kiosk.infra.db.repo import encodings as encoding_repo
from kiosk.infra.db.repo import lookalikes as lookalike_repo
from kiosk.infra.db.repo import students as student_repo
from kiosk.infra.db.repo import users as user_repo
from kiosk.infra.db.repo.encodings import Gallery
from kiosk.infra.offline._sqlite import LocalDb
from kiosk.infra.offline.keys import VectorCipher

log = logging.getLogger(__name__)

CACHE_FILE_NAME = "cache.db"
SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS classes (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, teacher TEXT, starts_at TEXT
);
CREATE TABLE IF NOT EXISTS students (
    id TEXT PRIMARY KEY, student_id TEXT NOT NULL, name TEXT NOT NULL, class_code TEXT,
    email TEXT, phone TEXT, is_active INTEGER NOT NULL, consent_given INTEGER NOT NULL,
    consent_at TEXT, consent_by TEXT, encoding_count INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_students_class ON students (class_code, name);
CREATE TABLE IF NOT EXISTS photos (student_uuid TEXT PRIMARY KEY, jpeg BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS galleries (
    class_code TEXT NOT NULL, model_name TEXT NOT NULL, fingerprint TEXT NOT NULL,
    dim INTEGER NOT NULL, student_ids BLOB NOT NULL, encoding_ids BLOB NOT NULL,
    vectors BLOB NOT NULL,  -- AES-GCM ciphertext of the float32 matrix
    PRIMARY KEY (class_code, model_name)
);
-- Accounts, so a teacher can sign in while PostgreSQL is down (hashes only, never PINs).
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, secret_hash TEXT NOT NULL, is_active INTEGER NOT NULL,
    failures INTEGER NOT NULL, last_failure_at TEXT
);
-- The classes each teacher teaches (a teacher signed in offline still sees only theirs).
CREATE TABLE IF NOT EXISTS user_classes (name TEXT NOT NULL, class_code TEXT NOT NULL);
-- Students recorded as look-alikes (twins): never marked automatically, online or not.
CREATE TABLE IF NOT EXISTS lookalike_pairs (
    student_a TEXT NOT NULL, student_b TEXT NOT NULL, PRIMARY KEY (student_a, student_b)
);
-- Wrong PINs typed while offline: kept across refreshes so a restart does not reset them.
CREATE TABLE IF NOT EXISTS login_failures (
    name TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_failure_at TEXT
);
"""


GalleryKey = tuple[str, str]  # (class code, model name)


@dataclass(frozen=True)
class RefreshResult:
    at: datetime
    classes: int
    students: int
    galleries: int
    # Galleries whose encodings changed or vanished (a withdrawal, a deletion, an enrollment):
    # index files built from the old ones must go at once.
    changed: tuple[GalleryKey, ...] = ()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _gallery_context(class_code: str, model_name: str, fingerprint: str) -> str:
    return f"gallery|{class_code}|{model_name}|{fingerprint}"


class LocalCache:
    """Opened with :meth:`open`; ``notice`` says when a damaged or missing file was replaced."""

    def __init__(self, db: LocalDb, cipher: VectorCipher, notice: str | None) -> None:
        self._db = db
        self._cipher = cipher
        self.path = db.path
        if notice is not None:
            # Kept in the file until a refresh succeeds, so a start that could not rebuild
            # (offline) does not hide the damage from the next one that can.
            with db.transaction() as conn:
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('notice', ?)", (notice,))

    @property
    def notice(self) -> str | None:
        """Why the cache was replaced, until a refresh from PostgreSQL has filled it again."""
        rows = self._db.query("SELECT value FROM meta WHERE key = 'notice'")
        return str(rows[0][0]) if rows else None

    @classmethod
    def open(cls, cache_dir: Path, cipher: VectorCipher) -> LocalCache:
        path = cache_dir / CACHE_FILE_NAME
        existed = path.exists()
        try:
            return cls(
                _open_checked(path),
                cipher,
                None if existed else "No local cache was found; a new one was made.",
            )
        except sqlite3.DatabaseError as exc:
            aside = _move_aside(path)
            log.warning(
                "The local cache %s is damaged (%s); moved to %s and starting a new one", path, exc, aside
            )
            notice = f"The local cache was damaged ({exc}); it was set aside and is rebuilt from PostgreSQL."
            return cls(_open_checked(path), cipher, notice)

    def close(self) -> None:
        self._db.close()

    # -- state --------------------------------------------------------------------------
    @property
    def last_refresh(self) -> datetime | None:
        rows = self._db.query("SELECT value FROM meta WHERE key = 'last_refresh'")
        return _dt(rows[0][0]) if rows else None

    @property
    def is_empty(self) -> bool:
        return self.last_refresh is None

    # -- refresh ------------------------------------------------------------------------
    def refresh_from(self, engine: Engine) -> RefreshResult:
        """Copy everything from PostgreSQL (one read transaction), then replace the cache (one
        local transaction). A failure on either side leaves the previous copy intact."""
        with unit_of_work(session_factory(engine)) as s:
            class_rows = class_repo.list_classes(s)
            rosters = {
                c.code: student_repo.list_students(s, class_code=c.code, active_only=True) for c in class_rows
            }
            all_ids = [st.id for roster in rosters.values() for st in roster]
            photos = student_repo.photos(s, all_ids)
            accounts = _accounts_or_none(s)
            pairs = _pairs_or_none(s)
            models = sorted(encoding_repo.counts_by_model(s))
            galleries = [
                (c.code, encoding_repo.load_gallery(s, m, class_code=c.code))
                for c in class_rows
                for m in models
            ]
        at = datetime.now(UTC)
        before = self.gallery_fingerprints()
        after = {(code, g.model_name): g.fingerprint for code, g in galleries}
        changed = tuple(sorted(k for k, fp in before.items() if after.get(k) != fp))
        with self._db.transaction() as conn:
            for table in ("classes", "students", "photos", "galleries", "users", "user_classes"):
                if table not in ("users", "user_classes") or accounts is not None:
                    conn.execute(f"DELETE FROM {table}")
            conn.executemany(
                "INSERT INTO classes VALUES (?, ?, ?, ?)",
                [
                    (c.code, c.name, c.teacher, c.starts_at.isoformat() if c.starts_at else None)
                    for c in class_rows
                ],
            )
            conn.executemany(
                "INSERT INTO students VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_student_row(st) for roster in rosters.values() for st in roster],
            )
            conn.executemany("INSERT INTO photos VALUES (?, ?)", [(str(k), v) for k, v in photos.items()])
            for code, g in galleries:
                self._write_gallery(conn, code, g)
            conn.executemany(
                "INSERT INTO users VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        a.name.lower(),
                        a.role.value,
                        a.secret_hash,
                        int(a.active),
                        a.throttle.failures,
                        _iso(a.throttle.last_failure_at),
                    )
                    for a in accounts or []
                ],
            )
            conn.executemany(
                "INSERT INTO user_classes VALUES (?, ?)",
                [(a.name.lower(), code) for a in accounts or [] for code in sorted(a.classes)],
            )
            _write_pairs(conn, pairs)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('last_refresh', ?)", (at.isoformat(),))
            conn.execute("DELETE FROM meta WHERE key = 'notice'")
        result = RefreshResult(at, len(class_rows), len(all_ids), len(galleries), changed)
        log.info(
            "Local cache refreshed: %d classes, %d students, %d galleries",
            result.classes,
            result.students,
            result.galleries,
        )
        return result

    def _write_gallery(self, conn: sqlite3.Connection, code: str, g: Gallery) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO galleries VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                code,
                g.model_name,
                g.fingerprint,
                int(g.vectors.shape[1]) if g.size else 0,
                b"".join(sid.bytes for sid in g.student_ids),
                np.asarray(g.encoding_ids, dtype="<i8").tobytes(),
                self._cipher.encrypt(
                    np.ascontiguousarray(g.vectors, dtype="<f4").tobytes(),
                    _gallery_context(code, g.model_name, g.fingerprint),
                ),
            ),
        )

    def purge_students(self, withdrawn: set[uuid.UUID], deleted: set[uuid.UUID]) -> list[GalleryKey]:
        """Forget at once what this kiosk holds of students who withdrew consent or were deleted:
        their face vectors (each gallery is rewritten without them), thumbnails and, for the
        deleted, their roster row. Returns the galleries that changed (their index files must go)."""
        gone = withdrawn | deleted
        if not gone:
            return []
        changed: list[GalleryKey] = []
        for row in self._db.query("SELECT class_code, model_name, student_ids FROM galleries"):
            raw = bytes(row["student_ids"])
            if {uuid.UUID(bytes=raw[i : i + 16]) for i in range(0, len(raw), 16)} & gone:
                changed.append((str(row["class_code"]), str(row["model_name"])))
        with self._db.transaction() as conn:
            for code, model in changed:
                try:
                    g = self.gallery(code, model)
                except CacheUnreadable:
                    g = None
                conn.execute("DELETE FROM galleries WHERE class_code = ? AND model_name = ?", (code, model))
                if g is None:
                    continue
                keep = np.asarray([sid not in gone for sid in g.student_ids], dtype=bool)
                students = tuple(s for s, k in zip(g.student_ids, keep, strict=True) if k)
                ids = tuple(e for e, k in zip(g.encoding_ids, keep, strict=True) if k)
                vectors = np.ascontiguousarray(g.vectors[keep]) if g.size else g.vectors
                fp = encoding_repo.fingerprint(model, ids, students)
                self._write_gallery(conn, code, Gallery(model, vectors, students, ids, fp))
            keys = [(str(u),) for u in gone]
            conn.executemany("DELETE FROM photos WHERE student_uuid = ?", keys)
            conn.executemany("DELETE FROM students WHERE id = ?", [(str(u),) for u in deleted])
            conn.executemany(
                "DELETE FROM lookalike_pairs WHERE student_a = ? OR student_b = ?",
                [(str(u), str(u)) for u in deleted],
            )
            conn.executemany(
                "UPDATE students SET consent_given = 0, encoding_count = 0 WHERE id = ?",
                [(str(u),) for u in withdrawn],
            )
        log.warning(
            "Removed the face data of %d student(s) whose consent was withdrawn and %d deleted student(s) "
            "from this kiosk's copy",
            len(withdrawn),
            len(deleted),
        )
        return changed

    # -- accounts (signing in offline) ------------------------------------------------------
    def has_accounts(self) -> bool:
        return bool(self._db.query("SELECT 1 FROM users WHERE is_active = 1 LIMIT 1"))

    def account(self, name: str) -> Account | None:
        """The copied account; its throttle counts the server's and this kiosk's offline failures."""
        key = " ".join(name.split()).lower()
        rows = self._db.query("SELECT * FROM users WHERE name = ?", (key,))
        if not rows:
            return None
        r = rows[0]
        local = self._db.query("SELECT failures, last_failure_at FROM login_failures WHERE name = ?", (key,))
        failures = int(r["failures"]) + (int(local[0][0]) if local else 0)
        last = max(
            (t for t in (_dt(r["last_failure_at"]), _dt(local[0][1]) if local else None) if t is not None),
            default=None,
        )
        classes = self._db.query("SELECT class_code FROM user_classes WHERE name = ?", (key,))
        return Account(
            name=key,
            role=Role(r["role"]),
            secret_hash=r["secret_hash"],
            active=bool(r["is_active"]),
            throttle=Throttle(failures, last),
            classes=frozenset(str(c[0]) for c in classes),
        )

    def record_login_failure(self, name: str, at: datetime) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO login_failures VALUES (?, 1, ?) ON CONFLICT (name) DO UPDATE "
                "SET failures = failures + 1, last_failure_at = excluded.last_failure_at",
                (" ".join(name.split()).lower(), at.isoformat()),
            )

    def clear_login_failures(self, name: str) -> None:
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM login_failures WHERE name = ?", (" ".join(name.split()).lower(),))
            conn.execute(
                "UPDATE users SET failures = 0, last_failure_at = NULL WHERE name = ?",
                (" ".join(name.split()).lower(),),
            )

    def refresh_class(self, engine: Engine, class_code: str) -> int:
        """Copy one class (roster, thumbnails, galleries) from PostgreSQL, after a notified change.

        Students who left the class's active roster (deleted, moved, made inactive) lose their
        cached row and thumbnail; a withdrawn student keeps their row (consent now false) but
        their vectors leave the gallery, since the server deleted them. Returns the roster size."""
        with unit_of_work(session_factory(engine)) as s:
            info = class_repo.get_class(s, class_code)
            roster = student_repo.list_students(s, class_code=class_code, active_only=True)
            photos = student_repo.photos(s, [st.id for st in roster])
            galleries = [
                encoding_repo.load_gallery(s, m, class_code=class_code)
                for m in sorted(encoding_repo.counts_by_model(s))
            ]
            pairs = _pairs_or_none(s)  # school-wide and small: a recorded pair names this class's students
        with self._db.transaction() as conn:
            _write_pairs(conn, pairs)
            old = [r[0] for r in conn.execute("SELECT id FROM students WHERE class_code = ?", (class_code,))]
            conn.executemany("DELETE FROM photos WHERE student_uuid = ?", [(sid,) for sid in old])
            conn.execute("DELETE FROM students WHERE class_code = ?", (class_code,))
            conn.execute("DELETE FROM galleries WHERE class_code = ?", (class_code,))
            conn.execute(
                "INSERT OR REPLACE INTO classes VALUES (?, ?, ?, ?)",
                (info.code, info.name, info.teacher, info.starts_at.isoformat() if info.starts_at else None),
            )
            conn.executemany(
                "INSERT OR REPLACE INTO students VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_student_row(st) for st in roster],
            )
            conn.executemany(
                "INSERT OR REPLACE INTO photos VALUES (?, ?)", [(str(k), v) for k, v in photos.items()]
            )
            for g in galleries:
                self._write_gallery(conn, class_code, g)
        return len(roster)

    # -- reads --------------------------------------------------------------------------
    def gallery_fingerprints(self) -> dict[GalleryKey, str]:
        rows = self._db.query("SELECT class_code, model_name, fingerprint FROM galleries")
        return {(str(r[0]), str(r[1])): str(r[2]) for r in rows}

    def list_classes(self) -> list[ClassInfo]:
        return sort_classes(_class(r) for r in self._db.query("SELECT * FROM classes"))  # "9B" before "10A"

    def get_class(self, code: str) -> ClassInfo:
        rows = self._db.query("SELECT * FROM classes WHERE code = ?", (code,))
        if not rows:
            raise NotFound(
                f"There is no class with code {code!r} in the local copy of the roster.",
                "If it was added recently, connect to PostgreSQL so the kiosk can fetch it.",
            )
        return _class(rows[0])

    def roster(self, class_code: str) -> list[StudentInfo]:
        self.get_class(class_code)
        rows = self._db.query(
            "SELECT * FROM students WHERE class_code = ? ORDER BY name, student_id", (class_code,)
        )
        return [_student(r) for r in rows]

    def student(self, student_uuid: uuid.UUID) -> StudentInfo | None:
        rows = self._db.query("SELECT * FROM students WHERE id = ?", (str(student_uuid),))
        return _student(rows[0]) if rows else None

    def lookalike_pairs(self) -> LookalikePairs:
        rows = self._db.query("SELECT student_a, student_b FROM lookalike_pairs")
        return frozenset(frozenset((uuid.UUID(r[0]), uuid.UUID(r[1]))) for r in rows)

    def photos(self, student_uuids: list[uuid.UUID]) -> dict[uuid.UUID, bytes]:
        out: dict[uuid.UUID, bytes] = {}
        for start in range(0, len(student_uuids), 500):  # SQLite's bound-parameter limit
            chunk = [str(u) for u in student_uuids[start : start + 500]]
            marks = ",".join("?" * len(chunk))
            for r in self._db.query(
                f"SELECT student_uuid, jpeg FROM photos WHERE student_uuid IN ({marks})", chunk
            ):
                out[uuid.UUID(r[0])] = bytes(r[1])
        return out

    def gallery(self, class_code: str, model_name: str) -> Gallery | None:
        """The cached gallery; ``None`` when there is none for this pair. Raises
        :class:`CacheUnreadable` when the ciphertext cannot be opened (key lost or data changed)."""
        rows = self._db.query(
            "SELECT * FROM galleries WHERE class_code = ? AND model_name = ?", (class_code, model_name)
        )
        if not rows:
            return None
        r = rows[0]
        plain = self._cipher.decrypt(
            bytes(r["vectors"]), _gallery_context(class_code, model_name, r["fingerprint"])
        )
        if plain is None:
            raise CacheUnreadable(
                "The cached face data cannot be decrypted (its key was lost or the file was changed).",
                "Connect to PostgreSQL so the kiosk can rebuild its cache.",
            )
        raw_ids = bytes(r["student_ids"])
        student_ids = tuple(uuid.UUID(bytes=raw_ids[i : i + 16]) for i in range(0, len(raw_ids), 16))
        dim = int(r["dim"])
        raw_encoding_ids = bytes(r["encoding_ids"])
        if len(plain) != 4 * dim * len(student_ids) or len(raw_encoding_ids) != 8 * len(student_ids):
            # Not the matrix it claims to be: unreadable, so the store rebuilds it from the server.
            raise CacheUnreadable(
                f"The cached {model_name} face data of class {class_code} has the wrong size.",
                "Connect to PostgreSQL so the kiosk can rebuild its cache.",
            )
        vectors = (
            np.frombuffer(plain, dtype="<f4").astype(np.float32, copy=False).reshape(len(student_ids), dim)
        )
        encoding_ids = tuple(int(x) for x in np.frombuffer(raw_encoding_ids, dtype="<i8"))
        finite: list[bool] = [bool(ok) for ok in np.isfinite(vectors).all(axis=1).reshape(-1)]
        skipped: tuple[int, ...] = ()
        if not all(finite):
            # One bad row must not stop the class: leave it out and say which (never its values).
            skipped = tuple(e for e, ok in zip(encoding_ids, finite, strict=True) if not ok)
            for e, sid in (
                (e, s) for e, s, ok in zip(encoding_ids, student_ids, finite, strict=True) if not ok
            ):
                log.warning(
                    "Skipped cached face encoding %d of student %s: its values are not finite (NaN or infinite)",
                    e,
                    sid,
                )
            vectors = np.ascontiguousarray(vectors[np.asarray(finite, dtype=bool)])
            student_ids = tuple(s for s, ok in zip(student_ids, finite, strict=True) if ok)
            encoding_ids = tuple(e for e, ok in zip(encoding_ids, finite, strict=True) if ok)
        return Gallery(model_name, vectors, student_ids, encoding_ids, str(r["fingerprint"]), skipped)


class CacheUnreadable(DatabaseError):
    """The cache exists but its encrypted part cannot be read."""


def _class(r: sqlite3.Row) -> ClassInfo:
    return ClassInfo(
        code=r["code"],
        name=r["name"],
        teacher=r["teacher"],
        starts_at=time.fromisoformat(r["starts_at"]) if r["starts_at"] else None,
    )


def _student(r: sqlite3.Row) -> StudentInfo:
    return StudentInfo(
        id=uuid.UUID(r["id"]),
        student_id=r["student_id"],
        name=r["name"],
        class_code=r["class_code"],
        email=r["email"],
        phone=r["phone"],
        is_active=bool(r["is_active"]),
        consent_given=bool(r["consent_given"]),
        consent_at=_dt(r["consent_at"]),
        consent_by=r["consent_by"],
        encoding_count=int(r["encoding_count"]),
    )


def _accounts_or_none(session: Session) -> list[Account] | None:
    """The accounts, or ``None`` when this database account may not read them (grants from an
    older ``kiosk db create-roles``): the roster is copied anyway, the old account copy kept."""
    try:
        with session.begin_nested():
            return user_repo.list_accounts(session)
    except ProgrammingError as exc:
        log.warning("The accounts could not be copied for offline sign-in (%s)", type(exc.orig).__name__)
        return None


def _pairs_or_none(session: Session) -> LookalikePairs | None:
    """The recorded look-alike pairs, or ``None`` when this account may not read them (grants
    from an older ``kiosk db create-roles``): the old copy is kept."""
    try:
        with session.begin_nested():
            return lookalike_repo.pairs(session)
    except ProgrammingError as exc:
        log.warning("The look-alike pairs could not be copied (%s)", type(exc.orig).__name__)
        return None


def _write_pairs(conn: sqlite3.Connection, pairs: LookalikePairs | None) -> None:
    if pairs is None:
        return
    conn.execute("DELETE FROM lookalike_pairs")
    conn.executemany(
        "INSERT INTO lookalike_pairs VALUES (?, ?)",
        [tuple(str(u) for u in sorted(p, key=lambda u: u.int)) for p in pairs if len(p) == 2],
    )


def _student_row(st: StudentInfo) -> tuple[object, ...]:
    return (
        str(st.id),
        st.student_id,
        st.name,
        st.class_code,
        st.email,
        st.phone,
        int(st.is_active),
        int(st.consent_given),
        _iso(st.consent_at),
        st.consent_by,
        st.encoding_count,
    )


def _open_checked(path: Path) -> LocalDb:
    db = LocalDb(path)
    try:
        result = db.query("PRAGMA quick_check")
        if not result or result[0][0] != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {result[0][0] if result else 'no answer'}")
        with db.transaction() as conn:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            version = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if version is None:
                conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            elif version[0] != SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"cache format {version[0]}, expected {SCHEMA_VERSION}")
    except BaseException:
        db.close()
        raise
    return db


def _move_aside(path: Path) -> Path:
    aside = path.with_name(f"{path.stem}.damaged-{int(_time.time())}{path.suffix}")
    with contextlib.suppress(FileNotFoundError):
        path.replace(aside)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return aside
