"""``kiosk demo``: see the kiosk take attendance within a minute, without camera or server."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.cmd_gui import has_display
from kiosk.cli.context import CliContext, echo, echo_block

if TYPE_CHECKING:
    from kiosk.app.demo import DemoSetup


def register(sub: Any) -> None:
    demo = sub.add_parser("demo", help="try the kiosk with sample students and a sample camera stream")
    demo.add_argument(
        "--headless", action="store_true", help="no window: run the session and print the summary"
    )
    demo.add_argument("--realtime", action="store_true", help="headless: play the stream at camera speed")
    demo.set_defaults(handler=demo_command)


def demo_command(args: argparse.Namespace, ctx: CliContext) -> int:
    began = time.monotonic()
    data_dir = Path(args.data_dir) if args.data_dir else None
    headless = args.headless
    if not headless and not has_display():
        echo("No display found: running the demo headless (the same session, without the window).")
        headless = True
    if not headless:
        # The window opens at once and prepares the demo behind a progress screen.
        from kiosk.gui.demo_window import run_demo_gui

        return run_demo_gui(data_dir)
    from kiosk.app.demo import prepare_demo

    echo("Preparing the demo: sample class, enrollment from sample photos, sample camera stream...")
    setup = prepare_demo(data_dir)
    echo(
        f"Demo data in {setup.settings.data_dir} ({setup.video.frame_count} frames at {setup.video.fps:g} fps)."
    )
    return _run_headless(setup, began, realtime=args.realtime)


def _run_headless(setup: DemoSetup, began: float, *, realtime: bool) -> int:
    from kiosk.app.bootstrap import build_services
    from kiosk.app.headless import format_summary, run_session

    services = build_services(setup.settings, models=setup.models)  # the models enrolled the class
    try:
        service = services.session(actor="demo")
        run = run_session(service, setup.class_code, str(setup.video.path), realtime=realtime)
    finally:
        services.close()
    echo_block(format_summary(run))
    present = {s.student_id for s, _ in run.summary.present + run.summary.late}
    missed = setup.expected_present - present
    wrong = present - setup.expected_present
    echo(
        f"Demo finished in {time.monotonic() - began:.1f} s; recognition ran at {run.processed_fps:.1f} frames/s."
    )
    if missed or wrong:
        sys.stderr.write(
            f"kiosk: the demo result is not right: missed {sorted(missed) or 'nobody'}, "
            f"wrongly marked {sorted(wrong) or 'nobody'}.\n"
        )
        return 1
    echo("Result: every student in the stream was marked present once; the stranger was not marked.")
    return 0
