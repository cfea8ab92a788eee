"""``kiosk mark set --session ID --student ID --status S --reason TEXT``: correct a past mark."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.context import CliContext, echo
from kiosk.cli.records_context import actor, records_service
from kiosk.core.domain import AttendanceStatus


def register(sub: Any) -> None:
    p = sub.add_parser("mark", help="correct a mark of a past session (with a reason)")
    p_sub = p.add_subparsers(dest="mark_command", metavar="ACTION", required=True)
    st = p_sub.add_parser("set", help="set a student's status in a session; goes to the audit log")
    st.add_argument("--session", required=True, metavar="SESSION_ID")
    st.add_argument("--student", required=True, metavar="STUDENT_ID", help="the school's id for the student")
    st.add_argument("--status", required=True, choices=[s.value for s in AttendanceStatus])
    st.add_argument("--reason", required=True, help="why the mark changes (kept in the audit log)")
    st.add_argument("--excuse", help="the excuse, for excused (e.g. 'doctor's letter')")
    st.add_argument("--by", help="who makes the change (default: this account)")
    st.set_defaults(handler=set_mark)


def set_mark(args: argparse.Namespace, ctx: CliContext) -> int:
    line = records_service(ctx).correct(
        args.session, args.student, args.status, reason=args.reason, actor=actor(args.by), excuse=args.excuse
    )
    echo(f"{line.name} ({line.student_id}) is now {line.status.value}; corrected by {line.corrected_by}.")
    return 0
