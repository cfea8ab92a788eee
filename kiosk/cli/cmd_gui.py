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
    if not has_display():
        sys.stderr.write(
            "kiosk: no display found, so the kiosk window cannot open. "
            "Try `kiosk demo --headless`, or run a session with `kiosk run --class CODE --camera SOURCE --headless`.\n"
        )
        return 2
    try:
        from kiosk.gui.app import run_gui
    except ImportError:
        sys.stderr.write("kiosk: the kiosk window is not part of this build yet; use `kiosk run --headless`.\n")
        return 2
    return int(run_gui(ctx.settings))
