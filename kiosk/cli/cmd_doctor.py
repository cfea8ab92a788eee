"""``kiosk doctor``: checks what the kiosk needs, each with a fix when it fails.

The checks live in :mod:`kiosk.app.checks`; the setup wizard's last page runs the same list.
"""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.context import CliContext, echo


def register(sub: Any) -> None:
    doctor = sub.add_parser(
        "doctor",
        help="check Python, packages, database, recognition per class, data folder, cameras and models",
    )
    doctor.set_defaults(handler=doctor_command)


def doctor_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.checks import run_checks

    checks = run_checks(ctx.settings, lambda: ctx.database(upgrade=False))
    for check in checks:
        echo(f"[{check.mark:<4}] {check.name}: {check.detail}")
        if check.fix and (not check.ok or check.warning):
            for fix in check.fix.split(" | "):
                echo(f"       fix: {fix}")
    failed = sum(1 for c in checks if c.failed)
    echo("All checks passed." if failed == 0 else f"{failed} check(s) failed.")
    return 0 if failed == 0 else 1
