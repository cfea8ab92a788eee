"""Messages that said the wrong thing, and tracebacks where a quiet exit belongs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.foundation._helpers import run_cli_subprocess

REPO_ROOT = Path(__file__).resolve().parents[2]


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO_ROOT))


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_camera_source_that_is_a_device_or_fifo_says_what_it_is(tmp_path: Path, kind: str) -> None:
    from kiosk.core.errors import CameraError
    from kiosk.infra.camera.sources import open_source

    if kind == "fifo":
        source = tmp_path / "pipe"
        os.mkfifo(source)
        expected = "is a named pipe (FIFO)"
    else:
        source = Path("/dev/zero")
        expected = "is a device file"
    with pytest.raises(CameraError) as caught:
        open_source(str(source))  # must not block on the FIFO nor read /dev/zero forever
    assert expected in caught.value.message
    assert "does not exist" not in caught.value.message


@pytest.mark.parametrize("value", ["nan", "inf", "-5", "0", "soon"])
def test_duration_that_is_not_a_positive_finite_number_is_refused(tmp_path: Path, value: str) -> None:
    result = run_cli_subprocess(
        ["--data-dir", str(tmp_path / "d"), "run", "--class", "7A", "--headless", "--duration", value]
    )
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "argument --duration" in result.err and "positive number of seconds" in result.err


def test_output_into_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    from kiosk.app.database import Database
    from kiosk.infra.config import load_settings
    from kiosk.infra.db.engine import session_factory, unit_of_work
    from kiosk.infra.db.repo import classes, students

    base = ["--data-dir", str(tmp_path / "d")]
    engine = Database.open(load_settings(data_dir=tmp_path / "d")).engine
    with unit_of_work(session_factory(engine)) as s:
        classes.add_class(s, "7A", "Physics")
        for i in range(400):  # more output than a pipe buffer holds (64 KiB)
            students.add_student(s, student_id=f"S{i:03d}", name="N" * 200, class_code="7A")
    engine.dispose()
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk", *base, "student", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        cwd=REPO_ROOT,
    )
    assert kiosk.stdout is not None and kiosk.stderr is not None
    kiosk.stdout.readline()  # like `| head -1`: read one line, then close the pipe
    kiosk.stdout.close()
    err = kiosk.stderr.read().decode()
    kiosk.wait(timeout=60)
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err


@pytest.mark.recognition
def test_dlib_helper_exits_quietly_when_its_parent_is_killed(dlib_models_dir: Path, tmp_path: Path) -> None:
    model = next(dlib_models_dir.rglob("dlib_face_recognition_resnet_model_v1.dat"))
    parent_script = (
        "import sys, numpy as np\n"
        "from pathlib import Path\n"
        "from kiosk.infra.recognition.dlib_process import DlibEmbedProcess\n"
        "p = DlibEmbedProcess(Path(sys.argv[1]))\n"
        "print('ready', p._proc.pid, flush=True)\n"
        "p.embed(np.zeros((48, 150, 150, 3), np.uint8))\n"
    )
    stderr_file = tmp_path / "stderr.txt"
    with stderr_file.open("wb") as err:
        parent = subprocess.Popen(
            [sys.executable, "-c", parent_script, str(model)],
            stdout=subprocess.PIPE,
            stderr=err,
            env=_env(),
            cwd=REPO_ROOT,
        )
        assert parent.stdout is not None
        word, helper_pid = parent.stdout.readline().split()
        assert word == b"ready"
        time.sleep(0.5)  # the helper is embedding the batch
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    # The helper notices when it answers; give it time to finish the batch and exit. Follow this
    # helper's own pid: other kiosks' helpers (other tests, other checkouts) may be running.
    deadline = time.monotonic() + 60
    helper_gone = False
    while time.monotonic() < deadline and not helper_gone:
        try:
            state = Path(f"/proc/{int(helper_pid)}/status").read_text(errors="replace")
        except FileNotFoundError:
            state = ""  # gone and reaped
        helper_gone = not state or "State:\tZ" in state  # a zombie has exited
        time.sleep(0.2)
    assert helper_gone, "the helper must exit when its parent is gone"
    text = stderr_file.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text and "BrokenPipe" not in text, text
