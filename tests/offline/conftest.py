"""Fixtures for the offline tests: a seeded PostgreSQL database and a proxy in front of it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from offline_support import TcpProxy, ThrowawayPostgres, seed

from kiosk.infra.db import schema

pytestmark = pytest.mark.postgres


@pytest.fixture
def seeded(pg_url: str) -> tuple[str, list[uuid.UUID]]:
    """A migrated PostgreSQL database with class 9B and 12 students (all with consent, 6 with vectors)."""
    return pg_url, seed(pg_url)


@pytest.fixture
def proxy(pg_url: str) -> Iterator[TcpProxy]:
    from sqlalchemy.engine import make_url

    p = TcpProxy(make_url(pg_url).port or 5432)
    yield p
    p.close()


@pytest.fixture(scope="module")
def own_server() -> Iterator[ThrowawayPostgres]:
    """A PostgreSQL server of the test's own, which it may stop and start."""
    server = ThrowawayPostgres()
    from sqlalchemy import create_engine

    engine = create_engine(server.url)
    schema.upgrade(engine)
    engine.dispose()
    yield server
    server.destroy()
