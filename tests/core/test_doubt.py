"""The rule that turns a vote's confirmation into a mark, a question to the teacher, or a refusal."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pytest

from kiosk.core.doubt import DoubtBands, DoubtReason, Verdict, judge_confirmation, lookalike_rivals
from kiosk.core.errors import ConfigError
from kiosk.core.liveness import Liveness, LivenessCheck, LivenessPolicy

THRESHOLD, MARGIN = 0.95, 0.02
BANDS = DoubtBands(similarity=0.01, margin=0.01)
TWINS = frozenset({frozenset({"ana", "eva"})})


def judge(
    similarity: float = 0.99,
    margin: float | None = 0.08,
    *,
    rivals: Iterable[str] = ("bob",),
    liveness: Liveness | None = None,
    policy: LivenessPolicy = LivenessPolicy.OFF,
    bands: DoubtBands = BANDS,
) -> tuple[Verdict, tuple[DoubtReason, ...]]:
    j = judge_confirmation(
        "ana",
        similarity=similarity,
        margin=margin,
        threshold=THRESHOLD,
        required_margin=MARGIN,
        bands=bands,
        rivals=rivals,
        lookalikes=TWINS,
        liveness=liveness,
        policy=policy,
    )
    return j.verdict, j.reasons


@pytest.mark.parametrize(
    ("similarity", "margin", "expected"),
    [
        (0.99, 0.08, (Verdict.MARK, ())),
        (0.96, 0.08, (Verdict.MARK, ())),  # exactly threshold + band: trusted
        (0.959, 0.08, (Verdict.ASK, (DoubtReason.NEAR_THRESHOLD,))),
        (0.95, 0.08, (Verdict.ASK, (DoubtReason.NEAR_THRESHOLD,))),
        (math.nan, 0.08, (Verdict.ASK, (DoubtReason.NEAR_THRESHOLD,))),
        (0.99, 0.03, (Verdict.MARK, ())),  # exactly margin + band
        (0.99, 0.029, (Verdict.ASK, (DoubtReason.SMALL_MARGIN,))),
        (0.99, None, (Verdict.MARK, ())),  # nobody else was a candidate: no margin to doubt
        (0.955, 0.021, (Verdict.ASK, (DoubtReason.NEAR_THRESHOLD, DoubtReason.SMALL_MARGIN))),
    ],
)
def test_bands(
    similarity: float, margin: float | None, expected: tuple[Verdict, tuple[DoubtReason, ...]]
) -> None:
    assert judge(similarity, margin) == expected


def test_zero_bands_never_ask_for_scores() -> None:
    assert judge(0.95, 0.02, bands=DoubtBands()) == (Verdict.MARK, ())


@pytest.mark.parametrize("rivals", [("eva",), ("bob", "eva"), ("ana", "eva")])
def test_a_lookalike_pair_is_always_asked_whatever_the_scores(rivals: tuple[str, ...]) -> None:
    assert judge(0.999, 0.5, rivals=rivals) == (Verdict.ASK, (DoubtReason.LOOKALIKE,))


def test_lookalike_rivals_ignore_the_student_and_strangers_to_the_pair() -> None:
    assert lookalike_rivals("ana", ["ana", "bob", "eva"], TWINS) == {"eva"}
    assert lookalike_rivals("bob", ["ana", "eva"], TWINS) == frozenset()


class FakeLiveness:
    """A tiny liveness check: the verdicts the test sets, per track."""

    def __init__(self, verdicts: dict[int, Liveness] | None = None) -> None:
        self.verdicts = dict(verdicts or {})
        self.seen: list[int] = []
        self.forgotten: list[int] = []

    def observe(self, track_id: int, image_bgr: np.ndarray, box: object, now: float) -> None:  # type: ignore[type-arg]
        self.seen.append(track_id)

    def verdict(self, track_id: int) -> Liveness:
        return self.verdicts.get(track_id, Liveness.UNSURE)

    def forget(self, track_ids: Iterable[int]) -> None:
        self.forgotten.extend(track_ids)


@pytest.mark.parametrize(
    ("policy", "liveness", "expected"),
    [
        (LivenessPolicy.OFF, Liveness.SPOOF, (Verdict.MARK, ())),
        (LivenessPolicy.OFF, Liveness.UNSURE, (Verdict.MARK, ())),
        (LivenessPolicy.REVIEW, Liveness.LIVE, (Verdict.MARK, ())),
        (LivenessPolicy.REVIEW, Liveness.SPOOF, (Verdict.ASK, (DoubtReason.NOT_LIVE,))),
        (LivenessPolicy.REVIEW, Liveness.UNSURE, (Verdict.ASK, (DoubtReason.LIVENESS_UNSURE,))),
        (LivenessPolicy.REJECT, Liveness.LIVE, (Verdict.MARK, ())),
        (LivenessPolicy.REJECT, Liveness.SPOOF, (Verdict.REFUSE, (DoubtReason.NOT_LIVE,))),
        (LivenessPolicy.REJECT, Liveness.UNSURE, (Verdict.ASK, (DoubtReason.LIVENESS_UNSURE,))),
        (LivenessPolicy.REJECT, None, (Verdict.MARK, ())),  # no check installed: nothing to act on
    ],
)
def test_liveness_policies(
    policy: LivenessPolicy, liveness: Liveness | None, expected: tuple[Verdict, tuple[DoubtReason, ...]]
) -> None:
    check: LivenessCheck = FakeLiveness({1: liveness} if liveness else {})
    verdict = check.verdict(1) if liveness is not None else None
    assert judge(liveness=verdict, policy=policy) == expected


def test_a_spoof_is_refused_even_when_it_is_also_a_lookalike() -> None:
    assert judge(0.951, 0.0, rivals=("eva",), liveness=Liveness.SPOOF, policy=LivenessPolicy.REJECT)[0] is (
        Verdict.REFUSE
    )


@pytest.mark.parametrize("value", [-0.01, 1.5, math.nan])
def test_bands_out_of_range_are_a_config_error(value: float) -> None:
    with pytest.raises(ConfigError):
        DoubtBands(similarity=value)
