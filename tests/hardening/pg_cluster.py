"""A PostgreSQL cluster of a test's own: password auth, any ``lc_messages``, stoppable.

initdb and postgres refuse to run as root: as root they run as the ``postgres`` user
(see :mod:`tests.pg_servers`).
"""

from __future__ import annotations

import subprocess

from tests.pg_servers import PG_BIN, Cluster, free_port

__all__ = ["PASSWORD", "PG_BIN", "OwnCluster", "free_port", "locale_available"]

PASSWORD = "s3cret-Passwort"


def locale_available(name: str) -> bool:
    out = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout
    wanted = name.lower().replace("-", "")
    return any(line.lower().replace("-", "") == wanted for line in out.splitlines())


class OwnCluster(Cluster):
    """The superuser ``postgres`` (trust on the socket), ``teacher`` by password over TCP."""

    def __init__(self, *, lc_messages: str = "C") -> None:
        super().__init__(
            prefix="kiosk-pgh-",
            initdb_args=("--auth-local=trust", "--auth-host=scram-sha-256", "--locale=C"),
            conf=f"lc_messages = '{lc_messages}'\nfsync = off\nshared_buffers = 16MB\nmax_connections = 20",
            database=None,
        )
        self.psql(f"CREATE ROLE teacher LOGIN PASSWORD '{PASSWORD}'")
        self.psql("CREATE DATABASE kiosk OWNER postgres")

    def url(self, *, user: str = "teacher", password: str = PASSWORD, database: str = "kiosk") -> str:
        return f"postgresql+psycopg://{user}:{password}@127.0.0.1:{self.port}/{database}"
