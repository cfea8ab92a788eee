"""Configuration: precedence, database settings from the environment, one data folder, clear errors."""

from __future__ import annotations

import tomllib
from dataclasses import asdict, fields
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from kiosk.core.errors import ConfigError
from kiosk.infra import config
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.db.connect import check_connection
from kiosk.infra.db.engine import build_engine, parse_database_url, safe_url

from ._helpers import assert_clean_failure, run_cli

SECRET = "s3cr3t-Pa55word"


def write(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


# --- precedence -------------------------------------------------------------------------


def test_precedence_defaults_then_user_file_then_environment_then_options(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert load_settings(data_dir=data, env={}).database.pool_size == 5  # the documented default

    write(data / "config.toml", '[database]\npool_size = 7\nurl = "sqlite:///from-file.db"\n')
    from_file = load_settings(data_dir=data, env={})
    assert from_file.database.pool_size == 7
    assert from_file.database.url == "sqlite:///from-file.db"

    env = {"DB_POOL_SIZE": "9", "KIOSK_DATABASE_URL": "sqlite:///from-env.db"}
    from_env = load_settings(data_dir=data, env=env)
    assert from_env.database.pool_size == 9
    assert from_env.database.url == "sqlite:///from-env.db"

    from_option = load_settings(data_dir=data, env=env, database_url="sqlite:///from-option.db")
    assert from_option.database.url == "sqlite:///from-option.db"
    assert from_option.database.pool_size == 9


def test_config_option_names_the_user_file(tmp_path: Path) -> None:
    other = write(tmp_path / "elsewhere.toml", "[attendance]\nlate_grace_minutes = 12\n")
    write(tmp_path / "data" / "config.toml", "[attendance]\nlate_grace_minutes = 3\n")
    settings = load_settings(data_dir=tmp_path / "data", config_file=other, env={})
    assert settings.attendance.late_grace_minutes == 12
    assert settings.user_config_file == other


def test_data_dir_option_beats_the_environment(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "option", env={"KIOSK_DATA_DIR": str(tmp_path / "env")})
    assert settings.data_dir == (tmp_path / "option").resolve()


# --- database settings ------------------------------------------------------------------


def test_embedded_default_is_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, env={})
    assert settings.uses_embedded_database
    assert settings.database_url == f"sqlite:///{tmp_path.resolve() / 'kiosk.db'}"


def test_kiosk_database_url_beats_database_url_beats_postgres_parts(tmp_path: Path) -> None:
    parts = {"POSTGRES_HOST": "db.school", "POSTGRES_USER": "kiosk"}
    assert load_settings(data_dir=tmp_path, env=parts).database.url.startswith(
        "postgresql+psycopg://kiosk@db.school"
    )
    with_plain = {**parts, "DATABASE_URL": "postgresql://plain@h/x"}
    assert load_settings(data_dir=tmp_path, env=with_plain).database.url == "postgresql://plain@h/x"
    with_kiosk = {**with_plain, "KIOSK_DATABASE_URL": "postgresql://kiosk@k/y"}
    assert load_settings(data_dir=tmp_path, env=with_kiosk).database.url == "postgresql://kiosk@k/y"


def test_postgres_components_build_a_url_and_the_password_is_never_shown(tmp_path: Path) -> None:
    env = {
        "POSTGRES_HOST": "db.school.example",
        "POSTGRES_PORT": "6543",
        "POSTGRES_DB": "attendance",
        "POSTGRES_USER": "kiosk",
        "POSTGRES_PASSWORD": SECRET,
    }
    settings = load_settings(data_dir=tmp_path, env=env)
    url = make_url(settings.database_url)
    assert (url.host, url.port, url.database, url.username, url.password) == (
        "db.school.example",
        6543,
        "attendance",
        "kiosk",
        SECRET,
    )
    shown = safe_url(settings.database_url)
    assert SECRET not in shown
    assert "db.school.example:6543/attendance" in shown
    assert SECRET not in safe_url(parse_database_url(settings.database_url))


def test_postgres_components_default_port_and_database(tmp_path: Path) -> None:
    url = make_url(
        load_settings(data_dir=tmp_path, env={"POSTGRES_HOST": "h", "POSTGRES_USER": "u"}).database_url
    )
    assert (url.port, url.database, url.password) == (5432, "u", None)


def test_postgres_port_must_be_a_number(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="POSTGRES_PORT must be a number"):
        load_settings(data_dir=tmp_path, env={"POSTGRES_HOST": "h", "POSTGRES_PORT": "fivefourthree"})


@pytest.mark.postgres
def test_pool_settings_from_the_environment_reach_the_engine(pg_url: str, tmp_path: Path) -> None:
    env = {"KIOSK_DATABASE_URL": pg_url, "DB_POOL_SIZE": "3", "DB_MAX_OVERFLOW": "4", "DB_POOL_RECYCLE": "77"}
    settings = load_settings(data_dir=tmp_path, env=env)
    engine = build_engine(settings)
    try:
        pool = engine.pool
        assert pool.size() == 3  # type: ignore[attr-defined]
        assert pool._max_overflow == 4  # type: ignore[attr-defined]
        assert pool._recycle == 77
        assert pool._pre_ping is True
        check_connection(engine)  # and the pool really connects
    finally:
        engine.dispose()


def test_pool_setting_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[database\] pool_size.*'lots'.*whole number"):
        load_settings(data_dir=tmp_path, env={"DB_POOL_SIZE": "lots"})


# --- one data folder ---------------------------------------------------------------------


def _assert_everything_under(settings: Settings, root: Path) -> None:
    root = root.resolve()
    for path in (
        settings.local_database_path,
        settings.cache_dir,
        settings.weights_dir,
        settings.log_dir,
        settings.user_config_file,
    ):
        assert path.is_relative_to(root), f"{path} is outside {root}"
    assert settings.database_url == f"sqlite:///{root / 'kiosk.db'}"


def test_kiosk_data_dir_moves_everything_under_one_folder(tmp_path: Path) -> None:
    _assert_everything_under(load_settings(env={"KIOSK_DATA_DIR": str(tmp_path / "k1")}), tmp_path / "k1")
    _assert_everything_under(load_settings(data_dir=tmp_path / "k2", env={}), tmp_path / "k2")


def test_data_dir_option_on_the_cli_writes_only_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env_dir, option_dir = tmp_path / "from-env", tmp_path / "from-option"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(env_dir))
    write(option_dir / "config.toml", "[kiosk]\nid = 'room-12'\n")  # the user file lives there too
    result = run_cli(capsys, ["--data-dir", str(option_dir), "db", "upgrade"])
    assert result.code == 0, result
    assert (option_dir / "kiosk.db").is_file()
    assert (option_dir / "logs" / "kiosk.log").is_file()
    assert not env_dir.exists()
    assert load_settings(data_dir=option_dir).effective_kiosk_id == "room-12"

    # Without the option, KIOSK_DATA_DIR decides.
    result = run_cli(capsys, ["db", "upgrade"])
    assert result.code == 0, result
    assert (env_dir / "kiosk.db").is_file()


