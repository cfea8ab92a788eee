"""The [liveness] settings, the factory that builds the configured check, and the doctor's line."""

from __future__ import annotations

from pathlib import Path

import pytest
from fasnet_standin import write_fasnet_standins

from kiosk.app.checks import run_checks
from kiosk.app.database import Database
from kiosk.app.liveness import build_liveness_check, liveness_state
from kiosk.core.errors import ConfigError, WeightsMissing
from kiosk.core.liveness import LivenessPolicy
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.recognition import weights
from kiosk.infra.recognition.liveness_fasnet import FasnetLivenessCheck
from kiosk.infra.recognition.liveness_motion import MotionLivenessCheck
from tests.foundation._helpers import run_cli


def settings_with(tmp_path: Path, text: str) -> Settings:
    config = tmp_path / "kiosk.toml"
    config.write_text(text, encoding="utf-8")
    return load_settings(data_dir=tmp_path / "data", config_file=config, env={})


def test_off_by_default_and_nothing_is_built(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", env={})
    assert settings.liveness.policy == "off" and settings.liveness.check == "auto"
    assert build_liveness_check(settings) is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            '[liveness]\npolicy = "strict"\n',
            "[liveness] policy is 'strict'; it must be one of: off, review, reject.",
        ),
        (
            '[liveness]\ncheck = "blink"\n',
            "[liveness] check is 'blink'; it must be one of: auto, motion, fasnet.",
        ),
        ("[liveness]\npolicy = true\n", "[liveness] policy has the value True, which is not a text"),
        ("[liveness]\nthreshold = 0.5\n", "Unknown setting [liveness] threshold."),
    ],
)
def test_a_wrong_value_is_one_clear_line(tmp_path: Path, text: str, words: str) -> None:
    with pytest.raises(ConfigError) as info:
        settings_with(tmp_path, text)
    assert words in info.value.message
    assert "\n" not in info.value.message


def test_auto_runs_the_motion_check_until_fasnet_is_installed(tmp_path: Path) -> None:
    settings = settings_with(tmp_path, '[liveness]\npolicy = "review"\n')
    state = liveness_state(settings)
    assert (state.policy, state.check, state.problem) == (LivenessPolicy.REVIEW, "motion", None)
    assert isinstance(build_liveness_check(settings), MotionLivenessCheck)

    write_fasnet_standins(tmp_path / "usb")
    weights.import_weights(settings.weights_dir, tmp_path / "usb")
    assert liveness_state(settings).check == "fasnet"
    assert isinstance(build_liveness_check(settings), FasnetLivenessCheck)


def test_fasnet_asked_for_but_not_installed_says_how_to_get_it(tmp_path: Path) -> None:
    settings = settings_with(tmp_path, '[liveness]\npolicy = "reject"\ncheck = "fasnet"\n')
    with pytest.raises(WeightsMissing) as info:
        build_liveness_check(settings)
    assert "kiosk models fetch fasnet" in info.value.hint


def test_motion_asked_for_stays_motion_with_fasnet_installed(tmp_path: Path) -> None:
    settings = settings_with(tmp_path, '[liveness]\npolicy = "reject"\ncheck = "motion"\n')
    write_fasnet_standins(tmp_path / "usb")
    weights.import_weights(settings.weights_dir, tmp_path / "usb")
    assert liveness_state(settings).check == "motion"


def _liveness_line(settings: Settings) -> str:
    checks = run_checks(settings, lambda: Database.open(settings, upgrade=False))
    [line] = [c for c in checks if c.name == "Liveness"]
    return f"{line.mark} {line.detail} {line.fix}"


def test_doctor_reports_the_liveness_state(tmp_path: Path) -> None:
    off = load_settings(data_dir=tmp_path / "off", env={})
    assert _liveness_line(off).startswith(
        "ok off: photos and screens are not checked (FasNet weights not installed)"
    )

    review = settings_with(tmp_path, '[liveness]\npolicy = "review"\n')
    assert _liveness_line(review).startswith("ok policy review, motion check")

    missing = settings_with(tmp_path, '[liveness]\npolicy = "reject"\ncheck = "fasnet"\n')
    line = _liveness_line(missing)
    assert line.startswith("FAIL policy reject, fasnet check") and "kiosk models fetch fasnet" in line


def test_doctor_command_prints_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, ["--data-dir", str(tmp_path / "data"), "doctor"])
    assert "] Liveness: off: photos and screens are not checked" in result.out, result.out
