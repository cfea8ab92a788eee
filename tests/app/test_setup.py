"""The setup service without a screen: what an unattended ``kiosk setup`` would call."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.app.setup import (
    DatabaseChoice,
    PasswordKeeping,
    SetupChoices,
    postgres_from_parts,
    postgres_from_url,
    probe_database,
    save_setup,
    schema_plan,
    setup_complete,
    upgrade_schema,
)
from kiosk.core.errors import ConfigError, DatabaseError, InvalidInput
from kiosk.infra.config import Settings, load_settings


@pytest.fixture
def fresh(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data")


def test_the_local_file_is_probed_planned_and_created(fresh: Settings) -> None:
    local = DatabaseChoice()
    assert probe_database(local, fresh) == str(fresh.local_database_path)
    plan = schema_plan(local, fresh)
    assert plan.current is None and not plan.has_tables and not plan.up_to_date
    assert plan.steps and plan.steps[0].startswith("0001: ")  # each step with its description
    done = upgrade_schema(local, fresh)
    assert done.up_to_date and done.steps == ()
    assert upgrade_schema(local, fresh) == done  # running it twice is harmless


def test_an_unreachable_server_is_one_plain_error(fresh: Settings) -> None:
    nowhere = DatabaseChoice(postgres_from_parts("127.0.0.1", 1, "kiosk", "kiosk", "secret-pw"))
    with pytest.raises(DatabaseError) as info:
        schema_plan(nowhere, fresh)
    assert "cannot be reached" in info.value.message
    assert "secret-pw" not in f"{info.value.message} {info.value.hint}"


def test_save_writes_no_password_and_marks_setup_complete(fresh: Settings) -> None:
    url = postgres_from_url("postgresql://kiosk@db.school.local:5433/kiosk", password="in-memory-only")
    choices = SetupChoices(
        DatabaseChoice(url, sslmode="require"), "dlib-offline", "0", PasswordKeeping.ENVIRONMENT
    )
    with pytest.raises(ConfigError, match="no password store"):  # no keyring in the tests
        save_setup(fresh, replace(choices, password_keeping=PasswordKeeping.KEYRING))
    assert not setup_complete(fresh)
    assert choices.apply_to(fresh).database.url == "postgresql+psycopg://kiosk@db.school.local:5433/kiosk"
    assert not setup_complete(fresh)
    result = save_setup(fresh, choices)
    assert not result.password_stored  # the person sets PGPASSWORD
    assert result.password_keeping is PasswordKeeping.ENVIRONMENT
    raw = result.config_file.read_text(encoding="utf-8")
    assert "in-memory-only" not in raw
    config = tomllib.loads(raw)
    assert config["database"] == {
        "url": "postgresql+psycopg://kiosk@db.school.local:5433/kiosk",
        "sslmode": "require",
        "sslrootcert": "",
        "passfile": "",
    }
    assert config["recognition"]["profile"] == "dlib-offline"
    assert config["camera"]["source"] == "0"
    assert setup_complete(fresh)


def test_save_to_an_unwritable_place_is_one_clear_error(fresh: Settings, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the settings folder should be", encoding="utf-8")
    settings = load_settings(data_dir=blocked / "data")
    with pytest.raises(ConfigError, match="could not be saved"):
        save_setup(settings, SetupChoices(DatabaseChoice(), "dlib-offline", "0"))
    assert not setup_complete(settings)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter the PostgreSQL URL."),
        ("db.school.local", "is not a database URL"),
        ("sqlite:///kiosk.db", "not a PostgreSQL database"),
        ("postgresql:///kiosk", "names no server"),
        ("postgresql://kiosk@db", "names no database"),
    ],
)
def test_bad_urls_are_refused_with_one_message(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        postgres_from_url(text)


def test_bad_server_details_are_refused() -> None:
    with pytest.raises(InvalidInput, match="host name"):
        postgres_from_parts("db school", 5432, "kiosk", "kiosk", "")
    with pytest.raises(InvalidInput, match="port 70000"):
        postgres_from_parts("db", 70000, "kiosk", "kiosk", "")
