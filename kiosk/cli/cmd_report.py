"""``kiosk report class CODE --from DATE --to DATE``, ``report student ID``, ``report day [DATE]``;
each with ``--out FILE.(csv|xlsx|pdf)``."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.context import CliContext, echo
from kiosk.cli.records_context import check_out, optional_day, print_table, reports_service, write_out
from kiosk.core.reports import DEFAULT_AT_RISK_RATE
from kiosk.core.tables import percent


def register(sub: Any) -> None:
    p = sub.add_parser("report", help="attendance reports: a class, a student, a day")
    p_sub = p.add_subparsers(dest="report_command", metavar="KIND", required=True)
    cls = p_sub.add_parser("class", help="each student's rate over a date range; at-risk flagged")
    cls.add_argument("class_code", metavar="CODE")
    cls.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    cls.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    cls.add_argument(
        "--at-risk",
        type=float,
        default=DEFAULT_AT_RISK_RATE,
        metavar="RATE",
        help="flag rates under this (0.9)",
    )
    cls.set_defaults(handler=class_report)
    st = p_sub.add_parser("student", help="a student's history, rate and lates")
    st.add_argument("student_id", metavar="STUDENT_ID")
    st.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="default: a year before --to")
    st.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="default: today")
    st.set_defaults(handler=student_report)
    day = p_sub.add_parser("day", help="who is absent on a day, across classes")
    day.add_argument("day", nargs="?", metavar="YYYY-MM-DD", help="default: today")
    day.set_defaults(handler=day_report)
    for parser in (cls, st, day):
        parser.add_argument("--out", metavar="FILE.(csv|xlsx|pdf)", help="also write the report to a file")


def class_report(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app import exports
    from kiosk.app.records import parse_day

    out = check_out(args.out)
    start, end = parse_day(args.start), parse_day(args.end)
    report = reports_service(ctx).class_report(args.class_code, start, end, threshold=args.at_risk)
    table = exports.class_report_table(report)
    for note in table.notes:
        echo(note)
    print_table(table)
    if out is not None:
        write_out(table, out)
    return 0


def student_report(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app import exports

    out = check_out(args.out)
    service = reports_service(ctx)
    report = service.student_report(args.student_id, optional_day(args.start), optional_day(args.end))
    s = report.summary
    echo(f"{report.student.name} ({report.student.student_id}), class {report.student.class_code or '-'}")
    echo(
        f"{report.start.isoformat()} to {report.end.isoformat()}: {s.sessions} sessions, present {s.present}, "
        f"late {s.late}, absent {s.absent}, excused {s.excused}; rate {percent(s.rate)} %"
        + (" (at risk)" if s.at_risk else "")
    )
    table = exports.student_report_table(report, service.tz)
    print_table(table)
    if out is not None:
        write_out(table, out)
    return 0


def day_report(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app import exports

    out = check_out(args.out)
    report = reports_service(ctx).day_report(optional_day(args.day))
    table = exports.day_report_table(report)
    echo(
        f"{report.day.isoformat()}: {report.sessions_held} sessions; {len(report.absentees)} students missing."
    )
    if report.absentees:
        print_table(table)
    if out is not None:
        write_out(table, out)
    return 0
