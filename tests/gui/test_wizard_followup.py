"""After moving the old app's students, the wizard offers consent on file and re-embedding from
the old photos, and says how many students will be recognisable (real PostgreSQL, real photos,
the real dlib-offline model)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from test_wizard_migration import reach_migration_page

from kiosk.gui.wizard import SetupWizard
from kiosk.gui.wizard.common import PageId
from kiosk.infra.config import load_settings
from tests.conftest import offline_profile_data_dir
from tests.migration.legacy_factory import LegacySpec, make_legacy_db

pytestmark = [pytest.mark.gui, pytest.mark.postgres, pytest.mark.recognition]
WAIT_MS = 180_000


@pytest.fixture
def wizard(qtbot, tmp_path: Path, dlib_models_dir: Path) -> Iterator[SetupWizard]:  # type: ignore[no-untyped-def]
    data = offline_profile_data_dir(tmp_path, dlib_models_dir)
    w = SetupWizard(load_settings(data_dir=data))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.shutdown()


def test_consent_on_file_and_reembedding_make_moved_students_recognisable(  # type: ignore[no-untyped-def]
    qtbot, wizard: SetupWizard, pg_url: str, tmp_path: Path
) -> None:
    legacy = make_legacy_db(
        tmp_path / "legacy", LegacySpec(classes=1, students=4, sessions=1, records=4, photos=2)
    )
    reach_migration_page(qtbot, wizard, pg_url)
    migration = wizard.migration_page
    migration.legacy_edit.setText(str(legacy.path))
    migration.migrate_button.click()
    qtbot.waitUntil(lambda: not migration.busy(), timeout=WAIT_MS)
    assert migration.status.kind == "ok", migration.status.plain

    next_button = wizard.button(QWizard.WizardButton.NextButton)
    next_button.click()
    assert wizard.currentId() == PageId.MODEL
    wizard.model_page.radios["dlib-offline"].setChecked(True)
    qtbot.waitUntil(wizard.model_page.ready, timeout=WAIT_MS)
    next_button.click()
    assert wizard.currentId() == PageId.FOLLOW_UP

    page = wizard.followup_page
    qtbot.waitUntil(lambda: bool(page.coverage_label.text()), timeout=WAIT_MS)
    assert "0 of 4 active students will be recognisable" in page.coverage_label.text()
    assert "4 moved students have no consent record" in page.consent_intro.text()
    assert not page.consent_button.isEnabled()  # nothing is attested without the tick and a text
    page.attest_check.setChecked(True)
    page.attest_edit.setText("Signed forms held by the school office, 2024")
    assert page.consent_button.isEnabled()
    page.consent_button.click()
    qtbot.waitUntil(lambda: not page.busy() and page.status.kind in {"ok", "error"}, timeout=WAIT_MS)
    assert page.status.kind == "ok", page.status.plain
    assert page.needs_consent() == 0
    qtbot.waitUntil(lambda: "0 of 4" in page.coverage_label.text(), timeout=WAIT_MS)  # still the old model's

    assert page.reembed_button.isEnabled()
    page.reembed_button.click()
    assert not next_button.isEnabled()  # no leaving while it runs
    qtbot.waitUntil(lambda: not page.busy() and page.status.kind in {"ok", "error"}, timeout=WAIT_MS)
    assert page.status.kind == "ok", page.status.plain
    assert "2 students enrolled" in page.status.plain
    qtbot.waitUntil(lambda: "2 of 4 active students" in page.coverage_label.text(), timeout=WAIT_MS)
    next_button.click()
    assert wizard.currentId() == PageId.CAMERA
