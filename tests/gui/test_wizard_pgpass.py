"""Without an OS keyring the wizard ends with a kiosk that connects: through its pgpass file.

Driven with real widgets against a real PostgreSQL that checks passwords (scram-sha-256).
The tests run with keyring's fail backend (``PYTHON_KEYRING_BACKEND``), i.e. no keyring.
"""

from __future__ import annotations

import stat
import tomllib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import wizard_fixtures
from PySide6.QtWidgets import QWizard
from sqlalchemy import create_engine, text
from test_wizard import (
    WAIT_MS,
    click_next,
    enter_parts,
    install_offline_weights,
    open_database_page,
    press_test,
)
from wizard_fixtures import SCRAM_PASSWORD, SCRAM_USER, ScramServer, write_video

from kiosk.app.database import Database
from kiosk.app.setup import setup_complete
from kiosk.gui.wizard import SetupWizard, needs_first_run
from kiosk.gui.wizard.common import PageId
from kiosk.infra.config import load_settings

pytestmark = [pytest.mark.gui, pytest.mark.postgres]
scram_server = wizard_fixtures.scram_server


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.delenv("PGPASSFILE", raising=False)
    import keyring.core

    keyring.core._keyring_backend = None  # re-read the variable


@pytest.fixture
def scram_database(scram_server: ScramServer) -> Iterator[str]:
    name = f"kiosk_wiz_{uuid.uuid4().hex[:8]}"
    admin = create_engine(
        scram_server.url("postgres", scram_server.superuser_password), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} OWNER {SCRAM_USER}"))
    yield name
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def wizard(qtbot, tmp_path: Path) -> Iterator[SetupWizard]:  # type: ignore[no-untyped-def]
    w = SetupWizard(load_settings(data_dir=tmp_path / "data"))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.shutdown()


def test_without_a_keyring_the_wizard_ends_with_a_kiosk_that_connects(  # type: ignore[no-untyped-def]
    qtbot, wizard: SetupWizard, scram_server: ScramServer, scram_database: str, tmp_path: Path
) -> None:
    settings = wizard.state.settings
    open_database_page(wizard)
    enter_parts(wizard, "127.0.0.1", scram_server.port, scram_database, SCRAM_USER, SCRAM_PASSWORD)
    message = press_test(qtbot, wizard)
    assert wizard.database_page.status.kind == "ok", message
    page = wizard.database_page
    assert "no password store" in page.keyring_note.plain
    assert page.pgpass_radio.isChecked() and page.pgpass_radio.isVisible()
    click_next(wizard, PageId.SCHEMA)
    schema_page = wizard.schema_page
    qtbot.waitUntil(lambda: schema_page.current is not None, timeout=WAIT_MS)
    schema_page.apply_button.click()
    qtbot.waitUntil(schema_page.ready, timeout=WAIT_MS)
    click_next(wizard, PageId.MIGRATION)
    click_next(wizard, PageId.MODEL)
    install_offline_weights(qtbot, wizard)
    click_next(wizard, PageId.CAMERA)
    wizard.camera_page.set_source(str(write_video(tmp_path / "door.mp4")))
    click_next(wizard, PageId.DONE)
    done = wizard.done_page
    assert "password file" in done.summary.text()
    done.save_button.click()
    qtbot.waitUntil(done.ready, timeout=WAIT_MS)
    assert done.kiosk_works(), done.status.plain + done.checks_view.text()
    database_check = next(c for c in done.checks if c.name == "Database")
    assert database_check.ok and not database_check.warning, database_check
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted

    passfile = settings.user_config_file.parent / "pgpass"
    assert stat.S_IMODE(passfile.stat().st_mode) == 0o600
    raw = settings.user_config_file.read_text(encoding="utf-8")
    assert SCRAM_PASSWORD not in raw
    assert tomllib.loads(raw)["database"]["passfile"] == str(passfile)
    assert setup_complete(settings) and not needs_first_run(settings)

    # The kiosk, started afresh with only what was saved, connects (no password in memory).
    reloaded = load_settings(data_dir=settings.data_dir)
    database = Database.open(reloaded, upgrade=False)
    try:
        assert database.schema_status().up_to_date
    finally:
        database.close()
