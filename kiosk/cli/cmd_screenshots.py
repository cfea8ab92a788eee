"""``kiosk screenshots --out DIR``: every main screen as PNG, with sample data, no camera needed."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from kiosk.cli.context import CliContext, echo


def register(sub: Any) -> None:
    shots = sub.add_parser(
        "screenshots", help="render the main screens to PNG files (offscreen, sample data)"
    )
    shots.add_argument("--out", required=True, metavar="DIR", help="folder for the PNG files")
    shots.add_argument(
        "--size",
        choices=("720p", "1080p", "both"),
        default="both",
        help="screen size(s) to render (default: both)",
    )
    shots.set_defaults(handler=screenshots)


def screenshots(args: argparse.Namespace, ctx: CliContext) -> int:
    # Offscreen: works over SSH and in CI, and never flashes windows on a teacher's screen.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.gui.screenshots import SIZES, render_all

    sizes = SIZES if args.size == "both" else {args.size: SIZES[args.size]}
    for path in render_all(Path(args.out), sizes=sizes):
        echo(str(path))
    return 0
