"""Fault 1: a stopped server reached over a Unix socket starts the kiosk offline, from its cache.

Before: "PostgreSQL at localhost:5432 refused the connection: connection is bad: ... No such
file or directory" and exit 2 (wrong classification, wrong place named).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FACES_DIR, offline_profile_data_dir
from tests.hardening.pg_cluster import PG_BIN, OwnCluster

pytestmark = [pytest.mark.postgres, pytest.mark.recognition, pytest.mark.slow]
REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def socket_server() -> Iterator[OwnCluster]:
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL server binaries not found in {PG_BIN}")
    server = OwnCluster()
    yield server
    server.destroy()


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_stopped_socket_server_runs_offline_and_names_the_socket(
    socket_server: OwnCluster, tmp_path: Path, dlib_models_dir: Path
) -> None:
    url = f"postgresql://postgres@/kiosk?host={socket_server.dir}&port={socket_server.port}"
    data_dir = offline_profile_data_dir(tmp_path, dlib_models_dir)
    base = ("--database", url, "--data-dir", str(data_dir))
    photo = str(FACES_DIR / "people" / "person01" / "1.jpg")
    assert kiosk(*base, "class", "add", "7A", "--name", "Physics 7A").returncode == 0
    online = kiosk(*base, "run", "--class", "7A", "--camera", photo, "--headless", "--max-frames", "1")
    assert online.returncode == 0, online.stderr  # this run copies the roster into the cache

    socket_server.stop()
    offline = kiosk(*base, "run", "--class", "7A", "--camera", photo, "--headless", "--max-frames", "1")
    assert offline.returncode == 0, offline.stderr
    assert "Traceback" not in offline.stderr
    assert f"the Unix socket in {socket_server.dir} (port {socket_server.port})" in offline.stderr
    assert "Starting offline" in offline.stderr or "offline" in offline.stdout.lower()
    assert "localhost:5432" not in offline.stderr + offline.stdout


def test_socket_folder_where_nothing_listens_is_unreachable_and_named(tmp_path: Path) -> None:
    empty = tmp_path / "no-server-here"
    empty.mkdir()
    result = kiosk(
        "--data-dir",
        str(tmp_path / "d"),
        "--database",
        f"postgresql://postgres@/kiosk?host={empty}&port=5499",
        "class",
        "list",
    )
    assert result.returncode != 0
    assert f"PostgreSQL at the Unix socket in {empty} (port 5499) cannot be reached." in result.stderr
    assert "Traceback" not in result.stderr
