"""Fixtures for the hardening tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.hardening.pg_cluster import PG_BIN, OwnCluster, locale_available

GERMAN = "de_DE.UTF-8"


@pytest.fixture(scope="module")
def german_server() -> Iterator[OwnCluster]:
    """A real PostgreSQL that answers in German (lc_messages = de_DE.UTF-8)."""
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL server binaries not found in {PG_BIN} (installer/install.sh installs them)")
    if not locale_available(GERMAN):
        pytest.skip(
            f"the {GERMAN} locale is not generated, so no server can answer in German "
            "(installer/run-tests.sh generates it; or: apt-get install locales, enable it in /etc/locale.gen, locale-gen)"
        )
    server = OwnCluster(lc_messages=GERMAN)
    yield server
    server.destroy()
