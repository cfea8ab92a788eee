"""Real servers for the district tests: a primary with a streaming standby, and PgBouncer.

Everything runs on 127.0.0.1 on free ports, in folders under /tmp, as the ``postgres`` user
when the tests run as root (initdb, postgres and pgbouncer refuse root). Every wait is
bounded; :meth:`destroy` stops and deletes everything and is safe to call twice.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine, text

from kiosk.infra.db import schema
from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import classes, encodings, students
from tests.pg_servers import PG_BIN, as_postgres, free_port, hand_to_postgres, new_folder, run_as_postgres

PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
DIM = 512


def wait_for(predicate: object, timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(interval)
    return bool(predicate())  # type: ignore[operator]


class Node:
    """One PostgreSQL server of the pair."""

    def __init__(self, root: Path, name: str) -> None:
        self.name = name
        self.data = root / name
        self.port = free_port()
        self.log = root / f"{name}.log"
        self.socket_dir = root

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/kiosk"

    def start(self) -> None:
        run_as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start"
        )

    def kill(self) -> None:
        """The primary dies: no checkpoint, no goodbye to clients (``-m immediate``)."""
        run_as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "-t", "30", "stop"
        )

    def promote(self) -> None:
        run_as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", "promote")

    def stop_quietly(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            run_as_postgres(
                str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "-t", "30", "stop"
            )

    def configure(self, extra: str) -> None:
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as fh:
            fh.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.socket_dir}'\nshared_buffers = 32MB\n{extra}\n"
            )


class ReplicatedPair:
    """A primary and a streaming standby of it (synchronous: a commit the kiosk saw
    acknowledged is on the standby too, so promoting it loses nothing)."""

    def __init__(self, *, synchronous: bool = True, max_connections: int = 60) -> None:
        self.root = new_folder("kiosk-district-")
        self.primary = Node(self.root, "primary")
        self.standby = Node(self.root, "standby")
        try:
            run_as_postgres(
                str(PG_BIN / "initdb"),
                "-D",
                str(self.primary.data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            )
            self.primary.configure(f"max_connections = {max_connections}\nwal_level = replica")
            self.primary.start()
            run_as_postgres(
                str(PG_BIN / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.primary.port),
                "-U",
                "postgres",
                "kiosk",
            )
            engine = create_engine(self.primary.url)
            schema.upgrade(engine)
            engine.dispose()
            run_as_postgres(
                str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.primary.port), "-U", "postgres",
                "-D", str(self.standby.data), "-R", "-X", "stream", "--no-sync", "--checkpoint=fast",
            )  # fmt: skip
            # The walreceiver names itself after cluster_name: the primary waits for 'standby1'.
            self.standby.configure(
                f"max_connections = {max_connections}\ncluster_name = 'standby1'\nhot_standby = on"
            )
            self.standby.start()
            if not wait_for(self.streaming, 60, 0.2):
                raise RuntimeError("the standby did not start streaming within 60 s")
            if synchronous:  # only now: before, every commit would wait for a standby not there yet
                self._execute("ALTER SYSTEM SET synchronous_standby_names = 'standby1'")
                self._execute("SELECT pg_reload_conf()")
                if not wait_for(lambda: self.streaming() == "sync", 30, 0.2):
                    raise RuntimeError("the standby did not become synchronous within 30 s")
        except BaseException:
            self.destroy()
            raise

    def streaming(self) -> str | None:
        """The standby's replication state as the primary sees it ("async", "sync"), or None."""
        engine = create_engine(self.primary.url)
        try:
            with engine.connect() as conn:
                state = conn.execute(
                    text("SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")
                ).scalar()
            return str(state) if state else None
        finally:
            engine.dispose()

    def _execute(self, sql: str) -> None:
        engine = create_engine(self.primary.url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(sql))
        finally:
            engine.dispose()

    @property
    def url(self) -> str:
        """Both servers, libpq's way: whichever accepts writes."""
        return (
            f"postgresql+psycopg://postgres@127.0.0.1:{self.primary.port},127.0.0.1:{self.standby.port}"
            "/kiosk?target_session_attrs=read-write"
        )

    def destroy(self) -> None:
        self.standby.stop_quietly()
        self.primary.stop_quietly()
        shutil.rmtree(self.root, ignore_errors=True)


class PgBouncer:
    """A real PgBouncer in transaction mode in front of one database."""

    def __init__(self, pg_port: int, dbname: str, *, pool_size: int = 2) -> None:
        self.dir = new_folder("kiosk-pgbouncer-")
        self.port = free_port()
        users = self.dir / "users.txt"
        users.write_text('"postgres" ""\n', encoding="utf-8")
        config = self.dir / "pgbouncer.ini"
        config.write_text(
            f"[databases]\n{dbname} = host=127.0.0.1 port={pg_port} dbname={dbname}\n\n"
            f"[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = {self.port}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {users}\npool_mode = transaction\n"
            f"default_pool_size = {pool_size}\nmin_pool_size = {pool_size}\nmax_client_conn = 200\n"
            # Round robin: consecutive transactions of one client land on different server
            # connections, as on a busy server (where a prepared statement would be missing).
            "server_round_robin = 1\n"
            f"logfile = {self.dir / 'pgbouncer.log'}\npidfile = {self.dir / 'pgbouncer.pid'}\n"
            "ignore_startup_parameters = extra_float_digits,options\n",
            encoding="utf-8",
        )
        hand_to_postgres(users, config)
        self.dbname = dbname
        self.proc = subprocess.Popen(
            as_postgres([PGBOUNCER, str(config)]), cwd="/", stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        if not wait_for(self._accepting, 20, 0.1):
            self.close()
            raise RuntimeError("PgBouncer did not start listening within 20 s")

    def _accepting(self) -> bool:
        if self.proc.poll() is not None:
            raise RuntimeError(f"PgBouncer exited: {self.proc.stdout.read() if self.proc.stdout else b''!r}")
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", self.port)) == 0

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{self.dbname}"

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)


def seed_class(
    url: str, code: str = "9B", *, n_students: int = 40, enrolled: int = 0, seed_: int = 5
) -> list[str]:
    """A class with consenting students (``enrolled`` of them with two vectors); their school ids."""
    rng = np.random.default_rng(seed_)
    engine = create_engine(url)
    ids: list[str] = []
    try:
        with unit_of_work(session_factory(engine)) as s:
            classes.add_class(s, code, f"Class {code}")
            for i in range(n_students):
                info = students.add_student(
                    s, student_id=f"{code}-{i:04d}", name=f"Student {i:04d}", class_code=code, consent=True,
                    consent_by="parent",
                )  # fmt: skip
                ids.append(info.student_id)
                for _ in range(2 if i < enrolled else 0):
                    encodings.add_encoding(s, info.id, model_name="Facenet512", vector=rng.normal(size=DIM))
    finally:
        engine.dispose()
    return ids
