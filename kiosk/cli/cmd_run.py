"""``kiosk run --class CODE --camera SOURCE --headless``: a whole session without a window."""

from __future__ import annotations

import argparse
import getpass
import math
from typing import Any

from kiosk.cli.context import CliContext, echo, echo_block
from kiosk.core.errors import InvalidInput


def register(sub: Any) -> None:
    run = sub.add_parser("run", help="run an attendance session (use --headless without a window)")
    run.add_argument("--class", dest="class_code", required=True, metavar="CODE")
    run.add_argument(
        "--camera", metavar="SOURCE", help="device index, video file, folder, image or rtsp:// URL"
    )
    run.add_argument("--headless", action="store_true", help="no window: run, then print the summary")
    limit = run.add_mutually_exclusive_group()
    limit.add_argument(
        "--duration", type=positive_seconds, metavar="SECONDS", help="stop after this many seconds"
    )
    limit.add_argument("--max-frames", type=int, metavar="N", help="stop after N frames")
    run.add_argument(
        "--realtime", action="store_true", help="play a video file at its own speed, like a camera"
    )
    run.set_defaults(handler=run_command)


def positive_seconds(text: str) -> float:
    """argparse type: a finite number of seconds above 0 (float() also takes nan, inf and -5)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds (e.g. 90)")
    return value


def run_command(args: argparse.Namespace, ctx: CliContext) -> int:
    if not args.headless:
        from kiosk.cli.cmd_gui import start_gui

        return start_gui(args, ctx)
    if args.duration is not None and args.duration <= 0:
        raise InvalidInput("--duration must be more than 0 seconds.")
    if args.max_frames is not None and args.max_frames <= 0:
        raise InvalidInput("--max-frames must be at least 1.")
    from kiosk.app.bootstrap import FaceModels, build_services
    from kiosk.app.headless import finish_sync, format_summary, run_session

    settings = ctx.settings
    models = FaceModels(settings)
    if not models.switched_off:  # switched off: cards, PINs and the teacher only
        models.load()  # before the store: a missing model stops here, with nothing opened
    services = build_services(settings, models=models)
    services.daily_purge()
    try:
        service = services.session(actor=getpass.getuser())
        camera = args.camera or settings.camera.source
        result = run_session(
            service,
            args.class_code,
            camera,
            duration=args.duration,
            max_frames=args.max_frames,
            realtime=args.realtime,
        )
        still_queued = finish_sync(services.store)
    finally:
        services.close()
    echo_block(format_summary(result))
    if still_queued:
        echo(still_queued)
    return 0
