"""The setup wizard, driven page by page with real widgets (offscreen) and a real PostgreSQL."""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import wizard_fixtures
from PySide6.QtWidgets import QWizard
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from wizard_fixtures import SCRAM_PASSWORD, SCRAM_USER, ScramServer, write_video

from kiosk.gui.wizard import SetupWizard, needs_first_run
from kiosk.gui.wizard.common import PageId
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.db import schema
from kiosk.infra.recognition import weights

pytestmark = pytest.mark.gui
# Fixtures shared by the wizard test modules (tests/gui has no conftest of its own).
scram_server = wizard_fixtures.scram_server
no_create_db = wizard_fixtures.no_create_db

SHOTS = Path(os.environ.get("KIOSK_WIZARD_SHOTS", Path(tempfile.gettempdir()) / "kiosk-wizard-shots"))
WAIT_MS = 30_000


def shot(wizard: SetupWizard, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert wizard.grab().save(str(SHOTS / f"{name}.png"))


def click_next(wizard: SetupWizard, expected: int) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), f"Next is disabled on page {wizard.currentId()}"
    button.click()
    assert wizard.currentId() == expected


def click_back(wizard: SetupWizard, expected: int) -> None:
    wizard.button(QWizard.WizardButton.BackButton).click()
    assert wizard.currentId() == expected


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


def open_database_page(wizard: SetupWizard) -> None:
    assert wizard.currentId() == PageId.WELCOME
    click_next(wizard, PageId.DATABASE)


def press_test(qtbot, wizard: SetupWizard) -> str:  # type: ignore[no-untyped-def]
    page = wizard.database_page
    page.test_button.click()
    qtbot.waitUntil(lambda: not page.busy() and page.status.kind in {"ok", "error"}, timeout=WAIT_MS)
    return page.status.plain


def enter_url(wizard: SetupWizard, url: str, password: str = "") -> None:
    page = wizard.database_page
    page.pg_radio.setChecked(True)
    page.url_radio.setChecked(True)
    page.url_edit.setText(url)
    page.password_edit.setText(password)


def enter_parts(wizard: SetupWizard, host: str, port: int, database: str, user: str, password: str) -> None:
    page = wizard.database_page
    page.pg_radio.setChecked(True)
    page.parts_radio.setChecked(True)
    page.host_edit.setText(host)
    page.port_spin.setValue(port)
    page.db_edit.setText(database)
    page.user_edit.setText(user)
    page.password_edit.setText(password)


