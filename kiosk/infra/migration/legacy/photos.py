"""The legacy app's photo per student, read from a fresh snapshot of its file (for re-embedding)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import InvalidInput
from kiosk.infra.migration.detect import detect
from kiosk.infra.migration.legacy import values
from kiosk.infra.migration.legacy.values import BadValue
from kiosk.infra.migration.snapshot import reading, snapshot
from kiosk.infra.migration.types import SourceKind


@dataclass(frozen=True)
class LegacyPhoto:
    raw_path: str | None  # as written in the file; None: the old app had no photo
    problem: str | None = None  # why the path is unusable
    path: Path | None = None  # resolved against the file's folder


@dataclass(frozen=True)
class LegacyPhotos:
    by_legacy_id: dict[str, LegacyPhoto]


def read_photos(source: Path) -> LegacyPhotos:
    """Each legacy student's photo path; a kiosk database is refused in one clear line."""
    base = source.resolve().parent  # relative photo paths are relative to the database's folder
    with snapshot(source) as snap, reading(snap, source) as conn:
        return LegacyPhotos(_read(conn, source, base))


def _read(conn: sqlite3.Connection, source: Path, base: Path) -> dict[str, LegacyPhoto]:
    layout = detect(conn, source)
    if layout.kind is not SourceKind.LEGACY:
        raise InvalidInput(
            f"{source} is a kiosk database: its students are enrolled with their own encodings.",
            "Re-embedding from photos is for the old attendance app's file only.",
        )
    cols = layout.columns["students"]
    conn.text_factory = bytes  # an undecodable path fails its student, not the read
    photo_col = cols.get("photo_path")
    query = f'SELECT "{cols["id"]}", ' + (f'"{photo_col}"' if photo_col else "NULL") + ' FROM "students"'
    out: dict[str, LegacyPhoto] = {}
    for raw_id, raw_photo in conn.execute(query):
        key = values.integer_key(raw_id)
        if key is None or key in out:
            continue
        try:
            raw = values.text(raw_photo, "photo_path")
            path = None if raw is None else values.legacy_path(raw, base, "photo_path")
        except BadValue as exc:
            out[key] = LegacyPhoto(None, f"the old app's photo path is unusable ({exc})")
            continue
        out[key] = LegacyPhoto(raw, None, path)
    return out
