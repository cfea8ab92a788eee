"""CLI start-up: small commands before and after the lazy imports (issue 19), side by side.

    .venv/bin/python benchmarks/bench_cli_startup.py [--baseline REV] [--runs 20] [--out FILE.md]

The baseline tree (``git archive REV``: the kiosk package and its defaults) is extracted to a
temporary folder; each command then runs as a person runs it, ``python -m kiosk ...`` in a
fresh process, with ``PYTHONPATH`` pointing at one tree or the other, the two alternating
run by run (A B A B ...) so a change in the machine's load hits both alike. Each tree has its
own data folder (a SQLite database with 6 classes and 30 students, made by that tree), so
neither ever migrates a database during a timed run. Reported per command and tree: the
median and p95 wall time, the median CPU time (user + sys, steadier than wall time on a
shared machine), whether both printed the same, and which heavy libraries the command
loaded (one extra, untimed run). Output is Markdown on stdout (and in ``--out``).

Default baseline: ``main`` just before the lazy imports (commit ``0ac87de``; the figures in RESULTS-cli-startup.md are against ``c17ee6c``, main before issues 13 and 17 were merged).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from kiosk.infra.cpu import cpu_model  # noqa: E402  (light: no heavy library)

BASELINE = "0ac87deb2382c8f8842c219ff8b784ed44d41185"  # main just before the lazy imports
COMMANDS = (("--version",), ("--help",), ("class", "list"), ("student", "list"))
HEAVY = (
    "cv2",
    "faiss",
    "onnxruntime",
    "deepface",
    "dlib",
    "PySide6",
    "numpy",
    "alembic",
    "psycopg",
    "sqlalchemy",
)
_LIST_MODULES = """
import json, runpy, sys
sys.argv = ["kiosk", *sys.argv[1:]]
try:
    runpy.run_module("kiosk", run_name="__main__")
except SystemExit:
    pass
sys.stdout.flush()
sys.stderr.write("\\nLOADED " + json.dumps(sorted({m.split(".")[0] for m in sys.modules})) + "\\n")
"""


@dataclass
class Tree:
    label: str
    path: Path
    data_dir: Path
    walls: dict[str, list[float]] = field(default_factory=dict)
    cpus: dict[str, list[float]] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    heavy: dict[str, list[str]] = field(default_factory=dict)


def extract(rev: str, into: Path) -> Path:
    """The kiosk package and its default configuration as they were at ``rev``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "kiosk", "config.toml"],
        capture_output=True,
        check=True,
    ).stdout
    into.mkdir(parents=True)
    archive_path = into / "tree.tar"
    archive_path.write_bytes(archive)
    with tarfile.open(archive_path) as tar:
        tar.extractall(into, filter="data")
    archive_path.unlink()
    return into


def environment(tree: Tree, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "PYTHON"))}
    env |= {
        "PYTHONPATH": str(tree.path),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "KIOSK_DATA_DIR": str(tree.data_dir),
    }
    return env


def kiosk(tree: Tree, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        env=environment(tree, home),
        cwd=home,
        check=False,
        timeout=300,
    )


def prepare(tree: Tree, home: Path) -> None:
    """A data folder with a small school in it, made (and migrated) by the tree itself."""
    for n in range(6):
        code = f"{7 + n // 2}{'AB'[n % 2]}"
        done = kiosk(tree, home, "class", "add", code, "--name", f"Class {code}", "--starts", "08:00")
        assert done.returncode == 0, done.stderr
        for s in range(5):
            student = f"S{n:02d}{s:02d}"
            done = kiosk(
                tree,
                home,
                "student",
                "add",
                "--student-id",
                student,
                "--name",
                f"Pupil {student}",
                "--class",
                code,
            )
            assert done.returncode == 0, done.stderr


