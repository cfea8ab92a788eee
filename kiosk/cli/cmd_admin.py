"""``kiosk admin-pin``: set or clear the old single admin PIN (kept for kiosks without accounts;
on the next start it becomes the admin account ``admin``, see :mod:`kiosk.app.accounts`)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from kiosk.cli.context import CliContext, echo
from kiosk.core.errors import InvalidInput, KioskError


def register(sub: Any) -> None:
    pin = sub.add_parser(
        "admin-pin", help="set the admin PIN that guards kiosk mode and settings (stored hashed)"
    )
    pin.add_argument("--clear", action="store_true", help="remove the PIN")
    pin.add_argument(
        "--stdin",
        action="store_true",
        help="read the PIN from standard input (for scripts) instead of asking",
    )
    pin.set_defaults(handler=set_admin_pin)


def _read_pin(args: argparse.Namespace) -> str:
    from kiosk.app.admin_pin import validate_pin

    if args.stdin:
        return validate_pin(sys.stdin.readline())
    first = validate_pin(getpass.getpass("New admin PIN (digits): "))
    if getpass.getpass("Type it again: ").strip() != first:
        raise InvalidInput("The two PINs differ; nothing was changed.", "Run `kiosk admin-pin` again.")
    return first


def set_admin_pin(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.admin_pin import save_pin

    if args.clear:
        save_pin(ctx.settings, None)
        echo(f"Admin PIN removed from {ctx.settings.user_config_file}.")
        return 0
    save_pin(ctx.settings, _read_pin(args))
    echo(f"Admin PIN set (stored hashed in {ctx.settings.user_config_file}).")
    try:
        has_accounts = ctx.database().accounts.has_accounts()
    except KioskError:
        has_accounts = False  # the database is away: the PIN is saved, say nothing more
    if has_accounts:
        echo("This kiosk has accounts: the PIN guards nothing while they exist. Use `kiosk user`.")
    else:
        echo("On the kiosk's next start it becomes the admin account 'admin' (same PIN).")
    return 0