def next_enabled(wizard: SetupWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


# --- the Test button's messages ---------------------------------------------------------------


@pytest.mark.postgres
def test_unreachable_server_is_explained(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as sock:  # a port nobody listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    open_database_page(wizard)
    enter_parts(wizard, "127.0.0.1", port, "kiosk", "postgres", "")
    message = press_test(qtbot, wizard)
    assert wizard.database_page.status.kind == "error"
    assert f"PostgreSQL at 127.0.0.1:{port} cannot be reached" in message
    assert "server is running" in message
    assert not next_enabled(wizard)
    shot(wizard, "02-database-unreachable")


@pytest.mark.postgres
def test_wrong_password_is_explained_and_never_shown(
    qtbot, wizard: SetupWizard, scram_server: ScramServer
) -> None:  # type: ignore[no-untyped-def]
    open_database_page(wizard)
    enter_parts(wizard, "127.0.0.1", scram_server.port, "kiosk", SCRAM_USER, "not-the-password")
    message = press_test(qtbot, wizard)
    assert "wrong or missing password" in message
    assert "not-the-password" not in message
    assert not next_enabled(wizard)

    wizard.database_page.password_edit.setText(SCRAM_PASSWORD)
    message = press_test(qtbot, wizard)
    assert wizard.database_page.status.kind == "ok", message
    # This machine has no keyring: the page says so and offers the pgpass file (chosen) or PGPASSWORD.
    assert "no password store" in wizard.database_page.keyring_note.plain
    assert wizard.database_page.keeping_box.isVisible()
    assert wizard.database_page.pgpass_radio.isChecked()
    assert next_enabled(wizard)
    shot(wizard, "02-database-no-keyring")


@pytest.mark.postgres
def test_missing_database_is_explained(qtbot, wizard: SetupWizard, pg_server) -> None:  # type: ignore[no-untyped-def]
    url = pg_server.base_url.set(database="kiosk_no_such_db").render_as_string(hide_password=False)
    open_database_page(wizard)
    enter_url(wizard, url)
    message = press_test(qtbot, wizard)
    assert "has no database named 'kiosk_no_such_db'" in message
    assert "createdb" in message
    assert not next_enabled(wizard)


@pytest.mark.postgres
def test_a_classroom_account_is_taken_and_the_owner_asked_for_the_tables(
    qtbot, wizard: SetupWizard, empty_pg_url: str
) -> None:  # type: ignore[no-untyped-def]
    """The kiosk runs as kiosk_device (no CREATE rights): the wizard takes it, and asks for the
    owner's account only for creating the tables, which are then granted to the device."""
    from kiosk.infra.db.roles import RoleNames, create_roles, drop_roles

    names = RoleNames.with_prefix(f"w{os.getpid()}_")
    superuser = create_engine(empty_pg_url)
    create_roles(superuser, names)
    try:
        open_database_page(wizard)
        enter_url(
            wizard, make_url(empty_pg_url).set(username=names.device).render_as_string(hide_password=False)
        )
        message = press_test(qtbot, wizard)
        assert wizard.database_page.status.kind == "ok", message
        wizard.database_page.env_radio.setChecked(True)
        click_next(wizard, PageId.SCHEMA)
        page = wizard.schema_page
        qtbot.waitUntil(lambda: page.current is not None, timeout=WAIT_MS)
        assert page.current is not None and not page.current.can_change
        assert page.owner_box.isVisibleTo(page) and "owner" in page.status.plain
        page.owner_user.setText(names.owner)
        page.apply_button.click()
        qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT_MS)
        assert page.status.kind == "ok", page.status.plain
        assert page.ready()  # read back as the device: up to date, and readable
        assert wizard.state.owner is not None and "owner" not in str(wizard.state.choices())
    finally:
        drop_roles(superuser, names)
        superuser.dispose()


def test_bad_input_gets_one_clear_message(wizard: SetupWizard) -> None:
    open_database_page(wizard)
    page = wizard.database_page
    enter_parts(wizard, "", 5432, "kiosk", "postgres", "")
    page.test_button.click()
    assert page.status.kind == "error"
    assert page.status.plain.startswith("Enter the PostgreSQL server's host name")
    enter_url(wizard, "mysql://root@db/kiosk")
    page.test_button.click()
    assert "not supported" in page.status.plain
    enter_url(wizard, "sqlite:///tmp/x.db")
    page.test_button.click()
    assert "not a PostgreSQL database" in page.status.plain
    assert not next_enabled(wizard)


# --- whole runs ---------------------------------------------------------------------------------


def install_offline_weights(qtbot, wizard: SetupWizard) -> None:  # type: ignore[no-untyped-def]
    """Choose dlib-offline and import its files from the package folder, as from a USB stick."""
    page = wizard.model_page
    folder = weights.offline_package_folder()
    assert folder is not None
    page.radios["dlib-offline"].setChecked(True)
    assert not next_enabled(wizard)  # nothing installed yet in this fresh data folder
    page.import_edit.setText(str(folder))
    page.import_button.click()
    qtbot.waitUntil(lambda: not page.busy() and page.status.kind in {"ok", "error"}, timeout=WAIT_MS)
    assert page.status.kind == "ok", page.status.plain
    assert page.ready()


@pytest.mark.postgres
def test_full_run_writes_config_without_password(  # type: ignore[no-untyped-def]
    qtbot, wizard: SetupWizard, wiz_settings: Settings, empty_pg_url: str, tmp_path: Path
) -> None:
    assert needs_first_run(wiz_settings)
    shot(wizard, "01-welcome")
    open_database_page(wizard)
    enter_url(wizard, empty_pg_url, password="only-in-memory-pw")
    assert not next_enabled(wizard)  # untested details cannot be taken
    message = press_test(qtbot, wizard)
    assert wizard.database_page.status.kind == "ok", message
    wizard.database_page.env_radio.setChecked(True)  # no keyring here: the PGPASSWORD way
    shot(wizard, "02-database-ok")
    click_next(wizard, PageId.SCHEMA)

    page = wizard.schema_page
    qtbot.waitUntil(lambda: page.current is not None, timeout=WAIT_MS)
    assert "is empty" in page.plan.text()
    assert "0001" in page.plan.text()  # the pending revisions are listed before anything runs
    assert not next_enabled(wizard)
    shot(wizard, "03-schema-plan")
    page.apply_button.click()
    qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT_MS)
    assert page.status.kind == "ok", page.status.plain
    assert page.ready()
    shot(wizard, "03-schema-done")
    click_next(wizard, PageId.MIGRATION)
    shot(wizard, "04-migration")
    click_next(wizard, PageId.MODEL)

    install_offline_weights(qtbot, wizard)
    shot(wizard, "05-model")
    click_next(wizard, PageId.CAMERA)

    video = write_video(tmp_path / "door.mp4")
    camera = wizard.camera_page
    camera.set_source(str(video))
    camera.preview_button.click()
    qtbot.waitUntil(lambda: not camera.busy() and camera.status.kind in {"ok", "error"}, timeout=WAIT_MS)
    assert camera.status.kind == "ok", camera.status.plain
    assert camera.frames_shown > 0
    assert camera.picture.pixmap() is not None and not camera.picture.pixmap().isNull()
    shot(wizard, "06-camera")
    click_next(wizard, PageId.DONE)
    assert "PGPASSWORD" in wizard.done_page.summary.text()
    shot(wizard, "07-done")
    assert not wiz_settings.user_config_file.exists()  # nothing written before Finish
    wizard.done_page.admin_name.setText("head")  # the first admin account
    wizard.done_page.admin_pin.setText("1357")

    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()  # save and check first
    done = wizard.done_page
    done.save_button.click()
    qtbot.waitUntil(done.ready, timeout=WAIT_MS)
    assert {c.name for c in done.checks} >= {"Database", "Recognition", "Face models"}
    assert "Recognition" in done.checks_view.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    from kiosk.app.accounts import AccountService
    from kiosk.core.authz import Role

    accounts_engine = create_engine(empty_pg_url)
    assert AccountService(accounts_engine).sign_in("head", "1357").role is Role.ADMIN
    accounts_engine.dispose()
    raw = wiz_settings.user_config_file.read_text(encoding="utf-8")
    assert "only-in-memory-pw" not in raw
    config = tomllib.loads(raw)
    assert make_url(config["database"]["url"]) == make_url(empty_pg_url)
    assert make_url(config["database"]["url"]).password is None
    assert config["recognition"]["profile"] == "dlib-offline"
    assert config["camera"]["source"] == str(video)
    assert not needs_first_run(wiz_settings)

    reloaded = load_settings(data_dir=wiz_settings.data_dir)
    assert reloaded.database.url == config["database"]["url"]
    engine = create_engine(empty_pg_url)
    try:
        assert schema.status(engine).up_to_date
    finally:
        engine.dispose()


