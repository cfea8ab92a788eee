"""Pure rules behind the screens: natural class order, WCAG contrast, a class's readiness."""

from __future__ import annotations

import uuid

import pytest

from kiosk.core.contrast import AA_TEXT, contrast_ratio, parse_hex, relative_luminance
from kiosk.core.domain import ClassInfo, StudentInfo
from kiosk.core.ordering import natural_key, sort_classes
from kiosk.core.readiness import assess


def test_classes_sort_in_natural_order() -> None:
    codes = ["10A", "9B", "12", "9a", "A10", "A2", "10", "1B", "10b"]
    assert sorted(codes, key=natural_key) == ["1B", "9a", "9B", "10", "10A", "10b", "12", "A2", "A10"]
    ordered = sort_classes([ClassInfo("10A", "Chemistry"), ClassInfo("9B", "Biology")])
    assert [c.code for c in ordered] == ["9B", "10A"]


def test_natural_key_is_total_for_codes_differing_only_in_case() -> None:
    assert natural_key("9a") != natural_key("9A")
    assert sorted(["9b", "9B", "9A", "9a"], key=natural_key) == sorted(
        ["9B", "9b", "9a", "9A"], key=natural_key
    )


@pytest.mark.parametrize(
    ("fg", "bg", "expected"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#777777", "#ffffff", 4.48),  # the classic "just below AA" grey
        ("#767676", "#ffffff", 4.54),  # and the first grey that passes
        ("#ffffff", "#2e7d32", 5.13),
    ],
)
def test_contrast_ratio_follows_the_wcag_formula(fg: str, bg: str, expected: float) -> None:
    assert contrast_ratio(fg, bg) == pytest.approx(expected, abs=0.01)
    assert contrast_ratio(bg, fg) == pytest.approx(expected, abs=0.01)  # symmetric


def test_contrast_helpers() -> None:
    assert parse_hex("#abc") == (0xAA, 0xBB, 0xCC)
    assert relative_luminance((255, 255, 255)) == pytest.approx(1.0)
    assert contrast_ratio((0, 0, 0), "#fff") == pytest.approx(21.0)
    assert AA_TEXT == 4.5
    with pytest.raises(ValueError):
        parse_hex("#12345")


def _student(name: str, *, consent: bool = True) -> StudentInfo:
    return StudentInfo(
        id=uuid.uuid4(), student_id=name[:3], name=name, class_code="9B", consent_given=consent
    )


def test_readiness_names_who_the_camera_cannot_mark() -> None:
    ada, alan, grace, kurt = (
        _student("Ada"),
        _student("Alan"),
        _student("Grace"),
        _student("Kurt", consent=False),
    )
    r = assess("9B", [grace, ada, alan, kurt], {ada.id, alan.id}, "Dlib")
    assert (r.students, r.enrolled) == (4, 2)
    assert r.not_enrolled == ("Grace",) and r.no_consent == ("Kurt",)
    assert not r.ready and not r.nobody_enrolled and not r.empty

    assert assess("9B", [ada, alan], {ada.id, alan.id}, "Dlib").ready
    assert assess("9B", [ada, alan], set(), "Dlib").nobody_enrolled
    assert assess("EMPTY", [], set(), "Dlib").empty
    off = assess("9B", [ada, kurt], set(), None)  # recognition off: nobody "not enrolled", all by hand
    assert not off.ready and off.not_enrolled == () and off.no_consent == ("Kurt",)
