"""``kiosk class add | list``."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.app.roster import parse_start_time
from kiosk.cli.context import CliContext, echo


def register(sub: Any) -> None:
    cls = sub.add_parser("class", help="classes: add, list")
    cls_sub = cls.add_subparsers(dest="class_command", metavar="ACTION", required=True)
    add = cls_sub.add_parser("add", help="add a class")
    add.add_argument("code", help="short code, e.g. 9B")
    add.add_argument("--name", required=True, help="full name, e.g. 'Biology 9B'")
    add.add_argument("--teacher", help="teacher's name")
    add.add_argument("--starts", metavar="HH:MM", help="scheduled start (later arrivals are late)")
    add.set_defaults(handler=add_class)
    lst = cls_sub.add_parser("list", help="list classes")
    lst.set_defaults(handler=list_classes)


def add_class(args: argparse.Namespace, ctx: CliContext) -> int:
    starts = parse_start_time(args.starts) if args.starts else None
    info = ctx.roster().add_class(args.code, args.name, teacher=args.teacher, starts_at=starts)
    echo(f"Added class {info.code} ({info.name}).")
    return 0


def list_classes(args: argparse.Namespace, ctx: CliContext) -> int:
    rows = ctx.roster().list_classes()
    if not rows:
        echo("No classes yet. Add one with `kiosk class add CODE --name NAME`.")
        return 0
    echo(f"{'CODE':<10} {'STARTS':<6}  {'TEACHER':<20} NAME")
    for c in rows:
        starts = c.starts_at.strftime("%H:%M") if c.starts_at else "-"
        echo(f"{c.code:<10} {starts:<6}  {(c.teacher or '-'):<20} {c.name}")
    return 0