def test_local_run_skips_migration_goes_back_and_cancel_writes_nothing(  # type: ignore[no-untyped-def]
    qtbot, wizard: SetupWizard, wiz_settings: Settings
) -> None:
    wiz_settings.user_config_file.parent.mkdir(parents=True, exist_ok=True)
    wiz_settings.user_config_file.write_text('[camera]\nsource = "3"\n', encoding="utf-8")
    before = wiz_settings.user_config_file.read_bytes()

    open_database_page(wizard)
    assert wizard.database_page.local_radio.isChecked()
    click_next(wizard, PageId.SCHEMA)
    page = wizard.schema_page
    qtbot.waitUntil(lambda: page.current is not None, timeout=WAIT_MS)
    page.apply_button.click()
    qtbot.waitUntil(lambda: page.ready(), timeout=WAIT_MS)
    click_next(wizard, PageId.MODEL)  # the local file needs no migration
    click_back(wizard, PageId.SCHEMA)
    qtbot.waitUntil(lambda: page.ready(), timeout=WAIT_MS)  # re-read: already up to date
    assert "up to date" in page.plan.text()
    click_back(wizard, PageId.DATABASE)
    click_next(wizard, PageId.SCHEMA)
    qtbot.waitUntil(lambda: page.ready(), timeout=WAIT_MS)
    click_next(wizard, PageId.MODEL)

    wizard.reject()  # closed halfway
    assert wizard.result() == QWizard.DialogCode.Rejected
    assert wiz_settings.user_config_file.read_bytes() == before
    assert needs_first_run(wiz_settings)


@pytest.mark.postgres
def test_cancel_after_schema_on_postgres_writes_no_config(  # type: ignore[no-untyped-def]
    qtbot, wizard: SetupWizard, wiz_settings: Settings, empty_pg_url: str
) -> None:
    open_database_page(wizard)
    enter_url(wizard, empty_pg_url)
    assert wizard.database_page.status.kind in {"info", ""}
    press_test(qtbot, wizard)
    click_next(wizard, PageId.SCHEMA)
    page = wizard.schema_page
    qtbot.waitUntil(lambda: page.current is not None, timeout=WAIT_MS)
    page.apply_button.click()
    qtbot.waitUntil(lambda: page.ready(), timeout=WAIT_MS)
    click_next(wizard, PageId.MIGRATION)
    wizard.reject()
    assert not wiz_settings.user_config_file.exists()
    assert needs_first_run(wiz_settings)


# --- page-level errors ----------------------------------------------------------------------


def test_model_and_camera_pages_explain_bad_input(qtbot, wizard: SetupWizard, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard.setStartId(PageId.MODEL)
    wizard.restart()
    model = wizard.model_page
    model.radios["dlib-offline"].setChecked(True)
    model.import_edit.setText(str(tmp_path / "no-such-usb"))
    model.import_button.click()
    qtbot.waitUntil(lambda: not model.busy() and model.status.kind == "error", timeout=WAIT_MS)
    assert "does not exist" in model.status.plain
    empty = tmp_path / "empty-usb"
    empty.mkdir()
    model.import_edit.setText(str(empty))
    model.import_button.click()
    qtbot.waitUntil(
        lambda: not model.busy() and "No known weight file" in model.status.plain, timeout=WAIT_MS
    )
    assert not next_enabled(wizard)

    wizard.setStartId(PageId.CAMERA)
    wizard.restart()
    camera = wizard.camera_page
    camera.set_source(str(tmp_path / "missing.mp4"))
    camera.preview_button.click()
    qtbot.waitUntil(lambda: not camera.busy() and camera.status.kind == "error", timeout=WAIT_MS)
    assert "does not exist" in camera.status.plain
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == PageId.CAMERA  # refused, with the same one message
    assert "does not exist" in camera.status.plain


def test_setup_command_without_display_names_the_alternatives(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from kiosk.cli.main import main

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert main(["setup"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "kiosk migrate" in err and "KIOSK_DATABASE_URL" in err
