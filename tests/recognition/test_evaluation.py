from __future__ import annotations

import numpy as np
import pytest
from numpy.typing import NDArray

from kiosk.core.matching import decide, l2_normalise
from kiosk.core.voting import AdaptiveVotes
from kiosk.infra.recognition.evaluation import evaluate, pair_metrics, suggest_doubt_bands, threshold_for_far

DIM = 64


def people(
    n_people: int, photos: int, noise: float, seed: int = 0, dim: int = DIM
) -> dict[str, NDArray[np.float32]]:
    rng = np.random.default_rng(seed)
    out = {}
    for i in range(n_people):
        centre = l2_normalise(rng.standard_normal(dim))
        out[f"p{i:03d}"] = l2_normalise(centre + noise / np.sqrt(dim) * rng.standard_normal((photos, dim)))
    return out


def test_well_separated_people_are_identified_and_impostors_rejected() -> None:
    report = evaluate(people(30, 6, noise=0.5), enroll=0.5, thresholds=(0.5, 0.95), far_target=0.01)
    assert report.people == 30
    assert (report.enrolled_photos, report.probe_photos) == (90, 90)
    assert report.top1_accuracy == 1.0
    assert report.tar_at_far == 1.0
    low, high = report.at_thresholds
    assert low.true_accept_rate == 1.0 and low.false_accepts == 0
    assert high.true_accept_rate < 0.5  # noisy photos rarely reach 0.95
    assert report.max_impostor_similarity < 0.5
    assert report.suggested_threshold is not None
    assert report.max_impostor_similarity < report.suggested_threshold <= 1.0
    assert report.suggested_on_test is not None
    assert report.suggested_on_test.false_accepts == 0


def test_noisy_people_lower_accuracy() -> None:
    clean = evaluate(people(40, 6, noise=0.5, seed=1))
    noisy = evaluate(people(40, 6, noise=8.0, seed=1))  # noise swamps identity
    assert clean.top1_accuracy == 1.0
    assert noisy.top1_accuracy < 0.9
    assert noisy.tar_at_far < clean.tar_at_far


def test_enroll_count_and_skipped_people() -> None:
    data = people(5, 4, noise=0.5)
    data["few"] = data["p000"][:3]
    report = evaluate(data, enroll=2)
    assert report.skipped_people == ()
    assert (report.enrolled_photos, report.probe_photos) == (12, 11)
    report = evaluate(data, enroll=3)
    assert report.skipped_people == ("few",)
    assert report.people == 5
    report = evaluate(data, enroll=0.5)  # half, rounded up, at least one probe left
    assert (report.enrolled_photos, report.probe_photos) == (12, 11)


def test_impostor_is_run_without_their_own_photos() -> None:
    # Two identical "twins": each, as an impostor, is accepted as the other at any threshold
    # below 1 — only possible if their own gallery was removed for the impostor run.
    base = people(6, 4, noise=0.3)
    base["twin"] = base["p000"].copy()
    report = evaluate(base, enroll=2, thresholds=(0.5,), margin=0.0)
    (r,) = report.at_thresholds
    assert r.false_accepts >= 4  # every probe of both twins
    assert report.max_impostor_similarity > 0.8


def test_margin_rejects_lookalikes_for_identification() -> None:
    base = people(6, 8, noise=0.3)
    # "twin": other photos of p000's face, under another name.
    base["twin"], base["p000"] = base["p000"][4:], base["p000"][:4]
    plain = evaluate(base, enroll=2, thresholds=(0.5,), margin=0.0)
    strict = evaluate(base, enroll=2, thresholds=(0.5,), margin=0.1)
    (r0,) = plain.at_thresholds
    (r1,) = strict.at_thresholds
    assert r0.true_accept_rate + r0.misidentification_rate == 1.0  # no margin: all accepted
    assert r0.misidentification_rate > 0  # ...some as the wrong twin
    assert r1.misidentification_rate < r0.misidentification_rate
    assert r1.true_accept_rate + r1.misidentification_rate < 1.0  # ambiguous ones rejected


