"""``kiosk audit verify``: is the hash-chained audit log intact (no entry edited or deleted)?"""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.context import CliContext, echo
from kiosk.core.errors import KioskError


class AuditBroken(KioskError):
    exit_code = 3


def register(sub: Any) -> None:
    au = sub.add_parser("audit", help="the audit log")
    au_sub = au.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    ver = au_sub.add_parser("verify", help="check that no audit entry was edited or deleted")
    ver.set_defaults(handler=verify)


def verify(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.privacy import PrivacyService

    report = PrivacyService(ctx.database().engine, ctx.settings.privacy).verify_audit()
    if report.intact:
        echo(f"The audit log is intact: {report.entries} entries, head hash {report.head_hash}.")
        return 0
    for problem in report.problems:
        echo(f"- {problem}")
    raise AuditBroken(
        f"The audit log was tampered with: {len(report.problems)} problem(s), listed above.",
        "Compare with a backup; the entries named were edited or deleted outside the kiosk.",
    )
