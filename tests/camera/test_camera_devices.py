"""Listing local cameras: cheap, quiet, and right about which /dev/video nodes are cameras."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from kiosk.infra.camera import list_devices
from kiosk.infra.camera.devices import CameraDevice, _linux_devices


def test_list_devices_is_fast_and_quiet(capfd: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    devices = list_devices()
    assert time.monotonic() - started < 1.0
    assert all(isinstance(d, CameraDevice) for d in devices)
    if sys.platform.startswith("linux") and not list(Path("/dev").glob("video*")):
        assert devices == []
    assert capfd.readouterr().err == ""


def _node(dev: Path, sysfs: Path, n: int, name: str, index: str | None = "0") -> None:
    (dev / f"video{n}").write_text("")  # stands in for the character device: only its name is used
    info = sysfs / f"video{n}"
    info.mkdir(parents=True)
    (info / "name").write_text(name + "\n")
    if index is not None:
        (info / "index").write_text(index + "\n")


def test_linux_listing_skips_metadata_nodes_and_high_indexes(tmp_path: Path) -> None:
    dev, sysfs = tmp_path / "dev", tmp_path / "sys"
    dev.mkdir()
    _node(dev, sysfs, 0, "HD Webcam C920")
    _node(dev, sysfs, 1, "HD Webcam C920", index="1")  # its metadata node
    _node(dev, sysfs, 2, "USB Camera", index=None)  # old kernels have no index file
    _node(dev, sysfs, 9, "Capture card")
    (dev / "video-loopback").write_text("")

    found = _linux_devices(5, dev, sysfs)

    assert found == [
        CameraDevice(0, "HD Webcam C920", str(dev / "video0")),
        CameraDevice(2, "USB Camera", str(dev / "video2")),
    ]
    assert found[0].label == "0: HD Webcam C920"
    assert _linux_devices(5, tmp_path / "no-such-dev", sysfs) == []
