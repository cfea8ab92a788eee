"""The one place that prepares the environment for deepface and imports it.

deepface reads ``DEEPFACE_BACKEND_ENGINE`` once, on its first import, and ``DEEPFACE_HOME``
each time it looks for a weight file; its logger reads ``DEEPFACE_LOG_LEVEL`` once and prints
to stdout. So these are set here before deepface is imported, and deepface is only ever
imported through :func:`modeling` and friends, lazily, never at module level.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

from kiosk.core.errors import KioskError

log = logging.getLogger(__name__)

ENGINE = "onnx"
_lock = threading.RLock()
# Models built per (task, model name, weights folder): deepface's own cache is keyed by the
# model name only, which would mix up two weights folders (and test stand-ins) in one process.
_models: dict[tuple[str, str, str], Any] = {}


def weights_folder(deepface_home: Path) -> Path:
    """Where deepface looks for weight files under its home."""
    return deepface_home / ".deepface" / "weights"


def configure(deepface_home: Path) -> None:
    """Point deepface at ``deepface_home`` and force the ONNX engine (no TensorFlow)."""
    os.environ["DEEPFACE_BACKEND_ENGINE"] = ENGINE
    os.environ["DEEPFACE_HOME"] = str(deepface_home)
    # deepface's logger prints to stdout; keep it to errors unless asked otherwise.
    os.environ.setdefault("DEEPFACE_LOG_LEVEL", str(logging.ERROR))
    weights_folder(deepface_home).mkdir(parents=True, exist_ok=True)


def _check_engine() -> None:
    from deepface.commons import backend_utils

    engine = backend_utils.get_backend_engine()
    if engine != ENGINE:
        raise KioskError(
            f"deepface was started on the {engine} engine instead of {ENGINE}.",
            "Set DEEPFACE_BACKEND_ENGINE=onnx before anything imports deepface.",
        )


def modeling() -> Any:
    os.environ.setdefault("DEEPFACE_BACKEND_ENGINE", ENGINE)
    os.environ.setdefault("DEEPFACE_LOG_LEVEL", str(logging.ERROR))
    from deepface.modules import modeling as module

    _check_engine()
    return module


def detection() -> Any:
    modeling()
    from deepface.modules import detection as module

    return module


def preprocessing() -> Any:
    modeling()
    from deepface.modules import preprocessing as module

    return module


def weight_utils() -> Any:
    modeling()
    from deepface.commons import weight_utils as module

    return module


def build(task: str, model_name: str, deepface_home: Path) -> Any:
    """Build (once per weights folder) deepface's model ``model_name`` for ``task``.

    Uses the class deepface's ``modeling`` module picks for the ONNX engine, as
    ``modeling.build_model`` does, but caches it per weights folder.
    """
    key = (task, model_name, str(deepface_home.resolve()))
    with _lock:
        model = _models.get(key)
        if model is None:
            configure(deepface_home)
            model_class = modeling().get_model_class(task=task, model_name=model_name)
            log.info("Loading %s %s from %s", task.replace("_", " "), model_name, deepface_home)
            model = model_class()
            _models[key] = model
        return model


def forget(deepface_home: Path) -> None:
    """Drop the models built from ``deepface_home`` (after its weight files changed)."""
    home = str(deepface_home.resolve())
    with _lock:
        for key in [k for k in _models if k[2] == home]:
            del _models[key]
