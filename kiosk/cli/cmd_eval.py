"""``kiosk eval FACES_DIR``: accuracy of the recognition profile on labelled photos.

FACES_DIR holds one subfolder per person (or a ``people/`` folder laid out so, as in
``tests/data/faces``). Every usable photo is embedded as at enrollment (one face, quality
gates); :func:`kiosk.infra.recognition.evaluation.evaluate` then enrolls part of each
person's photos, identifies the rest, runs everyone as a stranger against a gallery without
them, and suggests a threshold tuned on some people and checked on the others.
"""

from __future__ import annotations

import argparse
import logging
import math
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.context import CliContext, echo
from kiosk.core.errors import InvalidInput, KioskError
from kiosk.core.photos import IMAGE_SUFFIXES
from kiosk.infra.recognition.profiles import ModelProfile, get_profile

if TYPE_CHECKING:
    from kiosk.core.voting import AdaptiveVotes
    from kiosk.infra.recognition.evaluation import DoubtBandSuggestion, EvaluationReport, ThresholdResult

log = logging.getLogger(__name__)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "eval", help="measure recognition accuracy on a folder of labelled photos (one subfolder per person)"
    )
    p.add_argument("faces_dir", metavar="FACES_DIR")
    p.add_argument(
        "--enroll",
        type=int,
        metavar="N",
        help="photos enrolled per person (default: half of each person's photos); the rest are probes",
    )
    p.add_argument("--profile", metavar="P", help="recognition profile (default: the active one)")
    p.add_argument(
        "--far", type=float, default=0.01, help="false-accept rate for the TAR figure (default 0.01)"
    )
    p.add_argument("--seed", type=int, default=0, help="seed of the random splits (default 0)")
    p.add_argument(
        "--gallery-size",
        type=int,
        action="append",
        metavar="N",
        help="report the expected false accepts per attempt of a stranger against N enrolled people "
        "(repeatable; default 30 and 1000)",
    )
    p.add_argument(
        "--jitters",
        type=int,
        default=0,
        metavar="N",
        help="dlib-offline: embed every photo as the average of N jittered copies, as enrollment "
        "does (default 0: as camera frames are embedded)",
    )
    p.set_defaults(handler=eval_command)


def person_folders(faces_dir: Path) -> list[Path]:
    """The per-person subfolders of ``faces_dir`` (or of its ``people/`` folder)."""
    if not faces_dir.is_dir():
        raise InvalidInput(
            f"{faces_dir} is not a folder.", "Give a folder holding one subfolder of photos per person."
        )
    root = faces_dir / "people" if (faces_dir / "people").is_dir() else faces_dir
    folders = sorted(d for d in root.iterdir() if d.is_dir() and not d.name.startswith("."))
    if len(folders) < 2:
        raise InvalidInput(
            f"{root} holds {len(folders)} person folder(s); the evaluation needs at least 2.",
            "Give a folder holding one subfolder of photos per person.",
        )
    return folders


