"""dlib's embedding in its helper process: same vectors, and the kiosk survives its loss."""

from __future__ import annotations

import dataclasses
import threading
import time

import numpy as np
import pytest

from kiosk.infra.config import Settings
from kiosk.infra.recognition.pipeline import FacePipeline

pytestmark = pytest.mark.recognition


def in_process(settings: Settings) -> Settings:
    return dataclasses.replace(
        settings, recognition=dataclasses.replace(settings.recognition, dlib_in_subprocess=False)
    )


def test_helper_process_gives_the_same_vectors_and_releases_the_gil(
    dlib_settings: Settings, dlib_pipeline: FacePipeline, portrait: np.ndarray
) -> None:
    assert dlib_pipeline.embedder._dlib is not None and dlib_pipeline.embedder._dlib.alive
    local = FacePipeline(in_process(dlib_settings))
    assert local.embedder._dlib is None
    face, vector = dlib_pipeline.embed_single(portrait, jitters=0)  # jitter is random: compare without
    _, expected = local.embed_single(portrait, jitters=0)
    np.testing.assert_allclose(vector, expected, atol=1e-6)

    # While the helper embeds, another Python thread keeps running (a GUI thread would paint).
    gaps: list[float] = []
    done = threading.Event()

    def ticker() -> None:
        last = time.perf_counter()
        while not done.is_set():
            time.sleep(0.002)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    thread = threading.Thread(target=ticker)
    thread.start()
    for _ in range(5):
        dlib_pipeline.embed([face])
    done.set()
    thread.join()
    assert max(gaps) < 0.06, f"another thread was blocked for {max(gaps) * 1000:.0f} ms"


def test_a_dead_helper_falls_back_to_embedding_in_process(
    dlib_settings: Settings, portrait: np.ndarray, caplog: pytest.LogCaptureFixture
) -> None:
    pipeline = FacePipeline(dlib_settings)
    helper = pipeline.embedder._dlib
    assert helper is not None
    face, before = pipeline.embed_single(portrait, jitters=0)
    helper._proc.kill()
    helper._proc.wait()
    after = pipeline.embed([face])[0]
    np.testing.assert_allclose(after, before, atol=1e-6)
    assert pipeline.embedder._dlib is None
    assert "embedding in this process" in caplog.text
    # The next pipeline starts a fresh helper.
    assert FacePipeline(dlib_settings).embedder._dlib is not None
