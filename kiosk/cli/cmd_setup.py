"""``kiosk setup``: the first-run setup wizard, or ``--unattended`` from a deployment script."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.cli.cmd_gui import has_display
from kiosk.cli.context import CliContext, echo
from kiosk.core.errors import InvalidInput, KioskError


class NoDisplay(KioskError):
    """The wizard needs a screen; the same setup can be done from the command line."""


def register(sub: Any) -> None:
    setup = sub.add_parser(
        "setup",
        help="open the setup wizard: database, data migration, recognition model, camera "
        "(--unattended: the same from a script)",
    )
    setup.add_argument(
        "--unattended", action="store_true", help="no window: set up from these options, for many PCs"
    )
    setup.add_argument(
        "--database", dest="setup_database", metavar="URL", help="postgresql://USER@HOST/DB, or 'local'"
    )
    secret = setup.add_argument_group("the PostgreSQL password")
    secret.add_argument("--password-file", metavar="FILE", help="the password on the file's first line")
    secret.add_argument(
        "--pgpass",
        action="store_true",
        help="keep the password in the kiosk's pgpass file (mode 0600) instead of the OS keyring",
    )
    setup.add_argument("--kiosk-id", metavar="NAME", help="this PC's name in reports (default: host name)")
    setup.add_argument(
        "--profile", metavar="NAME", help="recognition profile (its weights must be installed)"
    )
    setup.add_argument("--camera", metavar="SOURCE", help="camera number, video file or stream URL")
    setup.add_argument(
        "--kiosk-mode", action="store_true", default=None, help="start full screen, PIN to leave"
    )
    setup.add_argument("--admin-user", metavar="NAME", help="the admin's name (with --admin-pin-file)")
    setup.add_argument("--admin-pin-file", metavar="FILE", help="the admin PIN on the file's first line")
    setup.set_defaults(handler=run_setup)


def run_setup(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.unattended:
        return _unattended(args, ctx)
    if args.setup_database or args.password_file or args.pgpass or args.admin_user:
        raise InvalidInput(
            "These options need --unattended.", "Add --unattended, or leave them out for the wizard."
        )
    if not has_display():
        raise NoDisplay(
            "No display found, so the setup wizard cannot open.",
            "Without one, use `kiosk setup --unattended --database URL ...` (see `kiosk setup --help`), "
            "move data with `kiosk migrate --from FILE.db --to URL`, or configure the kiosk with the "
            "environment variables KIOSK_DATABASE_URL, KIOSK_PROFILE and KIOSK_CAMERA.",
        )
    # Imported here: the wizard pulls in Qt, which other commands never need.
    from kiosk.gui.wizard import run_wizard

    if run_wizard(ctx.settings):
        echo(f"Setup saved to {ctx.settings.user_config_file}.")
        return 0
    echo("Setup closed; nothing was changed.")
    return 1


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


def _unattended(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.setup_unattended import UnattendedOptions, unattended_setup

    if not args.setup_database:
        raise InvalidInput(
            "--unattended needs --database.", "Give --database postgresql://USER@HOST/DB or --database local."
        )
    options = UnattendedOptions(
        database=args.setup_database,
        password_file=_path(args.password_file),
        pgpass=bool(args.pgpass),
        kiosk_id=args.kiosk_id,
        profile=args.profile,
        camera=args.camera,
        kiosk_mode=args.kiosk_mode,
        admin_user=args.admin_user,
        admin_pin_file=_path(args.admin_pin_file),
    )
    result = unattended_setup(ctx.settings, options)
    kept = result.saved.password_keeping
    echo(f"Database: {result.database} (schema {result.schema.current}).")
    if kept is not None:
        where = {
            "keyring": "the OS keyring",
            "pgpass": str(result.saved.passfile),
            "environment": "PGPASSWORD",
        }
        echo(f"Password kept in {where[kept.value]}.")
    echo(f"Recognition profile {result.profile}; camera {result.camera}.")
    echo(f"Setup saved to {result.saved.config_file}; the kiosk connects with it.")
    return 0
