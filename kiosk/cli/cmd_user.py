"""``kiosk user add | list | disable | enable | reset | classes``: the accounts that sign in at
the kiosks, and the classes each teacher teaches (a teacher sees only those).

Run by the school's admin on a computer whose database account may change ``users`` (the
owner or ``kiosk_admin``; a classroom PC's ``kiosk_device`` may only read them).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from kiosk.cli.context import CliContext, echo
from kiosk.core.authz import ALLOWED, Account, Role, parse_class_codes, parse_role
from kiosk.core.errors import InvalidInput
from kiosk.core.ordering import natural_key


def register(sub: Any) -> None:
    user = sub.add_parser("user", help="accounts that sign in at the kiosks: add, list, disable, reset")
    user_sub = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = user_sub.add_parser("add", help="add an account (asks for its PIN or password)")
    add.add_argument("name", help='the sign-in name (e.g. mschmidt or "Ms Rivera")')
    add.add_argument("--role", default="teacher", help="admin or teacher (default: teacher)")
    add.add_argument(
        "--classes", metavar="CODES", help="a teacher's classes, e.g. 9B,10A (admins see every class)"
    )
    _secret_options(add)
    add.set_defaults(handler=add_user)
    classes = user_sub.add_parser("classes", help="show or change the classes a teacher teaches (and sees)")
    classes.add_argument("name")
    classes.add_argument("--set", metavar="CODES", help='exactly these classes, e.g. 9B,10A ("" for none)')
    classes.add_argument("--add", metavar="CODES", help="link these classes too")
    classes.add_argument("--remove", metavar="CODES", help="unlink these classes")
    classes.set_defaults(handler=user_classes)
    ls = user_sub.add_parser("list", help="the accounts, their roles and whether they are locked")
    ls.set_defaults(handler=list_users)
    disable = user_sub.add_parser("disable", help="stop an account signing in (kept for the audit log)")
    disable.add_argument("name")
    disable.set_defaults(handler=disable_user)
    enable = user_sub.add_parser("enable", help="let a disabled account sign in again")
    enable.add_argument("name")
    enable.set_defaults(handler=enable_user)
    reset = user_sub.add_parser("reset", help="unlock an account and, unless --unlock-only, set a new PIN")
    reset.add_argument("name")
    reset.add_argument("--unlock-only", action="store_true", help="keep the PIN; only clear the wrong tries")
    _secret_options(reset)
    reset.set_defaults(handler=reset_user)


def _secret_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stdin", action="store_true", help="read the PIN or password from standard input (for scripts)"
    )


def read_secret(args: argparse.Namespace) -> str:
    """A PIN or password from stdin (``--stdin``) or asked twice at the terminal."""
    from kiosk.app.admin_pin import validate_secret

    if args.stdin:
        return validate_secret(sys.stdin.readline())
    first = validate_secret(getpass.getpass("PIN (digits) or password: "))
    if getpass.getpass("Type it again: ").strip() != first:
        raise InvalidInput("The two entries differ; nothing was changed.", "Run the command again.")
    return first


def add_user(args: argparse.Namespace, ctx: CliContext) -> int:
    role = parse_role(args.role)
    classes = parse_class_codes(args.classes or "")
    if classes and role is not Role.TEACHER:
        raise InvalidInput(
            "Admins see every class: --classes is for teacher accounts; nothing was added.",
            "Leave out --classes, or add a teacher.",
        )
    secret = read_secret(args)
    account = ctx.database().accounts.add(args.name, role, secret, classes, by=getpass.getuser())
    echo(f"Account {account.name} added ({account.role.value}{_taught(account, ': ')}).")
    return 0


def _taught(account: Account, lead: str = "") -> str:
    if account.role is not Role.TEACHER:
        return ""
    return lead + (", ".join(sorted(account.classes, key=natural_key)) or "no classes")


def user_classes(args: argparse.Namespace, ctx: CliContext) -> int:
    accounts = ctx.database().accounts
    if args.set is not None and (args.add is not None or args.remove is not None):
        raise InvalidInput(
            "Give --set, or --add and --remove; nothing was changed.", "--set replaces the list."
        )
    if args.set is not None:
        account = accounts.set_classes(args.name, parse_class_codes(args.set), by=getpass.getuser())
    elif args.add is not None or args.remove is not None:
        add, remove = parse_class_codes(args.add or ""), parse_class_codes(args.remove or "")
        if not add and not remove:
            raise InvalidInput("Give the class codes, e.g. --add 9B,10A; nothing was changed.")
        account = accounts.change_classes(args.name, add=add, remove=remove, by=getpass.getuser())
    else:
        account = accounts.account(args.name)
    if account.role is Role.ADMIN:
        echo(f"{account.name} is an admin: every class.")
    else:
        echo(f"{account.name} teaches {_taught(account)}.")
    return 0


def list_users(args: argparse.Namespace, ctx: CliContext) -> int:
    accounts = ctx.database().accounts.list_accounts()
    if not accounts:
        echo("No accounts yet: the kiosk is open to anyone. Add one with `kiosk user add NAME --role admin`.")
        return 0
    for a in accounts:
        state = "disabled" if not a.active else "locked" if a.throttle.locked else "active"
        last = f"last sign-in {a.last_login_at:%Y-%m-%d %H:%M}" if a.last_login_at else "never signed in"
        echo(f"{a.name:<20} {a.role.value:<8} {state:<9} {last}{_taught(a, '; classes: ')}")
    echo("")
    for role in Role:
        echo(f"{role.value}: {', '.join(sorted(a.value for a in ALLOWED[role]))}")
    return 0


def disable_user(args: argparse.Namespace, ctx: CliContext) -> int:
    account = ctx.database().accounts.set_active(args.name, False, by=getpass.getuser())
    echo(f"Account {account.name} disabled.")
    return 0


def enable_user(args: argparse.Namespace, ctx: CliContext) -> int:
    account = ctx.database().accounts.set_active(args.name, True, by=getpass.getuser())
    echo(f"Account {account.name} enabled.")
    return 0


def reset_user(args: argparse.Namespace, ctx: CliContext) -> int:
    secret = None if args.unlock_only else read_secret(args)
    account = ctx.database().accounts.reset(args.name, secret, by=getpass.getuser())
    echo(f"Account {account.name} unlocked" + ("." if secret is None else " with a new PIN or password."))
    return 0
