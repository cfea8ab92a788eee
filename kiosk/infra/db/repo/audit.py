"""The audit log: manual attendance changes, consent changes and deletions, hash-chained.

Each entry carries the hash of the one before it (``prev_hash``) and its own
(``entry_hash``, over its content and ``prev_hash``); the one-row ``audit_chain_head``
holds the newest hash, and the hash the oldest kept entry must follow (the retention purge
moves it forward). :func:`verify_chain` then finds an edited entry (its hash no longer
fits its content), a deleted one (the next entry's ``prev_hash`` points at nothing) and a
deleted newest one (the head points past the end). This module is the only place that
computes the hash; revision 0010_consent imports :func:`entry_hash` to chain older entries.

Concurrent writers: the head row is read ``FOR UPDATE`` (PostgreSQL holds the lock until
the writer's transaction ends, so two kiosks never chain onto the same entry); SQLite has
one writer at a time, which gives the same order.

Tamper-evident, not tamper-proof: someone who can write SQL can recompute the whole chain.
``kiosk audit verify`` prints the head hash; a school that writes it down (or the privacy
report's copy) can tell later that the chain was rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kiosk.infra.db.models import AuditChainHead, AuditLog, utcnow

GENESIS_HASH = "0" * 64
HEAD_ID = 1


def _canonical_time(at: datetime) -> str:
    aware = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    return aware.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(
    *,
    prev_hash: str,
    at: datetime,
    actor: str | None,
    action: str,
    entity: str,
    entity_id: str,
    details: dict[str, Any] | None,
) -> str:
    """SHA-256 over the entry's content and the previous hash (canonical JSON, sorted keys).

    Not over its id: the hash is written in the same INSERT (the kiosk's database account may
    add audit entries but never change one), and the order is in ``prev_hash`` already.
    """
    payload = {
        "prev": prev_hash,
        "at": _canonical_time(at),
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "details": details or {},
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _stored_hash(row: AuditLog, prev_hash: str) -> str:
    """:func:`entry_hash` of an entry already stored, after ``prev_hash``."""
    return entry_hash(
        prev_hash=prev_hash,
        at=row.at,
        actor=row.actor,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        details=row.details,
    )


def _locked_head(session: Session) -> AuditChainHead:
    head = session.scalar(select(AuditChainHead).where(AuditChainHead.id == HEAD_ID).with_for_update())
    if head is None:  # a database made from the models directly (tests); migrations insert it
        head = AuditChainHead(id=HEAD_ID, last_id=None, last_hash=GENESIS_HASH, anchor_hash=GENESIS_HASH)
        session.add(head)
        session.flush()
    return head


def record(
    session: Session,
    *,
    actor: str | None,
    action: str,
    entity: str,
    entity_id: str,
    details: dict[str, Any] | None = None,
) -> None:
    head = _locked_head(session)
    prev = head.last_hash or GENESIS_HASH
    at = utcnow()  # microseconds, which both dialects store: the hash recomputes from the row
    digest = entry_hash(
        prev_hash=prev, at=at, actor=actor, action=action, entity=entity, entity_id=entity_id, details=details
    )
    row = AuditLog(
        at=at,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        details=details,
        prev_hash=prev,
        entry_hash=digest,
    )
    session.add(row)
    session.flush()
    head.last_id, head.last_hash = row.id, digest
    session.flush()


def entries(
    session: Session, *, entity_id: str | None = None, action: str | None = None
) -> list[dict[str, Any]]:
    stmt = select(AuditLog).order_by(AuditLog.id)
    if entity_id is not None:
        stmt = stmt.where(AuditLog.entity_id == entity_id)
    if action is not None:
        stmt = stmt.where(AuditLog.action == action)
    rows = session.scalars(stmt).all()
    return [_as_dict(r) for r in rows]


def latest_at(session: Session, action: str) -> datetime | None:
    """When the newest entry with this action was written (None: never)."""
    return session.scalar(select(func.max(AuditLog.at)).where(AuditLog.action == action))


def count(session: Session) -> int:
    return int(session.scalar(select(func.count(AuditLog.id))) or 0)


def count_older_than(session: Session, cutoff: datetime) -> int:
    return int(session.scalar(select(func.count(AuditLog.id)).where(AuditLog.at < cutoff)) or 0)


def delete_older_than(session: Session, cutoff: datetime) -> int:
    """Retention: delete entries older than ``cutoff``; the chain's anchor moves to the oldest kept."""
    head = _locked_head(session)
    doomed = session.scalar(select(func.count(AuditLog.id)).where(AuditLog.at < cutoff)) or 0
    if not doomed:
        return 0
    newest_doomed = session.scalar(select(func.max(AuditLog.id)).where(AuditLog.at < cutoff))
    session.execute(delete(AuditLog).where(AuditLog.id <= newest_doomed))
    oldest_kept = session.scalar(select(AuditLog).order_by(AuditLog.id).limit(1))
    head.anchor_hash = oldest_kept.prev_hash if oldest_kept is not None else head.last_hash
    session.flush()
    return int(doomed)


def rechain(session: Session, *, actor: str | None, reason: str) -> None:
    """Recompute the whole chain in id order, after rows were copied in by a migration.

    Copied entries keep their content but cannot keep their place in another database's
    chain; the old head hash is kept in a ``audit.rechained`` entry, so the rewrite shows.
    """
    head = _locked_head(session)
    old_head = head.last_hash
    prev = GENESIS_HASH
    last_id: int | None = None
    for row in session.scalars(select(AuditLog).order_by(AuditLog.id)):
        row.prev_hash = prev
        row.entry_hash = _stored_hash(row, prev)
        prev, last_id = row.entry_hash, row.id
    head.last_id, head.last_hash, head.anchor_hash = last_id, prev, GENESIS_HASH
    session.flush()
    record(
        session,
        actor=actor,
        action="audit.rechained",
        entity="audit_log",
        entity_id="chain",
        details={"reason": reason, "previous_head_hash": old_head},
    )


@dataclass(frozen=True, slots=True)
class ChainReport:
    entries: int
    head_hash: str
    problems: tuple[str, ...]

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_chain(session: Session, *, max_problems: int = 20) -> ChainReport:
    head = session.get(AuditChainHead, HEAD_ID)
    problems: list[str] = []
    expected_prev = (head.anchor_hash if head else None) or GENESIS_HASH
    n = 0
    last_id: int | None = None
    last_hash = expected_prev
    for row in session.scalars(select(AuditLog).order_by(AuditLog.id)).yield_per(500):
        n += 1
        if row.prev_hash != expected_prev:
            problems.append(
                f"entry {row.id} ({row.action}) does not follow the entry before it: "
                "an entry before it was deleted or changed"
            )
        digest = _stored_hash(row, row.prev_hash or "")
        if digest != row.entry_hash:
            problems.append(f"entry {row.id} ({row.action}) was changed after it was written")
        expected_prev = row.entry_hash or ""
        last_id, last_hash = row.id, row.entry_hash or ""
        if len(problems) >= max_problems:
            break
    if head is None:
        problems.append("the chain head is missing")
    elif len(problems) < max_problems and (
        head.last_id != last_id or (head.last_hash or GENESIS_HASH) != last_hash
    ):
        problems.append(f"the newest entry (id {head.last_id}) is missing: entries at the end were deleted")
    return ChainReport(n, last_hash, tuple(problems))


def _as_dict(row: AuditLog) -> dict[str, Any]:
    at: datetime = row.at
    return {
        "at": at,
        "actor": row.actor,
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "details": row.details or {},
    }