def test_suggested_threshold_is_validated_on_other_people() -> None:
    report = evaluate(people(20, 5, noise=0.6, seed=3), seed=7)
    cal, test = set(report.calibration_people), set(report.test_people)
    assert cal and test and not (cal & test)
    assert len(cal | test) == 20
    assert report.suggested_on_test is not None
    assert report.suggested_on_test.impostor_probes < report.probe_photos  # a subset: the test people


def test_too_few_people_for_a_suggestion() -> None:
    report = evaluate(people(3, 4, noise=0.5))
    assert report.suggested_threshold is None
    assert report.notes
    with pytest.raises(ValueError):
        evaluate(people(1, 4, noise=0.5))


def test_bad_arguments() -> None:
    data = people(4, 4, noise=0.5)
    for enroll in (0.0, 1.0, 0, True):
        with pytest.raises(ValueError):
            evaluate(data, enroll=enroll)
    with pytest.raises(ValueError):
        evaluate({"a": np.ones((3, 4)), "b": np.ones((3, 5))})


def test_threshold_for_far() -> None:
    imp = np.array([0.1, 0.2, 0.3, 0.4, 0.9, -np.inf] * 1, dtype=np.float32)
    t0 = threshold_for_far(imp, 0.0)
    assert t0 > 0.9 and np.sum(imp >= t0) == 0
    t = threshold_for_far(np.linspace(0, 1, 100, dtype=np.float32), 0.05)
    assert np.sum(np.linspace(0, 1, 100, dtype=np.float32) >= t) == 5


def test_rates_agree_with_core_decide() -> None:
    """The vectorised rule matches kiosk.core.matching.decide probe by probe."""
    data = people(8, 3, noise=3.0, seed=11)
    threshold, margin = 0.3, 0.04
    report = evaluate(data, enroll=1, thresholds=(threshold,), margin=margin, seed=5)
    # Recompute with decide, using the same split (same seed => same permutation per person).
    rng = np.random.default_rng(5)
    gallery, probes = [], []
    for name in sorted(data):
        v = l2_normalise(data[name][rng.permutation(3)])
        gallery += [(name, g) for g in v[:1]]
        probes += [(name, p) for p in v[1:]]
    true_acc = 0
    false_acc = 0
    for name, p in probes:
        cands = sorted(((n, float(g @ p)) for n, g in gallery), key=lambda c: -c[1])
        d = decide(cands, threshold, margin)
        true_acc += d.student_uuid == name
        d_imp = decide([c for c in cands if c[0] != name], threshold, margin)
        false_acc += d_imp.student_uuid is not None
    (r,) = report.at_thresholds
    assert r.true_accept_rate == pytest.approx(true_acc / len(probes))
    assert r.false_accepts == false_acc
    assert 0 < true_acc < len(probes)  # the data is hard enough to exercise both outcomes


def test_false_accepts_per_attempt_grow_with_the_gallery() -> None:
    report = evaluate(people(40, 4, noise=1.2, seed=3), enroll=2, thresholds=(0.3,), margin=0.0)
    (r,) = report.at_thresholds
    assert r.impostor_pairs == report.probe_photos * (report.people - 1) == report.impostor_pairs
    assert 0 < r.pair_false_matches < r.impostor_pairs
    p = r.pair_false_matches / r.impostor_pairs
    class_rate, bound = r.false_accepts_per_attempt(30)
    school_rate, _ = r.false_accepts_per_attempt(1000)
    assert not bound
    assert class_rate == pytest.approx(1 - (1 - p) ** 30)
    assert class_rate < school_rate <= 1.0


def test_no_false_match_gives_an_upper_bound_not_zero() -> None:
    report = evaluate(people(20, 4, noise=0.3), enroll=2, thresholds=(0.9,), margin=0.0)
    (r,) = report.at_thresholds
    assert r.pair_false_matches == 0
    rate, bound = r.false_accepts_per_attempt(30)
    assert bound and rate == pytest.approx(1 - (1 - 3 / r.impostor_pairs) ** 30)


