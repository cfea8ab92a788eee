"""Hole 5 of issue 12: a student's name must never run as a spreadsheet formula in an export."""

from __future__ import annotations

import csv
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.app.exports import summary_table, write_table
from kiosk.core.domain import AttendanceMark, AttendanceStatus, MarkSource
from kiosk.core.spreadsheet import neutralise_cell
from kiosk.infra.config import load_settings
from kiosk.infra.db.engine import build_engine, session_factory, unit_of_work
from kiosk.infra.db.repo import classes, students
from kiosk.infra.db.schema import upgrade
from kiosk.infra.db.store import DirectStore

HOSTILE = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", "\tTAB=1", "\rCR=1"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_trigger_gets_a_leading_apostrophe(value: str) -> None:
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Ana", "", "O'Neil", "3.5", "a=b", None, 7, -1.5])
def test_harmless_cells_and_numbers_stay_as_they_are(value: str | int | float | None) -> None:
    assert neutralise_cell(value) == value


def test_the_session_export_neutralises_names_ids_and_notes(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", env={})
    engine = build_engine(settings)
    upgrade(engine)
    try:
        with unit_of_work(session_factory(engine)) as s:
            classes.add_class(s, "7C", "History 7C")
            evil = students.add_student(s, student_id="@X1", name=HOSTILE[0], class_code="7C")
            students.add_student(s, student_id="B2", name="-Ben", class_code="7C")
        store = DirectStore(engine)
        session = store.open_session("7C", started_by="t", kiosk_id="k")
        store.mark(
            AttendanceMark(
                uuid.uuid4(),
                session.id,
                evil.id,
                AttendanceStatus.EXCUSED,
                datetime.now(UTC),
                MarkSource.MANUAL,
                note='=HYPERLINK("http://x")',
            ),
            actor="t",
        )
        summary = store.summary(session.id)
        path = write_table(summary_table(summary), tmp_path / "7C.csv")
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = {r["student_id"]: r for r in csv.DictReader(fh)}
        assert rows["'@X1"]["name"] == "'" + HOSTILE[0]
        assert rows["'@X1"]["note"] == '\'=HYPERLINK("http://x")'
        assert rows["B2"]["name"] == "'-Ben"
        for row in rows.values():
            for value in row.values():
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    finally:
        engine.dispose()
