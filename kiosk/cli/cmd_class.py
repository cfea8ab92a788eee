"""``kiosk class add | list | rename | set-start | archive``."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.context import CliContext, echo
from kiosk.core.errors import InvalidInput


def register(sub: Any) -> None:
    cls = sub.add_parser("class", help="classes: add, list, rename, set-start, archive")
    cls_sub = cls.add_subparsers(dest="class_command", metavar="ACTION", required=True)
    add = cls_sub.add_parser("add", help="add a class")
    add.add_argument("code", help="short code, e.g. 9B")
    add.add_argument("--name", required=True, help="full name, e.g. 'Biology 9B'")
    add.add_argument("--teacher", help="teacher's name")
    add.add_argument("--starts", metavar="HH:MM", help="scheduled start (later arrivals are late)")
    add.set_defaults(handler=add_class)
    lst = cls_sub.add_parser("list", help="list classes")
    lst.add_argument("--all", action="store_true", help="also the archived classes")
    lst.set_defaults(handler=list_classes)
    ren = cls_sub.add_parser("rename", help="change a class's name or code (its history stays with it)")
    ren.add_argument("code")
    ren.add_argument("--name", help="the new full name")
    ren.add_argument("--code", dest="new_code", metavar="NEW_CODE", help="the new short code")
    ren.set_defaults(handler=rename_class)
    start = cls_sub.add_parser("set-start", help="change the scheduled start (HH:MM, or 'none')")
    start.add_argument("code")
    start.add_argument("starts", metavar="HH:MM")
    start.set_defaults(handler=set_start)
    arc = cls_sub.add_parser("archive", help="archive a class: hidden from sessions, its history kept")
    arc.add_argument("code")
    arc.add_argument("--undo", action="store_true", help="bring an archived class back")
    arc.set_defaults(handler=archive_class)


def add_class(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.roster import parse_start_time

    starts = parse_start_time(args.starts) if args.starts else None
    info = ctx.roster().add_class(args.code, args.name, teacher=args.teacher, starts_at=starts)
    echo(f"Added class {info.code} ({info.name}).")
    return 0


def list_classes(args: argparse.Namespace, ctx: CliContext) -> int:
    rows = ctx.roster().list_classes(include_archived=args.all)
    if not rows:
        echo("No classes yet. Add one with `kiosk class add CODE --name NAME`.")
        return 0
    echo(f"{'CODE':<10} {'STARTS':<6}  {'TEACHER':<20} NAME")
    for c in rows:
        starts = c.starts_at.strftime("%H:%M") if c.starts_at else "-"
        archived = " (archived)" if c.archived else ""
        echo(f"{c.code:<10} {starts:<6}  {(c.teacher or '-'):<20} {c.name}{archived}")
    return 0


def rename_class(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.name is None and args.new_code is None:
        raise InvalidInput("Nothing to change.", "Give --name NEW_NAME and/or --code NEW_CODE.")
    info = ctx.roster().rename_class(args.code, name=args.name, new_code=args.new_code)
    echo(f"Class {args.code} is now {info.code} ({info.name}).")
    return 0


def set_start(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.roster import parse_start_time

    starts = None if args.starts.strip().lower() in {"none", "-", ""} else parse_start_time(args.starts)
    info = ctx.roster().set_class_start(args.code, starts)
    when = info.starts_at.strftime("%H:%M") if info.starts_at else "no scheduled start"
    echo(f"Class {info.code} starts at {when}." if info.starts_at else f"Class {info.code}: {when}.")
    return 0


def archive_class(args: argparse.Namespace, ctx: CliContext) -> int:
    info = ctx.roster().archive_class(args.code, archived=not args.undo)
    if info.archived:
        echo(f"Class {info.code} archived: no longer offered for sessions; its attendance history is kept.")
    else:
        echo(f"Class {info.code} is in use again.")
    return 0