def test_tar_at_standard_fars_needs_enough_comparisons() -> None:
    report = evaluate(people(30, 6, noise=0.9, seed=1), enroll=0.5)
    by_far = {far: (t, tar) for far, t, tar in report.tar_at_fars}
    assert report.impostor_pairs == 90 * 29  # 2,610 comparisons: 1e-2 and 1e-3 measurable, 1e-4 not
    assert 0.0 < by_far[1e-2][1] <= 1.0 and by_far[1e-3][1] <= by_far[1e-2][1]
    assert np.isnan(by_far[1e-4][1])


def test_pair_metrics_on_separable_and_mixed_labels() -> None:
    data = people(12, 5, noise=0.5, seed=2)
    vectors = np.concatenate(list(data.values()))
    labels = [name for name, v in data.items() for _ in range(len(v))]
    m = pair_metrics(vectors, labels, fars=(1e-2, 1e-3, 1e-4))
    assert (m.photos, m.people, m.genuine_pairs) == (60, 12, 12 * 10)
    assert m.impostor_pairs == 60 * 59 // 2 - 120
    assert m.rank1 == 1.0 and m.mean_gap > 0.5
    assert m.tar_at_far[0] == (1e-2, 1.0)
    assert np.isnan(m.tar_at_far[2][1])  # 1,650 different-person pairs cannot show 1e-4
    shuffled = pair_metrics(vectors, list(np.random.default_rng(0).permutation(labels)))
    assert shuffled.rank1 < 0.5


def test_the_votes_accepted_photos_ask_for_under_the_adaptive_rule() -> None:
    data = people(20, 6, noise=0.5, seed=4)
    report = evaluate(data, margin=0.05, adaptive=AdaptiveVotes(3, threshold=0.6, margin=0.05))
    genuine = dict(report.votes_genuine)
    assert sum(genuine.values()) == report.probe_photos  # every probe accepted at 0.6, none a stranger
    assert set(genuine) <= {2, 3, 4}
    assert report.votes_impostor == ()  # strangers stay below the threshold: no votes asked
    assert evaluate(data).votes_genuine == ()  # without the rule: not reported


def test_doubt_bands_reach_from_the_threshold_past_the_closest_stranger() -> None:
    best = np.array([0.99, 0.952, 0.97, 0.96, 0.94], dtype=np.float32)
    second = np.array([0.90, 0.80, 0.955, 0.95, 0.70], dtype=np.float32)
    own = np.array([True, True, True, False, True])
    strangers = np.array([0.90, 0.933, -np.inf], dtype=np.float32)
    bands = suggest_doubt_bands(best, second, own, strangers, threshold=0.95, margin=0.01, safety_margin=0.02)
    assert bands.highest_impostor == pytest.approx(0.933)
    assert bands.similarity_band == pytest.approx(0.005)  # 0.933 + 0.02 - 0.95 = 0.003, in 0.005 steps
    assert bands.largest_wrong_lead == pytest.approx(0.01)  # the wrong best match led by 0.01
    assert bands.margin_band == pytest.approx(0.02)  # 0.01 + 0.02 - 0.01
    # Marked: 0.99, 0.952 and 0.97 (its lead 0.015 passes the margin 0.01); the one of another
    # person and the one below the threshold are not. 0.952 is near the threshold, 0.97's
    # lead within the margin band.
    assert bands.genuine_marked == 3
    assert (bands.asked_similarity, bands.asked_margin, bands.asked_either) == (1, 1, 2)


def test_evaluate_suggests_doubt_bands_around_the_given_threshold() -> None:
    report = evaluate(people(12, 6, noise=0.5), enroll=0.5, margin=0.02, doubt_threshold=0.6)
    bands = report.doubt_bands
    assert bands is not None and bands.threshold == 0.6
    assert bands.highest_impostor == pytest.approx(report.max_impostor_similarity)
    assert 0.005 <= bands.similarity_band <= 1.0 and bands.margin_band >= 0.005
    assert evaluate(people(12, 6, noise=0.5), enroll=0.5).doubt_bands is None
