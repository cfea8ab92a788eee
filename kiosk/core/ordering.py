"""Orders people see: class codes in natural order ("9B" before "10A")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from kiosk.core.domain import ClassInfo

_RUNS = re.compile(r"(\d+)")

T = TypeVar("T")


def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key that compares runs of digits as numbers: "9B" < "10A" < "10b" < "A2" < "A10".

    Letters compare without case first (then with case, so the order is total and stable);
    a run of digits sorts before letters at the same place, as people expect ("10" < "10A").
    """
    parts: list[tuple[int, int, str]] = []
    for i, run in enumerate(_RUNS.split(text.strip())):
        if not run:
            continue
        if i % 2:  # odd pieces of the split are the digit runs
            parts.append((0, int(run), run))
        else:
            parts.append((1, 0, run.casefold() + "\0" + run))
    return tuple(parts)


def natural_sorted(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    return sorted(items, key=lambda item: natural_key(key(item)))


def sort_classes(classes: Iterable[ClassInfo]) -> list[ClassInfo]:
    """Classes as a teacher scans a list of them: by code in natural order."""
    return natural_sorted(classes, lambda c: c.code)