def timed_run(tree: Tree, home: Path, args: tuple[str, ...]) -> None:
    key = " ".join(args)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = kiosk(tree, home, *args)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 0, f"{tree.label} kiosk {key}: {done.stderr}"
    tree.walls.setdefault(key, []).append(wall)
    tree.cpus.setdefault(key, []).append(
        (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    )
    tree.outputs[key] = done.stdout


def heavy_loaded(tree: Tree, home: Path, args: tuple[str, ...]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _LIST_MODULES, *args],
        capture_output=True,
        text=True,
        env=environment(tree, home),
        cwd=home,
        check=False,
        timeout=300,
    )
    marker = done.stderr.rfind("\nLOADED ")
    loaded = set(json.loads(done.stderr[marker + len("\nLOADED ") :])) if marker >= 0 else set()
    tree.heavy[" ".join(args)] = [name for name in HEAVY if name in loaded]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def machine() -> str:
    return f"{cpu_model()}, {os.cpu_count()} CPUs; Python {platform.python_version()}"


def load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def report(baseline: Tree, current: Tree, rev: str, runs: int, load_before: str, load_after: str) -> str:
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "kiosk"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    lines = [
        "# CLI start-up: small commands before and after the lazy imports (issue 19)",
        "",
        f"Command: `python benchmarks/bench_cli_startup.py --baseline {rev[:12]} --runs {runs}`",
        f"(run on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}).",
        "",
        f"Machine: {machine()}. Load average (1, 5, 15 min) before: {load_before}; after: {load_after}.",
        "The machine is shared: wall times include waiting for a CPU; the CPU column does not.",
        "",
        f"Baseline: `{rev[:12]}` (`git archive`); current: `{head}`{' with uncommitted changes' if dirty else ''}.",
        f"Each: `python -m kiosk ARGS` in a fresh process, {runs} runs per tree, the trees alternating;",
        "a SQLite data folder per tree with 6 classes and 30 students.",
        "",
        "| command | tree | wall median | wall p95 | CPU median | heavy libraries loaded | same output |",
        "| --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for args in COMMANDS:
        key = " ".join(args)
        same = "yes" if baseline.outputs[key] == current.outputs[key] else "**no**"
        for tree in (baseline, current):
            walls, cpus = tree.walls[key], tree.cpus[key]
            lines.append(
                f"| `kiosk {key}` | {tree.label} | {statistics.median(walls) * 1000:.0f} ms | "
                f"{p95(walls) * 1000:.0f} ms | {statistics.median(cpus) * 1000:.0f} ms | "
                f"{', '.join(tree.heavy[key]) or 'none'} | {same} |"
            )
    lines += ["", "Ratio current / baseline (medians):", ""]
    for args in COMMANDS:
        key = " ".join(args)
        wall = statistics.median(current.walls[key]) / statistics.median(baseline.walls[key])
        cpu = statistics.median(current.cpus[key]) / statistics.median(baseline.cpus[key])
        lines.append(f"- `kiosk {key}`: wall {wall:.2f}, CPU {cpu:.2f}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", default=BASELINE, help="git revision to compare with")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per command and tree")
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    args = parser.parse_args()
    rev = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", args.baseline], capture_output=True, text=True, check=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="kiosk-startup-") as tmp:
        work = Path(tmp)
        home = work / "home"
        home.mkdir()
        baseline = Tree("baseline", extract(rev, work / "baseline"), work / "data-baseline")
        current = Tree("current", ROOT, work / "data-current")
        for tree in (baseline, current):
            prepare(tree, home)
            for command in COMMANDS:
                timed_run(tree, home, command)  # warm-up: compiled files, page cache
                heavy_loaded(tree, home, command)
            tree.walls.clear()
            tree.cpus.clear()
        load_before = load()
        for _ in range(args.runs):
            for command in COMMANDS:
                for tree in (baseline, current):
                    timed_run(tree, home, command)
        load_after = load()
    text = report(baseline, current, rev, args.runs, load_before, load_after)
    sys.stdout.write(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
