"""A PostgreSQL cluster of a test's own: password auth, any ``lc_messages``, stoppable.

initdb and postgres refuse to run as root: as root they run as the ``postgres`` user.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PASSWORD = "s3cret-Passwort"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def locale_available(name: str) -> bool:
    out = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout
    wanted = name.lower().replace("-", "")
    return any(line.lower().replace("-", "") == wanted for line in out.splitlines())


class OwnCluster:
    """initdb + start; the superuser ``postgres`` (trust on the socket), ``teacher`` by password."""

    def __init__(self, *, lc_messages: str = "C") -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="kiosk-pgh-", dir="/tmp"))
        self.data = self.dir / "data"
        self.port = free_port()
        self._as_root = os.geteuid() == 0
        if self._as_root:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        self._run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--locale=C",
        )
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as fh:
            fh.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.dir}'\n"
                f"lc_messages = '{lc_messages}'\nfsync = off\nshared_buffers = 16MB\nmax_connections = 20\n"
            )
        self.start()
        self.psql(f"CREATE ROLE teacher LOGIN PASSWORD '{PASSWORD}'")
        self.psql("CREATE DATABASE kiosk OWNER postgres")

    def url(self, *, user: str = "teacher", password: str = PASSWORD, database: str = "kiosk") -> str:
        return f"postgresql+psycopg://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def psql(self, sql: str, database: str = "postgres") -> None:
        self._run(
            str(PG_BIN / "psql"),
            "-X",
            "-q",
            "-h",
            str(self.dir),
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            sql,
        )

    def _run(self, *argv: str) -> None:
        cmd = ["runuser", "-u", "postgres", "--", *argv] if self._as_root else list(argv)
        subprocess.run(cmd, check=True, capture_output=True, timeout=120, cwd="/")

    def start(self) -> None:
        self._run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "log"),
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self) -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)
