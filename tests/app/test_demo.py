"""``kiosk demo --headless``: the whole kiosk with no camera, network or server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.recognition, pytest.mark.slow]


def test_demo_headless_marks_everyone_in_the_stream_and_not_the_stranger(tmp_path: Path) -> None:
    env_dir = tmp_path / "demo"
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(env_dir), "demo", "--headless"],
        capture_output=True,
        text=True,
        timeout=540,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Present: 5" in out
    assert "Absent: 1" in out
    for name in ("Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov"):
        assert "present  person0" in out and name in out
    assert "absent   person06     Donald Knuth" in out
    assert "the stranger was not marked" in out
    assert "frames/s" in out and "Demo finished in" in out
    assert "Traceback" not in proc.stderr


def test_plain_kiosk_without_display_names_the_headless_commands(tmp_path: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode != 0
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "kiosk demo --headless" in lines[0] and "kiosk run" in lines[0]
