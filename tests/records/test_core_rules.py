"""The pure rules of the record: rates, at-risk, unmarked-as-absent, CSV neutralisation,
name normalisation and similarity, the correction checks."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.domain import AttendanceStatus, MarkSource
from kiosk.core.errors import InvalidInput
from kiosk.core.records import MarkMethod, checked_correction, method_of
from kiosk.core.reports import (
    ClassTally,
    SessionTally,
    StudentRef,
    attendance_rate,
    day_bounds,
    merge_tallies,
    student_rates,
    weekly_rates,
)
from kiosk.core.spreadsheet import neutralise_cell
from kiosk.core.tables import local_time_text
from kiosk.core.text_search import (
    WORD_SIMILARITY_THRESHOLD,
    name_matches,
    normalise_name,
    trigrams_to_match,
    word_similarity,
)


def test_rate_excludes_excused_and_flags_under_the_threshold() -> None:
    assert attendance_rate(8, 1, 1) == pytest.approx(0.9)
    assert attendance_rate(0, 0, 0) is None
    a, b = StudentRef(uuid.uuid4(), "A", "Ann", "9B"), StudentRef(uuid.uuid4(), "B", "Bo", "9B")
    rows = [
        ClassTally(a.uuid, "9B", 8, 1, 0, 1),
        ClassTally(b.uuid, "9B", 9, 0, 1, 0),
        ClassTally(b.uuid, "10A", 1, 0, 0, 0),
    ]
    rates = {
        r.student.student_id: r for r in student_rates([a, b], merge_tallies(rows, [a, b]), {"9B": 12}, 0.9)
    }
    # Ann: 10 marks in 12 sessions: 2 unmarked count as absent; excused leaves the denominator.
    assert (rates["A"].absent, rates["A"].excused, rates["A"].sessions) == (2, 1, 12)
    assert rates["A"].rate == pytest.approx(9 / 11) and rates["A"].at_risk
    # Bo: 10 marks in his class + 1 elsewhere: 2 unmarked of his own class's 12.
    assert (rates["B"].present, rates["B"].absent, rates["B"].sessions) == (10, 3, 13)
    assert rates["B"].rate == pytest.approx(10 / 13)


def test_weeks_and_days_follow_local_time() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    lo, hi = day_bounds(date(2026, 10, 25), date(2026, 10, 25), berlin)  # the day summer time ends
    assert hi - lo == timedelta(hours=25)
    with pytest.raises(InvalidInput):
        day_bounds(date(2026, 10, 2), date(2026, 10, 1))
    sunday_night = datetime(2026, 10, 4, 22, 30, tzinfo=UTC)  # already Monday 00:30 in Berlin
    weeks = weekly_rates([SessionTally(uuid.uuid4(), sunday_night, 1, 0, 1, 0, 0)], berlin)
    assert weeks[0].week_start == date(2026, 10, 5) and weeks[0].rate == 0.5


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise_cell(cell) == "'" + cell
    assert neutralise_cell("Zoë") == "Zoë" and neutralise_cell(-2) == -2 and neutralise_cell(None) is None


def test_local_time_has_its_offset() -> None:
    moment = datetime(2026, 7, 1, 6, 31, 5, tzinfo=UTC)
    assert local_time_text(moment, ZoneInfo("Europe/Berlin")) == "2026-07-01 08:31:05+02:00"


def test_names_match_without_accents_and_with_typos() -> None:
    assert normalise_name("  Zoë   Ærø-SMITH ") == "zoe aero-smith"
    assert name_matches("zoe", "Zoë Martin") and name_matches("ØRSTED", "Søren Ørsted")
    assert name_matches("dijkstar", "Edsger Dijkstra")
    assert not name_matches("zoe", "Alan Turing") and not name_matches("xylophone", "Ada Lovelace")
    assert word_similarity("hoper", "grace hopper") >= 0.6


@pytest.mark.parametrize("n", range(1, 40))
def test_trigrams_to_match_is_the_fewest_that_reach_the_threshold(n: int) -> None:
    needed = trigrams_to_match(n)
    assert needed / n >= WORD_SIMILARITY_THRESHOLD
    assert (needed - 1) / n < WORD_SIMILARITY_THRESHOLD


def test_corrections_need_a_reason_and_a_person() -> None:
    with pytest.raises(InvalidInput, match="reason"):
        checked_correction("late", " ", "office")
    with pytest.raises(InvalidInput, match="person"):
        checked_correction("late", "bus", "")
    with pytest.raises(InvalidInput, match="not an attendance status"):
        checked_correction("gone", "bus", "office")
    assert checked_correction("excused", " bus ", " office ", " ").status is AttendanceStatus.EXCUSED


def test_the_method_is_named_as_people_say_it() -> None:
    assert method_of(MarkSource.AUTO) is MarkMethod.CAMERA
    assert method_of(MarkSource.MANUAL) is MarkMethod.HAND
    assert method_of(MarkSource.MANUAL, {"method": "card"}) is MarkMethod.CARD
    assert method_of(None) is MarkMethod.NONE


def test_a_card_or_pin_check_in_is_named_so_not_by_hand() -> None:
    # Reproduces a defect: marks stored with source card or pin were listed as "hand".
    assert method_of(MarkSource.CARD) is MarkMethod.CARD
    assert method_of(MarkSource.PIN) is MarkMethod.PIN
