"""Accuracy of a recognition model on labelled photos, and a threshold to use.

Pure numpy on embeddings (one array of face vectors per person), so it runs the same on
real photos (``kiosk eval`` supplies the vectors) and on synthetic vectors in tests.

For each person, part of their photos is enrolled and the rest are probes:

- **identification**: each probe against the whole gallery; top-1 accuracy (no threshold),
  and at each threshold the share accepted as themselves (true accepts) or as someone
  else (misidentifications);
- **impostors**: each probe against the gallery *without* its person, as a stranger in
  front of the kiosk; at a threshold, the share accepted as anybody is the false-accept
  rate. The true-accept rate at a fixed false-accept rate (``far_target``) is the usual
  ROC point.

Decisions use the same rule as :func:`kiosk.core.matching.decide`: similarity at least
the threshold, and a lead of at least ``margin`` over the best other student.

**Gallery size**: a stranger is compared with everyone enrolled, so false accepts grow with
the gallery. Each (probe, other person) pair is one comparison; at a threshold, the share of
them at or above it is the per-comparison false-match rate ``p``, and a stranger's attempt
against ``n`` enrolled people is expected to be accepted with probability ``1 - (1 - p)^n``
(threshold alone; the margin only lowers it). With no false match observed, ``p`` is bounded
by the "rule of three" (``3 / pairs``, 95% confidence) instead: that is all the photos can say.

The **suggested threshold** is tuned on some people and measured on the others (the
people are split in two): the smallest threshold at which no calibration impostor is
accepted, plus ``safety_margin``, rounded up to 0.01. The figures reported for it come
from the held-out people only, never from the photos it was tuned on.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from kiosk.core.matching import l2_normalise
from kiosk.core.voting import AdaptiveVotes

log = logging.getLogger(__name__)

_NEG = -np.inf


@dataclass(frozen=True)
class ThresholdResult:
    """Rates at one threshold. Genuine probes are photos of enrolled people; impostor probes
    are the same photos run against a gallery without their person."""

    threshold: float
    true_accept_rate: float  # genuine probes accepted as themselves
    misidentification_rate: float  # genuine probes accepted as another person
    false_accept_rate: float  # impostor probes accepted as anybody
    false_accepts: int
    genuine_probes: int
    impostor_probes: int
    pair_false_matches: int = 0  # (probe, other person) comparisons at or above the threshold
    impostor_pairs: int = 0

    def false_accepts_per_attempt(self, gallery_size: int) -> tuple[float, bool]:
        """Expected share of a stranger's attempts accepted against ``gallery_size`` people.

        Returns ``(rate, is_upper_bound)``: with no false match observed, a 95% upper bound.
        """
        if self.impostor_pairs == 0:
            return math.nan, True
        bound = self.pair_false_matches == 0
        p = 3.0 / self.impostor_pairs if bound else self.pair_false_matches / self.impostor_pairs
        return 1.0 - (1.0 - min(p, 1.0)) ** gallery_size, bound


@dataclass(frozen=True)
class DoubtBandSuggestion:
    """Doubt bands (:mod:`kiosk.core.doubt`) from the measured scores, and what they cost.

    - similarity band: from the threshold up to the highest similarity of a person not
      enrolled plus ``safety_margin`` (where a stranger could land in a larger gallery);
    - margin band: from the margin up to the largest lead of a probe whose best match was
      another person, plus ``safety_margin``.

    Each is at least 0.005 and rounded up to 0.005. ``asked_*`` count the genuine probes the
    kiosk would mark (threshold and margin) that the bands send to the teacher instead.
    """

    threshold: float
    margin: float
    similarity_band: float
    margin_band: float
    highest_impostor: float
    largest_wrong_lead: float  # nan: no probe's best match was another person
    genuine_marked: int
    asked_similarity: int
    asked_margin: int
    asked_either: int

    @property
    def asked_share(self) -> float:
        return self.asked_either / self.genuine_marked if self.genuine_marked else math.nan


BAND_STEP = 0.005  # bands are suggested in steps this fine: a coarser step would ask about far more faces


def _round_up(value: float) -> float:
    steps = math.ceil(round(value / BAND_STEP, 6))
    return min(1.0, max(BAND_STEP, steps * BAND_STEP))


def suggest_doubt_bands(
    best: NDArray[np.float32],
    second: NDArray[np.float32],
    is_own: NDArray[np.bool_],
    impostor_best: NDArray[np.float32],
    *,
    threshold: float,
    margin: float,
    safety_margin: float = 0.02,
) -> DoubtBandSuggestion:
    """Bands from the probes' best and second-best similarities (see :class:`DoubtBandSuggestion`).

    ``is_own``: the probe's best match is its own person; ``impostor_best``: each probe's best
    similarity against the gallery without its person (threshold alone, no margin).
    """
    lead = best - second  # inf for a lone candidate
    finite_imp = impostor_best[np.isfinite(impostor_best)]
    highest = float(finite_imp.max()) if finite_imp.size else math.nan
    wrong = lead[~is_own & np.isfinite(lead)]
    largest_wrong = float(wrong.max()) if wrong.size else math.nan
    sim_band = _round_up((highest + safety_margin - threshold) if math.isfinite(highest) else 0.0)
    margin_band = _round_up((largest_wrong + safety_margin - margin) if math.isfinite(largest_wrong) else 0.0)
    marked = is_own & (best >= threshold) & (lead >= margin)
    near = marked & (best < threshold + sim_band)
    narrow = marked & (lead < margin + margin_band)
    return DoubtBandSuggestion(
        threshold=float(threshold),
        margin=float(margin),
        similarity_band=sim_band,
        margin_band=margin_band,
        highest_impostor=highest,
        largest_wrong_lead=largest_wrong,
        genuine_marked=int(marked.sum()),
        asked_similarity=int(near.sum()),
        asked_margin=int(narrow.sum()),
        asked_either=int((near | narrow).sum()),
    )


@dataclass(frozen=True)
class EvaluationReport:
    people: int
    skipped_people: tuple[str, ...]  # fewer photos than enrolment + one probe
    enrolled_photos: int
    probe_photos: int
    margin: float
    top1_accuracy: float  # closed set, no threshold: the nearest person is the right one
    far_target: float
    threshold_at_far: float  # lowest threshold with false-accept rate <= far_target
    tar_at_far: float
    # (far, threshold, tar) at the standard points 1e-2, 1e-3, 1e-4, where far is the
    # per-comparison false-match rate (one stranger's photo against one enrolled person); with
    # fewer comparisons than 1/far the point is not measurable and threshold and tar are nan
    tar_at_fars: tuple[tuple[float, float, float], ...]
    impostor_pairs: int
    at_thresholds: tuple[ThresholdResult, ...]  # the thresholds asked for, all people
    suggested_threshold: float | None  # None when too few people to split
    calibration_people: tuple[str, ...]
    test_people: tuple[str, ...]
    suggested_on_test: ThresholdResult | None  # measured on test_people only
    max_impostor_similarity: float  # over all impostor probes
    notes: tuple[str, ...] = ()
    # With ``adaptive``: how many votes each accepted probe's match asks for, as
    # ((votes, probes), ...), for genuine probes and for strangers' (impostor) probes.
    votes_genuine: tuple[tuple[int, int], ...] = ()
    votes_impostor: tuple[tuple[int, int], ...] = ()
    doubt_bands: DoubtBandSuggestion | None = None  # when evaluated with ``doubt_threshold``

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary_lines(self) -> list[str]:
        """A short human-readable summary (for the CLI)."""
        lines = [
            f"People: {self.people} ({len(self.skipped_people)} skipped: too few photos); "
            f"enrolled photos {self.enrolled_photos}, probe photos {self.probe_photos}; margin {self.margin:.2f}",
            f"Top-1 identification accuracy: {self.top1_accuracy:.2%}",
            f"True-accept rate at false-accept rate <= {self.far_target:.2%}: {self.tar_at_far:.2%}"
            f" (threshold {self.threshold_at_far:.3f})",
            f"Highest impostor similarity: {self.max_impostor_similarity:.3f}",
        ]
        for r in self.at_thresholds:
            lines.append(
                f"At threshold {r.threshold:.3f}: true accepts {r.true_accept_rate:.2%}, "
                f"misidentified {r.misidentification_rate:.2%}, "
                f"false accepts {r.false_accepts}/{r.impostor_probes} ({r.false_accept_rate:.2%})"
            )
        if self.suggested_threshold is not None and self.suggested_on_test is not None:
            t = self.suggested_on_test
            lines.append(
                f"Suggested threshold: {self.suggested_threshold:.2f} (tuned on {len(self.calibration_people)} people; "
                f"on {len(self.test_people)} other people: true accepts {t.true_accept_rate:.2%}, "
                f"false accepts {t.false_accepts}/{t.impostor_probes})"
            )
        lines.extend(self.notes)
        return lines


def _enroll_count(n: int, enroll: float | int) -> int:
    if isinstance(enroll, float):
        return min(n - 1, max(1, math.ceil(enroll * n - 1e-9)))
    return enroll


def _top_two(
    scores: NDArray[np.float32],
) -> tuple[NDArray[np.int64], NDArray[np.float32], NDArray[np.float32]]:
    """Per row: index of the best column, its value, and the best value of the other columns."""
    best_idx = np.argmax(scores, axis=1)
    rows = np.arange(scores.shape[0])
    best = scores[rows, best_idx]
    if scores.shape[1] < 2:
        return best_idx, best, np.full_like(best, _NEG)
    second = -np.partition(-scores, 1, axis=1)[:, 1]
    return best_idx, best, second


def _accept_scores(
    best: NDArray[np.float32], second: NDArray[np.float32], margin: float
) -> NDArray[np.float32]:
    """The best similarity where the margin rule passes, ``-inf`` where it fails (so the
    probe is accepted at threshold t exactly when this is >= t)."""
    lead_ok = (best - second) >= margin  # inf - anything is inf: a lone candidate passes
    return np.where(lead_ok & np.isfinite(best), best, _NEG).astype(np.float32)


STANDARD_FARS = (1e-2, 1e-3, 1e-4)


def _rates(
    threshold: float,
    genuine: NDArray[np.float32],
    misid: NDArray[np.float32],
    impostor: NDArray[np.float32],
    pairs: NDArray[np.float32] | None = None,
) -> ThresholdResult:
    def share(x: NDArray[np.float32]) -> float:
        return float(np.mean(x >= threshold)) if x.size else math.nan

    return ThresholdResult(
        threshold=float(threshold),
        true_accept_rate=share(genuine),
        misidentification_rate=share(misid),
        false_accept_rate=share(impostor),
        false_accepts=int(np.sum(impostor >= threshold)),
        genuine_probes=int(genuine.size),
        impostor_probes=int(impostor.size),
        pair_false_matches=int(np.sum(pairs >= threshold)) if pairs is not None else 0,
        impostor_pairs=int(pairs.size) if pairs is not None else 0,
    )


def _vote_asks(
    rule: AdaptiveVotes, best: NDArray[np.float32], second: NDArray[np.float32], accepted: NDArray[np.bool_]
) -> tuple[tuple[int, int], ...]:
    """How many accepted probes ask for each vote count under ``rule``."""
    counts: dict[int, int] = {}
    for b, s in zip(best[accepted], second[accepted], strict=True):
        n = rule.votes_for(float(b), float(b - s) if np.isfinite(s) else None)
        counts[n] = counts.get(n, 0) + 1
    return tuple(sorted(counts.items()))


def threshold_for_far(impostor: NDArray[np.float32], far_target: float) -> float:
    """The lowest threshold whose false-accept rate on ``impostor`` scores is <= far_target."""
    finite = np.sort(impostor[np.isfinite(impostor)])[::-1]
    allowed = math.floor(far_target * impostor.size + 1e-9)
    if finite.size <= allowed:
        return -1.0
    return float(np.nextafter(finite[allowed], np.float32(np.inf)))


def evaluate(
    embeddings_by_person: Mapping[str, NDArray[Any]],
    *,
    enroll: float | int = 0.5,
    thresholds: Sequence[float] = (),
    margin: float = 0.0,
    far_target: float = 0.01,
    safety_margin: float = 0.02,
    calibration_fraction: float = 0.5,
    seed: int = 0,
    chunk: int = 2048,
    adaptive: AdaptiveVotes | None = None,
    doubt_threshold: float | None = None,
) -> EvaluationReport:
    """Evaluate identification and impostor rejection; see the module docstring.

    ``enroll`` is a fraction of each person's photos (float in (0, 1), at least one photo
    and at least one probe left) or a count (int). People with too few photos are skipped
    and listed. ``thresholds`` are reported on all people (they are not tuned here).
    ``doubt_threshold``: also suggest doubt bands around this threshold (and ``margin``).
    """
    if isinstance(enroll, bool) or (isinstance(enroll, float) and not 0.0 < enroll < 1.0):
        raise ValueError(f"enroll must be a fraction in (0, 1) or a count, not {enroll!r}")
    if isinstance(enroll, int) and enroll < 1:
        raise ValueError(f"enroll must be at least 1 photo, not {enroll}")
    if not 0.0 <= far_target < 1.0:
        raise ValueError(f"far_target must be in [0, 1), not {far_target}")
    rng = np.random.default_rng(seed)

    names: list[str] = []
    skipped: list[str] = []
    gallery_parts: list[NDArray[np.float32]] = []
    probe_parts: list[NDArray[np.float32]] = []
    probe_owner_parts: list[NDArray[np.int64]] = []
    dim: int | None = None
    for name in sorted(embeddings_by_person):
        vectors = np.asarray(embeddings_by_person[name], dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[0] == 0:
            raise ValueError(f"{name}: expected a 2-D (photos, dim) array, got shape {vectors.shape}")
        if dim is None:
            dim = vectors.shape[1]
        elif vectors.shape[1] != dim:
            raise ValueError(f"{name}: vectors of length {vectors.shape[1]}, others have {dim}")
        n = vectors.shape[0]
        count = _enroll_count(n, enroll) if n > 1 else 1
        if n < count + 1:
            skipped.append(name)
            continue
        order = rng.permutation(n)
        vectors = l2_normalise(vectors[order])
        person = len(names)
        names.append(name)
        gallery_parts.append(vectors[:count])
        probe_parts.append(vectors[count:])
        probe_owner_parts.append(np.full(n - count, person, dtype=np.int64))
    if len(names) < 2:
        raise ValueError(f"need at least 2 people with enough photos, have {len(names)}")
    assert dim is not None

    gallery = np.concatenate(gallery_parts)
    starts = np.cumsum([0] + [len(g) for g in gallery_parts[:-1]])
    probes = np.concatenate(probe_parts)
    owner = np.concatenate(probe_owner_parts)

    # Best similarity of each probe to each person's enrolled photos.
    per_person = np.empty((len(probes), len(names)), dtype=np.float32)
    for lo in range(0, len(probes), chunk):
        sims = probes[lo : lo + chunk] @ gallery.T
        per_person[lo : lo + chunk] = np.maximum.reduceat(sims, starts, axis=1)
    rows = np.arange(len(probes))

    best_idx, best, second = _top_two(per_person)
    top1 = float(np.mean(best_idx == owner))
    accepted = _accept_scores(best, second, margin)
    genuine = np.where(best_idx == owner, accepted, _NEG).astype(np.float32)
    misid = np.where(best_idx != owner, accepted, _NEG).astype(np.float32)

    without_self = per_person.copy()
    without_self[rows, owner] = _NEG
    _, imp_best, imp_second = _top_two(without_self)
    impostor = _accept_scores(imp_best, imp_second, margin)

    t_far = threshold_for_far(impostor, far_target)
    tar_at_far = float(np.mean(genuine >= t_far))
    # every (probe, other person) comparison: the per-comparison false-match rate
    pair_scores = without_self[np.isfinite(without_self)].astype(np.float32)
    tar_at_fars = []
    for far in STANDARD_FARS:
        if pair_scores.size * far < 1 - 1e-9:
            tar_at_fars.append((far, math.nan, math.nan))  # fewer than 1/far comparisons: not measurable
            continue
        t = threshold_for_far(pair_scores, far)
        tar_at_fars.append((far, t, float(np.mean(genuine >= t))))
    at_thresholds = tuple(_rates(t, genuine, misid, impostor, pair_scores) for t in thresholds)

    # Tune on some people, report on the others.
    notes: list[str] = []
    people_order = rng.permutation(len(names))
    n_cal = min(len(names) - 1, max(1, round(calibration_fraction * len(names))))
    cal_people = np.sort(people_order[:n_cal])
    test_people = np.sort(people_order[n_cal:])
    suggested: float | None = None
    on_test: ThresholdResult | None = None
    if len(names) < 4:
        notes.append("Too few people to tune a threshold on some and check it on others (need 4).")
        cal_people = test_people = np.array([], dtype=np.int64)
    else:
        in_cal = np.isin(owner, cal_people)
        cal_imp = impostor[in_cal]
        finite = cal_imp[np.isfinite(cal_imp)]
        if not finite.size:
            # Every impostor was already stopped by the margin: the threshold is not what limits
            # false accepts, so these photos cannot say where it should be.
            notes.append(
                "No impostor came close enough to tune a threshold (the margin rejected them all); "
                "evaluate with margin 0 to tune the threshold itself."
            )
        else:
            base = float(np.nextafter(finite.max(), np.float32(np.inf)))
            suggested = min(1.0, math.ceil(round((base + safety_margin) * 100, 6)) / 100)
            test = ~in_cal
            test_pairs = without_self[test][np.isfinite(without_self[test])].astype(np.float32)
            on_test = _rates(suggested, genuine[test], misid[test], impostor[test], test_pairs)
        if on_test is not None and on_test.false_accepts:
            notes.append(
                f"The suggested threshold still accepted {on_test.false_accepts} impostor photo(s) of the "
                "held-out people: collect more people's photos before relying on it."
            )
    finite_imp = imp_best[np.isfinite(imp_best)]
    votes_genuine: tuple[tuple[int, int], ...] = ()
    votes_impostor: tuple[tuple[int, int], ...] = ()
    if adaptive is not None:
        votes_genuine = _vote_asks(adaptive, best, second, genuine >= adaptive.threshold)
        votes_impostor = _vote_asks(adaptive, imp_best, imp_second, impostor >= adaptive.threshold)
    bands = None
    if doubt_threshold is not None:
        bands = suggest_doubt_bands(
            best,
            second,
            best_idx == owner,
            imp_best,
            threshold=doubt_threshold,
            margin=margin,
            safety_margin=safety_margin,
        )
    report = EvaluationReport(
        people=len(names),
        skipped_people=tuple(skipped),
        enrolled_photos=len(gallery),
        probe_photos=len(probes),
        margin=margin,
        top1_accuracy=top1,
        far_target=far_target,
        threshold_at_far=t_far,
        tar_at_far=tar_at_far,
        tar_at_fars=tuple(tar_at_fars),
        impostor_pairs=int(pair_scores.size),
        at_thresholds=at_thresholds,
        suggested_threshold=suggested,
        calibration_people=tuple(names[i] for i in cal_people),
        test_people=tuple(names[i] for i in test_people),
        suggested_on_test=on_test,
        max_impostor_similarity=float(finite_imp.max()) if finite_imp.size else math.nan,
        notes=tuple(notes),
        votes_genuine=votes_genuine,
        votes_impostor=votes_impostor,
        doubt_bands=bands,
    )
    log.info(
        "Evaluated %d people: top-1 %.4f, TAR %.4f at FAR %.4f", report.people, top1, tar_at_far, far_target
    )
    return report


@dataclass(frozen=True)
class PairMetrics:
    """Verification over every pair of photos, and leave-one-out identification."""

    photos: int
    people: int
    genuine_pairs: int
    impostor_pairs: int
    tar_at_far: tuple[tuple[float, float], ...]  # (far, tar); tar is nan when not measurable
    rank1: float  # each photo's nearest other photo is of the same person (people with 2+ photos)
    mean_gap: float  # mean same-person minus mean different-person similarity


def pair_metrics(
    vectors: NDArray[Any], labels: Sequence[str], fars: Sequence[float] = (1e-2, 1e-3)
) -> PairMetrics:
    """TAR at each FAR over all pairs of photos (1:1 verification) and rank-1 identification.

    A FAR point needs at least ``1 / far`` different-person pairs; below that it is nan.
    """
    matrix = l2_normalise(np.asarray(vectors, dtype=np.float32))
    names = np.asarray(labels)
    if matrix.shape[0] != names.size or names.size < 2:
        raise ValueError("need one label per vector and at least 2 vectors")
    sims = matrix @ matrix.T
    upper = np.triu_indices(names.size, k=1)
    same_pair = names[upper[0]] == names[upper[1]]
    scores = sims[upper]
    genuine, impostor = scores[same_pair], scores[~same_pair]
    points: list[tuple[float, float]] = []
    for far in fars:
        if impostor.size * far < 1 - 1e-9 or genuine.size == 0:
            points.append((far, math.nan))
            continue
        t = threshold_for_far(impostor.astype(np.float32), far)
        points.append((far, float(np.mean(genuine >= t))))
    np.fill_diagonal(sims, -np.inf)
    counts = {name: int(np.sum(names == name)) for name in set(labels)}
    has_pair = np.array([counts[n] > 1 for n in names])
    nearest = np.argmax(sims, axis=1)
    rank1 = float(np.mean(names[nearest][has_pair] == names[has_pair])) if has_pair.any() else math.nan
    gap = float(genuine.mean() - impostor.mean()) if genuine.size and impostor.size else math.nan
    return PairMetrics(
        photos=int(names.size),
        people=len(counts),
        genuine_pairs=int(genuine.size),
        impostor_pairs=int(impostor.size),
        tar_at_far=tuple(points),
        rank1=rank1,
        mean_gap=gap,
    )
