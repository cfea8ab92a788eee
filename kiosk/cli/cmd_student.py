"""``kiosk student add | list | edit | move | deactivate | consent | delete``."""

from __future__ import annotations

import argparse
import getpass
from typing import Any

from kiosk.cli.context import CliContext, echo
from kiosk.core.errors import InvalidInput


def register(sub: Any) -> None:
    st = sub.add_parser("student", help="students: add, list, edit, move, deactivate, consent, delete")
    st_sub = st.add_subparsers(dest="student_command", metavar="ACTION", required=True)
    add = st_sub.add_parser("add", help="add a student")
    add.add_argument("--student-id", required=True, help="the school's id for the student")
    add.add_argument("--name", required=True)
    add.add_argument("--class", dest="class_code", required=True, metavar="CODE")
    add.add_argument("--email")
    add.add_argument("--phone")
    add.add_argument(
        "--consent",
        action="store_true",
        help="record that consent to face recognition was given (required to enroll)",
    )
    add.add_argument("--consent-by", help="who gave consent (e.g. the parent's name)")
    add.set_defaults(handler=add_student)

    lst = st_sub.add_parser("list", help="list students")
    lst.add_argument("--class", dest="class_code", metavar="CODE")
    lst.add_argument("--search", metavar="TEXT", help="part of a name or id")
    lst.set_defaults(handler=list_students)

    edit = st_sub.add_parser("edit", help="change a student's name, email or phone ('' clears email/phone)")
    edit.add_argument("student_id")
    edit.add_argument("--name")
    edit.add_argument("--email")
    edit.add_argument("--phone")
    edit.set_defaults(handler=edit_student)

    move = st_sub.add_parser("move", help="move a student to another class")
    move.add_argument("student_id")
    move.add_argument("--class", dest="class_code", required=True, metavar="CODE", help="the new class")
    move.set_defaults(handler=move_student)

    deact = st_sub.add_parser(
        "deactivate", help="a student who left: never recognised or listed for sessions, data kept"
    )
    deact.add_argument("student_id")
    deact.add_argument("--undo", action="store_true", help="make the student active again")
    deact.set_defaults(handler=deactivate)

    con = st_sub.add_parser("consent", help="record or withdraw consent")
    con.add_argument("student_id")
    group = con.add_mutually_exclusive_group(required=True)
    group.add_argument("--give", action="store_true")
    group.add_argument("--withdraw", action="store_true", help="withdraw; deletes the student's face data")
    con.add_argument("--by", help="who gave or withdrew it")
    con.set_defaults(handler=consent)

    rm = st_sub.add_parser("delete", help="delete a student and all their data (erasure request)")
    rm.add_argument("student_id")
    rm.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    rm.set_defaults(handler=delete)

    from kiosk.cli.student_search import register_search  # the record's search (issue 13)

    register_search(st_sub)


def add_student(args: argparse.Namespace, ctx: CliContext) -> int:
    info = ctx.roster().add_student(
        student_id=args.student_id,
        name=args.name,
        class_code=args.class_code,
        email=args.email,
        phone=args.phone,
        consent=args.consent,
        consent_by=args.consent_by,
    )
    consent_note = (
        "consent recorded" if info.consent_given else "no consent: cannot be enrolled, mark by hand"
    )
    echo(f"Added {info.name} ({info.student_id}) to {info.class_code}; {consent_note}.")
    return 0


def list_students(args: argparse.Namespace, ctx: CliContext) -> int:
    rows = ctx.roster().list_students(class_code=args.class_code, search=args.search)
    if not rows:
        echo("No students match." if (args.search or args.class_code) else "No students yet.")
        return 0
    echo(f"{'ID':<14} {'CLASS':<8} {'CONSENT':<8} {'FACES':<5} NAME")
    for st in rows:
        consent_text = "yes" if st.consent_given else "no"
        inactive = "" if st.is_active else " (inactive)"
        echo(
            f"{st.student_id:<14} {(st.class_code or '-'):<8} {consent_text:<8} {st.encoding_count:<5} {st.name}{inactive}"
        )
    return 0


def consent(args: argparse.Namespace, ctx: CliContext) -> int:
    info = ctx.roster().set_consent(
        args.student_id, given=bool(args.give), by=args.by, actor=getpass.getuser()
    )
    if info.consent_given:
        echo(f"Consent recorded for {info.name} ({info.student_id}).")
    else:
        echo(f"Consent withdrawn for {info.name} ({info.student_id}); their face data was deleted.")
    return 0


def delete(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.privacy_export import ERASURE_REMAINS

    if not args.yes:
        import sys

        if not sys.stdin.isatty():
            raise InvalidInput("Nothing was deleted: deleting needs a confirmation.", "Add --yes to confirm.")
        answer = input(f"Delete student {args.student_id} with all their face data and attendance? [y/N] ")
        if answer.strip().lower() not in {"y", "yes"}:
            echo("Nothing deleted.")
            return 1
    ctx.roster().delete_student(args.student_id, actor=getpass.getuser())
    echo(f"Deleted student {args.student_id} and their data.")
    echo(ERASURE_REMAINS)
    return 0


def edit_student(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.name is None and args.email is None and args.phone is None:
        raise InvalidInput("Nothing to change.", "Give --name, --email and/or --phone.")
    info = ctx.roster().edit_student(
        args.student_id, name=args.name, email=args.email, phone=args.phone, actor=getpass.getuser()
    )
    echo(f"Changed {info.name} ({info.student_id}).")
    return 0


def move_student(args: argparse.Namespace, ctx: CliContext) -> int:
    info = ctx.roster().move_student(args.student_id, args.class_code, actor=getpass.getuser())
    echo(f"Moved {info.name} ({info.student_id}) to {info.class_code}.")
    return 0


def deactivate(args: argparse.Namespace, ctx: CliContext) -> int:
    info = ctx.roster().set_student_active(args.student_id, bool(args.undo), actor=getpass.getuser())
    if info.is_active:
        echo(f"{info.name} ({info.student_id}) is active again.")
    else:
        echo(f"{info.name} ({info.student_id}) deactivated: never recognised or listed; their data is kept.")
    return 0
