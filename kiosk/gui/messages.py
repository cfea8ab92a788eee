"""Messages in words a teacher can act on: no setting names, variables or command options.

Errors raised below the GUI carry hints for whoever runs the kiosk (``[camera] source``,
``KIOSK_CAMERA``, ``--data-dir``): right on the command line, wrong on a classroom screen.
The window swaps such a hint for what a teacher can do; the original stays in the log
for the school's admin.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QCoreApplication

from kiosk.core.errors import KioskError
from kiosk.infra.camera.sources import SOURCE_HINT

log = logging.getLogger(__name__)

# A config section ([camera]), an environment variable (KIOSK_CAMERA), an option (--camera).
ADMIN_WORDS = re.compile(r"\[[a-z][a-z_.]*\]|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|(?<![\w-])--[a-z][a-z-]+")


def has_admin_words(text: str) -> bool:
    return bool(ADMIN_WORDS.search(text))


def ask_admin() -> str:
    return QCoreApplication.translate("messages", "If it keeps happening, ask the school's admin.")


def teacher_hint(hint: str, fallback: str | None = None) -> str:
    """``hint`` when a teacher can act on it, else ``fallback`` (the admin's hint goes to the log)."""
    if not hint or not has_admin_words(hint):
        return hint
    log.info("Hint for the admin, not shown on screen: %s", hint)
    return fallback if fallback is not None else ask_admin()


def camera_hint(hint: str) -> str:
    """A camera problem's hint for teachers: what was found stays, the settings advice goes."""
    kept = hint.replace(SOURCE_HINT, "").strip()
    choose = QCoreApplication.translate("messages", "Choose another camera, or ask the school's admin.")
    if not kept or has_admin_words(kept):
        return teacher_hint(hint, choose)
    if SOURCE_HINT in hint:
        log.info("Hint for the admin, not shown on screen: %s", SOURCE_HINT)
        return f"{kept} {choose}"
    return kept


def camera_text(message: str, hint: str) -> str:
    hint = camera_hint(hint)
    return message + (f" {hint}" if hint else "")


def error_text(exc: KioskError) -> str:
    """The error's message, and its hint when a teacher can act on it."""
    hint = teacher_hint(exc.hint)
    return exc.message + (f"\n\n{hint}" if hint else "")
