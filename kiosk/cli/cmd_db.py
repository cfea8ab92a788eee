"""``kiosk db upgrade | status | create-roles``."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from kiosk.cli.context import CliContext, echo


def register(sub: Any) -> None:
    db = sub.add_parser("db", help="database schema: upgrade, status, create-roles")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = db_sub.add_parser("upgrade", help="create or upgrade the schema (Alembic)")
    up.set_defaults(handler=upgrade)
    st = db_sub.add_parser("status", help="where the schema stands")
    st.set_defaults(handler=status)
    cr = db_sub.add_parser(
        "create-roles",
        help="create the least-privilege accounts kiosk_owner, kiosk_device, kiosk_admin (PostgreSQL; "
        "run with owner rights, again after each upgrade)",
    )
    pw = cr.add_mutually_exclusive_group()
    pw.add_argument(
        "--no-passwords", action="store_true", help="set no passwords (certificate or peer sign-in)"
    )
    pw.add_argument(
        "--passwords-stdin",
        action="store_true",
        help="read three lines from standard input: the owner's, the device's and the admin's password",
    )
    cr.add_argument("--prefix", default="", help=argparse.SUPPRESS)  # tests: role names are cluster-wide
    cr.set_defaults(handler=create_roles)


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


def _passwords(args: argparse.Namespace, names: tuple[str, ...]) -> dict[str, str]:
    if args.no_passwords:
        return {}
    if args.passwords_stdin:
        lines = [sys.stdin.readline().strip() for _ in names]
    else:
        lines = [getpass.getpass(f"Password for {n} (empty: leave as it is): ").strip() for n in names]
    return {name: line for name, line in zip(names, lines, strict=True) if line}


def create_roles(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.database import RoleNames

    database = ctx.database(upgrade=False)
    names = RoleNames.with_prefix(args.prefix)
    report = database.create_roles(args.prefix, _passwords(args, names.all()))
    for name in names.all():
        echo(f"{name}: {'created' if name in report.created else 'already there'}")
    echo(f"Grants given on {len(report.tables)} table(s) at {database.display_url}.")
    if report.ungranted:
        echo(f"Not granted (nobody but {names.owner} may use them): {', '.join(report.ungranted)}")
    if not report.tables:
        echo(f"No tables yet: run `kiosk db upgrade` as {names.owner}, then this command again.")
    echo(f"Classroom PCs connect as {names.device}; `kiosk db upgrade` runs as {names.owner}.")
    return 0
