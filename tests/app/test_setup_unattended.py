"""``kiosk setup --unattended`` on a real SQLite file and real PostgreSQL servers (one checks passwords)."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest

from kiosk.app.admin_pin import verify_pin
from kiosk.app.setup import configured_by_hand, setup_complete
from kiosk.infra.config import Settings, load_settings
from tests.conftest import offline_profile_data_dir
from tests.foundation._helpers import Result, assert_clean_failure, run_cli
from tests.gui.wizard_fixtures import SCRAM_PASSWORD, SCRAM_USER, ScramServer
from tests.gui.wizard_fixtures import scram_server as scram_server


@pytest.fixture
def data(tmp_path: Path, dlib_models_dir: Path) -> Path:
    folder = offline_profile_data_dir(tmp_path, dlib_models_dir)
    (folder / "config.toml").write_text(
        '# Deployed by the school office; do not edit by hand.\n[recognition]\nprofile = "dlib-offline"\n',
        encoding="utf-8",
    )
    return folder


def _setup(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> Result:
    return run_cli(capsys, ["--data-dir", str(data), "setup", "--unattended", *args])


def _settings(data: Path) -> Settings:
    return load_settings(data_dir=data)


def _config(data: Path) -> dict:  # type: ignore[type-arg]
    return tomllib.loads((data / "config.toml").read_text(encoding="utf-8"))


def test_local_setup_is_complete_idempotent_and_keeps_comments(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pin = tmp_path / "pin"
    pin.write_text("482915\n", encoding="utf-8")
    args = (
        "--database", "local", "--kiosk-id", "room-12", "--profile", "dlib-offline", "--camera", "1",
        "--kiosk-mode", "--admin-user", "Ms Rivera", "--admin-pin-file", str(pin),
    )  # fmt: skip
    first = _setup(capsys, data, *args)
    assert first.code == 0, first
    assert "the kiosk connects" in first.out
    config = _config(data)
    assert config["kiosk"]["id"] == "room-12"
    assert config["camera"]["source"] == "1"
    assert config["gui"]["kiosk_mode"] is True
    assert config["gui"]["admin_user"] == "Ms Rivera"
    assert verify_pin("482915", config["gui"]["admin_pin_hash"])
    assert config["database"]["url"] == ""
    assert "# Deployed by the school office" in (data / "config.toml").read_text(encoding="utf-8")
    assert setup_complete(_settings(data))
    assert (data / "kiosk.db").is_file()

    again = _setup(capsys, data, *args)
    assert again.code == 0, again
    assert {k: v for k, v in _config(data).items() if k != "gui"} == {
        k: v for k, v in config.items() if k != "gui"
    }
    assert run_cli(capsys, ["--data-dir", str(data), "class", "list"]).code == 0
    # The first admin account, made once (the re-run found it and added nothing).
    listed = run_cli(capsys, ["--data-dir", str(data), "user", "list"])
    assert listed.out.count("Ms Rivera") == 1 and "admin" in listed.out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), "needs --database"),
        (("--database", "mysql://x@y/z"), "not supported"),
        (("--database", "sqlite:///x.db"), "not a PostgreSQL database"),
        (("--database", "postgresql://kiosk@/kiosk"), "names no server"),
        (("--database", "local", "--profile", "nope"), "Unknown recognition profile"),
        (("--database", "local", "--profile", "facenet512"), "not installed"),
        (("--database", "local", "--camera", "/no/such/video.mp4"), ""),
        (("--database", "local", "--kiosk-id", "room 12"), "not a usable kiosk name"),
        (("--database", "local", "--admin-user", "Ms Rivera"), "go together"),
        (("--database", "local", "--pgpass"), "not the local file"),
        (
            ("--database", "postgresql://kiosk@127.0.0.1:1/kiosk", "--password-file", "/no/such/file"),
            "does not exist",
        ),
        (("--database", "postgresql://kiosk@127.0.0.1:1/kiosk"), "cannot be reached"),
    ],
)
def test_each_bad_input_is_one_line_and_writes_nothing(
    data: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], expected: str
) -> None:
    before = (data / "config.toml").read_bytes()
    assert_clean_failure(_setup(capsys, data, *args), expected)
    assert (data / "config.toml").read_bytes() == before
    assert not setup_complete(_settings(data))


def test_bad_admin_pin_file(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pin = tmp_path / "pin"
    pin.write_text("12ab\n", encoding="utf-8")
    result = _setup(capsys, data, "--database", "local", "--admin-user", "A", "--admin-pin-file", str(pin))
    assert_clean_failure(result, "PIN must be")
    pin.write_text("", encoding="utf-8")
    result = _setup(capsys, data, "--database", "local", "--admin-user", "A", "--admin-pin-file", str(pin))
    assert_clean_failure(result, "is empty")
    assert not setup_complete(_settings(data))


@pytest.mark.postgres
def test_postgres_on_a_trusting_server(
    data: Path, empty_pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    result = _setup(capsys, data, "--database", empty_pg_url, "--camera", "0")
    assert result.code == 0, result
    assert _config(data)["database"]["passfile"] == ""
    listed = run_cli(capsys, ["--data-dir", str(data), "student", "list"])
    assert listed.code == 0, listed


@pytest.mark.postgres
def test_postgres_with_a_password_and_no_keyring_uses_pgpass(
    data: Path, tmp_path: Path, scram_server: ScramServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = scram_server.url(SCRAM_USER, database="kiosk")
    secret = tmp_path / "db-password"
    secret.write_text(SCRAM_PASSWORD + "\n", encoding="utf-8")

    no_keyring = _setup(capsys, data, "--database", url, "--password-file", str(secret))
    assert_clean_failure(no_keyring, "no password store", "--pgpass")

    wrong = tmp_path / "wrong"
    wrong.write_text("not-it\n", encoding="utf-8")
    assert_clean_failure(
        _setup(capsys, data, "--database", url, "--password-file", str(wrong), "--pgpass"),
        "wrong or missing password",
    )
    assert not (data / "pgpass").exists()

    done = _setup(capsys, data, "--database", url, "--password-file", str(secret), "--pgpass")
    assert done.code == 0, done
    passfile = data / "pgpass"
    assert stat.S_IMODE(passfile.stat().st_mode) == 0o600
    assert SCRAM_PASSWORD not in (data / "config.toml").read_text(encoding="utf-8")
    assert _config(data)["database"]["passfile"] == str(passfile)
    assert SCRAM_PASSWORD not in done.both

    # The kiosk, started afresh, connects through the pgpass file alone.
    listed = run_cli(capsys, ["--data-dir", str(data), "student", "list"])
    assert listed.code == 0, listed
    # A re-run without the password keeps the entry already in the file.
    again = _setup(capsys, data, "--database", url, "--pgpass")
    assert again.code == 0, again
    assert passfile.read_text(encoding="utf-8").count("\n") == 1


@pytest.mark.postgres
def test_a_database_configured_by_hand_counts_as_set_up(data: Path, pg_url: str, empty_pg_url: str) -> None:
    (data / "config.toml").write_text(f'[database]\nurl = "{empty_pg_url}"\n', encoding="utf-8")
    assert not configured_by_hand(_settings(data))  # no kiosk schema there yet
    (data / "config.toml").write_text(f'[database]\nurl = "{pg_url}"\n', encoding="utf-8")
    assert configured_by_hand(_settings(data))
    assert setup_complete(_settings(data))  # remembered: the next start does not ask the server
    assert not configured_by_hand(load_settings(data_dir=data / "elsewhere"))  # nothing configured
