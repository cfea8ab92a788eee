"""Turning the legacy app's loosely typed values into the kiosk's types, or a reason why not.

Every parser returns the value or raises :class:`BadValue` with a sentence for the report;
the migration keeps such rows aside instead of guessing.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import numpy.typing as npt
from numpy.lib import format as npy_format

LEGACY_MODEL = "Facenet512"
LEGACY_DIM = 512

# Seconds since 1970 up to this are seconds; above, milliseconds (then microseconds).
_MAX_EPOCH_SECONDS = 100_000_000_000  # year 5138
_MAX_EPOCH_MS = _MAX_EPOCH_SECONDS * 1000
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
# Formats the old app or hand edits produced, tried after ISO 8601. Day-first before
# month-first: the schools using it write dates day-first.
_FORMATS = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y%m%dT%H%M%S",
    "%d %b %Y %H:%M:%S",
    "%d %B %Y %H:%M",
)


class BadValue(ValueError):
    """A source value that cannot be migrated; ``str()`` is the reason for the report."""


def text(value: object, column: str, *, max_len: int | None = None, required: bool = False) -> str | None:
    """A text value: bytes must be UTF-8; no NUL characters (PostgreSQL refuses them)."""
    if value is None:
        if required:
            raise BadValue(f"{column} is missing")
        return None
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            raise BadValue(f"{column} holds invalid text (not UTF-8)") from None
    elif isinstance(value, int | float):
        value = _number_text(value)
    result = str(value).strip()
    if "\x00" in result:
        raise BadValue(f"{column} holds invalid text (a NUL character)")
    if not result:
        if required:
            raise BadValue(f"{column} is empty")
        return None
    if max_len is not None and len(result) > max_len:
        raise BadValue(f"{column} is longer than {max_len} characters")
    return result


def _number_text(value: float) -> str:
    # Student ids stored as numbers: 1042.0 means "1042".
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def timestamp(value: object, column: str, *, required: bool = True) -> datetime | None:
    """An aware UTC datetime from ISO text, epoch seconds or milliseconds, or common formats.

    Naive values are the old app's local time (it stored ``datetime.now()``), so they are
    read in this computer's time zone, which is the school's.
    """
    if isinstance(value, bytes):
        value = text(value, column)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise BadValue(f"{column} is missing")
        return None
    try:
        if isinstance(value, bool):
            raise BadValue(f"{column} is not a time ({value!r})")
        if isinstance(value, int | float):
            return _from_epoch(float(value), column)
        raw = str(value).strip()
        if _NUMBER.match(raw):
            return _from_epoch(float(raw), column)
        parsed = _parse_text(raw)
    except (ValueError, OverflowError, OSError) as exc:
        if isinstance(exc, BadValue):
            raise
        raise BadValue(f"{column} is not a time ({str(value)[:40]!r})") from None
    if parsed is None:
        raise BadValue(f"{column} is not a time ({str(value)[:40]!r})")
    if parsed.tzinfo is None:
        parsed = parsed.astimezone()  # local wall time -> aware
    return parsed.astimezone(UTC)


def _from_epoch(number: float, column: str) -> datetime:
    if not math.isfinite(number) or number <= 0:
        raise BadValue(f"{column} is not a time ({number!r})")
    if number > _MAX_EPOCH_MS:
        number /= 1_000_000
    elif number > _MAX_EPOCH_SECONDS:
        number /= 1000
    return datetime.fromtimestamp(number, UTC)


def _parse_text(raw: str) -> datetime | None:
    candidate = raw[:-1] + "+00:00" if raw.endswith(("Z", "z")) else raw
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(raw, fmt)
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(raw)  # "Tue, 03 Sep 2024 08:15:00 +0200"
    except (TypeError, ValueError, IndexError):
        return None


def boolean(value: object, column: str, *, default: bool = True) -> bool:
    if value is None:
        return default
    if isinstance(value, bytes):
        value = text(value, column)
    if isinstance(value, int | float):
        return bool(value)
    lowered = str(value).strip().lower()
    if lowered in {"1", "true", "t", "yes", "y", "on", "active"}:
        return True
    if lowered in {"0", "false", "f", "no", "n", "off", "inactive", ""}:
        return False
    raise BadValue(f"{column} is not yes/no ({str(value)[:20]!r})")


def number(value: object, column: str) -> float | None:
    """A finite float, or None when absent; text that is no number is a caveat, not a value."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = text(value, column)
    try:
        result = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise BadValue(f"{column} is not a number ({str(value)[:20]!r})") from None
    if not math.isfinite(result):
        raise BadValue(f"{column} is not a finite number")
    return result


def integer_key(value: object) -> str | None:
    """A row key as text, the form the migration map stores ("12", never "12.0")."""
    if value is None:
        return None
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def legacy_path(raw: str, base: Path, column: str) -> Path:
    """A legacy file path, relative to the database's folder or absolute, that stays inside it.

    The file's values are not trusted: ``../`` (or ``..\\``), an absolute path elsewhere, or a
    link leading out would have the migration read any file on this computer.
    """
    path = Path(raw.replace("\\", "/")).expanduser()
    if not path.is_absolute():
        path = base / path
    try:
        inside = path.resolve().is_relative_to(base.resolve())
    except (OSError, RuntimeError):  # a link loop
        inside = False
    if not inside:
        raise BadValue(f"{column} {raw[:80]!r} points outside the old app's folder")
    return path


def load_encoding(path: Path) -> npt.NDArray[np.float32]:
    """One Facenet512 vector from a .npy file, checked; never unpickles anything.

    The header is checked before the data is read: a few bytes may declare a shape of
    billions of values, which ``numpy.load`` would try to allocate.
    """
    if not path.is_file():
        raise BadValue(f"encoding file {path.name} is missing")
    try:
        with path.open("rb") as fh:
            size, dtype = _npy_header(fh)
            if dtype.hasobject or dtype.kind not in "fiu":
                raise BadValue(f"encoding file {path.name} does not hold numbers")
            if size != LEGACY_DIM:
                raise BadValue(f"encoding file {path.name} holds {size} values, not {LEGACY_DIM}")
            fh.seek(0)
            arr = np.load(fh, allow_pickle=False)
    except (OSError, ValueError, EOFError) as exc:
        if isinstance(exc, BadValue):
            raise
        raise BadValue(
            f"encoding file {path.name} is not a readable .npy file ({type(exc).__name__})"
        ) from None
    flat = np.asarray(arr).reshape(-1)
    vector = flat.astype("<f4")
    if not np.all(np.isfinite(vector)):
        raise BadValue(f"encoding file {path.name} holds NaN or infinite values")
    if not np.any(vector):
        raise BadValue(f"encoding file {path.name} is all zeros")
    return vector


def _npy_header(fh: BinaryIO) -> tuple[int, np.dtype[Any]]:
    """(number of values, dtype) as the .npy header declares them; ValueError when unreadable."""
    version = npy_format.read_magic(fh)
    if version == (1, 0):
        shape, _fortran, dtype = npy_format.read_array_header_1_0(fh)
    elif version == (2, 0):
        shape, _fortran, dtype = npy_format.read_array_header_2_0(fh)
    else:
        raise ValueError(f"unsupported .npy version {version}")
    return math.prod(int(n) for n in shape), dtype