# --- bad configuration --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[database\npool_size = 5\n", r"is not valid TOML"),
        ("[databse]\nurl = ''\n", r"Unknown configuration section\(s\): databse"),
        ("[database]\npool_sise = 5\n", r"Unknown setting \[database\] pool_sise"),
        ("[kiosk]\nname = 'x'\n", r"Unknown setting \[kiosk\] name"),
        (
            "[database]\npool_size = 'five'\n",
            r"\[database\] pool_size has the value 'five', which is not a whole",
        ),
        ("[database]\npool_size = 2.5\n", r"\[database\] pool_size has the value 2.5"),
        (
            "[gui]\nkiosk_mode = 'maybe'\n",
            r"\[gui\] kiosk_mode has the value 'maybe', which is not a true or false",
        ),
        ("[recognition]\nvote_window_seconds = true\n", r"\[recognition\] vote_window_seconds"),
        ("database = 5\n", r"must be a section"),
        ("[recognition]\nprofile = 'magic'\n", r"Unknown recognition profile 'magic'"),
    ],
)
def test_bad_configuration_is_a_config_error_with_a_clear_message(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = write(tmp_path / "data" / "config.toml", content)
    with pytest.raises(ConfigError, match=expected) as info:
        load_settings(data_dir=tmp_path / "data", env={})
    if "TOML" in expected:
        assert str(path) in info.value.message
    assert info.value.hint


def test_missing_config_file_named_on_the_command_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(data_dir=tmp_path, config_file=tmp_path / "nope.toml", env={})


def test_bad_configuration_reaches_the_cli_as_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path / "bad.toml", "[database]\npool_size = [1, 2]\n")
    result = run_cli(capsys, ["--config", str(bad), "--data-dir", str(tmp_path / "d"), "class", "list"])
    assert_clean_failure(result, "[database] pool_size")


# --- documented defaults ------------------------------------------------------------------


def test_dataclass_defaults_equal_the_documented_config_toml() -> None:
    documented = tomllib.loads(config.REPO_DEFAULTS.read_text(encoding="utf-8"))
    assert set(documented) == set(config._SECTIONS) | {"kiosk"}
    plain = Settings(data_dir=Path("x"), user_config_file=Path("y"))
    assert documented["kiosk"] == {
        "id": plain.kiosk_id,
        "sessions_without_login": plain.sessions_without_login,
        "lock_after_minutes": plain.lock_after_minutes,
    }
    for name, cls in config._SECTIONS.items():
        defaults = asdict(cls())
        assert set(documented[name]) == {f.name for f in fields(cls)}, f"[{name}] documents other keys"
        assert documented[name] == defaults, f"[{name}] in config.toml differs from the code's defaults"


# --- SQLite PRAGMAs -----------------------------------------------------------------------


def test_sqlite_connections_get_the_safety_pragmas(tmp_path: Path) -> None:
    engine = build_engine(load_settings(data_dir=tmp_path, env={}))
    try:
        with engine.connect() as conn:
            got = {
                pragma: conn.execute(text(f"PRAGMA {pragma}")).scalar()
                for pragma in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
            }
    finally:
        engine.dispose()
    assert got == {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 2, "busy_timeout": 5000}


def test_kiosk_access_settings_are_read_and_checked(tmp_path: Path) -> None:
    good = write(tmp_path / "good.toml", "[kiosk]\nsessions_without_login = true\nlock_after_minutes = 2\n")
    settings = load_settings(data_dir=tmp_path, config_file=good, env={})
    assert settings.sessions_without_login and settings.lock_after_minutes == 2.0
    bad = write(tmp_path / "bad.toml", "[kiosk]\nsessions_without_login = 'sometimes'\n")
    with pytest.raises(ConfigError, match=r"\[kiosk\] sessions_without_login"):
        load_settings(data_dir=tmp_path, config_file=bad, env={})
