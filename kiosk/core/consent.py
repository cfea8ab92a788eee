"""The consent rule, written once: may this pupil's face be matched?

Every consent, withdrawal and objection is a row of the consent ledger (never changed,
never deleted while the pupil is on the roll); :func:`decide_consent` reads the ledger and
the stored consent texts and says whether face matching is allowed. The database keeps
``students.consent_given`` as a cache of this decision, updated in the same transaction as
the ledger row, so every matching path (the gallery, the offline cache, enrollment) keeps
reading one boolean.

The rule (England's Protection of Freedoms Act 2012 s.26, GDPR art. 7 and 9):

1. Matching needs a *valid consent*: a consent given after the latest withdrawal, on a
   text after which no stored text demands renewal (any one such consent suffices).
2. Any *standing objection* stops matching, whoever holds consent: an objection stands
   until the same person (same role, same name) lifts it. So the pupil's own objection
   overrides a parent's consent, and one parent's objection overrides the other's consent.
3. A withdrawal ends the consent; a new consent is needed to match again.

Whenever the decision is "not allowed", the pupil's templates and thumbnail are deleted at
once (:mod:`kiosk.infra.db.repo.consent` does it in the same transaction).
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from kiosk.core.errors import InvalidInput


class ConsentKind(enum.StrEnum):
    CONSENT = "consent"
    WITHDRAWAL = "withdrawal"
    OBJECTION = "objection"
    OBJECTION_LIFTED = "objection_lifted"


class ConsentParty(enum.StrEnum):
    PARENT = "parent"
    GUARDIAN = "guardian"
    PUPIL = "pupil"
    SCHOOL = "school"  # rows the product wrote itself (e.g. migrated from the old flag)


@dataclass(frozen=True, slots=True)
class ConsentText:
    """One version of the text a parent or pupil is shown before consenting."""

    version: str
    text: str
    created_at: datetime
    created_by: str | None = None
    requires_renewal: bool = True  # consents given on older texts stop counting


@dataclass(frozen=True, slots=True)
class ConsentEntry:
    """One row of the ledger: who said what, when, how it reached the school, who typed it in."""

    kind: ConsentKind
    party: ConsentParty
    name: str  # the person's name (the pupil's own name for the pupil)
    recorded_at: datetime  # when it was given (the date on the form), not when it was typed
    method: str  # how it was recorded: "paper form", "email", "in person", ...
    relation: str | None = None  # "mother", "legal guardian", ...
    text_version: str | None = None  # the consent text that was shown
    entered_by: str | None = None
    note: str | None = None
    id: int | None = None
    student_uuid: uuid.UUID | None = None

    @property
    def who(self) -> tuple[ConsentParty, str]:
        return self.party, self.name.strip().casefold()


@dataclass(frozen=True, slots=True)
class ConsentDecision:
    allowed: bool
    reason: str  # one line, for people
    consent: ConsentEntry | None = None  # the consent the decision rests on
    objections: tuple[ConsentEntry, ...] = ()
    needs_renewal: bool = False  # given on an older text than the current one


def _ordered(entries: Iterable[ConsentEntry]) -> list[ConsentEntry]:
    return sorted(entries, key=lambda e: (e.recorded_at, e.id or 0))


def standing_objections(entries: Iterable[ConsentEntry]) -> tuple[ConsentEntry, ...]:
    standing: dict[tuple[ConsentParty, str], ConsentEntry] = {}
    for entry in _ordered(entries):
        if entry.kind is ConsentKind.OBJECTION:
            standing[entry.who] = entry
        elif entry.kind is ConsentKind.OBJECTION_LIFTED:
            standing.pop(entry.who, None)
    return tuple(standing.values())


def decide_consent(entries: Iterable[ConsentEntry], texts: Sequence[ConsentText]) -> ConsentDecision:
    """Whether face matching is allowed for a pupil with this ledger (see the module rules).

    ``texts``: the stored consent texts, oldest first.
    """
    entries = _ordered(entries)
    objections = standing_objections(entries)
    versions = [t.version for t in texts]
    current = versions[-1] if versions else None
    last_withdrawal = max((i for i, e in enumerate(entries) if e.kind is ConsentKind.WITHDRAWAL), default=-1)
    # Consents since the last withdrawal; any one still valid suffices (two parents may both sign).
    standing = [e for e in entries[last_withdrawal + 1 :] if e.kind is ConsentKind.CONSENT]
    valid = [c for c in standing if not _lapsed(c, texts)]
    consent = valid[-1] if valid else (standing[-1] if standing else None)
    needs_renewal = consent is not None and current is not None and consent.text_version != current
    if objections:
        by = ", ".join(f"{o.name} ({o.party.value})" for o in objections)
        return ConsentDecision(False, f"objection by {by} stands", consent, objections, needs_renewal)
    if consent is None:
        if last_withdrawal < 0:
            return ConsentDecision(False, "no consent recorded")
        withdrawal = entries[last_withdrawal]
        return ConsentDecision(
            False, f"consent withdrawn by {withdrawal.name} on {withdrawal.recorded_at:%Y-%m-%d}"
        )
    if not valid:
        return ConsentDecision(
            False,
            f"consent was given on text {consent.text_version or '(none)'}; text {current} needs a new consent",
            consent,
            (),
            True,
        )
    return ConsentDecision(
        True, f"consent by {consent.name} ({consent.party.value})", consent, (), needs_renewal
    )


def _lapsed(consent: ConsentEntry, texts: Sequence[ConsentText]) -> bool:
    """A newer text that demands renewal came after the one this consent was given on."""
    versions = [t.version for t in texts]
    start = versions.index(consent.text_version) + 1 if consent.text_version in versions else 0
    return any(t.requires_renewal for t in texts[start:])


def check_entry(entry: ConsentEntry, texts: Sequence[ConsentText]) -> None:
    """Refuse a ledger row a person typed wrongly (one clear line each)."""
    if not entry.name.strip():
        raise InvalidInput("A consent record needs the name of who gave it.", "Give it with --name.")
    if not entry.method.strip():
        raise InvalidInput(
            "A consent record needs how it was given.", "Say it with --method, e.g. 'paper form'."
        )
    if entry.kind is ConsentKind.CONSENT:
        if entry.party is ConsentParty.SCHOOL:
            raise InvalidInput("Consent is given by a parent, a guardian or the pupil, not the school.")
        known = [t.version for t in texts]
        if known and entry.text_version is None:
            entry_hint = f"Give --text-version (the current one is {known[-1]})."
            raise InvalidInput("A consent must name the consent text that was shown.", entry_hint)
        if entry.text_version is not None and entry.text_version not in known:
            raise InvalidInput(
                f"There is no consent text version {entry.text_version!r}.",
                "See the stored ones with `kiosk consent text show`, or store it with `kiosk consent text set`.",
            )
