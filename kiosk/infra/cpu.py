"""Does this processor run the kiosk's compiled libraries? Checked at start, before they load.

A library built for instructions the processor lacks does not fail politely: the process dies
with "Illegal instruction" the moment it is imported. Old school PCs are where that happens, so
the kiosk reads the processor's features from ``/proc/cpuinfo`` first and, when one is missing,
says so in one line instead.

What each shipped library needs (x86-64 Linux wheels; found by disassembling them):

- dlib-bin's ``_dlib_pybind11`` is compiled with AVX throughout (VEX-encoded code everywhere,
  no AVX2 or FMA): **AVX is required**.
- NumPy 2 and OpenCV are built for SSE4.2 and POPCNT as their baseline (NumPy refuses to start
  without them).
- onnxruntime (MLAS) and faiss-cpu (a dynamic-dispatch build) pick AVX2/FMA kernels at run time
  when the processor has them and plain SSE ones otherwise: AVX2 is only **recommended**
  (recognition and matching are slower without it).

Elsewhere (another architecture, no ``/proc``) nothing is checked: the check must never stop a
machine it cannot judge. ``KIOSK_SKIP_CPU_CHECK=1`` turns it off for a processor that reports
its features wrongly (some virtual machines).
"""

from __future__ import annotations

import os
import platform
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import KioskError

CPUINFO = Path("/proc/cpuinfo")
SKIP_ENV = "KIOSK_SKIP_CPU_CHECK"
X86_64 = frozenset({"x86_64", "amd64"})

# flag in /proc/cpuinfo -> (name people know it by, what needs it)
REQUIRED: Mapping[str, tuple[str, str]] = {
    "sse4_2": ("SSE4.2", "NumPy and OpenCV"),
    "popcnt": ("POPCNT", "NumPy and OpenCV"),
    "avx": ("AVX", "dlib's face models"),
}
RECOMMENDED: Mapping[str, tuple[str, str]] = {
    "avx2": ("AVX2", "onnxruntime and FAISS (faster recognition and matching)"),
    "fma": ("FMA", "onnxruntime and FAISS (faster recognition and matching)"),
}


class UnsupportedCpu(KioskError):
    """The processor lacks an instruction set a bundled library needs."""

    exit_code = 3


@dataclass(frozen=True, slots=True)
class CpuReport:
    model: str
    missing_required: tuple[str, ...]  # cpuinfo flags
    missing_recommended: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.missing_required


def parse_cpuinfo(text: str) -> tuple[str, frozenset[str]]:
    """(model name, flags) of the first processor listed in a ``/proc/cpuinfo`` text."""
    model = ""
    flags: frozenset[str] = frozenset()
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key = key.strip()
        if key == "model name" and not model:
            model = value.strip()
        elif key == "flags" and not flags:
            flags = frozenset(value.split())
        if model and flags:
            break
    return model, flags


def cpu_model(cpuinfo: Path = CPUINFO) -> str:
    """The processor's name as ``/proc/cpuinfo`` gives it, else what Python knows of it
    (for benchmark reports)."""
    try:
        model, _flags = parse_cpuinfo(cpuinfo.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        model = ""
    return model or platform.processor() or platform.machine()


def assess(flags: Iterable[str], model: str = "") -> CpuReport:
    have = set(flags)
    return CpuReport(
        model=model,
        missing_required=tuple(f for f in REQUIRED if f not in have),
        missing_recommended=tuple(f for f in RECOMMENDED if f not in have),
    )


def read_report(cpuinfo: Path = CPUINFO, machine: str | None = None) -> CpuReport | None:
    """This machine's report, or ``None`` when it cannot be judged (not x86-64, no cpuinfo)."""
    arch = (machine if machine is not None else platform.machine()).lower()
    if arch not in X86_64:
        return None
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    model, flags = parse_cpuinfo(text)
    if not flags:  # a kernel or sandbox that hides them: cannot judge
        return None
    return assess(flags, model)


def problem(report: CpuReport | None) -> UnsupportedCpu | None:
    """The one-line error for a report that misses a required feature, else ``None``."""
    if report is None or report.ok:
        return None
    names = ", ".join(REQUIRED[f][0] for f in report.missing_required)
    users = sorted({REQUIRED[f][1] for f in report.missing_required})
    cpu = f" ({report.model})" if report.model else ""
    return UnsupportedCpu(
        f"This computer's processor{cpu} lacks {names}, which {' and '.join(users)} need: "
        "the kiosk cannot run on it.",
        "Use a PC whose processor has AVX (most Intel Core and AMD processors since 2011 do; many "
        f"Celeron and Pentium models, even recent ones, do not). To try anyway, set {SKIP_ENV}=1.",
    )


def unsupported_cpu(
    env: Mapping[str, str] | None = None, cpuinfo: Path = CPUINFO, machine: str | None = None
) -> UnsupportedCpu | None:
    """Called first thing at start: the error to show when this processor cannot run the kiosk."""
    env = os.environ if env is None else env
    if env.get(SKIP_ENV, "").strip() in ("1", "true", "yes"):
        return None
    return problem(read_report(cpuinfo, machine))
