"""Fixtures for the district tests: servers of their own, stopped and deleted even on failure."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from district_support import PG_BIN, ReplicatedPair

pytestmark = pytest.mark.postgres


@pytest.fixture
def pair() -> Iterator[ReplicatedPair]:
    if not (PG_BIN / "pg_basebackup").exists() or shutil.which("runuser") is None:
        pytest.skip("PostgreSQL 15 server binaries (pg_basebackup) are not installed")
    servers = ReplicatedPair()
    try:
        yield servers
    finally:
        servers.destroy()
