"""Provisioning of the face models' weight files, in three parts:

- :mod:`.manifest`: where the files live, the sha256 manifest beside them, each file's state;
- :mod:`.validation`: checking a file is the model it claims to be;
- :mod:`.acquisition`: download, offline install from ``face_recognition_models``, import;
- :mod:`.readiness`: whether a profile can load, before it does.

Every function takes the configured weights folder (``Settings.weights_dir``, deepface's home)
and, where it matters, a profile, never the whole settings.
"""

from __future__ import annotations

from kiosk.infra.recognition.weights.acquisition import (
    CONNECT_TIMEOUT_S,
    OFFLINE_PACKAGE,
    FetchProgress,
    ProgressCallback,
    fetch,
    import_weights,
    install_offline,
    offline_package_folder,
    source_reachable,
)
from kiosk.infra.recognition.weights.manifest import (
    MANIFEST_NAME,
    FileState,
    FileStatus,
    ProfileStatus,
    manifest_path,
    profile_status,
    read_manifest,
    sha256_of,
    status,
    weights_folder,
)
from kiosk.infra.recognition.weights.readiness import WAYS_ON, describe_error, ensure_ready, pin_unverified
from kiosk.infra.recognition.weights.validation import WeightsCorrupt, validate_weight_file

__all__ = [
    "CONNECT_TIMEOUT_S",
    "MANIFEST_NAME",
    "OFFLINE_PACKAGE",
    "WAYS_ON",
    "FetchProgress",
    "FileState",
    "FileStatus",
    "ProfileStatus",
    "ProgressCallback",
    "WeightsCorrupt",
    "describe_error",
    "ensure_ready",
    "fetch",
    "import_weights",
    "install_offline",
    "manifest_path",
    "offline_package_folder",
    "pin_unverified",
    "profile_status",
    "read_manifest",
    "sha256_of",
    "source_reachable",
    "status",
    "validate_weight_file",
    "weights_folder",
]
