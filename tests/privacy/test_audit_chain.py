"""The audit chain under concurrent writers (several kiosks and the office at once), on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine

from kiosk.infra.db.engine import session_factory, unit_of_work
from kiosk.infra.db.repo import audit

pytestmark = pytest.mark.postgres


def test_concurrent_writers_form_one_intact_chain(pg_url: str) -> None:
    engine = create_engine(pg_url, pool_size=8)
    sessions = session_factory(engine)
    start = threading.Barrier(6)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(15):
                with unit_of_work(sessions) as s:
                    audit.record(
                        s, actor=f"kiosk-{n}", action="test.write", entity="test", entity_id=f"{n}-{i}"
                    )
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    try:
        assert errors == []
        with unit_of_work(sessions) as s:
            report = audit.verify_chain(s)
        assert report.intact, report.problems
        assert report.entries == 90
    finally:
        engine.dispose()
