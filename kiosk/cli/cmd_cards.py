"""``kiosk cards print | pin``: the non-biometric way in (QR cards read by the camera, PINs).

The card token is random, stored only as a hash, and exists in clear only on the printed
card: printing again with ``--reissue`` makes every older card of the class stop working.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.context import CliContext, echo
from kiosk.core.errors import InvalidInput


def register(sub: Any) -> None:
    cards = sub.add_parser("cards", help="check-in cards (QR) and PINs: the way in without a face")
    cards_sub = cards.add_subparsers(dest="cards_command", metavar="ACTION", required=True)
    pr = cards_sub.add_parser("print", help="issue cards to a class and write them to a PDF to print")
    pr.add_argument("--class", dest="class_code", required=True, metavar="CODE")
    pr.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    pr.add_argument(
        "--reissue",
        action="store_true",
        help="new cards for everyone (older cards of the class stop working)",
    )
    pr.set_defaults(handler=print_cards)
    pin = cards_sub.add_parser("pin", help="set (or remove) a student's PIN, 4 to 8 digits")
    pin.add_argument("student_id")
    pin.add_argument("--remove", action="store_true")
    pin.set_defaults(handler=set_pin)


def print_cards(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.checkin import CheckinAdmin
    from kiosk.gui.pdf import CardFace, write_cards_pdf

    if args.out.suffix.lower() != ".pdf":
        raise InvalidInput(f"{args.out} is not a .pdf file name.", "Give --out cards.pdf.")
    admin = CheckinAdmin(ctx.database().engine)
    admin.get_class(args.class_code)  # an unknown class: one clear line before anything is issued
    issued = admin.issue_cards(args.class_code, reissue=args.reissue, actor=getpass.getuser())
    if not issued:
        echo(
            f"Every active student of {args.class_code} already has a card; --reissue prints new ones for all."
        )
        return 0
    faces = [CardFace(c.student.name, c.student.student_id, args.class_code, c.payload) for c in issued]
    write_cards_pdf(faces, args.out)
    echo(f"Issued {len(issued)} card(s) for {args.class_code}: {args.out}")
    echo("Print it and hand the cards out; the codes are not stored anywhere else (keep or shred the PDF).")
    return 0


def set_pin(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.checkin import CheckinAdmin

    admin = CheckinAdmin(ctx.database().engine)
    if args.remove:
        info = admin.set_pin(args.student_id, None, actor=getpass.getuser())
        echo(f"PIN removed for {info.name} ({info.student_id}).")
        return 0
    if sys.stdin.isatty():
        pin = getpass.getpass("New PIN (4-8 digits): ")
        if getpass.getpass("Again: ") != pin:
            raise InvalidInput("The two PINs differ; nothing was changed.", "Run the command again.")
    else:
        pin = sys.stdin.readline().strip()  # e.g. from a script: never on the command line
    info = admin.set_pin(args.student_id, pin, actor=getpass.getuser())
    echo(f"PIN set for {info.name} ({info.student_id}).")
    return 0
