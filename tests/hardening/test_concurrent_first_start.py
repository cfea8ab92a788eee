"""Fault 9: many kiosks starting at once on a fresh data folder.

Before: a fixed temp name (cache.tmp) made one of 15 processes crash with FileNotFoundError,
and two processes could each make a key, the later one replacing the earlier one's on disk.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 15

MAKE_KEY = """
import base64, sys, time
from pathlib import Path
from kiosk.infra.config import load_settings
from kiosk.infra.offline.keys import load_or_create_key
settings = load_settings(data_dir=Path(sys.argv[1]))
while time.time() < float(sys.argv[2]):
    pass  # all processes start writing at the same instant
print(base64.b64encode(load_or_create_key(settings)).decode())
"""

WRITE_SETTINGS = """
import sys, time
from pathlib import Path
from kiosk.infra.config import write_user_settings
while time.time() < float(sys.argv[2]):
    pass
write_user_settings(Path(sys.argv[1]) / "config.toml", {"camera": {"source": sys.argv[3]}})
"""


def _race(script: str, data_dir: Path, *extra: str) -> list[subprocess.CompletedProcess[str]]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no OS keyring: the key goes to the key file
    start_at = str(time.time() + 3.0)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(data_dir), start_at, *extra, str(i)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for i in range(PROCESSES)
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    return results


def test_fifteen_first_starts_share_one_cache_key(tmp_path: Path) -> None:
    data_dir = tmp_path / "fresh"
    results = _race(MAKE_KEY, data_dir)
    for r in results:
        assert r.returncode == 0, r.stderr
    keys = {r.stdout.strip() for r in results}
    assert len(keys) == 1, "every kiosk must use the key that is on disk"
    on_disk = data_dir / "cache.key"
    if on_disk.exists():
        assert on_disk.read_text(encoding="ascii").strip() in keys
        assert on_disk.stat().st_mode & 0o077 == 0
    assert not list(data_dir.glob("*.tmp")), "no temp file left behind"


def test_concurrent_settings_writes_never_crash(tmp_path: Path) -> None:
    data_dir = tmp_path / "fresh"
    results = _race(WRITE_SETTINGS, data_dir, "cam")
    for r in results:
        assert r.returncode == 0, r.stderr
    assert 'source = "cam' in (data_dir / "config.toml").read_text(encoding="utf-8")
    assert not list(data_dir.glob("*.tmp")) and not list(data_dir.glob(".*.tmp"))
