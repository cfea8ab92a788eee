"""Content checksums computed the same way on source values and on target rows read back."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, time
from enum import Enum
from typing import Any


def canonical(value: Any) -> str:
    """One text form per value, whichever database or driver produced it."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)  # the kiosk stores UTC
        return aware.astimezone(UTC).isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, separators=(",", ":"))
    return str(value)


def digest(rows: Iterable[tuple[str, tuple[Any, ...]]]) -> str:
    """sha256 over (key, values) rows, in key order so both sides hash the same sequence."""
    h = hashlib.sha256()
    for key, values in sorted(rows, key=lambda r: r[0]):
        h.update(key.encode())
        for value in values:
            h.update(b"\x1f")
            h.update(canonical(value).encode())
        h.update(b"\x1e")
    return h.hexdigest()
