"""``kiosk sync``: push the offline queue to PostgreSQL by hand; ``--status`` shows what waits."""

from __future__ import annotations

import argparse
import uuid
from typing import TYPE_CHECKING, Any

from kiosk.cli.context import CliContext, echo

if TYPE_CHECKING:
    from kiosk.infra.offline.outbox import Outbox, OutboxEvent
    from kiosk.infra.offline.sync import PushReport

MAX_LINES = 200
_DAMAGED_HELD = "what the damaged queue held is counted above"
_KIND_WORDS = {"open": "sessions opened", "mark": "marks", "close": "sessions closed"}


def register(sub: Any) -> None:
    p = sub.add_parser("sync", help="send attendance queued while offline to PostgreSQL")
    p.add_argument("--status", action="store_true", help="only show what is queued; send nothing")
    p.set_defaults(handler=run_sync)


def run_sync(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.infra.offline.outbox import OUTBOX_FILE_NAME, Outbox
    from kiosk.infra.offline.outbox_guard import state_path

    settings = ctx.settings
    if settings.uses_embedded_database:
        echo("This kiosk writes to its local SQLite database directly; there is nothing to sync.")
        return 0
    outbox_path = settings.cache_dir / OUTBOX_FILE_NAME
    # The sidecar outlives the outbox: with only the sidecar left, the outbox was lost, and
    # opening it is what reports that (never "nothing queued").
    if not outbox_path.exists() and not state_path(outbox_path).exists():
        echo("Nothing queued: this kiosk has not recorded any attendance yet.")
        return 0
    outbox = Outbox.open(settings.cache_dir)
    try:
        return _status(outbox) if args.status else _push(outbox, ctx)
    finally:
        outbox.close()


def _status(outbox: Outbox) -> int:
    counts = outbox.counts()
    if counts.queued:
        parts = ", ".join(f"{n} {_KIND_WORDS[k]}" for k, n in counts.pending.items() if n)
        oldest = (
            counts.oldest_pending.astimezone().strftime("%Y-%m-%d %H:%M") if counts.oldest_pending else "?"
        )
        echo(f"Queued: {counts.queued} ({parts}); oldest from {oldest}.")
        for ev in outbox.pending(MAX_LINES):
            echo("  " + _describe(ev, {}))
        if counts.queued > MAX_LINES:
            echo(f"  ... and {counts.queued - MAX_LINES} more")
    elif outbox.notice:  # a damaged queue was set aside just now (its line is on stderr)
        echo(f"Queued: nothing in the fresh queue; {_DAMAGED_HELD}.")
    else:
        echo("Queued: nothing; everything recorded here has reached PostgreSQL.")
    echo(f"Sent so far: {counts.sent}.")
    failed = outbox.failed()
    if failed:
        echo(f"Refused by the server for good: {len(failed)} (kept here, not deleted):")
        for ev, reason in failed[:MAX_LINES]:
            echo(f"  {_describe(ev, {})}: {reason}")
    return 0


def _push(outbox: Outbox, ctx: CliContext) -> int:
    queued = outbox.queued()
    if queued == 0 and outbox.notice:
        echo(f"Nothing to send from the fresh queue; {_DAMAGED_HELD}.")
        return 0
    if queued == 0:
        echo("Nothing to send: the queue is empty.")
        return 0
    database = ctx.database()  # a clear message and exit when PostgreSQL cannot be reached
    printed = 0

    def show(report: PushReport) -> None:
        nonlocal printed
        names = _student_ids(ctx, report.sent)
        for ev in report.sent:
            if printed < MAX_LINES:
                echo("  sent " + _describe(ev, names))
            printed += 1

    echo(f"Sending {queued} queued changes to PostgreSQL...")
    total = database.push_outbox(outbox, ctx.settings.offline, show)
    if printed > MAX_LINES:
        echo(f"  ... and {printed - MAX_LINES} more")
    by_kind = {k: sum(1 for e in total.sent if e.kind == k) for k in _KIND_WORDS}
    parts = ", ".join(f"{n} {_KIND_WORDS[k]}" for k, n in by_kind.items() if n) or "nothing"
    conflicts = f"; {total.conflicts} conflicts settled by the rule (see the log)" if total.conflicts else ""
    echo(f"Sent {parts}{conflicts}.")
    for ev, reason in total.failed:
        echo(f"  refused {_describe(ev, {})}: {reason}")
    if total.failed:
        echo(
            f"{len(total.failed)} changes were refused by the server; they are kept, see `kiosk sync --status`."
        )
        return 1
    return 0


def _student_ids(ctx: CliContext, events: list[OutboxEvent]) -> dict[uuid.UUID, str]:
    wanted = {uuid.UUID(e.payload["student_uuid"]) for e in events if e.kind == "mark"}
    if not wanted:
        return {}
    return ctx.roster().student_ids(sorted(wanted))


def _describe(ev: OutboxEvent, student_ids: dict[uuid.UUID, str]) -> str:
    when = ev.created_at.astimezone().strftime("%H:%M:%S")
    session = str(ev.session_id)[:8]
    p = ev.payload
    if ev.kind == "open":
        return f"{when} session {session} opened for class {p['class_code']}"
    if ev.kind == "close":
        return f"{when} session {session} closed"
    student_uuid = uuid.UUID(p["student_uuid"])
    who = student_ids.get(student_uuid, str(student_uuid)[:8])
    return f"{when} session {session} student {who}: {p['status']} ({p['source']})"
