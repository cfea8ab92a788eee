"""deepface's FasNet through its ONNX engine, with generated stand-in graphs.

The real MiniFASNet weights cannot be downloaded here: two tiny graphs with their exact
signature ((N, 80, 80, 3) pixels in, (N, 3) softmax out, deepface's file names) stand in,
so the import, the checksums, deepface's loading path, the crops and our voting are real.
The stand-ins call a bright, washed-out face a spoof (see fasnet_standin.py).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import cv2
import numpy as np
import pytest
from fasnet_standin import FILES, write_fasnet_standin, write_fasnet_standins

from kiosk.core.domain import FaceBox
from kiosk.core.errors import WeightsMissing
from kiosk.core.liveness import Liveness
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.recognition import weights
from kiosk.infra.recognition.liveness_fasnet import FasnetLivenessCheck, model_class_name
from kiosk.infra.recognition.profiles import FASNET
from kiosk.infra.recognition.weights import FileState, WeightsCorrupt
from tests.foundation._helpers import run_cli

PORTRAIT = Path(__file__).resolve().parents[1] / "data" / "faces" / "people" / "person01" / "1.jpg"


def settings_for(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", env={})


def portrait_and_box() -> tuple[np.ndarray, FaceBox]:
    image = cv2.imread(str(PORTRAIT))
    h, w = image.shape[:2]
    return image, FaceBox(w // 4, h // 5, w // 2, w // 2)


def installed(tmp_path: Path) -> Settings:
    settings = settings_for(tmp_path)
    write_fasnet_standins(tmp_path / "usb")
    assert sorted(weights.import_weights(settings.weights_dir, tmp_path / "usb")) == sorted(FILES)
    return settings


def test_imported_graphs_load_through_deepfaces_onnx_fasnet(tmp_path: Path) -> None:
    settings = installed(tmp_path)
    states = {f.file_name: f.state for f in weights.profile_status(settings.weights_dir, FASNET).files}
    assert set(states.values()) == {FileState.INSTALLED}

    check = FasnetLivenessCheck(settings.weights_dir)

    assert model_class_name(check) == "deepface.models.spoofing.onnx.FasNet.Fasnet"
    image, box = portrait_and_box()
    assert check.judge(image, box)[0] is True  # a normal photo: "real" for the stand-in
    glare = cv2.convertScaleAbs(image, alpha=0.4, beta=200)
    assert check.judge(glare, box)[0] is False


def test_the_verdict_is_a_vote_over_frames(tmp_path: Path) -> None:
    check = FasnetLivenessCheck(installed(tmp_path).weights_dir)
    image, box = portrait_and_box()
    glare = cv2.convertScaleAbs(image, alpha=0.4, beta=200)

    for i in range(2):
        check.observe(1, image, box, i)
        check.observe(2, glare, box, i)
    assert check.verdict(1) is Liveness.UNSURE  # two frames are not enough
    check.observe(1, image, box, 2)
    check.observe(2, glare, box, 2)
    assert check.verdict(1) is Liveness.LIVE
    assert check.verdict(2) is Liveness.SPOOF
    check.observe(1, glare, box, 3)  # one glaring frame among four live ones
    assert check.verdict(1) is Liveness.UNSURE  # 3 of 4: below the 80% a LIVE needs
    check.forget([1, 2])
    assert check.verdict(1) is Liveness.UNSURE and check.verdict(2) is Liveness.UNSURE
    assert check.verdict(99) is Liveness.UNSURE


def test_without_its_weights_the_check_names_the_ways_on(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    with pytest.raises(WeightsMissing) as info:
        FasnetLivenessCheck(settings.weights_dir)
    assert "2.7_80x80_MiniFASNetV2.onnx" in info.value.message
    assert "kiosk models import PATH" in info.value.hint


def test_a_graph_with_the_wrong_signature_is_refused_and_nothing_installed(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    stick = tmp_path / "usb"
    write_fasnet_standin(stick / FILES[0])
    write_fasnet_standin(stick / FILES[1], output_dim=2)  # two classes: not deepface's graph

    with pytest.raises(WeightsCorrupt, match="expected"):
        weights.import_weights(settings.weights_dir, stick)
    assert weights.profile_status(settings.weights_dir, FASNET).missing == FILES


def test_a_failed_download_says_to_import_and_leaves_no_file(tmp_path: Path) -> None:
    """deepface's real downloader, pointed at a port where nothing listens."""
    offline = dataclasses.replace(
        FASNET,
        weights=tuple(
            dataclasses.replace(wf, sources=(f"http://127.0.0.1:9/{wf.file_name}",)) for wf in FASNET.weights
        ),
    )
    settings = settings_for(tmp_path)

    with pytest.raises(WeightsMissing) as info:
        weights.fetch(settings.weights_dir, offline)

    assert "could not be downloaded" in info.value.message
    assert "kiosk models import PATH" in info.value.hint
    assert "kiosk models use" not in info.value.hint  # not a recognition profile
    assert list(weights.weights_folder(settings.weights_dir).glob("*MiniFASNet*")) == []


def test_models_import_and_status_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    write_fasnet_standins(tmp_path / "usb")

    before = run_cli(capsys, ["--data-dir", str(data), "models", "status"])
    assert "fasnet (add-on: liveness): not installed" in before.out

    imported = run_cli(capsys, ["--data-dir", str(data), "models", "import", str(tmp_path / "usb")])
    assert imported.code == 0, imported.both
    assert "2.7_80x80_MiniFASNetV2.onnx: imported" in imported.out
    assert "The fasnet liveness weights are ready." in imported.out
    after = run_cli(capsys, ["--data-dir", str(data), "models", "status"])
    assert "fasnet (add-on: liveness): ready" in after.out

    unknown = run_cli(capsys, ["--data-dir", str(data), "models", "fetch", "fasnett"])
    assert unknown.code != 0 and "Unknown model set 'fasnett'" in unknown.both
    assert "Traceback" not in unknown.both
