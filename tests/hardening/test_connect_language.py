"""Fault 2: connection failures told apart by SQLSTATE and class, whatever language the server speaks.

The server here answers in German (lc_messages = de_DE.UTF-8); matching English words in its
messages would call every one of these "refused the connection".
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from kiosk.core.errors import DatabaseError, DatabaseUnavailable
from kiosk.infra.config import load_settings
from kiosk.infra.db.connect import check_can_create_tables, check_connection, explain
from kiosk.infra.db.engine import build_engine
from tests.hardening.pg_cluster import OwnCluster

pytestmark = pytest.mark.postgres


def _check(url: str, tmp_path: Path) -> DatabaseError:
    engine = build_engine(load_settings(data_dir=tmp_path / "data", database_url=url))
    try:
        with pytest.raises(DatabaseError) as caught:
            check_connection(engine)
        return caught.value
    finally:
        engine.dispose()


def test_the_server_really_answers_in_german(german_server: OwnCluster, tmp_path: Path) -> None:
    import psycopg

    with pytest.raises(psycopg.OperationalError) as caught:
        psycopg.connect(german_server.url(password="falsch").replace("+psycopg", ""))
    assert "Passwort" in str(caught.value)  # else this test proves nothing


def test_wrong_password(german_server: OwnCluster, tmp_path: Path) -> None:
    error = _check(german_server.url(password="falsch"), tmp_path)
    assert type(error) is DatabaseError
    assert "wrong or missing password" in error.message
    assert "falsch" not in str(error)


def test_missing_database(german_server: OwnCluster, tmp_path: Path) -> None:
    error = _check(german_server.url(database="gibt_es_nicht"), tmp_path)
    assert type(error) is DatabaseError
    assert "no database named 'gibt_es_nicht'" in error.message


def test_missing_role(german_server: OwnCluster, tmp_path: Path) -> None:
    german_server.psql("DROP ROLE IF EXISTS ghost")
    # Over the socket (trust auth) the role check itself answers: 28000.
    url = f"postgresql+psycopg://ghost@/kiosk?host={german_server.dir}&port={german_server.port}"
    error = _check(url, tmp_path)
    assert type(error) is DatabaseError
    assert "does not let the user 'ghost' in" in error.message


def test_no_create_permission(german_server: OwnCluster, tmp_path: Path) -> None:
    engine = build_engine(load_settings(data_dir=tmp_path / "data", database_url=german_server.url()))
    try:
        check_connection(engine)
        with pytest.raises(DatabaseError) as caught:
            check_can_create_tables(engine)  # PostgreSQL 15: no CREATE on public for other roles
    finally:
        engine.dispose()
    assert "may not create or change tables" in caught.value.message


def test_terminated_mid_session_is_unavailable(german_server: OwnCluster, tmp_path: Path) -> None:
    engine = build_engine(load_settings(data_dir=tmp_path / "data", database_url=german_server.url()))
    try:
        with engine.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
            killer = threading.Thread(
                target=lambda: (time.sleep(0.3), german_server.psql(f"SELECT pg_terminate_backend({pid})"))
            )
            killer.start()
            with pytest.raises(DBAPIError) as caught:
                conn.execute(text("SELECT pg_sleep(5)"))
            killer.join()
    finally:
        engine.dispose()
    assert getattr(caught.value.orig, "sqlstate", None) == "57P01"
    assert isinstance(explain(caught.value, engine.url), DatabaseUnavailable)


def test_stopped_server_is_unavailable_in_a_german_client_too(
    german_server: OwnCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")  # libpq's own messages follow the client's locale
    german_server.stop()
    try:
        error = _check(german_server.url(), tmp_path)
    finally:
        german_server.start()
    assert isinstance(error, DatabaseUnavailable)
    assert f"127.0.0.1:{german_server.port} cannot be reached" in error.message
