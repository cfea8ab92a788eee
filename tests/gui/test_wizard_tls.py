"""Issue 15 item 4: the wizard's database page offers verify-full with the school's CA file.

Against a real TLS-only PostgreSQL with a CA made by the test (tests/tls_server.py): without
the CA the test of the connection fails with a plain sentence, with it the test passes, and
the saved configuration names the CA file (and never a password).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from tls_server import TlsPostgres

from kiosk.app.setup import DatabaseChoice, SetupChoices, postgres_from_url, probe_database, save_setup
from kiosk.core.errors import DatabaseError
from kiosk.gui.wizard.wizard import PageId, SetupWizard
from kiosk.infra.config import Settings, load_settings

pytestmark = [pytest.mark.postgres, pytest.mark.gui]
WAIT_MS = 30_000


@pytest.fixture
def wiz_settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data")


@pytest.fixture
def wizard(qtbot, wiz_settings: Settings) -> Iterator[SetupWizard]:  # type: ignore[no-untyped-def]
    w = SetupWizard(wiz_settings)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.shutdown()


def _press_test(qtbot, wizard: SetupWizard) -> str:  # type: ignore[no-untyped-def]
    page = wizard.database_page
    page.test_button.click()
    qtbot.waitUntil(lambda: not page.busy() and page.status.kind in {"ok", "error"}, timeout=WAIT_MS)
    return page.status.plain


def test_the_database_page_checks_the_server_with_the_chosen_ca(  # type: ignore[no-untyped-def]
    qtbot, wizard: SetupWizard, tls_postgres: TlsPostgres
) -> None:
    from PySide6.QtWidgets import QWizard

    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == PageId.DATABASE
    page = wizard.database_page
    page.pg_radio.setChecked(True)
    page.url_radio.setChecked(True)
    page.url_edit.setText(tls_postgres.url())
    assert not page.ca_edit.isVisible()  # only verify-ca / verify-full need the CA
    page.ssl_combo.setCurrentIndex(page.ssl_combo.findData("verify-full"))
    assert page.ca_edit.isVisible() and page.ca_button.isVisible()
    message = _press_test(qtbot, wizard)
    assert page.status.kind == "error"
    assert "secure connection" in message
    page.ca_edit.setText(str(tls_postgres.ca.cert_path))
    _press_test(qtbot, wizard)
    assert page.status.kind == "ok", page.status.plain
    choice = page.choice()
    assert (choice.sslmode, choice.sslrootcert) == ("verify-full", str(tls_postgres.ca.cert_path))


def test_probe_and_save_with_verify_full(tls_postgres: TlsPostgres, wiz_settings: Settings) -> None:
    url = postgres_from_url(tls_postgres.url())
    with pytest.raises(DatabaseError, match="secure connection"):
        probe_database(DatabaseChoice(url, sslmode="verify-full"), wiz_settings)
    choice = DatabaseChoice(url, sslmode="verify-full", sslrootcert=str(tls_postgres.ca.cert_path))
    assert probe_database(choice, wiz_settings)
    result = save_setup(wiz_settings, SetupChoices(choice, "dlib-offline", "0"))
    config = tomllib.loads(result.config_file.read_text(encoding="utf-8"))
    assert config["database"]["sslmode"] == "verify-full"
    assert config["database"]["sslrootcert"] == str(tls_postgres.ca.cert_path)
    reloaded = load_settings(data_dir=wiz_settings.data_dir)
    assert reloaded.database.sslrootcert == str(tls_postgres.ca.cert_path)
