"""Build the bundle's model pack: weight files under deepface's names plus ``model-pack.json``.

Usage: python installer/pyinstaller/make_model_pack.py DEST_FOLDER

The offline profile's files always come from the ``face-recognition-models`` package (their
official sha256 is checked). Every other profile's files (Facenet512 + YuNet) are packed when
this build machine has all of them, looked up in ``KIOSK_MODEL_SOURCES`` (folders separated by
``:``), then in the weights folders the kiosk and deepface use on this machine; each is loaded
once to prove it is the model before it is packed. Dlib's 68-point landmark model, which the
offline liveness check (``[liveness] check = "motion"``) needs, is packed from the same package
under its own name, where :func:`kiosk.infra.recognition.liveness_motion.landmarks_model_path`
looks first. Prints one line per profile.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from kiosk import __version__
from kiosk.infra import bundle
from kiosk.infra.config import default_data_dir
from kiosk.infra.recognition import _deepface, weights
from kiosk.infra.recognition.liveness_motion import LANDMARKS_FILE, LANDMARKS_SHA256
from kiosk.infra.recognition.profiles import DLIB_OFFLINE, PROFILES, WeightFile

log = logging.getLogger("make_model_pack")

# The manifest's label for the liveness file: not a recognition profile, so `kiosk models fetch`
# never copies it into a data folder; the motion check reads it from the pack in place.
LIVENESS_LABEL = "liveness-motion"


def search_folders() -> list[Path]:
    folders = [Path(p) for p in os.environ.get("KIOSK_MODEL_SOURCES", "").split(":") if p]
    homes = [os.environ.get("KIOSK_DATA_DIR"), str(default_data_dir())]
    folders += [_deepface.weights_folder(Path(h) / "models") for h in homes if h]
    folders += [
        _deepface.weights_folder(Path(h)) for h in (os.environ.get("DEEPFACE_HOME"), str(Path.home())) if h
    ]
    return folders


def find(wf: WeightFile, folders: list[Path]) -> Path | None:
    for folder in folders:
        candidate = folder / wf.file_name
        if candidate.is_file() and candidate.stat().st_size > 0:
            try:
                weights.validate_weight_file(candidate, wf)
            except weights.WeightsCorrupt as exc:
                log.warning("skipping %s: %s", candidate, exc.message)
                continue
            return candidate
    return None


def main(dest: Path) -> int:
    dest.mkdir(parents=True, exist_ok=True)
    package = weights.offline_package_folder()
    if package is None:
        log.error("the face-recognition-models package is not installed: no offline weights to pack")
        return 1
    folders = search_folders()
    entries: list[bundle.PackFile] = []
    for profile in PROFILES.values():
        sources: list[tuple[WeightFile, Path]] = []
        for wf in profile.weights:
            if profile is DLIB_OFFLINE:
                src = package / str(wf.offline_package_file)
                weights.validate_weight_file(src, wf)  # the official sha256
                sources.append((wf, src))
            elif (found := find(wf, folders)) is not None:
                sources.append((wf, found))
        if len(sources) != len(profile.weights):
            print(f"model pack: {profile.name}: not packed (its weight files are not on this machine)")
            continue
        for wf, src in sources:
            target = dest / wf.file_name
            shutil.copyfile(src, target)
            entries.append(
                bundle.PackFile(wf.file_name, bundle.sha256_of(target), target.stat().st_size, profile.name)
            )
        size_mb = sum(e.size for e in entries if e.profile == profile.name) / 1e6
        print(f"model pack: {profile.name}: packed {len(sources)} files ({size_mb:.1f} MB)")
    landmarks = pack_liveness_landmarks(package, dest)
    if landmarks is None:
        return 1
    entries.append(landmarks)
    bundle.write_pack_manifest(dest, entries, __version__)
    problems = bundle.check_pack(dest, full=True)
    if problems:
        log.error("the model pack does not verify: %s", "; ".join(problems))
        return 1
    return 0


def pack_liveness_landmarks(package: Path, dest: Path) -> bundle.PackFile | None:
    """Copy dlib's 68-point model (the motion liveness check's) into the pack, official sha256 checked."""
    src = package / LANDMARKS_FILE
    if not src.is_file() or bundle.sha256_of(src) != LANDMARKS_SHA256:
        log.error("%s is missing from %s or is not the official file", LANDMARKS_FILE, package)
        return None
    target = dest / LANDMARKS_FILE
    shutil.copyfile(src, target)
    size = target.stat().st_size
    print(f"model pack: {LIVENESS_LABEL}: packed {LANDMARKS_FILE} ({size / 1e6:.1f} MB)")
    return bundle.PackFile(LANDMARKS_FILE, bundle.sha256_of(target), size, LIVENESS_LABEL)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="make_model_pack: %(message)s")
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__ or "")
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))
