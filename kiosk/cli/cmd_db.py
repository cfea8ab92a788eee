"""``kiosk db upgrade | status``."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.context import CliContext, echo


def register(sub: Any) -> None:
    db = sub.add_parser("db", help="database schema: upgrade, status")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = db_sub.add_parser("upgrade", help="create or upgrade the schema (Alembic)")
    up.set_defaults(handler=upgrade)
    st = db_sub.add_parser("status", help="where the schema stands")
    st.set_defaults(handler=status)


def upgrade(args: argparse.Namespace, ctx: CliContext) -> int:
    database = ctx.database(upgrade=False)
    before = database.schema_status()
    after = database.upgrade_schema()
    if before.up_to_date:
        echo(f"Schema already up to date ({after.current}) at {database.display_url}.")
    else:
        echo(f"Schema upgraded {before.current or 'empty'} -> {after.current} at {database.display_url}.")
    return 0


def status(args: argparse.Namespace, ctx: CliContext) -> int:
    database = ctx.database(upgrade=False)
    st = database.schema_status()
    echo(f"Database: {database.display_url}")
    echo(f"Schema:   {st.current or 'empty'} (this kiosk: {st.head})")
    if st.pending:
        echo(f"Pending:  {', '.join(st.pending)} (run `kiosk db upgrade`)")
    else:
        echo("Pending:  none")
    return 0
