"""``kiosk student search TEXT``: part of a name, any case or accents, typos forgiven."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.context import CliContext, echo
from kiosk.cli.records_context import records_service


def register_search(student_sub: Any) -> None:
    """Added to ``kiosk student`` by :mod:`kiosk.cli.cmd_student`."""
    p = student_sub.add_parser(
        "search", help="find students by part of the name (accents and typos forgiven)"
    )
    p.add_argument("text", help="e.g. zoe")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(handler=search_students)


def search_students(args: argparse.Namespace, ctx: CliContext) -> int:
    found = records_service(ctx).search_students(args.text, limit=max(1, args.limit))
    if not found:
        echo(f"No student matches {args.text!r}.")
        return 0
    echo(f"{'ID':<14} {'CLASS':<8} NAME")
    for f in found:
        inactive = "" if f.student.is_active else " (inactive)"
        echo(f"{f.student.student_id:<14} {(f.student.class_code or '-'):<8} {f.student.name}{inactive}")
    return 0
