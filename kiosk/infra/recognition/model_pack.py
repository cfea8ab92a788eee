"""Installing weight files from the frozen kiosk's model pack (see :mod:`kiosk.infra.bundle`).

A bundle built by ``installer/build.sh`` carries the offline profile's weights, and the
Facenet512/YuNet ones when the build machine had them. When a profile's files are missing
from the data folder, they are taken from the pack: each is checked against the pack's sha256
first, then installed the usual way (loaded once to prove it is the model, recorded in the
data folder's own manifest), so a classroom PC never needs the internet for them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.infra import bundle
from kiosk.infra.recognition import weights
from kiosk.infra.recognition.profiles import ModelProfile, WeightFile
from kiosk.infra.recognition.weights.acquisition import install_many

log = logging.getLogger(__name__)

_USABLE = (weights.FileState.INSTALLED, weights.FileState.UNVERIFIED)


def install_missing(weights_dir: Path, profile: ModelProfile, pack_dir: Path | None = None) -> list[str]:
    """Install ``profile``'s missing or damaged files from the model pack; the names installed.

    ``pack_dir`` defaults to this bundle's pack; outside a bundle (and for files the pack does
    not hold) nothing happens. A pack file that fails its checksum raises
    :class:`~kiosk.infra.bundle.ModelPackDamaged`, and nothing is installed.
    """
    folder = pack_dir if pack_dir is not None else bundle.model_pack_dir()
    if folder is None:
        return []
    pack = bundle.read_pack(folder)
    current = weights.profile_status(weights_dir, profile)
    items: list[tuple[WeightFile, Path, str]] = []
    for wf, fs in zip(profile.weights, current.files, strict=True):
        entry = pack.get(wf.file_name)
        if fs.state in _USABLE or entry is None:
            continue
        items.append((wf, bundle.verify_file(folder, entry), f"bundle:{wf.file_name}"))
    if not items:
        return []
    log.info("Installing %s from the kiosk's model pack", ", ".join(wf.file_name for wf, _, _ in items))
    install_many(weights_dir, items)  # all or nothing, each file loaded once to prove it
    return [wf.file_name for wf, _, _ in items]
