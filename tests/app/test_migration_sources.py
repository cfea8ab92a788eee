"""What the wizard asks the migration service before moving anything: is there data in this
kiosk's own file, and is the file a person picked a SQLite database at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.app.database import Database
from kiosk.app.migration import check_source, local_data_rows
from kiosk.core.errors import InvalidInput
from kiosk.infra.config import load_settings


def test_local_rows_count_the_kiosks_own_data_and_nothing_else(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", env={})
    assert local_data_rows(settings) == 0  # no file yet
    database = Database.open(settings)  # the schema, no data
    try:
        assert local_data_rows(settings) == 0
        database.roster.add_class("9B", "Biology 9B")
        database.roster.add_student(student_id="S1", name="Ada", class_code="9B", consent=False)
    finally:
        database.close()
    assert local_data_rows(settings) == 2
    settings.local_database_path.write_bytes(b"not a database at all")
    assert local_data_rows(settings) == 0


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p / "missing.db", "does not exist"),
        (lambda p: p, "is not a file"),
        (lambda p: _write(p / "notes.db", b"hello"), "is not a SQLite database"),
    ],
)
def test_a_picked_source_that_is_not_a_sqlite_file_is_refused_in_one_line(
    tmp_path: Path, make: object, expected: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(InvalidInput, match=expected) as refused:
        check_source(f"  {path}  ")
    assert refused.value.hint


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
