"""``kiosk bench``: how fast this machine detects, embeds, searches and rebuilds the index.

Prints, measured here: ms per face for detection and embedding for each installed profile
(batch 1 and 10), FAISS search ms per query at 1k and 100k encodings (exact and
approximate, with recall@1; 1M with ``--full``), the index rebuild from a database for
100k encodings, and peak memory. ``--quick`` uses small sizes (a smoke run of a minute).
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from kiosk.cli.context import CliContext, echo
from kiosk.core.errors import InvalidInput

log = logging.getLogger(__name__)

REPO_FACES = Path(__file__).resolve().parents[2] / "tests" / "data" / "faces"


def register(sub: Any) -> None:
    p = sub.add_parser("bench", help="measure detection, embedding, search and index rebuild on this machine")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="small sizes only (about a minute)")
    size.add_argument("--full", action="store_true", help="also search 1M encodings (takes minutes)")
    p.add_argument(
        "--faces",
        metavar="DIR",
        help="photos for the pipeline timing: DIR/groups/couple.jpg and DIR/people/person01/1.jpg "
        "(default: the test photos, when present)",
    )
    p.add_argument(
        "--rebuild-database",
        metavar="URL",
        help="time the rebuild on this database (default: a temporary SQLite file). Throwaway rows "
        "are written and removed; use a scratch database, not a school's",
    )
    p.add_argument("--repeat", type=int, help="runs per pipeline timing (median; default 5, quick 2)")
    p.set_defaults(handler=bench_command)


def _machine() -> str:
    from kiosk.infra.cpu import cpu_model

    model = cpu_model()
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load average {os.getloadavg()[0]:.1f}"
    return f"{model}, {os.cpu_count()} CPUs{load}; Python {platform.python_version()}"


def _pipeline_section(ctx: CliContext, faces: Path | None, repeat: int) -> None:
    from kiosk.app.bench import bench_pipeline
    from kiosk.app.bootstrap import prepare_environment
    from kiosk.infra.recognition import weights

    echo("Face pipeline (median ms; detection per 640x360 frame, embedding per face)")
    if faces is None:
        echo("  skipped: no photos (give --faces DIR)")
        return
    frame_photo, portrait = faces / "groups" / "couple.jpg", faces / "people" / "person01" / "1.jpg"
    if not frame_photo.is_file() or not portrait.is_file():
        raise InvalidInput(
            f"{faces} lacks groups/couple.jpg or people/person01/1.jpg.",
            "Give the folder laid out like tests/data/faces.",
        )
    prepare_environment(ctx.settings)
    ready = [st.profile for st in weights.status(ctx.settings.weights_dir) if st.installed and not st.corrupt]
    if not ready:
        echo("  skipped: no profile's weights are installed (`kiosk models status`)")
        return
    echo(
        f"  {'profile':<14} {'load s':>7} {'faces':>5} {'detect/frame':>12} {'embed b=1':>10} {'embed b=10':>10}"
    )
    for prof in ready:
        t = bench_pipeline(ctx.settings, prof, frame_photo, portrait, repeat)
        echo(
            f"  {t.profile:<14} {t.load_s:>7.1f} {t.faces_in_frame:>5} {t.detect_ms_per_frame:>12.1f} "
            f"{t.embed_ms_batch1:>10.1f} {t.embed_ms_batch10:>10.1f}"
        )
    missing = [st.name for st in weights.status(ctx.settings.weights_dir) if not st.installed]
    if missing:
        echo(f"  not installed, not timed: {', '.join(missing)}")


def _search_section(sizes: list[int], dim: int) -> None:
    from kiosk.app.bench import bench_search

    echo()
    echo(f"FAISS search ({dim}-d clustered vectors; median ms per query through FaceIndex.search, k=5)")
    echo(f"  {'encodings':>10} {'index':<6} {'build s':>8} {'ms/query':>9} {'recall@1':>9}")
    for size in sizes:
        approximate: tuple[str, ...] = ("hnsw", "ivf") if size >= 10_000 else ()
        if size > 200_000:
            approximate = ("ivf",)  # HNSW takes well over 15 minutes to build at 1M here
        for t in bench_search(size, dim, approximate=approximate):
            echo(
                f"  {t.size:>10,} {t.kind:<6} {t.build_s:>8.2f} {t.ms_per_query:>9.3f} {t.recall_at_1:>9.3f}"
            )


def _rebuild_section(url: str | None, n: int, dims: tuple[int, ...]) -> None:
    from kiosk.app.bench import rebuild_database

    echo()
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp,
        rebuild_database(url, Path(tmp)) as database,
    ):
        echo(f"Index rebuild from the database ({database.where}): load_gallery + FaceIndex.build (exact)")
        echo(f"  {'encodings':>10} {'dim':>4} {'insert s':>9} {'load s':>7} {'build s':>8} {'rebuild s':>10}")
        for dim in dims:
            t = database.measure(n, dim)
            echo(
                f"  {t.encodings:>10,} {t.dim:>4} {t.insert_s:>9.1f} {t.load_s:>7.2f} "
                f"{t.build_s:>8.2f} {t.rebuild_s:>10.2f}"
            )


def bench_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.bench import peak_rss_mb

    if args.repeat is not None and args.repeat < 1:
        raise InvalidInput(f"--repeat must be at least 1, not {args.repeat}.")
    faces = Path(args.faces).expanduser() if args.faces else (REPO_FACES if REPO_FACES.is_dir() else None)
    repeat = args.repeat or (2 if args.quick else 5)
    if args.quick:
        sizes, rebuild_n = [1_000, 10_000], 10_000
    else:
        sizes, rebuild_n = [1_000, 100_000], 100_000
        if args.full:
            sizes.append(1_000_000)
    start = time.perf_counter()
    echo(f"kiosk bench{' --quick' if args.quick else ''}{' --full' if args.full else ''}: {_machine()}")
    echo()
    _pipeline_section(ctx, faces, repeat)
    _search_section(sizes, 512)
    _rebuild_section(args.rebuild_database, rebuild_n, (128, 512))
    echo()
    echo(f"Peak memory (ru_maxrss): {peak_rss_mb():.0f} MB; total {time.perf_counter() - start:.0f} s")
    return 0
