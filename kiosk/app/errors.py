"""Any failure, in plain words: what front ends show when background work goes wrong.

A :class:`~kiosk.core.errors.KioskError` is already plain. A database that stopped
answering becomes :class:`~kiosk.core.errors.OfflineRefused` (roster changes and enrollment
go straight to the database, so they are refused while it is away). Anything else is a
bug: logged with its traceback, shown as one sentence and where the details are.

Here rather than in the GUI: the GUI may not import the database driver's exceptions.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import OperationalError

from kiosk.core.errors import KioskError, OfflineRefused

log = logging.getLogger(__name__)


def as_kiosk_error(exc: BaseException, what: str = "The background work") -> KioskError:
    """A message a person can read for any failure of ``what`` (e.g. "Reading the tables")."""
    if isinstance(exc, KioskError):
        return exc
    if isinstance(exc, OperationalError):
        log.warning("A change needed the database, which is unreachable: %s", type(exc).__name__)
        return OfflineRefused(
            "The school's database cannot be reached right now, so this change was not saved.",
            "Try again when the network is back; taking attendance keeps working meanwhile.",
        )
    log.error("%s failed unexpectedly", what, exc_info=exc)
    return KioskError(
        # Only the type: the text of a driver error can hold a connection URL with its password.
        f"{what} failed unexpectedly ({type(exc).__name__}).",
        "The details are in the kiosk's log file; try again, or restart the kiosk.",
    )
