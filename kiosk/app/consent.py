"""Consent: the ledger of consents, withdrawals and objections, and the consent texts.

The CLI (``kiosk consent ...``) and the admin's consent dialog use this service. The rule
itself is :func:`kiosk.core.consent.decide_consent`; each change here is one transaction
that stores the ledger row, refreshes ``students.consent_given`` (the rule's cached
answer, which every matching path reads) and, when matching is no longer allowed, deletes
the pupil's templates and thumbnail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from kiosk.app.roster import RosterService
from kiosk.core.consent import ConsentDecision, ConsentEntry, ConsentKind, ConsentParty, ConsentText
from kiosk.core.domain import StudentInfo
from kiosk.core.errors import InvalidInput
from kiosk.infra.db.repo import consent, students


@dataclass(frozen=True, slots=True)
class ConsentHistory:
    student: StudentInfo
    entries: tuple[ConsentEntry, ...]
    decision: ConsentDecision


def parse_party(text: str) -> ConsentParty:
    try:
        party = ConsentParty(text.strip().lower())
    except ValueError:
        party = None
    if party is None or party is ConsentParty.SCHOOL:
        raise InvalidInput(f"{text!r} is not who can give consent.", "Use parent, guardian or pupil.")
    return party


def parse_when(text: str | None) -> datetime:
    """A date (YYYY-MM-DD) or date and time given by a person; now when empty."""
    if not text:
        return datetime.now(UTC)
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"{text!r} is not a date.", "Give it as YYYY-MM-DD (or YYYY-MM-DD HH:MM)."
        ) from None
    value = value if value.tzinfo else value.astimezone()  # a person's date is local time
    if value > datetime.now(UTC):
        raise InvalidInput("The date is in the future.", "Give the date it was actually given.")
    return value


class ConsentService(RosterService):
    """The consent ledger on the central database (changes are refused offline, like the roster)."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)

    def record(
        self,
        student_id: str,
        kind: ConsentKind,
        *,
        party: ConsentParty,
        name: str,
        method: str,
        relation: str | None = None,
        recorded_at: datetime | None = None,
        text_version: str | None = None,
        note: str | None = None,
        actor: str | None = None,
    ) -> ConsentDecision:
        """Add one ledger row; returns the consent decision that now stands."""
        with self._unit("Recording consent") as s:
            row = students.get_row(s, student_id)
            if kind is ConsentKind.CONSENT and text_version is None:
                known = consent.texts(s)
                text_version = known[-1].version if known else None  # the current text was shown
            entry = ConsentEntry(
                kind=kind,
                party=party,
                name=name,
                recorded_at=recorded_at or datetime.now(UTC),
                method=method,
                relation=relation,
                text_version=text_version,
                entered_by=actor,
                note=note,
            )
            return consent.add_entry(s, row, entry, actor=actor)

    def history(self, student_id: str) -> ConsentHistory:
        with self._unit() as s:
            info = students.get_student(s, student_id)
            entries = tuple(consent.ledger(s, info.id))
            return ConsentHistory(info, entries, consent.decision_for(s, info.id))

    def texts(self) -> list[ConsentText]:
        with self._unit() as s:
            return consent.texts(s)

    def set_text(
        self, version: str, text: str, *, requires_renewal: bool = True, actor: str | None = None
    ) -> tuple[ConsentText, dict[str, int]]:
        """Store a new consent text; consents on older texts lapse when it requires renewal."""
        with self._unit("Storing a consent text") as s:
            stored = consent.add_text(
                s, version=version, text=text, requires_renewal=requires_renewal, actor=actor
            )
            effect = consent.reapply_all(s)
            effect["renewal_due"] = len(consent.renewal_due(s))
            return stored, effect

    def renewal_due(self) -> list[str]:
        with self._unit() as s:
            return consent.renewal_due(s)

    def statistics(self) -> dict[str, int]:
        with self._unit() as s:
            return consent.statistics(s)
