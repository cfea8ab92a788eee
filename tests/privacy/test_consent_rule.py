"""The consent rule (kiosk.core.consent), pure: no database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.core.consent import (
    ConsentEntry,
    ConsentKind,
    ConsentParty,
    ConsentText,
    check_entry,
    decide_consent,
)
from kiosk.core.errors import InvalidInput

T0 = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


def entry(
    kind: ConsentKind, party: ConsentParty, name: str, day: int, version: str | None = "v1"
) -> ConsentEntry:
    return ConsentEntry(kind, party, name, T0 + timedelta(days=day), "paper form", text_version=version)


TEXTS = [ConsentText("v1", "We would like to use your child's face...", T0)]


def test_no_ledger_no_matching() -> None:
    decision = decide_consent([], TEXTS)
    assert not decision.allowed and decision.reason == "no consent recorded"


def test_a_parents_consent_allows_matching() -> None:
    decision = decide_consent([entry(ConsentKind.CONSENT, ConsentParty.PARENT, "Mum", 0)], TEXTS)
    assert decision.allowed and not decision.needs_renewal


def test_the_pupils_own_objection_overrides_a_parents_consent() -> None:
    ledger = [
        entry(ConsentKind.CONSENT, ConsentParty.PARENT, "Mum", 0),
        entry(ConsentKind.OBJECTION, ConsentParty.PUPIL, "Ada", 1, None),
    ]
    decision = decide_consent(ledger, TEXTS)
    assert not decision.allowed and "Ada (pupil)" in decision.reason
    # A later consent by the parent does not lift the pupil's objection...
    ledger.append(entry(ConsentKind.CONSENT, ConsentParty.PARENT, "Mum", 2))
    assert not decide_consent(ledger, TEXTS).allowed
    # ...and neither does the parent "lifting" it: only its author can.
    ledger.append(entry(ConsentKind.OBJECTION_LIFTED, ConsentParty.PARENT, "Mum", 3, None))
    assert not decide_consent(ledger, TEXTS).allowed
    ledger.append(entry(ConsentKind.OBJECTION_LIFTED, ConsentParty.PUPIL, "ada", 4, None))
    assert decide_consent(ledger, TEXTS).allowed


def test_one_parents_objection_stops_matching_whatever_the_other_consented() -> None:
    ledger = [
        entry(ConsentKind.CONSENT, ConsentParty.PARENT, "Mum", 0),
        entry(ConsentKind.OBJECTION, ConsentParty.PARENT, "Dad", 1, None),
    ]
    assert not decide_consent(ledger, TEXTS).allowed


def test_a_withdrawal_ends_consent_until_a_new_one() -> None:
    ledger = [
        entry(ConsentKind.CONSENT, ConsentParty.PARENT, "Mum", 0),
        entry(ConsentKind.WITHDRAWAL, ConsentParty.PARENT, "Mum", 1, None),
    ]
    decision = decide_consent(ledger, TEXTS)
    assert not decision.allowed and decision.reason.startswith("consent withdrawn by Mum")
    ledger.append(entry(ConsentKind.CONSENT, ConsentParty.GUARDIAN, "Aunt", 2))
    assert decide_consent(ledger, TEXTS).allowed


def test_the_order_is_the_date_given_not_the_order_typed_in() -> None:
    late_typed_withdrawal = entry(ConsentKind.WITHDRAWAL, ConsentParty.PARENT, "Mum", 5, None)
    consent = entry(ConsentKind.CONSENT, ConsentParty.PARENT, "Mum", 0)
    assert not decide_consent([late_typed_withdrawal, consent], TEXTS).allowed


def test_a_new_text_that_requires_renewal_lapses_older_consents() -> None:
    ledger = [entry(ConsentKind.CONSENT, ConsentParty.PARENT, "Mum", 0)]
    wording_fix = [*TEXTS, ConsentText("v1.1", "...", T0, requires_renewal=False)]
    kept = decide_consent(ledger, wording_fix)
    assert kept.allowed and kept.needs_renewal
    new_purpose = [*wording_fix, ConsentText("v2", "...", T0, requires_renewal=True)]
    lapsed = decide_consent(ledger, new_purpose)
    assert not lapsed.allowed and lapsed.needs_renewal and "v2 needs a new consent" in lapsed.reason
    renewed = [*ledger, entry(ConsentKind.CONSENT, ConsentParty.PARENT, "Mum", 9, "v2")]
    assert decide_consent(renewed, new_purpose).allowed


def test_bad_entries_are_refused() -> None:
    with pytest.raises(InvalidInput, match="name the consent text"):
        check_entry(entry(ConsentKind.CONSENT, ConsentParty.PARENT, "Mum", 0, None), TEXTS)
    with pytest.raises(InvalidInput, match="no consent text version 'v9'"):
        check_entry(entry(ConsentKind.CONSENT, ConsentParty.PARENT, "Mum", 0, "v9"), TEXTS)
    with pytest.raises(InvalidInput, match="needs the name"):
        check_entry(entry(ConsentKind.OBJECTION, ConsentParty.PUPIL, " ", 0), TEXTS)
