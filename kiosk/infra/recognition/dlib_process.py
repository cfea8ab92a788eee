"""dlib's face embedding in a helper process, so it never stalls the kiosk's other threads.

dlib's ``compute_face_descriptor`` holds Python's GIL for its whole run (about 90 ms per
face on a 2-core PC, measured), so while it runs on the recognition thread the GUI thread
cannot paint and the camera thread cannot hand over frames. In a child process it runs
beside them: waiting for the child's answer releases the GIL. The child
(``python -m kiosk.infra.recognition.dlib_process MODEL``) loads only dlib and numpy.

Protocol over the child's stdin/stdout: a request is a 20-byte header (n, height, width,
channels, jitters as little-endian int32) and the ``uint8`` RGB pixels; the answer is a status
byte (``0`` then n x 128 float32, or ``1`` then a UTF-8 error line). A header with n = 0 ends
it. The pixels are what dlib gets in-process (an aligned chip, or deepface's crop prepared as
deepface's own dlib client does), so vectors equal the in-process ones.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

import numpy as np
from numpy.typing import NDArray

log = logging.getLogger(__name__)

DIM = 128
_HEADER = struct.Struct("<5i")


def deepface_dlib_input(batch_bgr01: NDArray[np.float32]) -> NDArray[np.uint8]:
    """The array deepface's ``DlibClient.forward`` passes to dlib, from a BGR [0, 1] batch."""
    img: NDArray[Any] = batch_bgr01[:, :, :, ::-1]
    if img.max() <= 1:
        img = img * 255
    return np.ascontiguousarray(img.astype(np.uint8))


def _read_exact(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size)
    if data is None or len(data) != size:
        raise EOFError("the dlib helper process closed its output")
    return data


class DlibEmbedProcess:
    """One child process holding dlib's face recognition model; calls are serialised."""

    def __init__(self, model_path: Path) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk.infra.recognition.dlib_process", str(model_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self._lock = threading.Lock()
        assert self._proc.stdout is not None
        if _read_exact(self._proc.stdout, 1) != b"R":  # the model loaded
            self.close()
            raise RuntimeError("the dlib helper process did not start")

    def embed(self, batch: NDArray[np.uint8], jitters: int = 0) -> NDArray[np.float32]:
        """Descriptors of ``batch`` (n, h, w, 3) RGB faces; ``jitters`` is dlib's ``num_jitters``."""
        n, h, w, c = batch.shape
        assert self._proc.stdin is not None and self._proc.stdout is not None
        with self._lock:
            self._proc.stdin.write(_HEADER.pack(n, h, w, c, jitters) + np.ascontiguousarray(batch).tobytes())
            self._proc.stdin.flush()
            status = _read_exact(self._proc.stdout, 1)  # blocks without holding the GIL
            if status != b"\x00":
                raise RuntimeError(self._proc.stdout.readline().decode("utf-8", "replace").strip())
            data = _read_exact(self._proc.stdout, n * DIM * 4)
        return np.frombuffer(data, dtype="<f4").reshape(n, DIM).astype(np.float32)

    @property
    def alive(self) -> bool:
        return self._proc.poll() is None

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):  # already gone
            assert self._proc.stdin is not None
            self._proc.stdin.write(_HEADER.pack(0, 0, 0, 0, 0))
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(timeout=5)
        if self._proc.stdout is not None:
            self._proc.stdout.close()


_shared: dict[Path, DlibEmbedProcess] = {}
_shared_lock = threading.Lock()


def shared_process(model_path: Path) -> DlibEmbedProcess | None:
    """The helper process for ``model_path`` (one per weights file), or ``None`` when it
    cannot run here; the caller then embeds in-process."""
    model_path = model_path.resolve()  # data folders that link one models folder share a helper
    with _shared_lock:
        proc = _shared.get(model_path)
        if proc is not None and proc.alive:
            return proc
        try:
            proc = DlibEmbedProcess(model_path)
        except (OSError, EOFError, RuntimeError) as exc:
            log.warning("dlib embedding stays in this process (%s): the screen may stutter", exc)
            return None
        _shared[model_path] = proc
        return proc


@atexit.register
def _close_all() -> None:
    with _shared_lock:
        for proc in _shared.values():
            proc.close()
        _shared.clear()


def _serve(model_path: str) -> int:  # the child process
    try:
        return _serve_requests(model_path)
    except (BrokenPipeError, ConnectionResetError, EOFError):
        # The kiosk is gone (killed, crashed): nobody to answer, nothing to report. Point
        # stdout at /dev/null so Python's flush at exit does not complain either.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        return 0


def _serve_requests(model_path: str) -> int:
    import dlib

    inp, out = sys.stdin.buffer, sys.stdout.buffer
    model = dlib.face_recognition_model_v1(model_path)
    out.write(b"R")
    out.flush()
    while True:
        try:
            n, h, w, c, jitters = _HEADER.unpack(_read_exact(inp, _HEADER.size))
        except EOFError:
            return 0
        if n == 0:
            return 0
        batch = np.frombuffer(_read_exact(inp, n * h * w * c), dtype=np.uint8).reshape(n, h, w, c)
        try:
            descriptors = model.compute_face_descriptor(list(batch), jitters)
            vectors = np.asarray([np.asarray(d) for d in descriptors], dtype="<f4")
            out.write(b"\x00" + vectors.tobytes())
        except Exception as exc:  # report it, keep serving
            out.write(b"\x01" + f"dlib failed: {exc}".replace("\n", " ").encode() + b"\n")
        out.flush()


if __name__ == "__main__":
    raise SystemExit(_serve(sys.argv[1]))
