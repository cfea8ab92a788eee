"""Hostile database URLs: each one clear line, non-zero exit, nothing created or stored."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.foundation._helpers import assert_clean_failure, run_cli_subprocess


def kiosk_fails(tmp_path: Path, url: str, *expected: str) -> str:
    result = run_cli_subprocess(["--data-dir", str(tmp_path / "data"), "--database", url, "class", "list"])
    return assert_clean_failure(result, *expected)


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///", "sqlite:///:memory:"])
def test_in_memory_sqlite_is_refused(tmp_path: Path, url: str) -> None:
    result = run_cli_subprocess(
        ["--data-dir", str(tmp_path / "data"), "--database", url, "class", "add", "ZZ", "--name", "Z"]
    )
    line = assert_clean_failure(result, "names no file")
    assert "Added" not in result.out, line


def test_sqlite_in_a_missing_folder_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent-dir"
    line = kiosk_fails(tmp_path, f"sqlite:///{missing}/sub/x.db", f"{missing}/sub", "does not exist")
    assert not missing.exists(), line


def test_postgres_url_without_a_database_name(tmp_path: Path) -> None:
    line = kiosk_fails(tmp_path, "postgresql://", "names no database")
    assert "None" not in line


def test_bogus_sslmode(tmp_path: Path) -> None:
    kiosk_fails(
        tmp_path, "postgresql://u@127.0.0.1:1/kiosk?sslmode=bogus", "'bogus'", "SSL mode", "verify-full"
    )


@pytest.fixture
def web_server() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def test_a_web_server_on_the_port_is_named_as_such(tmp_path: Path, web_server: int) -> None:
    line = kiosk_fails(tmp_path, f"postgresql://u@127.0.0.1:{web_server}/kiosk", "not a PostgreSQL server")
    assert "secure connection" not in line
