"""The wizard's migration page against a real PostgreSQL: preview, migrate, cancel, resume."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtWidgets import QWizard
from sqlalchemy import create_engine, func, select
from wizard_fixtures import write_legacy_db

from kiosk.gui.wizard import SetupWizard
from kiosk.gui.wizard.common import PageId
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.db.models import AttendanceRecord, Student

pytestmark = [pytest.mark.gui, pytest.mark.postgres]

WAIT_MS = 120_000
FACTORY = Path(__file__).resolve().parents[1] / "migration" / "legacy_factory.py"


def _factory() -> ModuleType | None:
    """The migration tests' generator of realistic legacy files, when it is in the tree."""
    if not FACTORY.is_file():
        return None
    spec = importlib.util.spec_from_file_location("wizard_legacy_factory", FACTORY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def make_legacy(
    folder: Path, *, students: int, records: int, edge_cases: bool
) -> tuple[Path, dict[str, int]]:
    factory = _factory()
    if factory is None:
        path = write_legacy_db(folder, students=students, records_per_student=max(1, records // students))
        return path, {}
    made = factory.make_legacy_db(
        folder,
        factory.LegacySpec(
            classes=2,
            students=students,
            sessions=-(-records // students),
            records=records,
            edge_cases=edge_cases,
            photos=0,
        ),
    )
    return made.path, dict(made.counts)


@pytest.fixture
def wizard(qtbot, tmp_path: Path) -> Iterator[SetupWizard]:  # type: ignore[no-untyped-def]
    w = SetupWizard(load_settings(data_dir=tmp_path / "data"))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.shutdown()


def reach_migration_page(qtbot, wizard: SetupWizard, url: str) -> None:  # type: ignore[no-untyped-def]
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    next_button.click()
    db = wizard.database_page
    db.pg_radio.setChecked(True)
    db.url_radio.setChecked(True)
    db.url_edit.setText(url)
    db.test_button.click()
    qtbot.waitUntil(db.ready, timeout=30_000)
    next_button.click()
    schema_page = wizard.schema_page
    qtbot.waitUntil(lambda: schema_page.current is not None, timeout=30_000)
    if not schema_page.ready():
        schema_page.apply_button.click()
        qtbot.waitUntil(schema_page.ready, timeout=30_000)
    next_button.click()
    assert wizard.currentId() == PageId.MIGRATION


def count(url: str, column: object) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count(column))).scalar_one())
    finally:
        engine.dispose()


def test_preview_then_migrate_shows_the_verification_report(  # type: ignore[no-untyped-def]
    qtbot, wizard: SetupWizard, pg_url: str, tmp_path: Path
) -> None:
    legacy, counts = make_legacy(tmp_path / "legacy", students=12, records=40, edge_cases=True)
    reach_migration_page(qtbot, wizard, pg_url)
    page = wizard.migration_page

    page.legacy_edit.setText(str(tmp_path / "nope.db"))
    page.preview_button.click()
    assert page.status.kind == "error" and "does not exist" in page.status.plain

    page.legacy_edit.setText(str(legacy))
    page.preview_button.click()
    qtbot.waitUntil(lambda: not page.busy() and page.status.kind in {"ok", "error"}, timeout=WAIT_MS)
    assert page.status.kind == "ok", page.status.plain
    assert "Dry run (nothing written)" in page.report_view.toPlainText()
    assert count(pg_url, Student.id) == 0  # the preview wrote nothing

    page.migrate_button.click()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no leaving mid-migration
    qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT_MS)
    text = page.report_view.toPlainText()
    assert page.status.kind == "ok", page.status.plain + "\n" + text
    assert "counts and checksums match" in text
    if counts.get("students"):
        assert "Rows kept aside" in text  # the factory's edge cases are listed with reasons
    assert count(pg_url, Student.id) > 0
    wizard.grab().save(str(tmp_path / "04-migration-report.png"))
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_cancel_halfway_then_resume_ends_complete(  # type: ignore[no-untyped-def]
    qtbot, wizard: SetupWizard, pg_url: str, tmp_path: Path
) -> None:
    legacy, _ = make_legacy(tmp_path / "legacy", students=200, records=40_000, edge_cases=False)
    reach_migration_page(qtbot, wizard, pg_url)
    page = wizard.migration_page
    page.legacy_edit.setText(str(legacy))
    page.migrate_button.click()
    assert page.cancel_button.isEnabled()
    # Cancel once the first batch of attendance records is committed.
    qtbot.waitUntil(
        lambda: "attendance_records" in page.stage.text() and page.progress.value() > 0, timeout=WAIT_MS
    )
    page.cancel_button.click()
    qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT_MS)
    assert "stopped" in page.status.plain, page.status.plain
    assert page.reports and page.reports[0].cancelled
    partial = count(pg_url, AttendanceRecord.id)
    assert 0 < partial < 40_000

    page.migrate_button.click()  # resumes: nothing moved twice
    qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT_MS)
    assert page.status.kind == "ok", page.status.plain + "\n" + page.report_view.toPlainText()
    report = page.reports[0]
    records = report.table("attendance_records")
    assert records.already_present == partial
    assert records.moved + records.already_present == count(pg_url, AttendanceRecord.id)


def test_local_database_with_data_is_offered(qtbot, tmp_path: Path, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    settings: Settings = load_settings(data_dir=tmp_path / "data")
    # The kiosk's own file with a class in it, as a kiosk that ran on SQLite leaves it.
    from kiosk.infra.db import schema
    from kiosk.infra.db.models import SchoolClass

    engine = create_engine(f"sqlite:///{settings.local_database_path}")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    schema.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(SchoolClass.__table__.insert().values(code="7B", name="Class 7B"))
    engine.dispose()

    w = SetupWizard(settings)
    qtbot.addWidget(w)
    w.show()
    try:
        reach_migration_page(qtbot, w, pg_url)
        page = w.migration_page
        assert page.local_check.isEnabled() and page.local_check.isChecked()
        assert "1 rows" in page.local_check.text()
        page.preview_button.click()
        qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT_MS)
        assert page.status.kind == "ok", page.status.plain
        assert "kiosk layout" in page.report_view.toPlainText()
    finally:
        w.shutdown()
