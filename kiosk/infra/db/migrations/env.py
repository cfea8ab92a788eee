"""Alembic environment: run by :mod:`kiosk.infra.db.schema`, which passes the connection."""

from __future__ import annotations

from alembic import context

from kiosk.infra.db.models import Base
from kiosk.infra.db.schema import include_object

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("kiosk migrations run through kiosk.infra.db.schema.upgrade()")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
