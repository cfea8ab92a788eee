"""The district pieces one by one: multi-host URLs, changing an index in place, notifications."""

from __future__ import annotations

import logging
import uuid
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import create_engine, text

from kiosk.core.errors import ConfigError
from kiosk.infra.config import DatabaseSettings, OfflineSettings, load_settings
from kiosk.infra.db.engine import behind_pgbouncer, build_engine_for_url, parse_database_url, safe_url
from kiosk.infra.db.repo.changes import RosterChange
from kiosk.infra.offline.listener import ChangeListener
from kiosk.infra.recognition.index import FaceIndex, IndexOptions


def test_libpq_multi_host_urls_become_sqlalchemy_host_lists() -> None:
    url = parse_database_url(
        "postgresql://kiosk@db1:5432,db2:5433/kiosk?target_session_attrs=read-write&sslmode=require"
    )
    assert url.drivername == "postgresql+psycopg"
    assert url.host is None and url.database == "kiosk" and url.username == "kiosk"
    assert url.query["host"] == ("db1:5432", "db2:5433")
    assert url.query["target_session_attrs"] == "read-write"
    engine = build_engine_for_url(url, DatabaseSettings(pgbouncer=True))
    try:
        _, params = engine.dialect.create_connect_args(engine.url)
        assert (params["host"], params["port"]) == ("db1,db2", "5432,5433")  # what libpq is given
        assert behind_pgbouncer(engine)
    finally:
        engine.dispose()
    assert "db1" in safe_url(url) and "db2" in safe_url(url)
    single = parse_database_url("postgresql://kiosk@db1:5432/kiosk")
    assert (single.host, single.port, dict(single.query)) == ("db1", 5432, {})
    hosts_only = parse_database_url("postgresql://db1,db2/kiosk")
    assert hosts_only.query["host"] == ("db1", "db2")


@pytest.mark.parametrize(
    "raw",
    ["postgresql://kiosk@db1,,db2/kiosk", "sqlite://db1,db2/a.db", "postgresql://kiosk@db1:x,db2/kiosk"],
)
def test_bad_server_lists_are_refused_in_one_line(raw: str) -> None:
    try:
        parsed = parse_database_url(raw)
    except ConfigError as exc:
        assert exc.message and exc.hint
        return
    # A port that is not a number is only found when connecting: libpq says so then.
    assert parsed.query.get("host")


@pytest.mark.parametrize("options", [IndexOptions(), IndexOptions(approximate_above=100, ivf_nlist=8)])
def test_a_student_is_added_and_removed_in_place(options: IndexOptions) -> None:
    rng = np.random.default_rng(3)
    students = [uuid.uuid4() for _ in range(100)]
    vectors = rng.standard_normal((300, 64)).astype(np.float32)
    owners = [students[i % 100] for i in range(300)]
    index = FaceIndex.build(vectors, owners, "M", options=options)
    assert index.kind == ("flat" if options.approximate_above > 300 else "ivf")
    gone = students[7]
    assert index.remove_student(gone) == 3
    for row in (7, 107, 207):
        best = index.search(vectors[row], "M", k=3)[0]
        assert gone not in [c[0] for c in best]
    other = index.search(vectors[8], "M", k=1)[0][0]
    assert other[0] == students[8] and other[1] > 0.99  # the rows after it still say who they are
    newcomer = uuid.uuid4()
    face = rng.standard_normal((2, 64)).astype(np.float32)
    assert index.add_student(newcomer, face) == 2
    assert index.search(face[1], "M", k=1)[0][0][0] == newcomer
    assert index.remove_student(newcomer) == 2 and index.remove_student(newcomer) == 0
    assert index.search(face[1], "M", k=1)[0][0][0] != newcomer


def test_notification_payloads_hold_no_personal_data() -> None:
    change = RosterChange("9B", uuid.UUID(int=5), "withdrawn")
    assert RosterChange.from_payload(change.payload()) == change
    assert set(__import__("json").loads(change.payload())) == {"class", "student", "kind"}
    assert change.purges and not RosterChange("9B", None, "class").purges
    for junk in ["", "{}", '{"kind":"boom"}', "[1]", '{"kind":"deleted","student":"zz"}']:
        assert RosterChange.from_payload(junk) is None


@pytest.mark.postgres
def test_a_dropped_notification_connection_is_logged_and_comes_back(
    pg_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    heard: list[RosterChange] = []
    reconnects: list[int] = []
    settings = load_settings(data_dir=tmp_path, database_url=pg_url)
    engine = build_engine_for_url(parse_database_url(pg_url), replace(settings.database))
    listener = ChangeListener(
        engine, heard.append, on_reconnect=lambda: reconnects.append(1), fallback_minutes=5, retry_seconds=0.2
    )
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    caplog.set_level(logging.INFO, logger="kiosk.infra.offline.listener")
    listener.start()
    try:
        assert listener.listening.wait(20)
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE query LIKE 'LISTEN%' AND datname = current_database()"
                )
            )
        assert _wait(lambda: reconnects == [1], 20), "the listener did not come back"
        assert "dropped" in caplog.text and "periodic refresh (every 5 min)" in caplog.text
        assert "Listening for roster changes again" in caplog.text
        with admin.connect() as conn:
            conn.execute(
                text("SELECT pg_notify('kiosk_roster', :p)"),
                {"p": RosterChange("9B", None, "class").payload()},
            )
        assert _wait(lambda: heard == [RosterChange("9B", None, "class")], 10)
    finally:
        listener.stop()
        listener.join(10)
        admin.dispose()
        engine.dispose()
    assert OfflineSettings().refresh_minutes == 5


def _wait(predicate: object, timeout: float) -> bool:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False
