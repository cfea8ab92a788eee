"""Real media for the camera tests: small videos and images written into tmp_path."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from camera_media import PEOPLE_DIR, VideoMaker, write_video


@pytest.fixture
def make_video(tmp_path: Path) -> VideoMaker:
    """``make_video(name="clip.mp4", frames=20, fps=10.0, size=(160, 120))`` writes a numbered MP4."""

    def make(name: str = "clip.mp4", **options: object) -> Path:
        return write_video(tmp_path / name, **options)  # type: ignore[arg-type]

    return make


@pytest.fixture
def people_dir() -> Path:
    if not PEOPLE_DIR.is_dir():
        pytest.skip(f"test photos missing: {PEOPLE_DIR}")
    return PEOPLE_DIR


@pytest.fixture
def no_leaked_threads() -> Iterator[None]:
    """Fail the test if it leaves threads running."""
    before = threading.active_count()
    yield
    assert threading.active_count() == before, [t.name for t in threading.enumerate()]
