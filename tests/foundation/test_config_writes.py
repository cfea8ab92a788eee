"""Settings writes edit the per-user file in place: comments and layout survive."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kiosk.core.errors import ConfigError
from kiosk.infra.config import load_settings, write_user_settings

HAND_EDITED = """\
# Room 12's kiosk: set up by Ms Rivera, ask her before changing anything.

[camera]
source = "1"   # the USB camera by the door, not the laptop's own

[attendance]
# The school's rule since 2024: five minutes.
late_grace_minutes = 5
"""


def test_a_comment_survives_a_settings_write(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(HAND_EDITED, encoding="utf-8")
    write_user_settings(path, {"camera": {"source": "rtsp://cam.local/door"}, "gui": {"kiosk_mode": True}})
    text = path.read_text(encoding="utf-8")
    assert "# Room 12's kiosk: set up by Ms Rivera" in text
    assert "# the USB camera by the door" in text
    assert "# The school's rule since 2024: five minutes." in text
    assert text.index("[camera]") < text.index("[attendance]") < text.index("[gui]")
    data = tomllib.loads(text)
    assert data["camera"]["source"] == "rtsp://cam.local/door"
    assert data["attendance"]["late_grace_minutes"] == 5
    assert data["gui"]["kiosk_mode"] is True
    settings = load_settings(data_dir=tmp_path, config_file=path)
    assert settings.camera.source == "rtsp://cam.local/door"


def test_nested_tables_and_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    write_user_settings(path, {"recognition": {"profile": "dlib-offline", "thresholds": {"Dlib": 0.9}}})
    write_user_settings(path, {"recognition": {"thresholds": {"Facenet512": 0.7}}})
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["recognition"] == {"profile": "dlib-offline", "thresholds": {"Dlib": 0.9, "Facenet512": 0.7}}
    assert not path.with_suffix(".tmp").exists()


def test_a_broken_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[camera\nsource = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        write_user_settings(path, {"camera": {"source": "0"}})
    assert path.read_text(encoding="utf-8") == "[camera\nsource = 1\n"
