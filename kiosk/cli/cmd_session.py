"""``kiosk session show SESSION_ID``, ``kiosk session export SESSION_ID --out FILE``,
``kiosk session sign-off SESSION_ID``."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.context import CliContext, echo
from kiosk.cli.records_context import actor, check_out, print_table, records_service, write_out
from kiosk.core.tables import Table, local_time_text


def register(sub: Any) -> None:
    p = sub.add_parser("session", help="one past session: show, export, sign off")
    p_sub = p.add_subparsers(dest="session_command", metavar="ACTION", required=True)
    show = p_sub.add_parser("show", help="who was present, late, absent or excused, and how")
    show.add_argument("session_id")
    show.set_defaults(handler=show_session)
    exp = p_sub.add_parser("export", help="write the session to a CSV, XLSX or PDF file")
    exp.add_argument("session_id")
    exp.add_argument("--out", required=True, metavar="FILE.(csv|xlsx|pdf)")
    exp.set_defaults(handler=export_session)
    sign = p_sub.add_parser("sign-off", help="confirm the register: its marks are locked afterwards")
    sign.add_argument("session_id")
    sign.add_argument("--by", help="the teacher's name (default: this account)")
    sign.set_defaults(handler=sign_off)


def show_session(args: argparse.Namespace, ctx: CliContext) -> int:
    service = records_service(ctx)
    detail = service.session(args.session_id)
    o = detail.overview
    echo(f"Session {o.id}: {o.class_code} ({o.class_name}), {local_time_text(o.started_at, service.tz)}")
    echo(f"Present {o.present}, late {o.late}, absent {o.absent}, excused {o.excused}.")
    if o.signed_off:
        echo(f"Signed off by {o.signed_off_by} at {local_time_text(o.signed_off_at, service.tz)}.")
    table = Table(
        title="",
        headers=("student_id", "name", "status", "method", "marked_at", "corrected"),
        rows=tuple(
            (
                ln.student_id,
                ln.name,
                ln.status.value,
                ln.method.value if ln.marked_at else "-",
                local_time_text(ln.marked_at, service.tz)[11:19] if ln.marked_at else "-",
                f"by {ln.corrected_by}: {ln.correction_reason}" if ln.corrected else "",
            )
            for ln in detail.lines
        ),
    )
    print_table(table)
    return 0


def export_session(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app import exports

    out = check_out(args.out)
    assert out is not None
    service = records_service(ctx)
    write_out(exports.session_table(service.session(args.session_id), service.tz), out)
    return 0


def sign_off(args: argparse.Namespace, ctx: CliContext) -> int:
    overview = records_service(ctx).sign_off(args.session_id, actor=actor(args.by))
    echo(
        f"Signed off {overview.class_code} by {overview.signed_off_by}: present {overview.present}, "
        f"late {overview.late}, absent {overview.absent}, excused {overview.excused}."
    )
    return 0
