"""A generated term on a real SQLite file and a real PostgreSQL database (``engine`` is
parametrised over both by the top-level conftest)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from kiosk.app.records import RecordsService
from kiosk.app.reports import ReportsService

from .term import TZ, Term, generate_term


@pytest.fixture
def term(engine: Engine) -> Term:
    return generate_term(engine)


@pytest.fixture
def records(engine: Engine) -> RecordsService:
    return RecordsService(engine, TZ)


@pytest.fixture
def reports(engine: Engine) -> ReportsService:
    return ReportsService(engine, TZ)
