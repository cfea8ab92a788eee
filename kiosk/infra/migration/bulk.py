"""Bulk inserts: PostgreSQL's COPY inside the caller's transaction, executemany elsewhere.

COPY streams a whole batch in one round trip: 100k attendance rows take about a second,
where row-by-row statements take most of a minute.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert


def _plain(value: Any) -> Any:
    # COPY sends what the column stores: enums as their lower-case value.
    return value.value if isinstance(value, enum.Enum) else value


def bulk_insert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), list(rows))
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    raw = conn.connection.driver_connection  # the same connection, so the same transaction
    assert raw is not None
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([_plain(row[c]) for c in columns])
