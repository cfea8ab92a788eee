"""Helpers for the offline tests: seeding PostgreSQL, a loopback TCP proxy, a throwaway server.

The proxy is a real TCP relay between the kiosk and PostgreSQL: cutting it is a network
outage (existing connections reset, new ones refused), and its delay is a slow network.
The throwaway server is a real PostgreSQL cluster the test may stop and start.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine, text

from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource
from kiosk.infra.config import OfflineSettings, Settings, load_settings
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import classes, encodings, students
from tests.pg_servers import Cluster

DAMAGES = ["empty", "half", "header", "page2"]  # how outbox files were found damaged on kiosks


def seed(
    url: str, *, class_code: str = "9B", n_students: int = 12, dim: int = 512, seed_: int = 7
) -> list[uuid.UUID]:
    """A class with students, all with consent (automatic marks need it); the even ones have two
    face vectors each and a thumbnail."""
    rng = np.random.default_rng(seed_)
    engine = create_engine(url)
    ids: list[uuid.UUID] = []
    with unit_of_work(session_factory(engine)) as s:
        classes.add_class(s, class_code, f"Class {class_code}", teacher="Ms Rivera")
        for i in range(n_students):
            info = students.add_student(
                s,
                student_id=f"{class_code}-{i:04d}",
                name=f"Student {i:04d}",
                class_code=class_code,
                consent=True,
                consent_by="parent",
            )
            ids.append(info.id)
            if i % 2 == 0:
                for _ in range(2):
                    encodings.add_encoding(s, info.id, model_name="Facenet512", vector=rng.normal(size=dim))
                students.set_photo(s, info.id, b"\xff\xd8\xff\xe0fake-jpeg-" + info.student_id.encode())
    engine.dispose()
    return ids


def offline_settings(data_dir: Path, url: str, **offline: float) -> Settings:
    base = load_settings(data_dir=data_dir, database_url=url)
    values = {"sync_interval_seconds": 0.1, "health_timeout_seconds": 1.0, "refresh_minutes": 5} | offline
    return replace(base, offline=OfflineSettings(**values))  # type: ignore[arg-type]


def auto_mark(session_id: uuid.UUID, student: uuid.UUID, **kw: object) -> AttendanceMark:
    from datetime import UTC, datetime

    fields: dict[str, object] = {
        "id": uuid.uuid4(),
        "session_id": session_id,
        "student_uuid": student,
        "status": AttendanceStatus.PRESENT,
        "marked_at": datetime.now(UTC),
        "source": MarkSource.AUTO,
        "confidence": 0.9,
    }
    fields.update(kw)
    return AttendanceMark(**fields)  # type: ignore[arg-type]


def server_records(url: str) -> list[tuple[uuid.UUID, uuid.UUID, uuid.UUID, str, str]]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT id, session_id, student_id, status, source FROM attendance_records ORDER BY marked_at"
            )
        ).all()
    engine.dispose()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def damage(path: Path, how: str) -> bytes:
    """Damage the file as found on real kiosks; returns the damaged bytes."""
    data = path.read_bytes()
    assert len(data) >= 3 * 4096, "the outbox should span several pages"
    if how == "empty":
        damaged = b""
    elif how == "half":
        damaged = data[: len(data) // 2]
    elif how == "header":
        damaged = b"\x13\x37garbage" * 12 + data[100:]
    else:  # garbage in page 2
        damaged = data[:4096] + os.urandom(4096) + data[8192:]
    path.write_bytes(damaged)
    return damaged


def wait_for(predicate: object, timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(interval)
    return bool(predicate())  # type: ignore[operator]


class TcpProxy:
    """A loopback relay to ``target_port`` that can be cut, restored and slowed down."""

    def __init__(self, target_port: int, *, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = int(self._listener.getsockname()[1])
        self.delay = 0.0
        self._cut = False
        self._closed = False
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        threading.Thread(target=self._accept_loop, daemon=True).start()

    def url_for(self, url: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(url).set(host="127.0.0.1", port=self.port).render_as_string(hide_password=False)

    def cut(self) -> None:
        """A network outage: every open connection dies, new ones are dropped."""
        with self._lock:
            self._cut = True
            socks, self._sockets = self._sockets, set()
        for s in socks:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def restore(self) -> None:
        with self._lock:
            self._cut = False

    def close(self) -> None:
        self._closed = True
        self.cut()
        self._listener.close()

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                refused = self._cut
            if refused:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._sockets.update({client, upstream})
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if self.delay:
                    time.sleep(self.delay)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            with self._lock:
                self._sockets.discard(src)
                self._sockets.discard(dst)


class ThrowawayPostgres(Cluster):
    """A real PostgreSQL 15 cluster in /tmp on a free loopback port, stoppable at will."""

    def __init__(self, *, max_connections: int = 50) -> None:
        super().__init__(conf=f"max_connections = {max_connections}\nfsync = on\nshared_buffers = 32MB")

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/kiosk"
