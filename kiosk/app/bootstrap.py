"""The composition root: builds the engine, the store and the services from the settings.

Entry points (CLI, GUI, demo) call these and pass the results down; nothing below this
layer reads configuration or picks implementations on its own.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from kiosk.core.errors import DatabaseError, DatabaseUnavailable, SchemaError
from kiosk.core.ports import AttendanceStore
from kiosk.infra.config import Settings, ensure_data_dir
from kiosk.infra.db import schema
from kiosk.infra.db.connect import check_connection, explain
from kiosk.infra.db.engine import build_engine, parse_database_url
from kiosk.infra.db.store import DirectStore

log = logging.getLogger(__name__)


def prepare_environment(settings: Settings) -> None:
    """Process-wide settings that must be in place before deepface is imported."""
    ensure_data_dir(settings)
    # deepface keeps its weights under $DEEPFACE_HOME/.deepface; ONNX engine: no TensorFlow.
    os.environ.setdefault("DEEPFACE_BACKEND_ENGINE", "onnx")
    os.environ["DEEPFACE_HOME"] = str(settings.weights_dir)
    Path(settings.weights_dir).mkdir(parents=True, exist_ok=True)


def open_database(settings: Settings, *, upgrade: bool = True) -> Engine:
    """Connect to the configured database and bring its schema up to date."""
    ensure_data_dir(settings)
    engine = build_engine(settings)
    check_connection(engine)
    try:
        if upgrade:
            schema.upgrade(engine)
        else:
            schema.check_not_newer(engine)
    except DBAPIError as exc:
        raise explain(exc, engine.url) from None
    return engine


def open_store(settings: Settings) -> AttendanceStore:
    """The store the kiosk runs on, started whatever state PostgreSQL is in.

    Embedded SQLite: the direct store. PostgreSQL reachable: schema upgraded, then the
    offline-first store (cache refreshed). PostgreSQL unreachable: the offline-first store
    from the local cache, with a warning saying how old its roster is; a clear error when
    this kiosk has never copied one.
    """
    if parse_database_url(settings.database_url).get_backend_name() == "sqlite":
        return DirectStore(open_database(settings))  # a local file: always reachable
    from kiosk.infra.offline.store import OfflineFirstStore

    try:
        engine = open_database(settings)
    except SchemaError:
        raise  # a newer server schema: running on would risk the data
    except DatabaseUnavailable as exc:
        # Unreachable, or the connection cut before the server answered: run from the cache.
        # Other failures (wrong password, missing database) are for a person to fix: raised.
        ensure_data_dir(settings)
        try:
            store = OfflineFirstStore.open_offline(settings, build_engine(settings))
        except DatabaseUnavailable as no_cache:
            # Both reasons: why the server failed, and why the kiosk cannot do without it.
            raise DatabaseUnavailable(f"{exc.message} {no_cache.message}", no_cache.hint) from None
        log.warning("%s Starting offline: roster %s.", exc.message, store.roster_age_text())
        store.notices.append(f"{exc.message} Starting offline.")
        return store
    return OfflineFirstStore.create(settings, engine)


__all__ = ["DatabaseError", "open_database", "open_store", "prepare_environment"]
