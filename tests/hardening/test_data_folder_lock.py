"""Fault 10: one running kiosk (window or ``kiosk run``) per data folder; the second says who."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from kiosk.infra.instance_lock import DataFolderLock
from tests.foundation._helpers import assert_clean_failure, run_cli_subprocess

REPO_ROOT = Path(__file__).resolve().parents[2]

HOLD = """
import sys, time
from pathlib import Path
from kiosk.infra.instance_lock import DataFolderLock
DataFolderLock(Path(sys.argv[1]), "kiosk run").acquire()
print("held", flush=True)
time.sleep(120)
"""


def _holder(data_dir: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_second_kiosk_on_one_data_folder_is_refused_and_told_who(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    holder = _holder(data_dir)
    try:
        base = ["--data-dir", str(data_dir)]
        run = run_cli_subprocess([*base, "run", "--class", "7A", "--camera", "0", "--headless"])
        line = assert_clean_failure(run, "Another kiosk is already running", str(data_dir))
        assert f"process {holder.pid} on {socket.gethostname()} since " in line
        window = run_cli_subprocess([*base, "gui"], env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        assert_clean_failure(window, "Another kiosk is already running")
        # Read-only commands are not kiosks: they still work.
        listing = run_cli_subprocess([*base, "class", "list"])
        assert listing.code == 0, listing.err
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # Killed with -9: the kernel dropped the lock, nothing stale remains.
    with DataFolderLock(data_dir, "test"):
        pass
