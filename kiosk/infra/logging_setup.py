"""Logging handlers, configured once by the entry point.

The log file (in the data folder) gets INFO and up; the terminal gets warnings only, since
commands print their own results. Nothing logged may hold face vectors, photos or passwords:
both handlers pass every record through :class:`~kiosk.infra.redaction.PersonalDataFilter`.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from kiosk.infra.config import Settings
from kiosk.infra.private_files import create_private_file, private_dir, tighten
from kiosk.infra.redaction import PersonalDataFilter

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every log file, the first and each one after a rotation, is created with mode 0600."""

    def _open(self):  # type: ignore[no-untyped-def]  # (the base class leaves it untyped)
        create_private_file(Path(self.baseFilename))
        return super()._open()


def configure_logging(settings: Settings, *, verbose: bool = False) -> None:
    root = logging.getLogger()
    # Replace the handlers of an earlier call (tests and the demo call main() repeatedly, with
    # other data folders and other stderr streams).
    for old in [h for h in root.handlers if getattr(h, "_kiosk_handler", False)]:
        root.removeHandler(old)
        old.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    console._kiosk_handler = True  # type: ignore[attr-defined]
    # On the handlers, not a logger: records propagated from any library pass through them.
    console.addFilter(PersonalDataFilter())
    root.addHandler(console)
    try:
        private_dir(settings.data_dir)
        tighten(settings.data_dir)
        private_dir(settings.log_dir)
        file_handler = _PrivateRotatingFileHandler(
            settings.log_dir / "kiosk.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        pass  # an unwritable data dir is reported by the command that needs it
    else:
        file_handler.setFormatter(logging.Formatter(_FORMAT))
        file_handler._kiosk_handler = True  # type: ignore[attr-defined]
        file_handler.addFilter(PersonalDataFilter())
        root.addHandler(file_handler)
    # Third-party chatter (deepface prints model loads at INFO) stays in the file.
    for noisy in ("deepface", "alembic", "PIL", "h5py"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
