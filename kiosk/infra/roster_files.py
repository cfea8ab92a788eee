"""Roster files as schools have them: CSV in any common dialect and encoding, or XLSX.

Reading and checking only; nothing here touches the database. :func:`read_roster` returns
every row either as a typed :class:`RosterRow` or as a :class:`RowError` saying what is
wrong with it, so the caller can show the whole file's fate before writing anything.
Problems with the file as a whole (unreadable, no header, a quote never closed) are one
:class:`InvalidInput`.

- Encoding: UTF-8 with or without a BOM, else Windows-1252 (what Excel writes in Western
  Europe); the delimiter: comma, semicolon or tab, found by :class:`csv.Sniffer` and checked
  against the header row.
- XLSX: the first sheet, read with openpyxl (values, not formulas).
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import InvalidInput
from kiosk.core.photos import IMAGE_SUFFIXES
from kiosk.core.yesno import parse_yes_no, yes_no_hint

log = logging.getLogger(__name__)

COLUMNS = ("student_id", "name", "class", "email", "phone", "consent", "consent_by")
REQUIRED = ("student_id", "name")
# The database's column sizes: a longer value would fail at the insert, half-way through.
MAX_LENGTHS = {"student_id": 64, "name": 200, "class": 32, "email": 320, "phone": 40, "consent_by": 200}
MAX_FILE_BYTES = 20 * 1024 * 1024
_DELIMITERS = ",;\t"
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
COLUMNS_HINT = "Columns: student_id,name,class,email,phone,consent (consent: yes/no)."


@dataclass(frozen=True, slots=True)
class RosterRow:
    line: int
    student_id: str
    name: str
    class_code: str | None
    email: str | None
    phone: str | None
    consent: bool
    consent_by: str | None


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    student_id: str | None
    message: str


@dataclass(frozen=True)
class RosterFile:
    description: str  # e.g. "CSV, semicolon-separated, Windows-1252"
    rows: tuple[RosterRow, ...]
    errors: tuple[RowError, ...]


def display(text: str | Path) -> str:
    """Text safe to print: odd bytes of a file name as U+FFFD, control characters escaped."""
    clean = os.fsencode(text).decode("utf-8", "replace") if isinstance(text, Path) else text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in clean)


def read_roster(path: Path, *, default_class: str | None = None) -> RosterFile:
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else None
    except OSError as exc:
        raise InvalidInput(
            f"The roster file {display(path)} cannot be read ({exc.strerror}).",
            "Check that it exists and its permissions.",
        ) from None
    if data is None:
        raise InvalidInput(f"The roster file {display(path)} is larger than 20 MB.", "Is it the right file?")
    if data.startswith(b"PK\x03\x04") or path.suffix.lower() == ".xlsx":
        table, description = _xlsx_rows(data, path)
    else:
        table, description = _csv_rows(data, path)
    return _check(table, description, default_class)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 with BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise InvalidInput(
            "The roster is neither UTF-8 nor Windows-1252 text.", "Save it as CSV UTF-8 (or as .xlsx)."
        ) from None


def _delimiter(text: str) -> str:
    """Sniffed, then confirmed by the header: the delimiter that splits out student_id and name."""
    header = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    candidates: list[str] = []
    with contextlib.suppress(csv.Error):  # the sniffer gives up on one-column files
        candidates.append(csv.Sniffer().sniff(text[:65536], delimiters=_DELIMITERS).delimiter)
    candidates += [d for d in sorted(_DELIMITERS, key=header.count, reverse=True) if d not in candidates]
    for d in candidates:
        names = {_column(c) for c in next(csv.reader([header], delimiter=d), [])}
        if set(REQUIRED) <= names:
            return d
    return candidates[0]


def _csv_rows(data: bytes, path: Path) -> tuple[list[tuple[int, list[str]]], str]:
    text, encoding = _decode(data)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    table: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for fields in reader:
            table.append((start, fields))
            start = reader.line_num + 1
    except csv.Error as exc:
        problem = "a quote opened there is never closed" if "end of data" in str(exc) else str(exc)
        raise InvalidInput(
            f"The roster {display(path)} cannot be read from line {start}: {problem}; nothing was imported.",
            "Fix that line in a spreadsheet and save it again.",
        ) from None
    return table, f"CSV, {_DELIMITER_NAMES[delimiter]}-separated, {encoding}"


def _xlsx_rows(data: bytes, path: Path) -> tuple[list[tuple[int, list[str]]], str]:
    import openpyxl  # only for XLSX files

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InvalidInput(
            f"The roster {display(path)} is not a readable Excel workbook ({type(exc).__name__}).",
            "Save it again as .xlsx, or as CSV UTF-8.",
        ) from None
    try:
        sheet = book.worksheets[0]
        table = [
            (n, [_cell(v) for v in row]) for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
    return table, f"Excel workbook, sheet {sheet.title!r}"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id typed as a number: 1042, not 1042.0
    return str(value)


def _column(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().casefold().replace(" ", "_").replace("-", "_")


def _check(table: list[tuple[int, list[str]]], description: str, default_class: str | None) -> RosterFile:
    table = [(n, f) for n, f in table if any(v.strip() for v in f)]  # blank lines are no rows
    header = [_column(c) for c in table[0][1]] if table else []
    if not set(REQUIRED) <= set(header):
        found = ", ".join(display(h) for h in header if h) or "nothing"
        raise InvalidInput(
            f"The roster needs a header row with at least student_id and name (found: {found}).", COLUMNS_HINT
        )
    rows: list[RosterRow] = []
    errors: list[RowError] = []
    first_line: dict[str, int] = {}
    for line, fields in table[1:]:
        checked = _row(line, header, fields, default_class)
        if isinstance(checked, RowError):
            errors.append(checked)
            continue
        key = checked.student_id.casefold()
        if key in first_line:
            errors.append(
                RowError(line, checked.student_id, f"repeats the student id of line {first_line[key]}")
            )
            continue
        first_line[key] = line
        rows.append(checked)
    return RosterFile(description, tuple(rows), tuple(errors))


def _row(line: int, header: list[str], fields: list[str], default_class: str | None) -> RosterRow | RowError:
    if len(fields) > len(header) and any(v.strip() for v in fields[len(header) :]):
        return RowError(line, None, f"has {len(fields)} fields where the header has {len(header)}")
    values = {h: v.strip() for h, v in zip(header, fields, strict=False) if h in COLUMNS}
    sid = values.get("student_id", "")
    shown = display(sid) or None
    for column, value in values.items():
        if any(not ch.isprintable() for ch in value):
            return RowError(line, shown, f"its {column} holds a control character or a line break")
        if len(value) > MAX_LENGTHS.get(column, 1000):
            return RowError(line, shown, f"its {column} is longer than {MAX_LENGTHS[column]} characters")
    if not sid:
        return RowError(line, None, "has no student_id")
    if not values.get("name"):
        return RowError(line, shown, "has no name")
    consent = parse_yes_no(values.get("consent"))
    if consent is None:
        return RowError(
            line, shown, f"consent {display(values['consent'])!r} is not a yes or a no ({yes_no_hint()})"
        )
    return RosterRow(
        line=line,
        student_id=sid,
        name=values["name"],
        class_code=values.get("class") or default_class or None,
        email=values.get("email") or None,
        phone=values.get("phone") or None,
        consent=consent,
        consent_by=values.get("consent_by") or None,
    )


class UnsafePhotoPath(InvalidInput):
    """A student's photos would be looked for outside the photo folder."""


