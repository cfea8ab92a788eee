"""The consent ledger and the consent texts; applying the consent rule to a student; and
whether a student may be face-matched at a given moment (the one place that decides).

``students.consent_given`` / ``consent_at`` / ``consent_by`` are a cache of
:func:`kiosk.core.consent.decide_consent`, written only by :func:`apply_rule` in the same
transaction as the ledger row that changed the decision, so every matching path (the
gallery, the offline cache, enrollment) keeps reading one boolean and can never disagree
with the ledger. When the decision is "not allowed", the face data goes at once.

Every automatic mark passes through :func:`may_face_match` on the server (the direct store's
mark, the sync worker's inserts), so a kiosk that recognised a pupil from an old copy of the
roster cannot store the mark once consent was withdrawn or the pupil was deleted. It answers
for the mark's own moment from the ledger (the rows recorded by then, the texts stored by
then): a mark made offline before a withdrawal stands, one made after it is refused. A
student with no ledger row by the mark's time (rows written around the ledger: benchmark
data, old copies, a kiosk clock behind) falls back to the cached flag, today's answer.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import UTC, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kiosk.core.consent import (
    ConsentDecision,
    ConsentEntry,
    ConsentKind,
    ConsentParty,
    ConsentText,
    check_entry,
    decide_consent,
)
from kiosk.core.errors import Conflict, InvalidInput
from kiosk.infra.db.models import ConsentLedgerRow, ConsentTextRow, FaceEncoding, Student, utcnow
from kiosk.infra.db.repo import audit
from kiosk.infra.db.repo._common import check_length
from kiosk.infra.db.repo.changes import ChangeKind, RosterChange, announce, class_code_of

NOT_NAMED = "(not named)"

# The names the old yes/no consent command wrote, kept so existing audit queries still work.
_ACTIONS = {
    ConsentKind.CONSENT: "student.consent_given",
    ConsentKind.WITHDRAWAL: "student.consent_withdrawn",
    ConsentKind.OBJECTION: "student.consent_objection",
    ConsentKind.OBJECTION_LIFTED: "student.consent_objection_lifted",
}


def _to_entry(row: ConsentLedgerRow) -> ConsentEntry:
    return ConsentEntry(
        kind=ConsentKind(row.kind),
        party=ConsentParty(row.party),
        name=row.name,
        recorded_at=row.recorded_at,
        method=row.method,
        relation=row.relation,
        text_version=row.text_version,
        entered_by=row.entered_by,
        note=row.note,
        id=row.id,
        student_uuid=row.student_id,
    )


def _to_text(row: ConsentTextRow) -> ConsentText:
    return ConsentText(row.version, row.text, row.created_at, row.created_by, row.requires_renewal)


def texts(session: Session) -> list[ConsentText]:
    """Every stored consent text, oldest first."""
    return [_to_text(r) for r in session.scalars(select(ConsentTextRow).order_by(ConsentTextRow.id))]


def add_text(
    session: Session, *, version: str, text: str, requires_renewal: bool, actor: str | None
) -> ConsentText:
    version, text = version.strip(), text.strip()
    if not version or not text:
        raise InvalidInput("A consent text needs a version name and some text.", "Give --version and --file.")
    check_length("version", version, ConsentTextRow.__table__.c.version)
    if session.scalar(select(ConsentTextRow.id).where(ConsentTextRow.version == version)) is not None:
        raise Conflict(
            f"Consent text version {version!r} is already stored; stored texts never change.",
            "Store the new wording under a new version name.",
        )
    row = ConsentTextRow(version=version, text=text, requires_renewal=requires_renewal, created_by=actor)
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="consent.text_set",
        entity="consent_text",
        entity_id=version,
        details={"requires_renewal": requires_renewal, "characters": len(text)},
    )
    return _to_text(row)


def ledger(session: Session, student_uuid: uuid.UUID) -> list[ConsentEntry]:
    stmt = (
        select(ConsentLedgerRow)
        .where(ConsentLedgerRow.student_id == student_uuid)
        .order_by(ConsentLedgerRow.recorded_at, ConsentLedgerRow.id)
    )
    return [_to_entry(r) for r in session.scalars(stmt)]


def add_entry(
    session: Session, student: Student, entry: ConsentEntry, *, actor: str | None
) -> ConsentDecision:
    """Store one ledger row and apply the rule to the student (same transaction)."""
    known = texts(session)
    check_entry(entry, known)
    columns = ConsentLedgerRow.__table__.c
    for label, value, column in (
        ("name", entry.name, columns.name),
        ("relation", entry.relation, columns.relation),
        ("method", entry.method, columns.method),
    ):
        check_length(label, value, column)
    session.add(
        ConsentLedgerRow(
            student_id=student.id,
            kind=entry.kind.value,
            party=entry.party.value,
            name=entry.name.strip(),
            relation=(entry.relation or "").strip() or None,
            recorded_at=entry.recorded_at,
            method=entry.method.strip(),
            text_version=entry.text_version,
            entered_by=entry.entered_by or actor,
            note=entry.note,
        )
    )
    session.flush()
    decision, deleted = apply_rule(session, student, known)
    # Every kiosk hears of it at commit; a "withdrawn" one drops the pupil's face data at once.
    kind: ChangeKind = "consent" if decision.allowed else "withdrawn"
    announce(session, RosterChange(class_code_of(session, student.class_id), student.id, kind))
    if not decision.allowed:  # the flag's "when" and "by" name who stopped it, as they always did
        student.consent_at = entry.recorded_at
        student.consent_by = None if entry.name == NOT_NAMED else entry.name.strip()[:200]
    audit.record(
        session,
        actor=actor,
        action=_ACTIONS[entry.kind],
        entity="student",
        entity_id=student.student_id,
        # The ledger row holds the rest; these two keys are what the audit log always said.
        details={"by": None if entry.name == NOT_NAMED else entry.name, "encodings_deleted": deleted},
    )
    return decision


def decision_for(session: Session, student_uuid: uuid.UUID) -> ConsentDecision:
    return decide_consent(ledger(session, student_uuid), texts(session))


def apply_rule(
    session: Session, student: Student, known: list[ConsentText] | None = None
) -> tuple[ConsentDecision, int]:
    """Refresh the cached decision; delete the face data when matching is not allowed."""
    decision = decide_consent(ledger(session, student.id), texts(session) if known is None else known)
    student.consent_given = decision.allowed
    if decision.consent is not None and decision.allowed:
        student.consent_at = decision.consent.recorded_at
        student.consent_by = decision.consent.name[:200]
    deleted = 0
    if not decision.allowed:
        # One statement: the vectors are never loaded (nor decrypted) just to be deleted.
        count = select(func.count(FaceEncoding.id)).where(FaceEncoding.student_id == student.id)
        deleted = int(session.scalar(count) or 0)
        session.execute(delete(FaceEncoding).where(FaceEncoding.student_id == student.id))
        session.expire(student, ["encodings"])
        student.photo = None
    session.flush()
    return decision, deleted


def reapply_all(session: Session) -> dict[str, int]:
    """After a consent text change: re-decide every student whose cache says "allowed"."""
    lapsed = 0
    deleted = 0
    known = texts(session)
    for student in session.scalars(select(Student).where(Student.consent_given.is_(True))):
        decision, n = apply_rule(session, student, known)
        if not decision.allowed:
            lapsed += 1
            deleted += n
            change = RosterChange(class_code_of(session, student.class_id), student.id, "withdrawn")
            announce(session, change)
    return {"lapsed": lapsed, "encodings_deleted": deleted}


def ledger_rows_for_flags(session: Session, *, entered_by: str) -> int:
    """Students whose consent flag is set without any ledger row (copied in from another
    kiosk database): one "migrated from the previous consent flag" row each, as revision 0005 does."""
    has_rows = select(ConsentLedgerRow.id).where(ConsentLedgerRow.student_id == Student.id).exists()
    orphans = session.scalars(select(Student).where(Student.consent_given.is_(True), ~has_rows)).all()
    for student in orphans:
        session.add(
            ConsentLedgerRow(
                student_id=student.id,
                kind=ConsentKind.CONSENT.value,
                party=ConsentParty.SCHOOL.value,
                name="(previous consent flag)",
                recorded_at=student.consent_at or utcnow(),
                method="migrated from the previous consent flag",
                entered_by=entered_by,
                note=f"recorded as given by: {student.consent_by}" if student.consent_by else None,
            )
        )
    session.flush()
    return len(orphans)


def statistics(session: Session) -> dict[str, int]:
    """Counts for the privacy report."""
    kinds = dict(
        session.execute(select(ConsentLedgerRow.kind, func.count()).group_by(ConsentLedgerRow.kind)).all()
    )
    total = session.scalar(select(func.count(Student.id))) or 0
    allowed = session.scalar(select(func.count(Student.id)).where(Student.consent_given.is_(True))) or 0
    return {
        "students": int(total),
        "matching_allowed": int(allowed),
        "matching_not_allowed": int(total) - int(allowed),
        **{f"ledger_{k}": int(v) for k, v in kinds.items()},
    }


def renewal_due(session: Session) -> list[str]:
    """School ids of students whose standing consent was given on an older text."""
    known = texts(session)
    if not known:
        return []
    due: list[str] = []
    for student in session.scalars(select(Student).where(Student.consent_given.is_(True))):
        if decide_consent(ledger(session, student.id), known).needs_renewal:
            due.append(student.student_id)
    return due


def flag_entry(
    *, given: bool, by: str | None, actor: str | None, when: datetime | None = None, method: str
) -> ConsentEntry:
    """The ledger row for the old yes/no consent commands (``student consent --give/--withdraw``)."""
    return ConsentEntry(
        kind=ConsentKind.CONSENT if given else ConsentKind.WITHDRAWAL,
        party=ConsentParty.PARENT,
        name=(by or "").strip() or NOT_NAMED,
        recorded_at=when or utcnow(),
        method=method,
        entered_by=actor,
    )


Check = tuple[uuid.UUID, datetime]  # (student, moment of the mark)


def may_face_match(session: Session, checks: Collection[Check]) -> dict[Check, bool]:
    """For each (student, moment): may the student be face-matched at that moment?

    A deleted (unknown) student may not. A few queries for all the students asked about."""
    ids = list({student for student, _ in checks})
    flags: dict[uuid.UUID, bool] = {}
    rows: dict[uuid.UUID, list[ConsentEntry]] = {}
    for start in range(0, len(ids), 500):  # SQLite's bound-parameter limit
        chunk = ids[start : start + 500]
        stmt_flags = select(Student.id, Student.consent_given).where(Student.id.in_(chunk))
        flags.update((sid, bool(given)) for sid, given in session.execute(stmt_flags))
        stmt = select(ConsentLedgerRow).where(ConsentLedgerRow.student_id.in_(chunk))
        for row in session.scalars(stmt):
            rows.setdefault(row.student_id, []).append(_to_entry(row))
    known = texts(session) if rows else []
    out: dict[Check, bool] = {}
    for student, moment in checks:
        if student not in flags:
            out[(student, moment)] = False  # deleted
        elif student not in rows:
            out[(student, moment)] = flags[student]  # no ledger: the flag is all there is
        else:
            at = _aware(moment)
            then = [e for e in rows[student] if _aware(e.recorded_at) <= at]
            if not then:
                # A mark older than the whole ledger (a kiosk clock behind, data copied in):
                # nothing was withdrawn by then, so the present answer stands.
                out[(student, moment)] = flags[student]
                continue
            texts_then = [t for t in known if _aware(t.created_at) <= at]
            out[(student, moment)] = decide_consent(then, texts_then).allowed
    return out


def may_face_match_one(session: Session, student: uuid.UUID, moment: datetime) -> bool:
    return may_face_match(session, [(student, moment)])[(student, moment)]


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