def _photos(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


def eval_command(args: argparse.Namespace, ctx: CliContext) -> int:
    import numpy as np

    from kiosk.app.bootstrap import prepare_environment
    from kiosk.infra.recognition.evaluation import evaluate
    from kiosk.infra.recognition.images import load_image
    from kiosk.infra.recognition.quality import PhotoProblem, count_problems

    settings = ctx.settings
    if args.enroll is not None and args.enroll < 1:
        raise InvalidInput(f"--enroll must be at least 1, not {args.enroll}.")
    if not 0.0 <= args.far < 1.0:
        raise InvalidInput(f"--far must be between 0 and 1, not {args.far}.")
    gallery_sizes = args.gallery_size or [30, 1000]
    if min(gallery_sizes) < 1 or args.jitters < 0:
        raise InvalidInput("--gallery-size must be at least 1 and --jitters at least 0.")
    folders = person_folders(Path(args.faces_dir).expanduser())
    prof = get_profile(args.profile or settings.recognition.profile)
    prepare_environment(settings)
    from kiosk.infra.recognition.pipeline import FacePipeline

    pipeline = FacePipeline(settings, prof)
    threshold = settings.recognition.thresholds.get(prof.model_name)
    margin = settings.recognition.margin_for(prof.model_name)

    photos = [(folder.name, photo) for folder in folders for photo in _photos(folder)]
    echo(f"Embedding {len(photos)} photos of {len(folders)} people with {prof.name} ({prof.model_name})...")
    from tqdm import tqdm

    vectors: dict[str, list[np.ndarray[Any, Any]]] = {}
    skipped: list[str] = []
    problems: list[PhotoProblem] = []
    start = time.perf_counter()
    bar = tqdm(photos, unit="photo", file=sys.stderr, leave=False, disable=not sys.stderr.isatty())
    for person, photo in bar:
        try:
            _, vector = pipeline.embed_single(load_image(photo), jitters=args.jitters)
        except KioskError as exc:
            skipped.append(f"{person}/{photo.name}: {exc.message}")
            problems.append(PhotoProblem.of(exc))
            continue
        vectors.setdefault(person, []).append(vector)
    elapsed = time.perf_counter() - start
    for note in skipped:
        echo(f"  skipped {note}")
    usable = sum(len(v) for v in vectors.values())
    why = f": {count_problems(problems)}" if problems else ""
    echo(f"{usable} usable photos, {len(skipped)} skipped{why}; {elapsed:.1f} s.")

    by_person = {name: np.stack(v) for name, v in vectors.items()}
    enroll = args.enroll if args.enroll is not None else 0.5
    thresholds = (threshold,) if threshold is not None else ()
    try:
        # The kiosk's rule: threshold and margin over the second-best student.
        rule = evaluate(
            by_person,
            enroll=enroll,
            thresholds=thresholds,
            margin=margin,
            far_target=args.far,
            seed=args.seed,
            adaptive=_adaptive(ctx, threshold, margin),
            doubt_threshold=threshold,
        )
        # The threshold alone. The margin rejects strangers who look alike to several people
        # of *this* gallery; a class gallery differs, so the threshold is tuned without it.
        alone = evaluate(
            by_person, enroll=enroll, thresholds=thresholds, margin=0.0, far_target=args.far, seed=args.seed
        )
    except ValueError as exc:
        raise InvalidInput(
            f"Cannot evaluate these photos: {exc}.",
            "Each person needs more photos than --enroll; give more people or a smaller --enroll.",
        ) from None
    _print_report(prof, threshold, margin, rule, alone, gallery_sizes)
    return 0


def _adaptive(ctx: CliContext, threshold: float | None, margin: float) -> AdaptiveVotes | None:
    from kiosk.core.voting import AdaptiveVotes  # here: the CLI imports only what a command runs

    rec = ctx.settings.recognition
    if threshold is None or not rec.adaptive_votes:
        return None
    return AdaptiveVotes(rec.votes_needed, threshold, margin)


def _print_votes(rule: EvaluationReport) -> None:
    """How many votes the accepted photos ask for: a stranger's accepted photo asking for
    fewer votes than ``votes_needed`` would make a false mark likelier."""

    def listing(counts: tuple[tuple[int, int], ...]) -> str:
        return ", ".join(f"{n} votes: {c}" for n, c in counts) or "none accepted"

    if rule.votes_genuine or rule.votes_impostor:
        echo(f"Adaptive votes, accepted photos of enrolled people: {listing(rule.votes_genuine)}")
        echo(f"Adaptive votes, accepted photos of people not enrolled: {listing(rule.votes_impostor)}")


def _print_report(
    prof: ModelProfile,
    threshold: float | None,
    margin: float,
    rule: EvaluationReport,
    alone: EvaluationReport,
    gallery_sizes: list[int],
) -> None:
    echo()
    echo(f"Profile {prof.name}: detector {prof.detector_backend}, model {prof.model_name}")
    echo(
        f"People: {alone.people}; enrolled photos {alone.enrolled_photos}, probe photos {alone.probe_photos}"
        f" (calibration people {len(alone.calibration_people)}, test people {len(alone.test_people)})"
    )
    if alone.skipped_people:
        echo(f"People skipped (too few usable photos): {', '.join(alone.skipped_people)}")
    echo(f"Top-1 identification accuracy: {alone.top1_accuracy:.2%}")
    echo(
        f"True-accept rate at false-accept rate <= {alone.far_target:.2%} (threshold alone): "
        f"{alone.tar_at_far:.2%} (threshold {alone.threshold_at_far:.3f})"
    )
    for far, at, tar in alone.tar_at_fars:
        if math.isnan(tar):
            echo(
                f"True-accept rate at FAR {far:g} per comparison: not measurable "
                f"({alone.impostor_pairs} comparisons of a stranger with an enrolled person; needs {1 / far:,.0f})"
            )
        else:
            echo(f"True-accept rate at FAR {far:g} per comparison: {tar:.2%} (threshold {at:.3f})")
    echo(f"Highest similarity of a person not enrolled: {alone.max_impostor_similarity:.3f}")
    if threshold is None:
        echo(f"No threshold is configured for {prof.model_name} ([recognition.thresholds]).")
    else:
        for label, report in (("threshold alone", alone), (f"threshold and margin {margin:.2f}", rule)):
            r = report.at_thresholds[0]
            echo(
                f"At the configured threshold {prof.model_name} = {threshold:.2f}, {label}: "
                f"true accepts {r.true_accept_rate:.2%}, misidentified {r.misidentification_rate:.2%}, "
                f"false accepts of people not enrolled {r.false_accepts}/{r.impostor_probes}"
            )
        _print_per_attempt(prof.model_name, threshold, alone.at_thresholds[0], gallery_sizes)
        _print_votes(rule)
    if rule.doubt_bands is not None:
        _print_doubt_bands(prof.model_name, rule.doubt_bands)
    suggested, on_test = alone.suggested_threshold, alone.suggested_on_test
    if suggested is None or on_test is None:
        echo("No threshold suggested: " + " ".join(alone.notes))
        return
    echo(
        f"Suggested threshold: {suggested:.2f} (tuned on {len(alone.calibration_people)} people; on the "
        f"{len(alone.test_people)} others: true accepts {on_test.true_accept_rate:.2%}, "
        f"false accepts {on_test.false_accepts}/{on_test.impostor_probes})"
    )
    for note in alone.notes:
        echo(note)
    if threshold is not None and abs(suggested - threshold) >= 0.005:
        echo(
            f"To use it, set [recognition.thresholds] {prof.model_name} = {suggested:.2f} "
            "in the configuration file."
        )


def _print_per_attempt(model: str, threshold: float, at: ThresholdResult, gallery_sizes: list[int]) -> None:
    """Expected false accepts of one stranger's attempt (one frame) against N enrolled people."""
    echo(
        f"Comparisons of a stranger's photo with one enrolled person at {model} = {threshold:.2f}: "
        f"{at.pair_false_matches} of {at.impostor_pairs} at or above it"
    )
    for size in gallery_sizes:
        rate, bound = at.false_accepts_per_attempt(size)
        if math.isnan(rate):
            continue
        qualifier = "at most (no false match seen; 95% bound)" if bound else "about"
        echo(
            f"  Gallery of {size} people: a stranger's attempt is accepted as someone with probability "
            f"{qualifier} {rate:.2%} (threshold alone; the margin and the 3-vote rule lower it)"
        )


def _print_doubt_bands(model: str, bands: DoubtBandSuggestion) -> None:
    """Doubt bands: matches this close to the threshold or the margin are asked, not marked."""
    wrong = (
        "no photo's best match was another person"
        if math.isnan(bands.largest_wrong_lead)
        else f"the largest lead of a wrong best match was {bands.largest_wrong_lead:.3f}"
    )
    echo(
        f"Suggested doubt bands: similarity {bands.similarity_band:.3f} (the highest similarity of a person "
        f"not enrolled was {bands.highest_impostor:.3f}), margin {bands.margin_band:.3f} ({wrong})"
    )
    echo(
        f"  With them, {bands.asked_either} of {bands.genuine_marked} genuine photos the kiosk would mark go to "
        f"the teacher instead ({bands.asked_share:.1%}; near the threshold {bands.asked_similarity}, "
        f"near the margin {bands.asked_margin}); one photo each: a session averages several frames"
    )
    echo(
        f"  To use them: [recognition.doubt_similarity_bands] {model} = {bands.similarity_band:.3f} and "
        f"[recognition.doubt_margin_bands] {model} = {bands.margin_band:.3f}"
    )
