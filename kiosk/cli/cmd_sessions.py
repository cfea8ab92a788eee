"""``kiosk sessions [--class CODE] [--from YYYY-MM-DD] [--to YYYY-MM-DD]``: the history."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.context import CliContext, echo
from kiosk.cli.records_context import optional_day, print_table, records_service
from kiosk.core.tables import Table, local_time_text


def register(sub: Any) -> None:
    p = sub.add_parser("sessions", help="past attendance sessions, by class and date range")
    p.add_argument("--class", dest="class_code", metavar="CODE")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day (local time)")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day, included")
    p.set_defaults(handler=list_sessions)


def list_sessions(args: argparse.Namespace, ctx: CliContext) -> int:
    start, end = optional_day(args.start), optional_day(args.end)
    service = records_service(ctx)
    found = service.list_sessions(class_code=args.class_code, start=start, end=end)
    if not found:
        echo("No sessions in that range.")
        return 0
    table = Table(
        title="Sessions",
        headers=(
            "session",
            "class",
            "started",
            "present",
            "late",
            "absent",
            "excused",
            "corrected",
            "signed_off_by",
        ),
        rows=tuple(
            (
                str(s.id),
                s.class_code,
                local_time_text(s.started_at, service.tz)[:16],
                s.present,
                s.late,
                s.absent,
                s.excused,
                s.corrected,
                s.signed_off_by if s.signed_off else "",
            )
            for s in found
        ),
    )
    print_table(table)
    echo(f"{len(found)} sessions.")
    return 0
