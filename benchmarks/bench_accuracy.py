"""Accuracy of each recognition pipeline variant on labelled photos, side by side.

Usage: python benchmarks/bench_accuracy.py [FOLDER ...] [--data-dir DIR] [--seeds N]
                                           [--jitters N] [--no-default-set]

Every FOLDER holds one subfolder of photos per person (or a ``people/`` folder laid out so);
``tests/data/faces`` is always measured first unless ``--no-default-set``. Each photo is
embedded once per variant, as ``kiosk eval`` does (one face, quality gates, no jitter), and
the same photos are compared:

- **dlib, deepface crop**: dlib's ResNet on deepface's crop (how dlib-offline ran before,
  model tag ``Dlib``);
- **dlib, canonical chip**: HOG box, 5-point landmarks, aligned 150x150 chip (dlib-offline
  now, tag ``Dlib-chip``);
- **dlib, chip, jittered**: the same with ``--jitters`` (enrollment's setting) on every photo;
- **facenet512**: YuNet + Facenet512, when its weights are installed in ``--data-dir``.

Per variant and folder: TAR at FAR 1e-2 and 1e-3 over all pairs of photos (1:1
verification; a FAR point needs at least 1/FAR different-person pairs), rank-1
identification (each photo's nearest other photo), the mean gap between same-person and
different-person similarity, and, over ``--seeds`` splits of ``kiosk eval``'s
tune-on-half/test-on-half evaluation at the configured threshold and margin, the genuine
and stranger accept rates. Photos a variant skipped are counted with the reason.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import math
import os
import platform
import tempfile
import time
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from kiosk.core.errors import KioskError
from kiosk.core.photos import IMAGE_SUFFIXES
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.recognition import weights
from kiosk.infra.recognition.evaluation import evaluate, pair_metrics
from kiosk.infra.recognition.images import load_image
from kiosk.infra.recognition.pipeline import FacePipeline
from kiosk.infra.recognition.profiles import DLIB_DEEPFACE, DLIB_OFFLINE, FACENET512, ModelProfile
from kiosk.infra.recognition.quality import PhotoProblem, count_problems

FACES = Path(__file__).resolve().parents[1] / "tests" / "data" / "faces"


@dataclasses.dataclass
class Variant:
    label: str
    profile: ModelProfile
    jitters: int = 0


@dataclasses.dataclass
class Embedded:
    vectors: NDArray[np.float32]
    labels: list[str]
    skipped: list[PhotoProblem]
    seconds: float


def labelled_photos(folder: Path) -> list[tuple[str, Path]]:
    root = folder / "people" if (folder / "people").is_dir() else folder
    people = sorted(d for d in root.iterdir() if d.is_dir() and not d.name.startswith("."))
    return [
        (person.name, photo)
        for person in people
        for photo in sorted(person.iterdir())
        if photo.is_file() and photo.suffix.lower() in IMAGE_SUFFIXES
    ]


def embed_all(pipeline: FacePipeline, photos: list[tuple[str, Path]], jitters: int) -> Embedded:
    vectors: list[NDArray[np.float32]] = []
    labels: list[str] = []
    skipped: list[PhotoProblem] = []
    start = time.perf_counter()
    for person, photo in photos:
        try:
            _, vector = pipeline.embed_single(load_image(photo), jitters=jitters)
        except KioskError as exc:
            skipped.append(PhotoProblem.of(exc))
            continue
        vectors.append(vector)
        labels.append(person)
    return Embedded(np.stack(vectors), labels, skipped, time.perf_counter() - start)


def split_rates(emb: Embedded, settings: Settings, model: str, seeds: int) -> tuple[float, float, int, int]:
    """Mean genuine accept rate and total stranger accepts over ``seeds`` kiosk-eval splits."""
    by_person: dict[str, list[NDArray[np.float32]]] = {}
    for vector, person in zip(emb.vectors, emb.labels, strict=True):
        by_person.setdefault(person, []).append(vector)
    data = {name: np.stack(v) for name, v in by_person.items()}
    threshold = settings.recognition.threshold_for(model)
    margin = settings.recognition.margin_for(model)
    tars: list[float] = []
    false_accepts = probes = 0
    for seed in range(seeds):
        report = evaluate(data, enroll=0.5, thresholds=(threshold,), margin=margin, seed=seed)
        (r,) = report.at_thresholds
        tars.append(r.true_accept_rate)
        false_accepts += r.false_accepts
        probes += r.impostor_probes
    return float(np.mean(tars)), float(np.min(tars)), false_accepts, probes


def pct(x: float) -> str:
    return "n/a" if math.isnan(x) else f"{x:.1%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, metavar="FOLDER")
    parser.add_argument("--data-dir", type=Path, help="data folder with installed weights (facenet512)")
    parser.add_argument("--seeds", type=int, default=8, help="kiosk-eval splits per variant (default 8)")
    parser.add_argument("--jitters", type=int, default=5, help="jitters of the jittered variant (default 5)")
    parser.add_argument("--no-default-set", action="store_true", help="skip tests/data/faces")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="kiosk-accuracy-"))
    settings = load_settings(data_dir=data_dir, env={"KIOSK_PROFILE": "dlib-offline"})
    weights.install_offline(settings.weights_dir)
    variants = [
        Variant("dlib, deepface crop (old)", DLIB_DEEPFACE),
        Variant("dlib, canonical chip (new)", DLIB_OFFLINE),
        Variant(f"dlib, chip, {args.jitters} jitters", DLIB_OFFLINE, args.jitters),
    ]
    if weights.profile_status(settings.weights_dir, FACENET512).installed:
        variants.append(Variant("facenet512 (YuNet)", FACENET512))
    folders = ([] if args.no_default_set else [FACES]) + list(args.folders)
    if not folders:
        raise SystemExit("No folder to measure: give one, or drop --no-default-set.")

    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    pipelines: dict[str, FacePipeline] = {}
    for folder in folders:
        photos = labelled_photos(folder)
        print(f"\n## {folder} ({len(photos)} photos of {len({p for p, _ in photos})} people)\n")
        print(
            "| variant | photos used (skipped) | TAR @ FAR 1e-2 | TAR @ FAR 1e-3 | rank-1 | mean gap "
            "| eval splits: genuine accepted (worst) | strangers accepted | s/photo |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for variant in variants:
            pipeline = _pipeline(pipelines, settings, variant.profile)
            emb = embed_all(pipeline, photos, variant.jitters)
            m = pair_metrics(emb.vectors, emb.labels, fars=(1e-2, 1e-3))
            tar, worst, fa, probes = split_rates(emb, settings, pipeline.model_name, args.seeds)
            skipped = f" ({len(emb.skipped)}: {count_problems(emb.skipped)})" if emb.skipped else " (0)"
            print(
                f"| {variant.label} | {len(emb.labels)}{skipped} | {pct(m.tar_at_far[0][1])} | "
                f"{pct(m.tar_at_far[1][1])} | {pct(m.rank1)} | {m.mean_gap:.3f} | {pct(tar)} ({pct(worst)}) | "
                f"{fa}/{probes} | {emb.seconds / max(1, len(photos)):.2f} |"
            )
        print(
            f"\nPairs: {m.genuine_pairs} same-person, {m.impostor_pairs} different-person (last variant). "
            f"Splits: {args.seeds} seeds, half of each person's photos enrolled, threshold and margin as "
            f"configured ({', '.join(_rule(settings, p.model_name) for p in pipelines.values())})."
        )


def _rule(settings: Settings, model: str) -> str:
    rec = settings.recognition
    return f"{model} {rec.threshold_for(model):.2f} + margin {rec.margin_for(model):.2f}"


def _pipeline(cache: dict[str, FacePipeline], settings: Settings, profile: ModelProfile) -> FacePipeline:
    if profile.name not in cache:
        cache[profile.name] = FacePipeline(settings, profile)
    return cache[profile.name]


if __name__ == "__main__":
    main()
