"""Throwaway PostgreSQL 15 clusters for the tests that need a server of their own: one they may
stop, one that checks passwords or speaks only TLS, a primary with its standby.

Each lives in a folder of its own under /tmp and listens on 127.0.0.1 on a free port.
``initdb`` and ``postgres`` refuse to run as root: when the tests run as root (as CI does),
every server command runs as the ``postgres`` user and the folders are handed to it.
:meth:`Cluster.destroy` stops and deletes everything and is safe to call twice.

(The shared server most tests use is :class:`tests.conftest.PostgresServer`.)
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
START_TIMEOUT_SECONDS = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def as_postgres(argv: Sequence[str]) -> list[str]:
    """The command as the ``postgres`` user when the tests run as root."""
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else list(argv)


def run_as_postgres(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run a server command (raises on failure, with its output); from / so any user may."""
    return subprocess.run(
        as_postgres(argv), check=True, capture_output=True, text=True, timeout=timeout, cwd="/"
    )


def hand_to_postgres(*paths: Path) -> None:
    """Files the server must own (its folder, a key file) when the tests run as root."""
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for path in paths:
            os.chown(path, owner.pw_uid, owner.pw_gid)


def new_folder(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    hand_to_postgres(folder)
    return folder


class Cluster:
    """``initdb`` (trust by default), settings appended to postgresql.conf, started, and the
    database ``kiosk`` made. ``prepare`` runs after initdb and before the first start (TLS
    certificates, pg_hba.conf)."""

    def __init__(
        self,
        *,
        prefix: str = "kiosk-pg-",
        initdb_args: Sequence[str] = ("--auth=trust",),
        conf: str = "",
        prepare: Callable[[Cluster], None] | None = None,
        database: str | None = "kiosk",
    ) -> None:
        self.dir = new_folder(prefix)
        self.data = self.dir / "data"
        self.port = free_port()
        try:
            run_as_postgres(
                str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-E", "UTF8", "--no-sync",
                *initdb_args,
            )  # fmt: skip
            with (self.data / "postgresql.conf").open("a", encoding="utf-8") as fh:
                fh.write(
                    f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                    f"unix_socket_directories = '{self.dir}'\n{conf}\n"
                )
            if prepare is not None:
                prepare(self)
            self.start()
            if database is not None:
                self.createdb(database)
        except BaseException:
            self.destroy()
            raise

    def pg_ctl(self, *argv: str) -> None:
        run_as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), *argv)

    def start(self) -> None:
        self.pg_ctl("-l", str(self.dir / "log"), "-w", "-t", str(START_TIMEOUT_SECONDS), "start")

    def stop(self) -> None:
        self.pg_ctl("-m", "fast", "-w", "stop")

    def kill(self) -> None:
        """Gone at once: no checkpoint, no goodbye to clients (``-m immediate``)."""
        self.pg_ctl("-m", "immediate", "-w", "-t", "30", "stop")

    def createdb(self, name: str, *, owner: str = "postgres") -> None:
        # Through the socket: a TLS-only server refuses plain TCP.
        run_as_postgres(
            str(PG_BIN / "createdb"), "-h", str(self.dir), "-p", str(self.port), "-U", "postgres",
            "-O", owner, name,
        )  # fmt: skip

    def psql(self, sql: str, database: str = "postgres") -> None:
        run_as_postgres(
            str(PG_BIN / "psql"), "-X", "-q", "-h", str(self.dir), "-p", str(self.port), "-U", "postgres",
            "-d", database, "-v", "ON_ERROR_STOP=1", "-c", sql,
        )  # fmt: skip

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


class PasswordCluster(Cluster):
    """A server that checks passwords over TCP (scram-sha-256), whose superuser ``postgres``
    has ``password``; the shared test server trusts everyone, so wrong passwords need this."""

    def __init__(self, password: str, *, prefix: str = "kiosk-scram-") -> None:
        secrets_folder = new_folder("kiosk-pw-")  # initdb reads the superuser's password here
        pwfile = secrets_folder / "pw"
        pwfile.write_text(password + "\n", encoding="utf-8")
        hand_to_postgres(pwfile)
        try:
            super().__init__(
                prefix=prefix,
                initdb_args=(
                    f"--pwfile={pwfile}",
                    "--auth-host=scram-sha-256",
                    "--auth-local=trust",
                    "--locale=C",
                ),
                conf="fsync = off",
                database=None,
            )
        finally:
            shutil.rmtree(secrets_folder, ignore_errors=True)
