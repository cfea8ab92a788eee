"""Where a class's built face index lives on disk, and removing it (no FAISS needed).

The offline store deletes these files the moment it learns that a student in them withdrew
consent or was deleted, without loading the index library.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def index_path(folder: Path, class_code: str, model_name: str) -> Path:
    key = hashlib.sha256(f"{class_code}\0{model_name}".encode()).hexdigest()[:12]
    readable = _UNSAFE.sub("_", f"{class_code}-{model_name}")[:60]
    return folder / f"{readable}-{key}.faiss.npz"


def discard(folder: Path, keys: Iterable[tuple[str, str]]) -> int:
    """Delete the index files of these (class code, model) pairs; how many were there."""
    removed = 0
    for class_code, model_name in keys:
        path = index_path(folder, class_code, model_name)
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.warning("Could not delete the face index file %s (%s)", path, exc)
            continue
        removed += 1
    if removed:
        log.info("Deleted %d face index file(s) built from out-of-date face data", removed)
    return removed
