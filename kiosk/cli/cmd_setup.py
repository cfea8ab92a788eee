"""``kiosk setup``: open the first-run setup wizard (database, migration, model, camera)."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.cmd_gui import has_display
from kiosk.cli.context import CliContext, echo
from kiosk.core.errors import KioskError


class NoDisplay(KioskError):
    """The wizard needs a screen; the same setup can be done from the command line."""


def register(sub: Any) -> None:
    setup = sub.add_parser(
        "setup", help="open the setup wizard: database, data migration, recognition model, camera"
    )
    setup.set_defaults(handler=run_setup)


def run_setup(args: argparse.Namespace, ctx: CliContext) -> int:
    if not has_display():
        raise NoDisplay(
            "No display found, so the setup wizard cannot open.",
            "Without one, move data with `kiosk migrate --from FILE.db --to URL` and configure the kiosk "
            "with the environment variables KIOSK_DATABASE_URL (or POSTGRES_HOST, POSTGRES_PORT, "
            "POSTGRES_DB, POSTGRES_USER), KIOSK_PROFILE and KIOSK_CAMERA.",
        )
    # Imported here: the wizard pulls in Qt, which other commands never need.
    from kiosk.gui.wizard import run_wizard

    if run_wizard(ctx.settings):
        echo(f"Setup saved to {ctx.settings.user_config_file}.")
        return 0
    echo("Setup closed; nothing was changed.")
    return 1
