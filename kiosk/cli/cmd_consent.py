"""``kiosk consent record | withdraw | object | lift-objection | history | renewals | text set | text show``.

The consent ledger: each consent, withdrawal and objection is a row; the rule in
:mod:`kiosk.core.consent` decides whether the pupil's face may be matched. ``kiosk student
consent ID --give/--withdraw`` still works and writes a ledger row too.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.context import CliContext, echo
from kiosk.core.consent import ConsentDecision, ConsentKind
from kiosk.core.errors import InvalidInput

if TYPE_CHECKING:
    from kiosk.app.consent import ConsentService


def register(sub: Any) -> None:
    con = sub.add_parser("consent", help="the consent ledger: consents, withdrawals, objections, texts")
    con_sub = con.add_subparsers(dest="consent_command", metavar="ACTION", required=True)
    for name, kind, text in (
        ("record", ConsentKind.CONSENT, "record a consent to face recognition"),
        ("withdraw", ConsentKind.WITHDRAWAL, "record a withdrawal (deletes the face data at once)"),
        ("object", ConsentKind.OBJECTION, "record an objection (stops matching whoever consented)"),
        ("lift-objection", ConsentKind.OBJECTION_LIFTED, "record that an objection was lifted by its author"),
    ):
        p = con_sub.add_parser(name, help=text)
        p.add_argument("student_id")
        p.add_argument(
            "--by", required=True, metavar="NAME", help="who gave it (the pupil's name for the pupil)"
        )
        p.add_argument("--party", default="parent", help="parent, guardian or pupil (default: parent)")
        p.add_argument("--relation", help="e.g. mother, father, legal guardian")
        p.add_argument(
            "--method", required=True, help="how it reached the school: 'paper form', 'email', 'in person'..."
        )
        p.add_argument("--date", help="when it was given, YYYY-MM-DD (default: now)")
        p.add_argument("--note")
        if kind is ConsentKind.CONSENT:
            p.add_argument("--text-version", help="the consent text shown (default: the current one)")
        p.set_defaults(handler=record, kind=kind)

    hist = con_sub.add_parser("history", help="a student's consent ledger and what it adds up to")
    hist.add_argument("student_id")
    hist.set_defaults(handler=history)

    ren = con_sub.add_parser("renewals", help="students whose consent was given on an older text")
    ren.set_defaults(handler=renewals)

    txt = con_sub.add_parser("text", help="the consent text shown to parents and pupils")
    txt_sub = txt.add_subparsers(dest="text_command", metavar="ACTION", required=True)
    tset = txt_sub.add_parser("set", help="store a new version of the consent text")
    tset.add_argument("--version", required=True, help="a name for this version, e.g. 2026-09")
    tset.add_argument("--file", required=True, type=Path, help="a UTF-8 text file with the wording")
    tset.add_argument(
        "--keep-existing",
        action="store_true",
        help="a wording fix only: consents on older texts keep counting (they are still listed for renewal)",
    )
    tset.set_defaults(handler=text_set)
    tshow = txt_sub.add_parser("show", help="show the current (or a named) consent text")
    tshow.add_argument("--version")
    tshow.set_defaults(handler=text_show)


def _service(ctx: CliContext) -> ConsentService:
    from kiosk.app.consent import ConsentService

    return ConsentService(ctx.database().engine)


def _explain(decision: ConsentDecision) -> str:
    state = "face matching allowed" if decision.allowed else "face matching NOT allowed"
    renewal = "; renewal of consent is due (newer consent text)" if decision.needs_renewal else ""
    return f"{state} ({decision.reason}){renewal}"


def record(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.consent import parse_party, parse_when

    kind: ConsentKind = args.kind
    decision = _service(ctx).record(
        args.student_id,
        kind,
        party=parse_party(args.party),
        name=args.by,
        method=args.method,
        relation=args.relation,
        recorded_at=parse_when(args.date),
        text_version=getattr(args, "text_version", None),
        note=args.note,
        actor=getpass.getuser(),
    )
    echo(f"Recorded {kind.value.replace('_', ' ')} for {args.student_id}: {_explain(decision)}.")
    if not decision.allowed:
        echo("Their face templates and thumbnail are deleted; they check in by card, PIN or the teacher.")
    return 0


def history(args: argparse.Namespace, ctx: CliContext) -> int:
    hist = _service(ctx).history(args.student_id)
    echo(f"{hist.student.name} ({hist.student.student_id}): {_explain(hist.decision)}.")
    if not hist.entries:
        echo("No consent records.")
        return 0
    echo(f"{'WHEN':<17} {'WHAT':<17} {'WHO':<28} {'HOW':<22} {'TEXT':<10} ENTERED BY")
    for e in hist.entries:
        who = f"{e.name} ({e.party.value}{', ' + e.relation if e.relation else ''})"
        echo(
            f"{e.recorded_at.astimezone():%Y-%m-%d %H:%M} {e.kind.value:<17} {who[:28]:<28} "
            f"{e.method[:22]:<22} {(e.text_version or '-'):<10} {e.entered_by or '-'}"
        )
    return 0


def renewals(args: argparse.Namespace, ctx: CliContext) -> int:
    due = _service(ctx).renewal_due()
    if not due:
        echo("No consent needs renewing.")
        return 0
    echo(f"{len(due)} student(s) consented on an older consent text: {', '.join(due)}")
    return 0


def text_set(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        wording = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            f"The file {args.file} cannot be read ({exc}).", "Give a UTF-8 text file."
        ) from None
    stored, effect = _service(ctx).set_text(
        args.version, wording, requires_renewal=not args.keep_existing, actor=getpass.getuser()
    )
    echo(f"Stored consent text {stored.version}.")
    if effect["lapsed"]:
        echo(
            f"{effect['lapsed']} student(s) consented on an older text: face matching stopped for them "
            f"and {effect['encodings_deleted']} template(s) were deleted until consent is renewed."
        )
    if effect["renewal_due"]:
        echo(f"{effect['renewal_due']} student(s) should renew their consent (`kiosk consent renewals`).")
    return 0


def text_show(args: argparse.Namespace, ctx: CliContext) -> int:
    texts = _service(ctx).texts()
    if not texts:
        echo("No consent text is stored yet; store one with `kiosk consent text set`.")
        return 0
    chosen = (
        texts[-1] if args.version is None else next((t for t in texts if t.version == args.version), None)
    )
    if chosen is None:
        known = ", ".join(t.version for t in texts)
        raise InvalidInput(
            f"There is no consent text version {args.version!r}.", f"Stored versions: {known}."
        )
    current = " (current)" if chosen is texts[-1] else ""
    echo(
        f"Consent text {chosen.version}{current}, stored {chosen.created_at:%Y-%m-%d} by {chosen.created_by or '-'}:"
    )
    echo()
    echo(chosen.text)
    return 0
