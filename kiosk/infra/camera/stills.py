"""Still images as a frame source: a folder of pictures in natural order, or one picture."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.core.errors import CameraError
from kiosk.core.ordering import natural_key
from kiosk.core.photos import IMAGE_SUFFIXES
from kiosk.infra.camera._opencv import decode_image
from kiosk.infra.camera.frame import Image
from kiosk.infra.camera.source_base import (
    DEFAULT_IMAGE_FPS,
    SOURCE_HINT,
    FrameSource,
    Pacer,
    require_regular_file,
)
from kiosk.infra.image_guard import ImageRefused

log = logging.getLogger(__name__)


class _StillImageSource(FrameSource):
    """Still images in order, each delivered ``repeat`` times, then the source ends.

    ``realtime`` paces the frames at ``fps``; otherwise they come as fast as they decode.
    """

    def __init__(self, *, fps: float, realtime: bool, repeat: int) -> None:
        super().__init__()
        self.fps = fps
        self.realtime = realtime
        self.repeat = max(1, repeat)
        self.files: list[Path] = []
        self._index = 0
        self._current: Image | None = None
        self._left = 0
        self._pacer: Pacer | None = None

    @property
    def nominal_fps(self) -> float | None:
        return self.fps

    def _start(self, files: list[Path], first: Image | None = None) -> None:
        """Begin with ``files``; ``first``: the first file, already decoded."""
        self.files = files
        self._index, self._current, self._left = (
            (1, first, self.repeat) if first is not None else (0, None, 0)
        )
        self._pacer = Pacer(self.fps) if self.realtime else None

    def _read(self) -> Image | None:
        while self._left == 0:
            if self._index >= len(self.files):
                return None
            path = self.files[self._index]
            self._index += 1
            try:
                image = decode_image(path)
            except ImageRefused as refused:
                log.warning("skipping %s: %s", path, refused.message)
                continue
            if image is None:
                log.warning("skipping %s: not an image that can be decoded", path)
                continue
            self._current, self._left = image, self.repeat
        if self._pacer is not None:
            self._pacer.wait()
        self._left -= 1
        assert self._current is not None
        return self._current.copy()  # consumers may draw on frames; the repeat must stay clean

    def _close(self) -> None:
        self._current = None


class ImageFolderSource(_StillImageSource):
    """Every image in a folder (not its subfolders), in name order, each ``repeat`` times.

    Files that cannot be decoded are skipped with a warning.
    """

    def __init__(
        self, folder: Path | str, *, fps: float = DEFAULT_IMAGE_FPS, realtime: bool = False, repeat: int = 1
    ) -> None:
        super().__init__(fps=fps, realtime=realtime, repeat=repeat)
        self.folder = Path(folder)

    @property
    def description(self) -> str:
        return f"Image folder {self.folder.name or self.folder} ({len(self.files)} images)"

    def _open(self) -> None:
        if not self.folder.is_dir():
            raise CameraError(f"The folder {self.folder} does not exist.", "Check the path.")
        try:
            entries = list(self.folder.iterdir())
        except OSError as exc:
            raise CameraError(
                f"The folder {self.folder} cannot be read ({exc.strerror}).", "Check its permissions."
            ) from None
        files = sorted(
            (p for p in entries if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()),
            key=lambda p: natural_key(p.name),
        )
        if not files:
            raise CameraError(
                f"The folder {self.folder} contains no images.",
                f"Put .jpg or .png pictures in it, or choose another source. {SOURCE_HINT}",
            )
        self._start(files)


class ImageFileSource(_StillImageSource):
    """One image, delivered ``repeat`` times, then the source ends."""

    def __init__(
        self, path: Path | str, *, repeat: int = 1, fps: float = DEFAULT_IMAGE_FPS, realtime: bool = False
    ) -> None:
        super().__init__(fps=fps, realtime=realtime, repeat=repeat)
        self.path = Path(path)

    @property
    def description(self) -> str:
        return f"Image {self.path.name}"

    def _open(self) -> None:
        require_regular_file(self.path)
        if not self.path.is_file():
            raise CameraError(f"The image file {self.path} does not exist.", "Check the path.")
        try:
            image = decode_image(self.path)
        except ImageRefused as refused:
            raise CameraError(refused.message, refused.hint) from None
        if image is None:
            raise CameraError(
                f"{self.path} is not an image that can be read.",
                f"Use a .jpg or .png picture, or choose another source. {SOURCE_HINT}",
            )
        self._start([self.path], first=image)
