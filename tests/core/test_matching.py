from __future__ import annotations

import math
import uuid

import numpy as np
import pytest

from kiosk.core.matching import InvalidVector, MatchReason, decide, l2_normalise

A, B, C = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def test_clear_match_is_accepted() -> None:
    d = decide([(A, 0.82), (B, 0.40)], threshold=0.6, margin=0.05)
    assert d.student_uuid == A
    assert d.is_match
    assert d.reason is MatchReason.MATCH
    assert d.similarity == pytest.approx(0.82)
    assert d.margin == pytest.approx(0.42)


def test_below_threshold_is_unknown_but_keeps_best_candidate() -> None:
    d = decide([(A, 0.59), (B, 0.10)], threshold=0.6, margin=0.05)
    assert d.student_uuid is None
    assert d.reason is MatchReason.BELOW_THRESHOLD
    assert d.best_candidate == A


def test_threshold_is_inclusive() -> None:
    assert decide([(A, 0.6)], threshold=0.6, margin=0.05).student_uuid == A


def test_close_second_student_is_ambiguous() -> None:
    d = decide([(A, 0.80), (B, 0.77)], threshold=0.6, margin=0.05)
    assert d.student_uuid is None
    assert d.reason is MatchReason.AMBIGUOUS
    assert d.margin == pytest.approx(0.03)


def test_margin_counts_only_other_students() -> None:
    # Several photos of A close together must not make A ambiguous with itself.
    d = decide([(A, 0.80), (A, 0.79), (A, 0.78), (B, 0.70)], threshold=0.6, margin=0.05)
    assert d.student_uuid == A
    assert d.margin == pytest.approx(0.10)


def test_margin_exactly_met_is_a_match() -> None:
    d = decide([(A, 0.75), (B, 0.5)], threshold=0.6, margin=0.25)
    assert d.student_uuid == A


def test_single_student_has_no_margin_and_matches() -> None:
    d = decide([(A, 0.9), (A, 0.7)], threshold=0.6, margin=0.05)
    assert d.student_uuid == A
    assert d.margin is None


def test_unsorted_candidates_are_handled() -> None:
    d = decide([(B, 0.5), (C, 0.2), (A, 0.9)], threshold=0.6, margin=0.05)
    assert d.student_uuid == A
    assert d.margin == pytest.approx(0.4)


def test_no_candidates() -> None:
    d = decide([], threshold=0.6, margin=0.05)
    assert d.student_uuid is None
    assert d.reason is MatchReason.NO_CANDIDATES
    assert math.isnan(d.similarity)


def test_nan_similarities_are_ignored() -> None:
    d = decide([(B, float("nan")), (A, 0.9)], threshold=0.6, margin=0.05)
    assert d.student_uuid == A


def test_negative_margin_refused() -> None:
    with pytest.raises(ValueError):
        decide([(A, 0.9)], threshold=0.6, margin=-0.1)


def test_decision_is_frozen() -> None:
    d = decide([(A, 0.9)], threshold=0.6, margin=0.05)
    with pytest.raises(AttributeError):
        d.student_uuid = B  # type: ignore[misc]


def test_l2_normalise_rows() -> None:
    x = np.array([[3.0, 4.0], [0.0, 2.0]])
    out = l2_normalise(x)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, [[0.6, 0.8], [0.0, 1.0]], rtol=1e-6)
    np.testing.assert_allclose(l2_normalise([0.0, 2.0]), [0.0, 1.0])
    assert x[0, 0] == 3.0  # input untouched
    assert l2_normalise(np.zeros((0, 4))).shape == (0, 4)  # an empty batch is fine


def test_l2_normalise_refuses_a_zero_vector() -> None:
    with pytest.raises(InvalidVector, match="zero length"):
        l2_normalise(np.array([[3.0, 4.0], [0.0, 0.0]]))


def test_l2_normalise_refuses_nan_and_infinity() -> None:
    with pytest.raises(InvalidVector, match="NaN"):
        l2_normalise(np.array([1.0, np.nan]))
    with pytest.raises(InvalidVector):
        l2_normalise(np.array([[1.0, np.inf]]))
