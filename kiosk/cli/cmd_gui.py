"""Plain ``kiosk``: start the kiosk window (or explain why it cannot start)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from kiosk.cli.context import CliContext


def register(sub: Any) -> None:
    gui = sub.add_parser("gui", help="start the kiosk window (the default)")
    gui.set_defaults(handler=start_gui)


def has_display() -> bool:
    if sys.platform.startswith("linux"):
        platform = os.environ.get("QT_QPA_PLATFORM", "")
        if platform in {"offscreen", "minimal", "vnc", "eglfs", "linuxfb"}:
            return True
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def start_gui(args: argparse.Namespace, ctx: CliContext) -> int:
    """The kiosk window; on the first start for this data folder, the setup wizard first."""
    if not has_display():
        sys.stderr.write(
            "kiosk: no display found, so the kiosk window cannot open. "
            "Try `kiosk demo --headless`, or run a session with `kiosk run --class CODE --camera SOURCE --headless`.\n"
        )
        return 2
    from kiosk.gui.app import run_gui
    from kiosk.gui.wizard import needs_first_run, run_wizard
    from kiosk.infra.config import load_settings

    settings = ctx.settings
    if needs_first_run(settings) and run_wizard(settings):
        # The wizard wrote the per-user config: read it again, with the same command-line options.
        settings = load_settings(data_dir=args.data_dir, config_file=args.config, database_url=args.database)
    return int(
        run_gui(settings, class_code=getattr(args, "class_code", None), camera=getattr(args, "camera", None))
    )