def photos_for(folder: Path, student_id: str) -> list[Path]:
    """A student's photo files: the folder named by their id, or files named ``ID``, ``ID_*``,
    ``ID-*``. Refuses (:class:`UnsafePhotoPath`) anything that resolves outside ``folder``:
    an id like ``../../x`` or ``/etc``, or a symlink leading out. Raises ``OSError`` when a
    folder cannot be read."""
    root = folder.resolve()

    def inside(p: Path) -> bool:
        resolved = p.resolve()
        return resolved != root and resolved.is_relative_to(root)

    own = folder / student_id
    if not inside(own) or Path(student_id).is_absolute() or own.parent.resolve() != root:
        raise UnsafePhotoPath(
            f"the id {display(student_id)!r} would look for photos outside the photo folder"
        )
    found: Iterable[Path]
    if own.is_dir():
        found = (p for p in own.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())
    else:
        found = (
            p
            for p in folder.iterdir()
            if p.is_file()
            and p.suffix.lower() in IMAGE_SUFFIXES
            and (p.stem == student_id or p.stem.startswith((f"{student_id}_", f"{student_id}-")))
        )
    photos = sorted(found)
    outside = [p for p in photos if not inside(p)]
    if outside:
        raise UnsafePhotoPath(f"the photo {display(outside[0])} leads outside the photo folder")
    return photos
